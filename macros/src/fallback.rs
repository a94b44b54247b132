//! What the derive emits beside its errors: stub impls, so that a mistake in `#[wire(...)]` is
//! reported once, on the attribute, instead of again at every use of the type ("`WireMessage` is
//! not implemented"). The stubs never run: the build fails on the errors. thiserror does the same.

use crate::attr::tokens::ArgumentEnd;
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::{parse_quote, DeriveInput};

pub fn stubs(input: &DeriveInput) -> TokenStream {
    let krate = crate_path(input);
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let serde = (!names_flag(input, "external_serde")).then(|| {
        let mut de_generics = input.generics.clone();
        de_generics.params.insert(0, parse_quote!('de));
        let (de_impl_generics, _, _) = de_generics.split_for_impl();
        quote! {
            impl #impl_generics #krate::__private::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S: #krate::__private::serde::Serializer>(
                    &self,
                    _: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    ::core::unimplemented!()
                }
            }
            impl #de_impl_generics #krate::__private::serde::Deserialize<'de> for #ident #ty_generics #where_clause {
                fn deserialize<__D: #krate::__private::serde::Deserializer<'de>>(
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
            impl #impl_generics #krate::WireMessage for #ident #ty_generics #where_clause {
                const TYPE_ID: u32 = 0;
                const SCHEMA_VERSION: u16 = 0;
                const TYPE_NAME: &'static str = "";
                const CODEC: #krate::CodecKind = #krate::CodecKind::Json;
                const LAYOUT_FINGERPRINT: u16 = 0;
            }
        };
    }
}

/// The tokens of every `#[wire(...)]` attribute, read leniently: the attribute may be the very
/// thing that failed to parse.
fn wire_tokens(input: &DeriveInput) -> impl Iterator<Item = Vec<TokenTree>> + '_ {
    input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("wire"))
        .filter_map(|attr| attr.meta.require_list().ok())
        .map(|list| list.tokens.clone().into_iter().collect())
}

/// Whether a `#[wire(...)]` attribute mentions `flag`.
fn names_flag(input: &DeriveInput, flag: &str) -> bool {
    wire_tokens(input).any(|tokens| {
        tokens
            .iter()
            .any(|tree| matches!(tree, TokenTree::Ident(ident) if ident == flag))
    })
}

/// The path of `crate = path` where some `#[wire(...)]` gives one that parses, else `::wiremsg`.
fn crate_path(input: &DeriveInput) -> syn::Path {
    wire_tokens(input)
        .find_map(|tokens| {
            let at = tokens.windows(2).position(|pair| {
                matches!(&pair[0], TokenTree::Ident(key) if key == "crate")
                    && matches!(&pair[1], TokenTree::Punct(eq) if eq.as_char() == '=')
            })?;
            let mut end = ArgumentEnd::default();
            let path: TokenStream = tokens[at + 2..]
                .iter()
                .take_while(|tree| !end.is_end(tree))
                .cloned()
                .collect();
            syn::parse2(path).ok()
        })
        .unwrap_or_else(|| parse_quote!(::wiremsg))
}

#[cfg(test)]
mod tests {
    use super::stubs;
    use syn::parse_quote;

    #[test]
    fn stubs_name_the_runtime_through_the_crate_attribute() {
        let renamed = stubs(&parse_quote! {
            #[wire(bogus, crate = renamed::wm, id = "x")]
            struct Broken;
        })
        .to_string();
        assert!(
            renamed.contains("renamed :: wm :: WireMessage"),
            "{renamed}"
        );
        assert!(!renamed.contains(":: wiremsg"), "{renamed}");
        let default = stubs(&parse_quote! {
            #[wire(bogus)]
            struct Broken;
        })
        .to_string();
        assert!(default.contains(":: wiremsg :: WireMessage"), "{default}");
    }
}
