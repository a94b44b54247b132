//! What the derive emits beside its errors: stub impls, so that a mistake in `#[wire(...)]` is
//! reported once, on the attribute, instead of again at every use of the type ("`WireMessage` is
//! not implemented"). The stubs never run: the build fails on the errors. thiserror does the same.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{parse_quote, DeriveInput};

pub fn stubs(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let serde = (!names_flag(input, "external_serde")).then(|| {
        let mut de_generics = input.generics.clone();
        de_generics.params.insert(0, parse_quote!('de));
        let (de_impl_generics, _, _) = de_generics.split_for_impl();
        quote! {
            impl #impl_generics ::wiremsg::__private::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S: ::wiremsg::__private::serde::Serializer>(
                    &self,
                    _: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    ::core::unimplemented!()
                }
            }
            impl #de_impl_generics ::wiremsg::__private::serde::Deserialize<'de> for #ident #ty_generics #where_clause {
                fn deserialize<__D: ::wiremsg::__private::serde::Deserializer<'de>>(
                    _: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    ::core::unimplemented!()
                }
            }
        }
    });
    quote! {
        #[allow(unused_qualifications)]
        const _: () = {
            #serde
            impl #impl_generics ::wiremsg::WireMessage for #ident #ty_generics #where_clause {
                const TYPE_ID: u32 = 0;
                const SCHEMA_VERSION: u16 = 0;
                const TYPE_NAME: &'static str = "";
                const CODEC: ::wiremsg::CodecKind = ::wiremsg::CodecKind::Json;
                const LAYOUT_FINGERPRINT: u16 = 0;
            }
        };
    }
}

/// Whether a `#[wire(...)]` attribute mentions `flag`, read leniently: the attribute may be the
/// very thing that failed to parse.
fn names_flag(input: &DeriveInput, flag: &str) -> bool {
    input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("wire"))
        .filter_map(|attr| attr.meta.require_list().ok())
        .any(|list| {
            list.tokens
                .clone()
                .into_iter()
                .any(|tree| matches!(tree, proc_macro2::TokenTree::Ident(ident) if ident == flag))
        })
}
