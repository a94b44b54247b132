//! Attribute arguments as token chunks, for attributes the derive forwards rather than parses.

use proc_macro2::{TokenStream, TokenTree};
use syn::Attribute;

/// The comma-separated items of `#[name(...)]`, each kept with its tokens and spans. Values of
/// serde and rkyv keys are string literals, paths or parenthesized groups; a type with generics
/// (`with = Map<A, B>`) keeps its commas inside angle brackets.
pub fn split_args(attr: &Attribute) -> syn::Result<Vec<TokenStream>> {
    let list = attr.meta.require_list()?;
    let mut chunks = vec![TokenStream::new()];
    let mut angle_depth = 0usize;
    for tree in list.tokens.clone() {
        if let TokenTree::Punct(punct) = &tree {
            match punct.as_char() {
                ',' if angle_depth == 0 => {
                    chunks.push(TokenStream::new());
                    continue;
                }
                '<' => angle_depth += 1,
                '>' => angle_depth = angle_depth.saturating_sub(1),
                _ => {}
            }
        }
        chunks.last_mut().expect("never empty").extend([tree]);
    }
    chunks.retain(|chunk| !chunk.is_empty());
    Ok(chunks)
}

/// The key of a chunk: its leading identifier.
pub fn chunk_key(chunk: &TokenStream) -> Option<String> {
    match chunk.clone().into_iter().next() {
        Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
        _ => None,
    }
}
