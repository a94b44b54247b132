//! Assertions on the field types, written before everything else the derive emits so that the
//! compiler reports a field type lacking rkyv or serde support first, naming that type and the
//! fix (the messages are the runtime's `field_checks.rs`), on the field's type.
//!
//! Each type a field names beyond primitives and standard containers (as the fingerprint cuts
//! them out) is asserted where the derive's own code will need it: archivable when rkyv archives
//! the field as written, serializable when serde writes it without a `#[serde(...)]` attribute
//! that may change what it needs (the whole type of an `as_json` field). Types that mention a type
//! parameter, borrowing items, `#[cfg]` fields and recursive fields are left to the compiler's
//! own errors. `mark` records the asserted types on each field; the rest of the derive then
//! reaches those fields through the probe aliases declared here (runtime `field_fallback.rs`),
//! so that a failed assertion is the only error about the type.

use super::fingerprint::{changes_archived_type, named_types};
use super::message::mentions_any;
use super::Paths;
use crate::ast::{unraw, Data, Field, Input};
use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};
use syn::spanned::Spanned;
use syn::{Ident, Type};

/// Records on each field the types asserted: archivable, those its type names beyond primitives
/// and standard containers when rkyv archives the field as written; serializable, the same
/// types when serde writes the field without an attribute that may change what it needs, or
/// the whole type of an `as_json` field.
pub(super) fn mark(input: &mut Input) {
    if input.generics().lifetimes().next().is_some() {
        return;
    }
    let params = type_params(input);
    let archived = input.attrs.has_rkyv() && input.attrs.external_rkyv.is_none();
    let serialized = input.attrs.external_serde.is_none() && !serde_container_redirects(input);
    let mark_field = |field: &mut Field, variant_has_serde: bool| {
        if !checked(field) {
            return;
        }
        if field.attrs.as_json.is_some() {
            if archived && !mentions_any(field.ty(), &params) {
                field.serde_checked = vec![field.ty().clone()];
            }
            return;
        }
        if archived && !changes_archived_type(&field.original.attrs) {
            field.archive_checked = asserted_types(field.ty(), &params).collect();
        }
        if serialized && !variant_has_serde && !has_serde_attr(&field.original.attrs) {
            field.serde_checked = asserted_types(field.ty(), &params).collect();
        }
    };
    match &mut input.data {
        Data::Struct(fields) => fields
            .list
            .iter_mut()
            .for_each(|field| mark_field(field, false)),
        Data::Enum(variants) => {
            for variant in variants {
                let has_serde = has_serde_attr(&variant.original.attrs);
                for field in &mut variant.fields.list {
                    mark_field(field, has_serde);
                }
            }
        }
    }
}

