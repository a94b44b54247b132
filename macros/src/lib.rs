//! The `#[derive(WireMessage)]` macro. Use it through the `wiremsg` crate, which re-exports it
//! and documents its attributes.
//!
//! The pipeline follows serde_derive and thiserror: `ast` builds a typed model of the input
//! (with `attr` parsing `#[wire(...)]`), `check` cross-checks it, and `expand` writes the
//! code. Every mistake becomes a spanned error; all of them are reported together.

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod meta;
mod rkyv_attr;
mod shape;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `wiremsg::WireMessage`, rkyv's `Archive`/`Serialize`/`Deserialize` and serde's
/// `Serialize`/`Deserialize`. See the `wiremsg` crate for the `#[wire(...)]` attributes.
#[proc_macro_derive(WireMessage, attributes(wire, serde, rkyv))]
pub fn derive_wire_message(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
