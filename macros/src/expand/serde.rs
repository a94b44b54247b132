//! serde support: a hidden `#[serde(remote)]` shadow carrying serde's own derive, and
//! `Serialize` / `Deserialize` impls for the item that forward to it with exactly the bounds
//! serde_derive infers (see [`super::bound`]).
//!
//! The shadow copies the item's `#[serde(...)]` attributes verbatim except three, rewritten so the
//! result behaves as serde's derive on the item itself would: the container name (serde would
//! otherwise name the shadow in error messages and self-describing formats), serde's crate path,
//! and a container-level bare `default` (which would otherwise call the shadow's `Default`).

use super::{bound, cfg_attrs, with_predicates, Paths};
use crate::ast::{unraw, Input};
use crate::meta::{chunk_key, split_args};
use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote};
use serde_derive_internals::ast::Container;
use serde_derive_internals::{Ctxt, Derive};
use syn::punctuated::Punctuated;
use syn::{parse_quote, Attribute, DeriveInput, Ident};

pub fn expand(input: &Input, paths: &Paths) -> syn::Result<TokenStream> {
    let serde = &paths.serde;
    let ident = input.ident();
    let shadow_ident = format_ident!("__WireSerde{}", unraw(ident), span = ident.span());
    let default_fn = format_ident!("__wire_serde_default");
    let container = ContainerAttrs::rewrite(input, paths, &default_fn)?;
    let shadow = shadow_item(input, &shadow_ident, &container);

    let cx = Ctxt::new();
    let ser = Container::from_ast(&cx, &shadow, Derive::Serialize);
    let de = Container::from_ast(&cx, &shadow, Derive::Deserialize);
    cx.check()?;
    let (Some(ser), Some(de)) = (ser, de) else {
        unreachable!("serde_derive_internals reports an error whenever it returns None")
    };

    let (_, ty_generics, _) = input.generics().split_for_impl();
    let turbofish = ty_generics.as_turbofish();
    let ser_generics = bound::serialize_generics(&ser, serde);
    let (ser_impl, _, ser_where) = ser_generics.split_for_impl();

    let (de_lifetime, de_param) = match bound::borrowed_lifetimes(&de) {
        Some(borrowed) => {
            let lifetime: syn::Lifetime = parse_quote!('de);
            let bounds: Punctuated<syn::Lifetime, syn::Token![+]> = borrowed.into_iter().collect();
            (lifetime.clone(), Some(quote!(#lifetime: #bounds)))
        }
        None => (parse_quote!('static), None),
    };
    let mut de_generics = bound::deserialize_generics(&de, serde, &de_lifetime);
    if let Some(param) = de_param {
        de_generics.params.insert(0, parse_quote!(#param));
    }
    let (de_impl, _, de_where) = de_generics.split_for_impl();
    let default_helper = container
        .default_bound
        .as_ref()
        .map(|bound| default_helper(input, &default_fn, bound));

    Ok(quote! {
        #default_helper

        #[derive(#serde::Serialize, #serde::Deserialize)]
        #[allow(dead_code, non_camel_case_types, deprecated, clippy::all)]
        #shadow

        #[automatically_derived]
        impl #ser_impl #serde::Serialize for #ident #ty_generics #ser_where {
            fn serialize<__S>(
                &self,
                __serializer: __S,
            ) -> ::core::result::Result<<__S as #serde::Serializer>::Ok, <__S as #serde::Serializer>::Error>
            where
                __S: #serde::Serializer,
            {
                #shadow_ident #turbofish::serialize(self, __serializer)
            }
        }

        #[automatically_derived]
        impl #de_impl #serde::Deserialize<#de_lifetime> for #ident #ty_generics #de_where {
            fn deserialize<__D>(
                __deserializer: __D,
            ) -> ::core::result::Result<Self, <__D as #serde::Deserializer<#de_lifetime>>::Error>
            where
                __D: #serde::Deserializer<#de_lifetime>,
            {
                #shadow_ident #turbofish::deserialize(__deserializer)
            }
        }
    })
}

/// The shadow's container attributes, and what the rewrite of a bare `default` requires.
struct ContainerAttrs {
    attrs: Vec<Attribute>,
    /// `Name<..>: Default`, when a bare container `default` became `default = "helper"`.
    default_bound: Option<syn::WherePredicate>,
}

impl ContainerAttrs {
    fn rewrite(input: &Input, paths: &Paths, default_fn: &Ident) -> syn::Result<ContainerAttrs> {
        let ident = input.ident();
        let (_, ty_generics, _) = input.generics().split_for_impl();
        let mut attrs = Vec::new();
        let mut renamed = (false, false);
        let mut bare_default = false;
        for attr in input
            .item
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("serde"))
        {
            let mut kept = Vec::new();
            for chunk in split_args(attr)? {
                match chunk_key(&chunk).as_deref() {
                    Some("crate") => {}
                    Some("rename") => {
                        let (ser, de) = rename_halves(&chunk);
                        renamed = (renamed.0 || ser, renamed.1 || de);
                        kept.push(chunk);
                    }
                    Some("default") if chunk.clone().into_iter().count() == 1 => {
                        bare_default = true
                    }
                    _ => kept.push(chunk),
                }
            }
            if !kept.is_empty() {
                attrs.push(parse_quote!(#[serde(#(#kept),*)]));
            }
        }
        let serde_path = paths.serde_path_string();
        // `remote` is parsed as a path, so it keeps a raw identifier's `r#`; the name on the wire
        // (`rename`) is the plain one, as serde's derive writes it.
        let remote = ident.to_string();
        let name = unraw(ident);
        attrs.push(parse_quote!(#[serde(crate = #serde_path, remote = #remote)]));
        match renamed {
            (true, true) => {}
            (false, false) => attrs.push(parse_quote!(#[serde(rename = #name)])),
            (true, false) => attrs.push(parse_quote!(#[serde(rename(deserialize = #name))])),
            (false, true) => attrs.push(parse_quote!(#[serde(rename(serialize = #name))])),
        }
        let default_bound = bare_default.then(|| {
            let args = input
                .generics()
                .params
                .iter()
                .filter_map(|param| match param {
                    syn::GenericParam::Type(param) => Some(&param.ident),
                    syn::GenericParam::Const(param) => Some(&param.ident),
                    syn::GenericParam::Lifetime(_) => None,
                });
            let args: Vec<_> = args.collect();
            let path = if args.is_empty() {
                quote!(#default_fn).to_string()
            } else {
                quote!(#default_fn::<#(#args),*>).to_string()
            };
            attrs.push(parse_quote!(#[serde(default = #path)]));
            parse_quote!(#ident #ty_generics: ::core::default::Default)
        });
        for attr in input
            .item
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("repr"))
        {
            attrs.push(attr.clone());
        }
        Ok(ContainerAttrs {
            attrs,
            default_bound,
        })
    }
}

impl Paths {
    /// serde's path as the string `#[serde(crate = "...")]` wants.
    fn serde_path_string(&self) -> String {
        let serde = &self.serde;
        quote!(#serde).to_string().replace(' ', "")
    }
}

fn shadow_item(input: &Input, shadow_ident: &Ident, container: &ContainerAttrs) -> DeriveInput {
    let mut shadow = input.item.clone();
    shadow.ident = shadow_ident.clone();
    shadow.vis = syn::Visibility::Inherited;
    shadow.attrs = container.attrs.clone();
    if let Some(bound) = &container.default_bound {
        shadow.generics = with_predicates(&shadow.generics, [bound.clone()]);
    }
    let skipped: Vec<bool> = input.all_fields().map(|f| f.attrs.skip.is_some()).collect();
    let mut skipped = skipped.into_iter();
    let keep_serde = |attrs: &mut Vec<Attribute>| {
        attrs.retain(|attr| {
            attr.path().is_ident("serde") || cfg_attrs(std::slice::from_ref(attr)).next().is_some()
        });
    };
    let mut visit_fields = |fields: &mut syn::Fields| {
        for field in fields.iter_mut() {
            keep_serde(&mut field.attrs);
            if skipped.next() == Some(true) {
                field.attrs.push(parse_quote!(#[serde(skip)]));
            }
        }
    };
    match &mut shadow.data {
        syn::Data::Struct(data) => visit_fields(&mut data.fields),
        syn::Data::Enum(data) => {
            for variant in data.variants.iter_mut() {
                keep_serde(&mut variant.attrs);
                visit_fields(&mut variant.fields);
            }
        }
        syn::Data::Union(_) => unreachable!("unions are rejected while building the model"),
    }
    shadow
}

fn default_helper(input: &Input, name: &Ident, bound: &syn::WherePredicate) -> TokenStream {
    let ident = input.ident();
    let generics = with_predicates(input.generics(), [bound.clone()]);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        fn #name #impl_generics () -> #ident #ty_generics #where_clause {
            ::core::default::Default::default()
        }
    }
}

/// Which names a `rename` item sets: (serialize, deserialize).
fn rename_halves(chunk: &TokenStream) -> (bool, bool) {
    match chunk.clone().into_iter().nth(1) {
        Some(TokenTree::Group(group)) => {
            let words: Vec<String> = group
                .stream()
                .into_iter()
                .filter_map(|tree| match tree {
                    TokenTree::Ident(ident) => Some(ident.to_string()),
                    _ => None,
                })
                .collect();
            (
                words.iter().any(|w| w == "serialize"),
                words.iter().any(|w| w == "deserialize"),
            )
        }
        _ => (true, true),
    }
}
