//! serde's own derive, split in two, for an item on the shadow path whose fields the
//! derive checks for serde support (a field naming another message or a foreign type, without a
//! serde attribute of its own): so that a field type without serde support is reported by the
//! field check alone, as for the items whose impls the derive writes itself (`direct.rs`).
//!
//! serde_derive reads the shadow's fields itself, and the only way to route a field is an
//! attribute. `serialize_with` changes nothing in what is written, so the `Serialize` shadow keeps
//! the item as its remote and writes each such field through the item's `SerdeProbed` alias.
//! `deserialize_with` would change what is read (serde then refuses a missing field where it
//! reads `None` for an `Option`-like type: `Box<Option<T>>`, an alias of `Option`, a transparent
//! newtype), so `Deserialize` is derived instead on a second, owned shadow whose such fields are
//! typed `<__WireSerdeProbedName as SerdeSlot<T>>::Read`: `T` itself whenever the build compiles,
//! so serde's own code reads it exactly as before. The item is then built from that shadow. The
//! shadow is declared inside the item's `deserialize`, under the item's own name, because
//! serde_derive writes the type's identifier into its messages ("expected struct Name").
//!
//! A container `default` is the item's (serde's derive calls it): the second shadow's calls a
//! function that builds the shadow from it.
//!
//! Left out (they keep serde's follow-up errors): items whose field types, where-clause or serde
//! attributes name the item itself (inside `deserialize` that name is the shadow's), and generic items with
//! a container `default` (the function building the shadow would have to require the item's
//! `Default`, and cannot name the item there).

use crate::ast::{Data, Field, Input};
use crate::attr::tokens::{chunk_key, split_args};
use crate::expand::field_checks::serde_probe_alias;
use crate::expand::message::mentions_any;
use crate::expand::{rebuild, Paths};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::{parse_quote, DeriveInput};

/// The split of an item: for every field, in order, whether the impls route it through the slot.
pub(super) struct Split {
    routed: Vec<bool>,
}

impl Split {
    /// The split, when the item takes it: a field to route, and none of the cases left out
    /// (above).
    pub(super) fn new(input: &Input) -> Option<Split> {
        if (!input.generics().params.is_empty() && has_container_default(input))
            || names_itself(input)
        {
            return None;
        }
        let routed = routed_fields(input);
        routed.contains(&true).then_some(Split { routed })
    }

