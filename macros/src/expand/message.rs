//! The `WireMessage` impl.

use super::{with_predicates, Paths};
use crate::ast::Input;
use crate::attr::Codec;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse_quote;
use syn::spanned::Spanned;

/// `deserialize_owned` is false when the serde impls borrow `'static` (see [`super::serde`]).
pub fn expand(input: &Input, paths: &Paths, deserialize_owned: bool) -> TokenStream {
    let Paths { krate, serde, .. } = paths;
    let ident = input.ident();
    let name = input.message_name();
    let has_rkyv = input.attrs.has_rkyv();
    let (_, ty_generics, _) = input.generics().split_for_impl();
    let layout_hash = super::fingerprint::layout_hash(input, paths);

    // Generic types state what they need on the impl; for the rest the supertraits say it.
    // A type that borrows `'static` is never `DeserializeOwned`: like any borrowing type it gets
    // an impl whose where-clause it cannot meet, made higher-ranked when the type has no
    // parameters (a where-clause without any that cannot hold is otherwise an error).
    let generics = if input.generics().params.is_empty() && deserialize_owned {
        input.generics().clone()
    } else {
        let this: syn::Type = parse_quote!(#ident #ty_generics);
        let binder = input
            .generics()
            .params
            .is_empty()
            .then(|| quote!(for<'__wire>));
        let mut predicates: Vec<syn::WherePredicate> = vec![parse_quote!(
            #binder #this: #serde::Serialize + #serde::de::DeserializeOwned
        )];
        if has_rkyv {
            predicates.push(parse_quote!(#binder #this: #krate::RkyvMessage));
        }
        predicates.extend(layout_hash.bounds);
        with_predicates(input.generics(), predicates)
    };
    let (impl_generics, _, where_clause) = generics.split_for_impl();

    let type_id = match &input.attrs.id {
        Some(id) => quote!(#id),
        None => quote!(#krate::__private::type_id_of(#name)),
    };
    let version = input.attrs.version.unwrap_or(1);
    let codec = match input.attrs.codec() {
        Codec::Hybrid => quote!(Hybrid),
        Codec::Rkyv => quote!(Rkyv),
        Codec::Json => quote!(Json),
    };
    let layout_hash = layout_hash.value;
    let rkyv_methods = has_rkyv.then(|| {
        quote! {
            #[inline]
            fn __rkyv_frame_into(
                &self,
                buf: &mut #krate::__private::rkyv::util::AlignedVec,
                arena: #krate::__private::rkyv::ser::allocator::ArenaHandle<'_>,
            ) -> #krate::__private::FrameEnd {
                #krate::__private::append_rkyv_frame(self, buf, arena)
            }
            #[inline]
            fn __from_rkyv_payload(
                payload: &[u8],
                limits: &#krate::Limits,
            ) -> #krate::__private::Result<Self, #krate::CodecError> {
                #krate::__private::decode_rkyv_payload(payload, limits)
            }
        }
    });
    let as_json_checks = as_json_checks(input, paths);
    let check_zero_sized = super::nested::check_method(input, krate);
    let (migrate, migration_checks) = super::migration::expand(input, paths);
    let guards_its_decode = super::stack_guard::guards_its_decode(input);

    quote! {
        #as_json_checks
        #migration_checks
        #[automatically_derived]
        impl #impl_generics #krate::WireMessage for #ident #ty_generics #where_clause {
            const TYPE_ID: u32 = #type_id;
            const SCHEMA_VERSION: u16 = #version;
            const TYPE_NAME: &'static str = #name;
            const CODEC: #krate::CodecKind = #krate::CodecKind::#codec;
            // The hash is written out twice rather than read through `Self::__LAYOUT_HASH`,
            // which would repeat a type's missing-`Serialize` errors for this constant.
            const LAYOUT_FINGERPRINT: u16 = #krate::__private::fold_to_fingerprint(#layout_hash);
            const __LAYOUT_HASH: u32 = #layout_hash;
            const __GUARDS_ITS_DECODE: bool = #guards_its_decode;
            #rkyv_methods
            #check_zero_sized
            #migrate
        }
    }
}

/// A compile-time check, reported on the field, that each `as_json` field type has serde
/// support, for an item with lifetimes, whose fields `field_checks.rs` leaves alone. Field types
/// that mention a type parameter are checked where the type is used.
fn as_json_checks(input: &Input, paths: &Paths) -> TokenStream {
    if input.generics().lifetimes().next().is_none() {
        return TokenStream::new();
    }
    let krate = &paths.krate;
    let params: Vec<String> = input
        .generics()
        .type_params()
        .map(|param| param.ident.to_string())
        .collect();
    let checks = input
        .all_fields()
        .filter(|field| field.attrs.as_json.is_some())
        .filter(|field| !mentions_any(field.ty(), &params))
        .map(|field| {
            let ty = field.ty();
            quote_spanned!(ty.span()=> #krate::__private::assert_as_json_field::<#ty>();)
        });
    quote! {
        const _: () = { #(#checks)* };
    }
}

pub(super) fn mentions_any(ty: &syn::Type, params: &[String]) -> bool {
    fn walk(tokens: TokenStream, params: &[String]) -> bool {
        tokens.into_iter().any(|tree| match tree {
            proc_macro2::TokenTree::Ident(ident) => params.contains(&ident.to_string()),
            proc_macro2::TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    walk(quote!(#ty), params)
}
