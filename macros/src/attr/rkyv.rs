//! The parts of the user's own `#[rkyv(...)]` attributes that the derive must know about. They are
//! forwarded to rkyv untouched; these are read only to write matching bounds and to avoid
//! clashing with the keys the derive sets itself.

use super::tokens::ArgumentEnd;
use crate::ctxt::Ctxt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Attribute, Token, WherePredicate};

/// Container-level `#[rkyv(...)]` facts.
#[derive(Default)]
pub struct RkyvContainer {
    /// The archived type's name, if the user chose it (`archived = ...`).
    pub archived_name: Option<syn::Ident>,
    /// The user named the resolver type.
    pub names_resolver: bool,
    /// `archive_bounds(...)`: rkyv puts them on the archived type, so its impls repeat them.
    pub archive_bounds: Vec<WherePredicate>,
    /// `compare(...)`: written by wiremsg (rkyv's would compare with the hidden shadow type).
    pub compares: Vec<Compare>,
}

/// A comparison between the item and its archived type, asked for with `compare(...)`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    PartialEq,
    PartialOrd,
}

/// Field-level `#[rkyv(...)]` facts.
#[derive(Default)]
pub struct RkyvField {
    /// `with = Wrapper`.
    pub with: Option<syn::Type>,
    /// `omit_bounds`.
    pub omit_bounds: bool,
}

impl RkyvContainer {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute], is_enum: bool) -> RkyvContainer {
        let mut out = RkyvContainer::default();
        for_each_key(cx, attrs, |key, meta| {
            match key.as_str() {
                "archived" => {
                    out.archived_name = Some(meta.value()?.parse()?);
                    return Ok(());
                }
                "as" => {
                    return Err(meta.error(
                        "WireMessage generates its own archived type, so `as` cannot apply; derive rkyv yourself and add #[wire(external_rkyv)]",
                    ))
                }
                "resolver" => out.names_resolver = true,
                "crate" => {
                    return Err(meta.error(
                        "wiremsg chooses rkyv's crate path; use #[wire(crate = ...)] to point at wiremsg instead",
                    ))
                }
                "remote" => {
                    return Err(meta.error(
                        "WireMessage cannot generate a remote rkyv derive; derive rkyv yourself and add #[wire(external_rkyv)]",
                    ))
                }
                "compare" => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    for path in Punctuated::<syn::Path, Token![,]>::parse_terminated(&content)? {
                        match parse_compare(&path) {
                            Some(Compare::PartialOrd) if is_enum => cx.error_spanned_by(
                                &path,
                                "compare(PartialOrd) is not supported for enums; use compare(PartialEq)",
                            ),
                            Some(compare) => out.compares.push(compare),
                            None => cx.error_spanned_by(
                                &path,
                                "unrecognized compare argument; supported: PartialEq, PartialOrd",
                            ),
                        }
                    }
                    return Ok(());
                }
                "archive_bounds" => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let bounds =
                        Punctuated::<WherePredicate, Token![,]>::parse_terminated(&content)?;
                    out.archive_bounds.extend(bounds);
                    return Ok(());
                }
                _ => {}
            }
            skip_value(meta.input)
        });
        out
    }
}

fn parse_compare(path: &syn::Path) -> Option<Compare> {
    if path.is_ident("PartialEq") {
        Some(Compare::PartialEq)
    } else if path.is_ident("PartialOrd") {
        Some(Compare::PartialOrd)
    } else {
        None
    }
}

impl RkyvField {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> RkyvField {
        let mut out = RkyvField::default();
        for_each_key(cx, attrs, |key, meta| {
            match key.as_str() {
                "with" => {
                    out.with = Some(meta.value()?.parse()?);
                    return Ok(());
                }
                "omit_bounds" => out.omit_bounds = true,
                _ => {}
            }
            skip_value(meta.input)
        });
        out
    }
}

fn for_each_key(
    cx: &Ctxt,
    attrs: &[Attribute],
    mut visit: impl FnMut(String, &ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("rkyv")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            visit(key, &meta)
        });
        if let Err(error) = result {
            cx.push(error);
        }
    }
}

/// Consumes a key's value (`= tokens` up to the next top-level comma, or a parenthesized group)
/// without interpreting it: rkyv itself checks what it means.
pub fn skip_value(input: ParseStream) -> syn::Result<()> {
    if input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in input);
        content.parse::<proc_macro2::TokenStream>()?;
        return Ok(());
    }
    if input.parse::<Option<Token![=]>>()?.is_none() {
        return Ok(());
    }
    input.step(|cursor| {
        let mut rest = *cursor;
        let mut end = ArgumentEnd::default();
        while let Some((tree, next)) = rest.token_tree() {
            if end.is_end(&tree) {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    })
}