/// The assertions, and the aliases the rkyv shadow and the serde impls handle checked fields
/// through (`probe_alias`, `serde_probe_alias`).
pub(super) fn expand(input: &Input, paths: &Paths) -> TokenStream {
    let krate = &paths.krate;
    let mut checks = Vec::new();
    for field in input.all_fields() {
        for ty in &field.archive_checked {
            let check = format_ident!("{}", archive_check(ty));
            checks.push(on_type(ty, quote!(#krate::__private::#check)));
        }
        let serde_check = match field.attrs.as_json {
            Some(_) => quote!(#krate::__private::AsJsonField),
            None => quote!(#krate::__private::SerdeField),
        };
        for ty in &field.serde_checked {
            checks.push(on_type(ty, serde_check.clone()));
        }
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    let archive_probe = probe(
        paths,
        probe_alias(input),
        &ARCHIVE_PROBE,
        input
            .all_fields()
            .flat_map(|f| &f.archive_checked)
            .collect(),
    );
    let serde_probe = probe(
        paths,
        serde_probe_alias(input),
        &SERDE_PROBE,
        input.all_fields().flat_map(|f| &f.serde_checked).collect(),
    );
    quote! {
        #[doc(hidden)]
        const _: () = {
            #[allow(dead_code)]
            struct __WireFieldTypes where #(#checks),*;
        };
        #archive_probe
        #serde_probe
    }
}

/// The name of the item's `ProbedField` alias, declared when any field is checked.
pub(super) fn probe_alias(input: &Input) -> Ident {
    format_ident!("__WireProbed{}", unraw(input.ident()))
}

/// The name of the item's `SerdeProbed` alias, declared when any field's serde is checked.
pub(super) fn serde_probe_alias(input: &Input) -> Ident {
    format_ident!("__WireSerdeProbed{}", unraw(input.ident()))
}

/// The runtime's names for one probe (`field_fallback.rs`): the wrapper its alias names, the
/// type whose constant answers, the trait whose constant answers otherwise, and the constant.
struct ProbeNames {
    wrapper: &'static str,
    probe: &'static str,
    fallback: &'static str,
    answer: &'static str,
}

const ARCHIVE_PROBE: ProbeNames = ProbeNames {
    wrapper: "ProbedField",
    probe: "ArchiveProbe",
    fallback: "Unarchivable",
    answer: "ARCHIVES",
};

const SERDE_PROBE: ProbeNames = ProbeNames {
    wrapper: "SerdeProbed",
    probe: "SerdeProbe",
    fallback: "WithoutSerde",
    answer: "SERDE",
};

/// `type __WireProbedName = ProbedField<{ every checked type is archivable }>;` or its serde
/// twin: the parameter is false only when an assertion above fails.
fn probe(
    paths: &Paths,
    alias: Ident,
    names: &ProbeNames,
    types: Vec<&Type>,
) -> Option<TokenStream> {
    if types.is_empty() {
        return None;
    }
    let krate = &paths.krate;
    let [wrapper, probe, fallback, answer] =
        [names.wrapper, names.probe, names.fallback, names.answer]
            .map(|name| format_ident!("{}", name));
    Some(quote! {
        #[doc(hidden)]
        #[allow(dead_code, non_camel_case_types)]
        type #alias = #krate::__private::#wrapper<{
            #[allow(unused_imports)]
            use #krate::__private::#fallback as _;
            true #(&& #krate::__private::#probe::<#types>::#answer)*
        }>;
    })
}

fn type_params(input: &Input) -> Vec<String> {
    input
        .generics()
        .type_params()
        .map(|param| param.ident.to_string())
        .collect()
}

/// Whether the field's types are checked at all: not for skipped fields, recursive ones (the
/// check would chase the cycle) or `#[cfg]` ones (the type may not exist in this build).
fn checked(field: &Field) -> bool {
    field.attrs.skip.is_none()
        && field.attrs.recursive.is_none()
        && super::cfg_attrs(&field.original.attrs).next().is_none()
}

/// The types `ty` names that are asserted: not those that mention a type parameter, nor a
/// pointee, which may be unsized (`Box<CStr>`) and which neither assertion takes; both are left to
/// the compiler's own errors.
fn asserted_types<'p>(ty: &Type, params: &'p [String]) -> impl Iterator<Item = Type> + 'p {
    named_types(ty)
        .into_iter()
        .filter(|named| !named.behind_pointer && !mentions_any(&named.ty, params))
        .map(|named| named.ty)
}

/// The predicate `ty: bound`, every token of it spanned within `ty`: rustc reports an unmet
/// bound of a where-clause at the predicate's span, which is the derive's whole attribute as soon
/// as one token comes from the macro (the crate path does) and `ty` alone when none does. The
/// bound takes the span of `ty`'s last token, so the report underlines the whole type.
fn on_type(ty: &Type, bound: TokenStream) -> TokenStream {
    let ty_tokens = ty.to_token_stream();
    let end = ty_tokens
        .clone()
        .into_iter()
        .last()
        .map_or_else(|| ty.span(), |token| token.span());
    let bound = respan(bound, end);
    quote!(#ty_tokens: #bound)
}

/// `tokens` with every span, inside groups too, set to `span`.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut respanned = Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                token = TokenTree::Group(respanned);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

/// The assertion whose message fits the type best, by its last path segment.
fn archive_check(ty: &Type) -> &'static str {
    let Type::Path(path) = ty else {
        return "ArchivedField";
    };
    let Some(last) = path.path.segments.last() else {
        return "ArchivedField";
    };
    match last.ident.to_string().as_str() {
        "Uuid" => "UuidField",
        "Bytes" | "BytesMut" => "BytesField",
        "IndexMap" | "IndexSet" => "IndexmapField",
        "SmallVec" => "SmallvecField",
        "ArrayVec" | "ArrayString" => "ArrayvecField",
        "SmolStr" => "SmolStrField",
        "DateTime" => "ChronoUtcField",
        "NaiveDate" => "ChronoNaiveDateField",
        "OffsetDateTime" => "TimeOffsetDateTimeField",
        "Value" => "JsonValueField",
        _ => "ArchivedField",
    }
}

/// Whether a serde attribute may change what serde needs of the field's type (`with`,
/// `serialize_with`, `skip`, ...); `rename` only changes its name.
fn has_serde_attr(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
        .any(|attr| match crate::attr::tokens::split_args(attr) {
            Ok(chunks) => chunks
                .iter()
                .any(|chunk| crate::attr::tokens::chunk_key(chunk).as_deref() != Some("rename")),
            Err(_) => true,
        })
}

/// Container attributes after which serde no longer needs the fields' own impls (`from`, `into`,
/// `remote`, ...) or needs other ones (`bound`, `crate`).
fn serde_container_redirects(input: &Input) -> bool {
    const KEYS: &[&str] = &["from", "try_from", "into", "remote", "bound", "crate"];
    input
        .item
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
        .flat_map(|attr| crate::attr::tokens::split_args(attr).unwrap_or_default())
        .filter_map(|chunk| crate::attr::tokens::chunk_key(&chunk))
        .any(|key| KEYS.contains(&key.as_str()))
}
