//! rkyv support: a hidden shadow of the item carrying rkyv's own derive in remote mode, and
//! `Archive` / `Serialize` / `Deserialize` impls for the item that forward to it.
//!
//! A derive cannot add attributes to its own item, and rkyv_derive cannot be called as a library;
//! its remote mode can. The shadow sits beside the item (not in a const block) so that the
//! archived type it names, `Archived<Name>`, is visible where the item is.

use crate::ast::{unraw, Data, Field, Fields, Input, Style};
use crate::attr::tokens::{chunk_key, split_args};
use crate::expand::stack_guard::stack_guarded;
use crate::expand::{cfg_attrs, rebuild, with_param, with_predicates, Paths};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_quote, Ident};

pub fn expand(input: &Input, paths: &Paths) -> (TokenStream, TokenStream) {
    let names = Names::new(input);
    let forwarding = forwarding_impls(input, paths, &names);
    let compare = super::compare::expand(input, paths, &names);
    (shadow(input, paths, &names), quote!(#forwarding #compare))
}

pub(super) struct Names {
    shadow: Ident,
    remote: Ident,
    pub(super) archived: Ident,
    resolver: Ident,
    /// The `ProbedField` alias checked fields are archived through (`field_checks.rs`).
    pub(super) probed: Ident,
    /// The `SerdeProbed` alias that picks an `as_json` field's wrapper.
    serde_probed: Ident,
}

impl Names {
    pub(super) fn new(input: &Input) -> Names {
        let base = unraw(input.ident());
        let span = input.ident().span();
        Names {
            shadow: format_ident!("__WireArchive{}", base, span = span),
            remote: format_ident!("__WireRemote{}", base, span = span),
            archived: input
                .rkyv
                .archived_name
                .clone()
                .unwrap_or_else(|| format_ident!("Archived{}", base, span = span)),
            resolver: format_ident!("{}Resolver", base, span = span),
            probed: crate::expand::field_checks::probe_alias(input),
            serde_probed: crate::expand::field_checks::serde_probe_alias(input),
        }
    }
}

fn shadow(input: &Input, paths: &Paths, names: &Names) -> TokenStream {
    let rkyv = &paths.rkyv;
    let ident = input.ident();
    let vis = input.vis();
    let shadow = &names.shadow;
    let generics = input.generics();
    let where_clause = &generics.where_clause;
    let (_, ty_generics, _) = generics.split_for_impl();
    let user_attrs = input
        .item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("rkyv"))
        .filter_map(without_compare);

    let archived = input.rkyv.archived_name.is_none().then(|| {
        let archived = &names.archived;
        quote!(#[rkyv(archived = #archived)])
    });
    let resolver = (!input.rkyv.names_resolver).then(|| {
        let resolver = &names.resolver;
        quote!(#[rkyv(resolver = #resolver)])
    });
    let recursion_bounds = input
        .all_fields()
        .any(|f| f.attrs.recursive.is_some())
        .then(|| {
            quote! {
                #[rkyv(
                    serialize_bounds(
                        __S: #rkyv::ser::Writer + #rkyv::ser::Allocator,
                        __S::Error: #rkyv::rancor::Source,
                    ),
                    deserialize_bounds(__D::Error: #rkyv::rancor::Source),
                    bytecheck(bounds(
                        __C: #rkyv::validation::ArchiveContext,
                        __C::Error: #rkyv::rancor::Source,
                    )),
                )]
            }
        });

    let body = match &input.data {
        Data::Struct(fields) => {
            let style = fields.style;
            let fields = shadow_fields(fields, paths, names, true);
            match style {
                Style::Named => quote!(struct #shadow #generics #where_clause #fields),
                Style::Unnamed => quote!(struct #shadow #generics #fields #where_clause;),
                Style::Unit => quote!(struct #shadow #generics #where_clause;),
            }
        }
        Data::Enum(variants) => {
            let variants = variants.iter().map(|variant| {
                let attrs = variant
                    .original
                    .attrs
                    .iter()
                    .filter(|a| a.path().is_ident("rkyv") || a.path().is_ident("doc"));
                let cfgs = cfg_attrs(&variant.original.attrs);
                let name = &variant.original.ident;
                let fields = shadow_fields(&variant.fields, paths, names, false);
                let discriminant = variant
                    .original
                    .discriminant
                    .as_ref()
                    .map(|(eq, expr)| quote!(#eq #expr));
                quote!(#(#cfgs)* #(#attrs)* #name #fields #discriminant)
            });
            quote!(enum #shadow #generics #where_clause { #(#variants,)* })
        }
    };

    let remote = &names.remote;
    let rkyv_derive = &paths.rkyv_derive;
    let alias_params = alias_params(generics);
    quote! {
        // rkyv's generated code names the item through this alias: a `#[deprecated]` item then
        // warns only here, where the warning is allowed.
        #[doc(hidden)]
        #[allow(deprecated, non_camel_case_types, type_alias_bounds)]
        #vis type #remote <#(#alias_params),*> = #ident #ty_generics;

        #[derive(#rkyv_derive::Archive, #rkyv_derive::Serialize, #rkyv_derive::Deserialize)]
        #[rkyv(crate = #rkyv, remote = #remote #ty_generics)]
        #archived
        #resolver
        #recursion_bounds
        #(#user_attrs)*
        #[doc(hidden)]
        #[allow(dead_code, non_camel_case_types, deprecated)]
        #vis #body
    }
}

/// A container `#[rkyv(...)]` attribute without its `compare(...)` item, which rkyv would
/// implement against the hidden shadow type; `compare.rs` implements it against the item instead.
fn without_compare(attr: &syn::Attribute) -> Option<TokenStream> {
    let Ok(args) = split_args(attr) else {
        // Malformed: forward it untouched so that rkyv reports it.
        return Some(quote!(#attr));
    };
    let kept: Vec<_> = args
        .into_iter()
        .filter(|arg| chunk_key(arg).as_deref() != Some("compare"))
        .collect();
    (!kept.is_empty()).then(|| quote!(#[rkyv(#(#kept),*)]))
}

/// A type alias's parameters: names only (bounds on an alias are not enforced), const types kept.
fn alias_params(generics: &syn::Generics) -> Vec<TokenStream> {
    generics
        .params
        .iter()
        .map(|param| match param {
            syn::GenericParam::Type(param) => {
                let ident = &param.ident;
                quote!(#ident)
            }
            syn::GenericParam::Lifetime(param) => {
                let lifetime = &param.lifetime;
                quote!(#lifetime)
            }
            syn::GenericParam::Const(param) => {
                let ident = &param.ident;
                let ty = &param.ty;
                quote!(const #ident: #ty)
            }
        })
        .collect()
}

fn shadow_fields(fields: &Fields, paths: &Paths, names: &Names, keep_vis: bool) -> TokenStream {
    let list = fields.list.iter().map(|field| {
        let original = field.original;
        let attrs = original.attrs.iter().filter(|a| {
            a.path().is_ident("rkyv")
                || a.path().is_ident("doc")
                || a.path().is_ident("cfg")
                || a.path().is_ident("cfg_attr")
        });
        let ours = wire_rkyv_attr(field, paths, names);
        let vis = keep_vis.then_some(&original.vis);
        let name = original.ident.as_ref().map(|ident| quote!(#ident :));
        let ty = &original.ty;
        quote!(#(#attrs)* #ours #vis #name #ty)
    });
    match fields.style {
        Style::Named => quote!({ #(#list,)* }),
        Style::Unnamed => quote!(( #(#list,)* )),
        Style::Unit => TokenStream::new(),
    }
}

/// The rkyv attribute a `#[wire(...)]` field attribute, or the field's check, stands for.
fn wire_rkyv_attr(field: &Field, paths: &Paths, names: &Names) -> Option<TokenStream> {
    match ours_wrapper(field, paths, names) {
        Some(with) => Some(quote!(#[rkyv(with = #with)])),
        None => field.attrs.recursive.map(|_| quote!(#[rkyv(omit_bounds)])),
    }
}

/// The wrapper rkyv archives a field with, as rkyv's derive sees it.
pub(super) fn field_wrapper(field: &Field, paths: &Paths, names: &Names) -> Option<syn::Type> {
    ours_wrapper(field, paths, names).or_else(|| field.rkyv.with.clone())
}

/// The wrapper the derive gives a field: `Skip`, `AsJson`, or the probe of a checked field.
fn ours_wrapper(field: &Field, paths: &Paths, names: &Names) -> Option<syn::Type> {
    let Paths { krate, rkyv, .. } = paths;
    if field.attrs.skip.is_some() {
        Some(parse_quote!(#rkyv::with::Skip))
    } else if field.attrs.as_json.is_some() && !field.serde_checked.is_empty() {
        let serde_probed = &names.serde_probed;
        Some(parse_quote!(<#serde_probed as #krate::__private::AsJsonSlot>::With))
    } else if field.attrs.as_json.is_some() {
        Some(parse_quote!(#krate::__private::AsJson))
    } else if !field.archive_checked.is_empty() {
        let probed = &names.probed;
        Some(parse_quote!(#probed))
    } else {
        None
    }
}

/// The where-predicates rkyv_derive puts on the archived type, which every impl naming it repeats.
pub(super) fn archived_type_predicates(
    input: &Input,
    paths: &Paths,
    names: &Names,
) -> Vec<syn::WherePredicate> {
    let mut predicates = input.rkyv.archive_bounds.clone();
    predicates.extend(field_archive_bounds(input, paths, names).map(|bound| parse_quote!(#bound)));
    predicates
}

/// The bound rkyv puts on each field's type (as tokens: a concrete item's impls use them as they
/// are, without the parse a generic item's need).
fn field_archive_bounds<'a>(
    input: &'a Input,
    paths: &'a Paths,
    names: &'a Names,
) -> impl Iterator<Item = TokenStream> + 'a {
    let rkyv = &paths.rkyv;
    input
        .all_fields()
        .filter(|field| !field.rkyv.omit_bounds && field.attrs.recursive.is_none())
        .map(move |field| {
            let ty = field.ty();
            match field_wrapper(field, paths, names) {
                Some(with) => quote!(#with: #rkyv::with::ArchiveWith<#ty>),
                None => quote!(#ty: #rkyv::Archive),
            }
        })
}

/// The item's type and its shadow's, with the item's generics: `Name<T>`, `__WireArchiveName<T>`.
fn item_and_shadow(input: &Input, names: &Names) -> (TokenStream, TokenStream) {
    let ident = input.ident();
    let shadow = &names.shadow;
    let (_, ty_generics, _) = input.generics().split_for_impl();
    (quote!(#ident #ty_generics), quote!(#shadow #ty_generics))
}

fn forwarding_impls(input: &Input, paths: &Paths, names: &Names) -> TokenStream {
    let rkyv = &paths.rkyv;
    let Names { archived, .. } = names;
    let (_, ty_generics, _) = input.generics().split_for_impl();
    let (this, shadow_ty) = item_and_shadow(input, names);
    let with = quote!(<#shadow_ty as #rkyv::with::ArchiveWith<#this>>);

    let ImplBounds {
        archive_impl,
        archive_where,
        serialize_impl,
        serialize_where,
        deserialize_impl,
        deserialize_where,
    } = if is_concrete(input) {
        ImplBounds::concrete(input, paths, names)
    } else {
        ImplBounds::generic(input, paths, names)
    };
    let from_shadow = from_shadow(input, names);
    let copy_optimization = super::copy::expand(input, paths, names);
    let deserialize = stack_guarded(
        input,
        paths,
        quote!(#this),
        quote!(<#shadow_ty as #rkyv::with::DeserializeWith<#archived #ty_generics, #this, __D>>::deserialize_with(self, deserializer)),
    );

    quote! {
        #from_shadow

        #[automatically_derived]
        impl #archive_impl #rkyv::Archive for #this #archive_where {
            type Archived = #with::Archived;
            type Resolver = #with::Resolver;
            #copy_optimization

            #[inline]
            fn resolve(&self, resolver: Self::Resolver, out: #rkyv::Place<Self::Archived>) {
                #with::resolve_with(self, resolver, out)
            }
        }

        #[automatically_derived]
        impl #serialize_impl #rkyv::Serialize<__S> for #this #serialize_where {
            #[inline]
            fn serialize(
                &self,
                serializer: &mut __S,
            ) -> ::core::result::Result<Self::Resolver, <__S as #rkyv::rancor::Fallible>::Error> {
                <#shadow_ty as #rkyv::with::SerializeWith<#this, __S>>::serialize_with(self, serializer)
            }
        }

        #[automatically_derived]
        impl #deserialize_impl #rkyv::Deserialize<#this, __D> for #archived #ty_generics #deserialize_where {
            #[inline]
            fn deserialize(
                &self,
                deserializer: &mut __D,
            ) -> ::core::result::Result<#this, <__D as #rkyv::rancor::Fallible>::Error> {
                #deserialize
            }
        }
    }
}

/// Whether the item has no generic parameters and no rkyv bounds of its own.
fn is_concrete(input: &Input) -> bool {
    let generics = input.generics();
    generics.params.is_empty()
        && generics.where_clause.is_none()
        && input.rkyv.archive_bounds.is_empty()
}

/// The generics and where-clause of each forwarding impl.
struct ImplBounds {
    archive_impl: TokenStream,
    archive_where: TokenStream,
    serialize_impl: TokenStream,
    serialize_where: TokenStream,
    deserialize_impl: TokenStream,
    deserialize_where: TokenStream,
}

impl ImplBounds {
    /// For an item without generics or bounds of its own: the same bounds, written as tokens
    /// (they are what the compiler reports a missing trait against), without the parsing and
    /// generics surgery a generic item needs, which this macro (unoptimised in debug builds)
    /// would otherwise do for every message type.
    fn concrete(input: &Input, paths: &Paths, names: &Names) -> ImplBounds {
        let rkyv = &paths.rkyv;
        let ident = input.ident();
        let Names {
            shadow, archived, ..
        } = names;
        let fields = field_archive_bounds(input, paths, names);
        ImplBounds {
            archive_impl: TokenStream::new(),
            archive_where: quote!(where #shadow: #rkyv::with::ArchiveWith<#ident>),
            serialize_impl: quote!(<__S: #rkyv::rancor::Fallible + ?Sized>),
            serialize_where: quote!(where #shadow: #rkyv::with::SerializeWith<#ident, __S>),
            deserialize_impl: quote!(<__D: #rkyv::rancor::Fallible + ?Sized>),
            deserialize_where: quote! {
                where
                    #(#fields,)*
                    #shadow: #rkyv::with::DeserializeWith<#archived, #ident, __D>
            },
        }
    }

    /// For a generic item: rkyv's remote bounds, repeated.
    fn generic(input: &Input, paths: &Paths, names: &Names) -> ImplBounds {
        let rkyv = &paths.rkyv;
        let archived = &names.archived;
        let generics = input.generics();
        let (_, ty_generics, _) = generics.split_for_impl();
        let (this, shadow_ty) = item_and_shadow(input, names);

        let archive = with_predicates(
            generics,
            [parse_quote!(#shadow_ty: #rkyv::with::ArchiveWith<#this>)],
        );
        let (archive_impl, _, archive_where) = archive.split_for_impl();

        let serialize = with_predicates(
            &with_param(
                generics,
                parse_quote!(__S: #rkyv::rancor::Fallible + ?Sized),
            ),
            [parse_quote!(#shadow_ty: #rkyv::with::SerializeWith<#this, __S>)],
        );
        let (serialize_impl, _, serialize_where) = serialize.split_for_impl();

        let mut deserialize_predicates = archived_type_predicates(input, paths, names);
        deserialize_predicates.push(parse_quote!(
            #shadow_ty: #rkyv::with::DeserializeWith<#archived #ty_generics, #this, __D>
        ));
        let deserialize = with_predicates(
            &with_param(
                generics,
                parse_quote!(__D: #rkyv::rancor::Fallible + ?Sized),
            ),
            deserialize_predicates,
        );
        let (deserialize_impl, _, deserialize_where) = deserialize.split_for_impl();
        ImplBounds {
            archive_impl: quote!(#archive_impl),
            archive_where: quote!(#archive_where),
            serialize_impl: quote!(#serialize_impl),
            serialize_where: quote!(#serialize_where),
            deserialize_impl: quote!(#deserialize_impl),
            deserialize_where: quote!(#deserialize_where),
        }
    }
}

/// `From<shadow> for Name`, which rkyv's remote `Deserialize` ends with.
fn from_shadow(input: &Input, names: &Names) -> TokenStream {
    let ident = input.ident();
    let shadow = &names.shadow;
    let (impl_generics, ty_generics, where_clause) = input.generics().split_for_impl();
    let body = rebuild(
        input,
        (quote!(shadow), quote!(#shadow)),
        quote!(#ident),
        |_, value| value,
    );
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#shadow #ty_generics> for #ident #ty_generics #where_clause {
            #[inline]
            fn from(shadow: #shadow #ty_generics) -> Self {
                #body
            }
        }
    }
}
