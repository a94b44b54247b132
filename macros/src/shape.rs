//! The shape description hashed into the layout fingerprint.
//!
//! It lists the kind of item, then every variant and field in order with its name, its type as
//! written and the attributes that can change the archived layout (`as_json`, `skip`, and every
//! `#[rkyv(...)]` key except those that only add impls or name things: `derive`, `compare`,
//! `bytecheck`, `archived`, `resolver`, `*_bounds`, `omit_bounds`).
//! Tokens are joined in a canonical way (a space only between two words), so the fingerprint does
//! not depend on how the compiler prints tokens.
//!
//! The types a field names beyond primitives and standard containers are cut out of the text
//! (`expand/fingerprint.rs` chooses them), so that their own layout, known only to the
//! compiler, is hashed in their place.

use crate::ast::{Data, Field, Fields, Input, Style};
use crate::attr::tokens::{chunk_key, split_args};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use syn::Type;

/// A shape: `text[0] nested[0] text[1] ... text[n]`, `N` what the caller keeps of each nested
/// type.
pub struct Shape<N> {
    pub text: Vec<String>,
    pub nested: Vec<N>,
}

/// Stands for a nested type in the text while it is written; no field's type spells it.
const NESTED_MARKER: &str = "__WireNestedLayoutMarker";

/// The shape of `input`. `cut_out` is given each field and returns, for a field whose nested
/// types count, its type with each of them replaced by `marker()` and the types replaced, in
/// the order they are written.
pub fn describe<N>(input: &Input, cut_out: impl Fn(&Field) -> Option<(Type, Vec<N>)>) -> Shape<N> {
    let mut out = String::new();
    let mut nested = Vec::new();
    let mut push_field = |out: &mut String, field: &Field| match cut_out(field) {
        Some((marked, types)) => {
            push_field_head(out, field);
            push_tokens(out, marked.to_token_stream());
            nested.extend(types);
        }
        None => {
            push_field_head(out, field);
            push_tokens(out, field.ty().to_token_stream());
        }
    };
    push_rkyv_attrs(&mut out, &input.item.attrs);
    match &input.data {
        Data::Struct(fields) => {
            out.push_str("struct");
            push_fields(&mut out, fields, &mut push_field);
        }
        Data::Enum(variants) => {
            out.push_str("enum{");
            for variant in variants {
                push_rkyv_attrs(&mut out, &variant.original.attrs);
                out.push_str(&variant.original.ident.to_string());
                push_fields(&mut out, &variant.fields, &mut push_field);
                out.push(';');
            }
            out.push('}');
        }
    }
    let text: Vec<String> = out.split(NESTED_MARKER).map(str::to_owned).collect();
    Shape { text, nested }
}

/// The type written in place of a nested one.
pub fn marker() -> Type {
    let ident = proc_macro2::Ident::new(NESTED_MARKER, proc_macro2::Span::call_site());
    Type::Path(syn::TypePath {
        qself: None,
        path: ident.into(),
    })
}

/// `tokens` in the canonical form of the shape: a space only between two words.
pub fn canonical(tokens: TokenStream) -> String {
    let mut out = String::new();
    push_tokens(&mut out, tokens);
    out
}

fn push_fields(
    out: &mut String,
    fields: &Fields,
    push_field: &mut impl FnMut(&mut String, &Field),
) {
    let (open, close) = match fields.style {
        Style::Named => ('{', '}'),
        Style::Unnamed => ('(', ')'),
        Style::Unit => return,
    };
    out.push(open);
    for field in &fields.list {
        push_field(out, field);
        out.push(';');
    }
    out.push(close);
}

/// A field up to its type: layout attributes and name.
fn push_field_head(out: &mut String, field: &Field) {
    push_rkyv_attrs(out, &field.original.attrs);
    if field.attrs.as_json.is_some() {
        out.push_str("as_json ");
    }
    if field.attrs.skip.is_some() {
        out.push_str("skip ");
    }
    if let Some(ident) = &field.original.ident {
        out.push_str(&ident.to_string());
        out.push(':');
    }
}

/// `#[rkyv(...)]` keys that never change the archived bytes.
const LAYOUT_NEUTRAL_RKYV_KEYS: &[&str] = &[
    "derive",
    "compare",
    "bytecheck",
    "archived",
    "resolver",
    "archive_bounds",
    "serialize_bounds",
    "deserialize_bounds",
    "omit_bounds",
];

