//! The one `#[serde(...)]` argument the derive must read rather than forward:
//! `crate = "path"`, where the item's serde impls are to come from.

use super::tokens::{chunk_key, split_args};
use crate::ctxt::Ctxt;
use proc_macro2::TokenTree;
use syn::{Attribute, LitStr, Path};

/// The path of `#[serde(crate = "path")]`, if the item has one. A malformed value is recorded in
/// `cx` on its tokens.
pub fn crate_path(cx: &Ctxt, attrs: &[Attribute]) -> Option<Path> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let Ok(chunks) = split_args(attr) else {
            continue; // serde's own derive reports a malformed list
        };
        for chunk in chunks
            .iter()
            .filter(|c| chunk_key(c).as_deref() == Some("crate"))
        {
            let value = chunk
                .clone()
                .into_iter()
                .skip(2)
                .collect::<Vec<TokenTree>>();
            let path = match value.as_slice() {
                [TokenTree::Literal(literal)] => {
                    syn::parse2::<LitStr>(TokenTree::from(literal.clone()).into())
                        .and_then(|lit| lit.parse())
                }
                _ => Err(syn::Error::new_spanned(
                    chunk,
                    "expected #[serde(crate = \"path\")], the path as a string",
                )),
            };
            match path {
                Ok(path) => found = Some(path),
                Err(error) => cx.push(error),
            }
        }
    }
    found
}
