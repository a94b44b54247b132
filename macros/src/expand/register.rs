//! Link-time registration: a non-generic type submits its `RegistryEntry` to `inventory`, so
//! `wiremsg::registry()` finds it with no start-up call; through a macro of the runtime, which
//! expands to nothing when its `auto-register` feature is off.

use super::Paths;
use crate::ast::Input;
use proc_macro2::TokenStream;
use quote::quote;

/// The registration of the type's entry (`wiremsg::register!`, unless the runtime's
/// `auto-register` feature is off), or nothing for a generic type: only concrete
/// instantiations can be registered, and the derive cannot know which ones exist
/// (`Registry::register::<Envelope<Chat>>()` names one). Nothing either for a type that borrows
/// `'static` (`!deserialize_owned`), which can never be decoded into an owned value.
pub fn expand(input: &Input, paths: &Paths, deserialize_owned: bool) -> TokenStream {
    if !input.generics().params.is_empty() || !deserialize_owned {
        return TokenStream::new();
    }
    let krate = &paths.krate;
    let ident = input.ident();
    quote! {
        #krate::__private::auto_register!(#ident);
    }
}