fn push_rkyv_attrs(out: &mut String, attrs: &[syn::Attribute]) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("rkyv")) {
        // A malformed attribute is reported by rkyv itself; here it simply adds nothing.
        for chunk in split_args(attr).unwrap_or_default() {
            let neutral = chunk_key(&chunk)
                .is_some_and(|key| LAYOUT_NEUTRAL_RKYV_KEYS.contains(&key.as_str()));
            if !neutral {
                out.push_str("#[rkyv(");
                push_tokens(out, chunk);
                out.push_str(")]");
            }
        }
    }
}

fn push_tokens(out: &mut String, tokens: TokenStream) {
    let mut after_word = false;
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => push_word(out, &mut after_word, &ident.to_string()),
            TokenTree::Literal(literal) => push_word(out, &mut after_word, &literal.to_string()),
            TokenTree::Punct(punct) => {
                out.push(punct.as_char());
                after_word = false;
            }
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                push_tokens(out, group.stream());
                out.push_str(close);
                after_word = false;
            }
        }
    }
}

fn push_word(out: &mut String, after_word: &mut bool, word: &str) {
    if *after_word {
        out.push(' ');
    }
    out.push_str(word);
    *after_word = true;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctxt::Ctxt;

    fn shape_of(item: syn::DeriveInput) -> String {
        let cx = Ctxt::default();
        let input = Input::from_syn(&cx, &item).unwrap();
        let shape = describe::<Type>(&input, |_| None);
        cx.check().unwrap();
        assert!(shape.nested.is_empty());
        shape.text.concat()
    }

    #[test]
    fn cut_out_types_split_the_text() {
        let cx = Ctxt::default();
        let item: syn::DeriveInput =
            syn::parse_quote! { struct M { a: u8, b: (Vec<Inner>, Other) } };
        let input = Input::from_syn(&cx, &item).unwrap();
        let shape = describe::<Type>(&input, |field| {
            (field.ty() != &syn::parse_quote!(u8)).then(|| {
                let marked =
                    syn::parse_quote!((Vec<__WireNestedLayoutMarker>, __WireNestedLayoutMarker));
                (
                    marked,
                    vec![syn::parse_quote!(Inner), syn::parse_quote!(Other)],
                )
            })
        });
        cx.check().unwrap();
        assert_eq!(shape.text, ["struct{a:u8;b:(Vec<", ">,", ");}"]);
        assert_eq!(shape.nested.len(), 2);
    }

    #[test]
    fn lists_names_and_types_in_order() {
        let shape = shape_of(syn::parse_quote! {
            struct M { a: u32, b: Vec<Option<String>> }
        });
        assert_eq!(shape, "struct{a:u32;b:Vec<Option<String>>;}");
    }

    #[test]
    fn reordering_fields_changes_the_shape() {
        let ab = shape_of(syn::parse_quote! { struct M { a: u32, b: u32 } });
        let ba = shape_of(syn::parse_quote! { struct M { b: u32, a: u32 } });
        assert_ne!(ab, ba);
    }

    #[test]
    fn rkyv_keys_that_add_impls_do_not_change_the_shape() {
        let plain = shape_of(syn::parse_quote! { struct M { a: u32 } });
        let with_impls = shape_of(syn::parse_quote! {
            #[rkyv(derive(Debug), compare(PartialEq), archived = ArchivedM)]
            struct M { #[rkyv(omit_bounds)] a: u32 }
        });
        assert_eq!(plain, with_impls);
        let with_layout = shape_of(syn::parse_quote! {
            #[rkyv(derive(Debug), attr(repr(align(16))))]
            struct M { a: u32 }
        });
        assert_eq!(with_layout, "#[rkyv(attr(repr(align(16))))]struct{a:u32;}");
    }

    #[test]
    fn enums_list_variants_with_layout_attributes() {
        let shape = shape_of(syn::parse_quote! {
            enum E { A, B(u8, #[wire(as_json)] T), C { #[rkyv(with = X)] x: i64 } }
        });
        assert_eq!(shape, "enum{A;B(u8;as_json T;);C{#[rkyv(with=X)]x:i64;};}");
    }
}
