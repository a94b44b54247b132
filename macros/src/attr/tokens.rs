//! Attribute arguments as token chunks, for attributes the derive forwards rather than parses,
//! and the one rule for where such an argument ends.

use proc_macro2::{TokenStream, TokenTree};
use syn::Attribute;

/// Where an attribute argument ends, token by token: at a comma outside angle brackets, so that a
/// type with generics (`with = Map<A, B>`) stays one argument. Feed it every token in order.
#[derive(Default)]
pub struct ArgumentEnd {
    angle_depth: usize,
}

impl ArgumentEnd {
    /// Whether `tree` is the comma that ends the current argument.
    pub fn is_end(&mut self, tree: &TokenTree) -> bool {
        if let TokenTree::Punct(punct) = tree {
            match punct.as_char() {
                ',' if self.angle_depth == 0 => return true,
                '<' => self.angle_depth += 1,
                '>' => self.angle_depth = self.angle_depth.saturating_sub(1),
                _ => {}
            }
        }
        false
    }
}

/// The comma-separated items of `#[name(...)]`, each kept with its tokens and spans. Values of
/// serde and rkyv keys are string literals, paths or parenthesized groups; a type with generics
/// (`with = Map<A, B>`) keeps its commas inside angle brackets.
pub fn split_args(attr: &Attribute) -> syn::Result<Vec<TokenStream>> {
    let list = attr.meta.require_list()?;
    let mut chunks = Vec::new();
    let mut chunk = TokenStream::new();
    let mut end = ArgumentEnd::default();
    for tree in list.tokens.clone() {
        if end.is_end(&tree) {
            chunks.push(std::mem::take(&mut chunk));
        } else {
            chunk.extend([tree]);
        }
    }
    chunks.push(chunk);
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
