//! The serde impls: written out directly for a plain struct or enum (`direct.rs`), otherwise
//! handed to serde's own derive on a hidden shadow and forwarded (`shadow.rs`), with the bounds
//! serde_derive would infer (`bound.rs`).

mod bound;
mod direct;
mod shadow;
mod split;

use super::Paths;
use crate::ast::Input;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

/// The serde impls of `input`, and whether its `Deserialize` is for every lifetime (`false` when
/// it borrows `'static` data: see `shadow.rs`).
pub fn expand(input: &Input, paths: &Paths) -> syn::Result<(TokenStream, bool)> {
    let (impls, deserialize_owned) = if direct::applies(input) {
        (direct::expand(input, paths), true)
    } else {
        shadow::expand(input, paths)?
    };
    let check = crate_path_check(input, paths, deserialize_owned);
    Ok((quote!(#impls #check), deserialize_owned))
}

/// For an item with `#[serde(crate = "path")]`, whose serde impls are `path`'s as with serde's
/// derive: a check, reported on the path, that `path` is serde itself, which wiremsg's JSON
/// codecs need. Generic and borrowing items are checked where their instances are used.
fn crate_path_check(input: &Input, paths: &Paths, deserialize_owned: bool) -> TokenStream {
    let Some(path) = &input.serde_crate else {
        return TokenStream::new();
    };
    if !input.generics().params.is_empty() || !deserialize_owned {
        return TokenStream::new();
    }
    let krate = &paths.krate;
    let mut ident = input.ident().clone();
    ident.set_span(path.span());
    quote_spanned! {path.span()=>
        const _: () = #krate::__private::assert_serde_crate_path::<#ident>();
    }
}
