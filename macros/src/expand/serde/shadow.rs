//! serde support for every item [`super::direct`] does not write itself (generic items,
//! serde attributes, skipped or borrowed fields): a hidden `#[serde(remote)]` shadow carrying
//! serde's own derive, and `Serialize` / `Deserialize` impls for the item that forward to it
//! with exactly the bounds serde_derive infers (see [`super::bound`]).
//!
//! The shadow copies the item's `#[serde(...)]` attributes verbatim except three, rewritten so the
//! result behaves as serde's derive on the item itself would: the container name (serde would
//! otherwise name the shadow in error messages and self-describing formats), serde's crate path,
//! and a container-level bare `default` (which would otherwise call the shadow's `Default`).

use super::bound;
use super::split::Split;
use crate::ast::{unraw, Data, Input, Style};
use crate::attr::tokens::{chunk_key, split_args};
use crate::expand::stack_guard::stack_guarded;
use crate::expand::{cfg_attrs, deserialize_impl, serialize_impl, with_predicates, Paths};
use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};
use serde_derive_internals::ast::Container;
use serde_derive_internals::{Ctxt, Derive};
use syn::punctuated::Punctuated;
use syn::{parse_quote, Attribute, DeriveInput, ExprPath, Ident, LitStr, Token, WherePredicate};

