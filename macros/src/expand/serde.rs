//! The serde impls: written out directly for a plain struct or enum (`direct.rs`), otherwise
//! handed to serde's own derive on a hidden shadow and forwarded (`shadow.rs`), with the bounds
//! serde_derive would infer (`bound.rs`).

mod bound;
mod direct;
mod shadow;

use super::Paths;
use crate::ast::Input;
use proc_macro2::TokenStream;

/// The serde impls of `input`, and whether its `Deserialize` is for every lifetime (`false` when
/// it borrows `'static` data: see `shadow.rs`).
pub fn expand(input: &Input, paths: &Paths) -> syn::Result<(TokenStream, bool)> {
    if direct::applies(input) {
        Ok((direct::expand(input, paths), true))
    } else {
        shadow::expand(input, paths)
    }
}