    /// `#[serde(serialize_with = "__WireSerdeProbedName::serialize")]` on each routed field of the
    /// `Serialize` shadow.
    pub(super) fn route_serialization(&self, input: &Input, shadow: &mut DeriveInput) {
        let path = format!("{}::serialize", serde_probe_alias(input));
        let attr: syn::Attribute = parse_quote!(#[serde(serialize_with = #path)]);
        for (field, routed) in fields_mut(shadow).zip(&self.routed) {
            if *routed {
                field.attrs.push(attr.clone());
            }
        }
    }

    /// The `Deserialize` shadow: `shadow` (the `Serialize` one, before its fields were routed) as an
    /// owned item under the item's own name, without `remote`, its routed fields typed as their slot
    /// reads them.
    pub(super) fn deserialize_shadow(
        &self,
        input: &Input,
        paths: &Paths,
        mut shadow: DeriveInput,
    ) -> DeriveInput {
        shadow.ident = input.ident().clone();
        // The item's own: the `Serialize` shadow's adds `Name: Default` for a container `default`,
        // which the item meets and this shadow does not need.
        shadow.generics.where_clause = input.generics().where_clause.clone();
        shadow.attrs.retain(|attr| !is_remote(attr));
        let default_fn = DEFAULT_FN;
        for attr in shadow
            .attrs
            .iter_mut()
            .filter(|a| a.path().is_ident("serde"))
        {
            let Ok(chunks) = split_args(attr) else {
                continue;
            };
            if chunks.iter().any(is_default) {
                let chunks = chunks.into_iter().map(|chunk| match is_default(&chunk) {
                    true => quote!(default = #default_fn),
                    false => chunk,
                });
                *attr = parse_quote!(#[serde(#(#chunks),*)]);
            }
        }
        let krate = &paths.krate;
        let alias = serde_probe_alias(input);
        for (field, routed) in fields_mut(&mut shadow).zip(&self.routed) {
            if *routed {
                let ty = &field.ty;
                field.ty = parse_quote!(<#alias as #krate::__private::SerdeSlot<#ty>>::Read);
            }
        }
        shadow
    }

    /// The body of the item's `deserialize`: the `Deserialize` shadow (`de_shadow`, declared here),
    /// its `deserialize`, then the item built from it. `shadow` is the `Serialize` one.
    pub(super) fn deserialize_body(
        &self,
        input: &Input,
        paths: &Paths,
        shadow: &DeriveInput,
        de_shadow: &DeriveInput,
    ) -> TokenStream {
        let serde = &paths.serde;
        let serde_derive = &paths.serde_derive;
        let ident = input.ident();
        let build = rebuild(
            input,
            (quote!(__shadow), quote!(#ident)),
            quote!(Self),
            self.through_slot(input, paths, "into_field"),
        );
        let default_fn =
            container_default(shadow).map(|default| self.default_fn(input, paths, &default));
        let (_, ty_generics, _) = input.generics().split_for_impl();
        quote! {
            #default_fn

            #[derive(#serde_derive::Deserialize)]
            #[allow(dead_code, non_camel_case_types, deprecated)]
            #de_shadow

            match <#ident #ty_generics as #serde::Deserialize>::deserialize(__deserializer) {
                ::core::result::Result::Ok(__shadow) => ::core::result::Result::Ok(#build),
                ::core::result::Result::Err(__error) => ::core::result::Result::Err(__error),
            }
        }
    }

    /// `fn __wire_serde_default_shadow() -> Shadow`: the item's default, moved into the shadow (a
    /// container `default` is only accepted on structs).
    fn default_fn(&self, input: &Input, paths: &Paths, default: &syn::ExprPath) -> TokenStream {
        if !matches!(input.data, Data::Struct(_)) {
            return TokenStream::new();
        }
        let ident = input.ident();
        let name = format_ident!("{}", DEFAULT_FN);
        let build = rebuild(
            input,
            (quote!(__default), quote!(#ident)),
            quote!(#ident),
            self.through_slot(input, paths, "from_field"),
        );
        quote! {
            fn #name() -> #ident {
                let __default = #default();
                #build
            }
        }
    }

    /// For `rebuild`: a routed field's value passed through `SerdeSlot::#method`, the others as
    /// they are.
    fn through_slot<'a>(
        &'a self,
        input: &Input,
        paths: &'a Paths,
        method: &str,
    ) -> impl FnMut(&Field, TokenStream) -> TokenStream + 'a {
        let krate = &paths.krate;
        let alias = serde_probe_alias(input);
        let method = format_ident!("{}", method);
        let mut routed = self.routed.iter();
        move |field, value| match routed.next() {
            Some(true) => {
                let ty = field.ty();
                quote!(<#alias as #krate::__private::SerdeSlot<#ty>>::#method(#value))
            }
            _ => value,
        }
    }
}

fn has_container_default(input: &Input) -> bool {
    input
        .item
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
        .flat_map(|attr| split_args(attr).unwrap_or_default())
        .any(|chunk| is_default(&chunk))
}

/// Whether a field type, the where-clause or a serde attribute names the item (or `Self`, in
/// attribute strings).
fn names_itself(input: &Input) -> bool {
    let ident = input.ident().to_string();
    let names = [ident.as_str(), "Self"];
    let serde_attrs = input
        .item
        .attrs
        .iter()
        .chain(variant_and_field_attrs(input))
        .filter(|attr| attr.path().is_ident("serde"));
    let where_clause = &input.generics().where_clause;
    input
        .all_fields()
        .any(|field| mentions_any(field.ty(), std::slice::from_ref(&ident)))
        || where_clause
            .to_token_stream()
            .to_string()
            .contains(ident.as_str())
        || serde_attrs
            .map(|attr| attr.to_token_stream().to_string())
            .any(|text| names.iter().any(|name| text.contains(name)))
}

fn variant_and_field_attrs<'i>(input: &'i Input) -> Vec<&'i syn::Attribute> {
    let mut attrs: Vec<&syn::Attribute> = input
        .all_fields()
        .flat_map(|field| &field.original.attrs)
        .collect();
    if let Data::Enum(variants) = &input.data {
        attrs.extend(variants.iter().flat_map(|variant| &variant.original.attrs));
    }
    attrs
}

/// For every field, in order: whether the impls route it through the slot (its types are checked
/// for serde support, and neither it nor its variant has a serde attribute that may change how
/// serde reads it).
fn routed_fields(input: &Input) -> Vec<bool> {
    let plain = |attrs: &[syn::Attribute]| !attrs.iter().any(|a| a.path().is_ident("serde"));
    match &input.data {
        Data::Struct(fields) => fields
            .list
            .iter()
            .map(|f| !f.serde_checked.is_empty() && plain(&f.original.attrs))
            .collect(),
        Data::Enum(variants) => variants
            .iter()
            .flat_map(|variant| {
                let variant_plain = plain(&variant.original.attrs);
                variant.fields.list.iter().map(move |f| {
                    variant_plain && !f.serde_checked.is_empty() && plain(&f.original.attrs)
                })
            })
            .collect(),
    }
}

/// The function the second shadow's container `default` names.
const DEFAULT_FN: &str = "__wire_serde_default_shadow";

fn is_default(chunk: &TokenStream) -> bool {
    chunk_key(chunk).as_deref() == Some("default")
}

/// The container `default` the `Serialize` shadow carries (the item's `default = "path"`, or the
/// helper a bare `default` became), as the function path it names.
fn container_default(shadow: &DeriveInput) -> Option<syn::ExprPath> {
    shadow
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
        .flat_map(|attr| split_args(attr).unwrap_or_default())
        .filter(is_default)
        .find_map(|chunk| {
            let syn::MetaNameValue { value, .. } = syn::parse2(chunk).ok()?;
            match value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(path),
                    ..
                }) => path.parse().ok(),
                _ => None,
            }
        })
}

fn is_remote(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("serde")
        && split_args(attr).is_ok_and(|chunks| {
            chunks.len() == 1 && chunk_key(&chunks[0]).as_deref() == Some("remote")
        })
}

fn fields_mut(item: &mut DeriveInput) -> Box<dyn Iterator<Item = &mut syn::Field> + '_> {
    match &mut item.data {
        syn::Data::Struct(data) => Box::new(data.fields.iter_mut()),
        syn::Data::Enum(data) => Box::new(
            data.variants
                .iter_mut()
                .flat_map(|variant| variant.fields.iter_mut()),
        ),
        syn::Data::Union(_) => Box::new(std::iter::empty()),
    }
}