/// The shadow and the forwarding impls, and whether the `Deserialize` impl is for every `'de`
/// (false when a field borrows `'static`: serde then implements `Deserialize<'static>` only).
pub fn expand(input: &Input, paths: &Paths) -> syn::Result<(TokenStream, bool)> {
    let serde = &paths.serde;
    let ident = input.ident();
    let shadow_ident = format_ident!("__WireSerde{}", unraw(ident), span = ident.span());
    let default_fn = format_ident!("__wire_serde_default");
    let container = ContainerAttrs::rewrite(input, paths, &default_fn)?;
    let mut shadow = shadow_item(input, &shadow_ident, &container);
    // The `Deserialize` shadow is made from the `Serialize` one before its fields are routed.
    let split = Split::new(input).map(|split| {
        let de_shadow = split.deserialize_shadow(input, paths, shadow.clone());
        split.route_serialization(input, &mut shadow);
        (split, de_shadow)
    });

    let cx = Ctxt::new();
    let ser = Container::from_ast(&cx, &shadow, Derive::Serialize);
    let de = Container::from_ast(&cx, &shadow, Derive::Deserialize);
    cx.check()?;
    let (Some(ser), Some(de)) = (ser, de) else {
        // serde_derive_internals records an error whenever it returns `None`.
        return Err(syn::Error::new_spanned(
            ident,
            "wiremsg-derive could not read this item for serde",
        ));
    };

    let (_, ty_generics, _) = input.generics().split_for_impl();
    let turbofish = ty_generics.as_turbofish();
    let ser_generics = bound::serialize_generics(&ser, serde);
    let (ser_impl, _, ser_where) = ser_generics.split_for_impl();

    let borrowed = bound::borrowed_lifetimes(&de);
    let deserialize_owned = borrowed.is_some();
    let (de_lifetime, de_param) = match borrowed {
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

    let serialize_impl = serialize_impl(
        quote!(#ser_impl),
        quote!(#ident #ty_generics #ser_where),
        quote!(#shadow_ident #turbofish::serialize(self, __serializer)),
        serde,
    );
    let deserialize_impl = deserialize_impl(
        quote!(#de_impl),
        &de_lifetime,
        quote!(#ident #ty_generics #de_where),
        stack_guarded(
            input,
            paths,
            quote!(Self),
            match &split {
                Some((split, de_shadow)) => {
                    split.deserialize_body(input, paths, &shadow, de_shadow)
                }
                None => quote!(#shadow_ident #turbofish::deserialize(__deserializer)),
            },
        ),
        serde,
    );
    let serde_derive = &paths.serde_derive;
    let shadows = match split.is_some() {
        true => quote! {
            #[derive(#serde_derive::Serialize)]
            #[allow(dead_code, non_camel_case_types, deprecated)]
            #shadow
        },
        false => quote! {
            #[derive(#serde_derive::Serialize, #serde_derive::Deserialize)]
            #[allow(dead_code, non_camel_case_types, deprecated)]
            #shadow
        },
    };
    let tokens = quote! {
        #default_helper

        #shadows

        #serialize_impl
        #deserialize_impl
    };
    Ok((tokens, deserialize_owned))
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
                    // On an enum or a unit struct serde rejects it: kept, so that serde's own
                    // message points at it.
                    Some("default")
                        if chunk.clone().into_iter().count() == 1 && has_fields(input) =>
                    {
                        bare_default = true
                    }
                    Some(key) => kept.push(SelfIn::of_key(key).replace(chunk, input)),
                    None => kept.push(chunk),
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
        attrs.push(parse_quote!(#[serde(crate = #serde_path)]));
        attrs.push(parse_quote!(#[serde(remote = #remote)]));
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
        for attr in attrs.iter_mut().filter(|a| a.path().is_ident("serde")) {
            *attr = replace_self_in_attr(attr, input);
        }
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

/// Where serde reads `Self` inside an attribute's string values. serde's derive on the item
/// expands `bound` predicates and `skip_serializing_if` paths inside the item's own `impl`, where
/// `Self` is the item; inside the shadow's, `Self` would be the shadow. So `Self` in them is
/// replaced by the item's type, with serde's own `replace_receiver` (as for field types and the
/// where-clause, see `expand::derive`).
#[derive(Clone, Copy)]
enum SelfIn {
    /// `bound = "..."`, `bound(serialize = "...", deserialize = "...")`: where-predicates.
    Predicates,
    /// `skip_serializing_if = "..."`: a path to a function.
    Path,
    /// Every other key: left as written.
    Nowhere,
}

impl SelfIn {
    fn of_key(key: &str) -> SelfIn {
        match key {
            "bound" => SelfIn::Predicates,
            "skip_serializing_if" => SelfIn::Path,
            _ => SelfIn::Nowhere,
        }
    }

    /// `chunk` (one `key = value` item of a serde attribute) with `Self` replaced in its string
    /// literals. A literal that does not parse is left for serde to report.
    fn replace(self, chunk: TokenStream, input: &Input) -> TokenStream {
        if matches!(self, SelfIn::Nowhere) {
            return chunk;
        }
        chunk
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Group(group) => {
                    let mut replaced =
                        Group::new(group.delimiter(), self.replace(group.stream(), input));
                    replaced.set_span(group.span());
                    TokenTree::Group(replaced)
                }
                TokenTree::Literal(literal) => syn::parse2::<LitStr>(literal.to_token_stream())
                    .ok()
                    .and_then(|lit| self.replace_in_literal(&lit, input))
                    .map_or(TokenTree::Literal(literal), |lit| {
                        TokenTree::Literal(lit.token())
                    }),
                other => other,
            })
            .collect()
    }

    fn replace_in_literal(self, lit: &LitStr, input: &Input) -> Option<LitStr> {
        if !mentions_self(lit.parse().ok()?) {
            return None;
        }
        let ident = input.ident();
        let generics = input.generics();
        // A throwaway item with the same generics, holding the value where `replace_receiver`
        // looks: its where-clause, or the length of an array field.
        let tokens = match self {
            SelfIn::Predicates => {
                let predicates =
                    lit.parse_with(Punctuated::<WherePredicate, Token![,]>::parse_terminated);
                let predicates = predicates.ok()?;
                quote!(struct #ident #generics where #predicates;)
            }
            SelfIn::Path => {
                let path: ExprPath = lit.parse().ok()?;
                quote!(struct #ident #generics([(); #path]);)
            }
            SelfIn::Nowhere => return None,
        };
        let mut item: DeriveInput = syn::parse2(tokens).ok()?;
        serde_derive_internals::replace_receiver(&mut item);
        let replaced = match (self, &item.data) {
            (SelfIn::Predicates, _) => {
                let predicates = item.generics.where_clause?.predicates;
                quote!(#predicates)
            }
            (SelfIn::Path, syn::Data::Struct(data)) => match &data.fields.iter().next()?.ty {
                syn::Type::Array(array) => array.len.to_token_stream(),
                _ => return None,
            },
            _ => return None,
        };
        Some(LitStr::new(&replaced.to_string(), lit.span()))
    }
}

/// The serde attribute `attr` with `Self` replaced where [`SelfIn`] says. An attribute without
/// such a key, or malformed, is kept as written (serde reports malformed ones).
fn replace_self_in_attr(attr: &Attribute, input: &Input) -> Attribute {
    let Ok(chunks) = split_args(attr) else {
        return attr.clone();
    };
    let key_of =
        |chunk: &TokenStream| chunk_key(chunk).map_or(SelfIn::Nowhere, |k| SelfIn::of_key(&k));
    if chunks
        .iter()
        .all(|chunk| matches!(key_of(chunk), SelfIn::Nowhere))
    {
        return attr.clone();
    }
    let chunks = chunks
        .into_iter()
        .map(|chunk| key_of(&chunk).replace(chunk, input));
    parse_quote!(#[serde(#(#chunks),*)])
}

/// Whether `tokens` contain the identifier `Self`.
fn mentions_self(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => ident == "Self",
        TokenTree::Group(group) => mentions_self(group.stream()),
        _ => false,
    })
}

/// Whether the item is a struct with fields, the only place serde accepts a container `default`.
fn has_fields(input: &Input) -> bool {
    matches!(&input.data, Data::Struct(fields) if fields.style != Style::Unit)
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
