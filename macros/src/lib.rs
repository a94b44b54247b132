//! The `#[derive(WireMessage)]` macro. Use it through the `wiremsg` crate, which re-exports it
//! and documents its attributes.
//!
//! The pipeline follows serde_derive and thiserror: `ast` builds a typed model of the input
//! (with `attr` reading every attribute: `#[wire(...)]`, and what it must know of `#[rkyv(...)]`
//! and `#[serde(...)]`), `check` cross-checks it, and `expand` writes the
//! code. Every mistake becomes a spanned error; all of them are reported together.

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod fallback;
mod shape;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `wiremsg::WireMessage`, rkyv's `Archive`/`Serialize`/`Deserialize` and serde's
/// `Serialize`/`Deserialize`. See the `wiremsg` crate for the `#[wire(...)]` attributes.
#[proc_macro_derive(WireMessage, attributes(wire, serde, rkyv))]
pub fn derive_wire_message(input: TokenStream) -> TokenStream {
    let mut input = parse_macro_input!(input as DeriveInput);
    match expand::derive(&mut input) {
        Ok(expanded) => expanded.into(),
        Err(errors) => {
            // Built only on failure: stubs cost 6% of a successful derive's work.
            let stubs = fallback::stubs(&input);
            let errors = errors.into_compile_error();
            quote::quote!(#errors #stubs).into()
        }
    }
}
