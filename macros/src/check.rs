//! Cross-checks between attributes, each reported on the offending tokens with the fix.

use crate::ast::Input;
use crate::attr::Codec;
use crate::ctxt::Ctxt;
use proc_macro2::Span;

pub fn check(cx: &Ctxt, input: &Input) {
    check_codec_json(cx, input);
    check_external(cx, input);
    check_fields(cx, input);
    check_rkyv_shapes(cx, input);
    check_migration(cx, input);
}

fn check_migration(cx: &Ctxt, input: &Input) {
    if let Some(older) = &input.attrs.migrate_from {
        if !input.generics().params.is_empty() {
            cx.error_spanned_by(
                older,
                "`migrate_from` is not supported on a generic type: migrate each instance's message type",
            );
        }
    }
}

/// Shapes serde's derive takes but rkyv cannot archive, refused on the item or the field with
/// the fix, instead of rkyv's errors from inside its derive (or at the first `to_wire`).
fn check_rkyv_shapes(cx: &Ctxt, input: &Input) {
    if !input.attrs.has_rkyv() || input.attrs.external_rkyv.is_some() {
        return;
    }
    if let crate::ast::Data::Enum(variants) = &input.data {
        if variants.is_empty() {
            cx.error_spanned_by(
                input.ident(),
                "an enum without variants has no values, and rkyv cannot archive it: add #[wire(codec = \"json\")]",
            );
        }
    }
    for field in input.all_fields() {
        let archived_as_is = field.attrs.skip.is_none()
            && field.attrs.as_json.is_none()
            && field.rkyv.with.is_none();
        if let Some(reference) = archived_as_is.then(|| reference_in(field.ty())).flatten() {
            cx.error_spanned_by(
                reference,
                "rkyv cannot archive a borrowed field: use an owned type (`String` or `Box<str>` for `&str`, `Vec<T>` for `&[T]`), or send this type as JSON with #[wire(codec = \"json\")]",
            );
        }
    }
}

/// The first reference type inside `ty`, if any.
fn reference_in(ty: &syn::Type) -> Option<&syn::TypeReference> {
    struct Find<'a>(Option<&'a syn::TypeReference>);
    impl<'a> syn::visit::Visit<'a> for Find<'a> {
        fn visit_type_reference(&mut self, reference: &'a syn::TypeReference) {
            self.0.get_or_insert(reference);
        }
    }
    let mut find = Find(None);
    syn::visit::Visit::visit_type(&mut find, ty);
    find.0
}

fn error(cx: &Ctxt, span: Span, message: &str) {
    cx.push(syn::Error::new(span, message));
}

fn check_codec_json(cx: &Ctxt, input: &Input) {
    if input.attrs.codec() != Codec::Json {
        return;
    }
    if let Some(span) = input.attrs.external_rkyv {
        error(
            cx,
            span,
            "`external_rkyv` contradicts codec = \"json\", which uses no rkyv: remove one of them",
        );
    }
    if input.attrs.external_rkyv.is_none() {
        for attr in rkyv_attrs(input) {
            cx.error_spanned_by(
                attr,
                "#[rkyv(...)] has no effect on a type with codec = \"json\": remove it, or choose codec = \"hybrid\"",
            );
        }
    }
    for field in input.all_fields() {
        for (span, key) in [
            (field.attrs.as_json, "as_json"),
            (field.attrs.recursive, "recursive"),
        ] {
            if let Some(span) = span {
                error(
                    cx,
                    span,
                    &format!("`{key}` only changes the rkyv archive, and this type has codec = \"json\": remove it"),
                );
            }
        }
    }
}

fn rkyv_attrs<'a>(input: &'a Input) -> impl Iterator<Item = &'a syn::Attribute> {
    let variant_attrs = match &input.data {
        crate::ast::Data::Enum(variants) => {
            variants.iter().flat_map(|v| &v.original.attrs).collect()
        }
        crate::ast::Data::Struct(_) => Vec::new(),
    };
    input
        .item
        .attrs
        .iter()
        .chain(variant_attrs)
        .chain(
            input
                .all_fields()
                .flat_map(|f| &f.original.attrs)
                .collect::<Vec<_>>(),
        )
        .filter(|attr| attr.path().is_ident("rkyv"))
}

fn check_external(cx: &Ctxt, input: &Input) {
    if input.attrs.external_serde.is_none() {
        if let Some(remote) = serde_key(&input.item.attrs, "remote") {
            cx.error_spanned_by(
                remote,
                "a #[serde(remote = ...)] type cannot get serde impls from WireMessage; derive serde yourself and add #[wire(external_serde)]",
            );
        }
        // serde's derive rejects `getter` outside a remote struct; the serde shadow is one, where
        // it would be accepted and then fail on the shadow. (In an enum serde rejects it itself.)
        if let crate::ast::Data::Struct(fields) = &input.data {
            for field in &fields.list {
                if let Some(getter) = serde_key(&field.original.attrs, "getter") {
                    cx.error_spanned_by(
                        getter,
                        "#[serde(getter = \"...\")] can only be used in structs that have #[serde(remote = \"...\")]",
                    );
                }
            }
        }
    }
}

/// The path of the first `key` in `#[serde(...)]` attributes, if any.
fn serde_key(attrs: &[syn::Attribute], key: &str) -> Option<syn::Path> {
    let mut found = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        // serde itself reports malformed serde attributes; only `key` matters here.
        let _ = attr.parse_nested_meta(|meta| {
            if found.is_none() && meta.path.is_ident(key) {
                found = Some(meta.path.clone());
            }
            crate::attr::rkyv::skip_value(meta.input)
        });
    }
    found
}

fn check_fields(cx: &Ctxt, input: &Input) {
    for field in input.all_fields() {
        let attrs = &field.attrs;
        if let (Some(span), Some(_)) = (attrs.as_json, attrs.skip) {
            error(
                cx,
                span,
                "a `skip` field is not stored at all: remove `as_json`",
            );
        }
        if input.attrs.external_rkyv.is_some() {
            let fixes = [
                (attrs.as_json, "as_json", "#[rkyv(with = wiremsg::AsJson)]"),
                (
                    attrs.recursive,
                    "recursive",
                    "#[rkyv(omit_bounds)] and the matching bounds",
                ),
                (
                    attrs.skip,
                    "skip",
                    "#[rkyv(with = wiremsg::rkyv::with::Skip)] and #[serde(skip)]",
                ),
            ];
            for (span, key, fix) in fixes {
                if let Some(span) = span {
                    error(
                        cx,
                        span,
                        &format!("with `external_rkyv` the type's own rkyv derive archives its fields, so `{key}` cannot apply: use {fix} instead"),
                    );
                }
            }
        } else if input.attrs.external_serde.is_some() {
            if let Some(span) = attrs.skip {
                error(
                    cx,
                    span,
                    "with `external_serde` the type's own serde derive handles its fields, so `skip` cannot apply: use #[serde(skip)] and #[rkyv(with = wiremsg::rkyv::with::Skip)]",
                );
            }
        }
    }
}
