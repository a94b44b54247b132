//! `#[rkyv(compare(PartialEq, PartialOrd))]`: comparisons between the item and its archived type.
//!
//! rkyv_derive writes them for the type it derives on, which here is the hidden shadow, so
//! `ArchivedName == Name` would not compile. wiremsg takes `compare` out of the attributes it
//! forwards and writes the same impls (same field order, same bounds) against the item itself.
//! Fields rkyv does not store (`#[wire(skip)]`) are left out of the comparison.

use super::shadow::{archived_type_predicates, field_wrapper, Names};
use crate::ast::{Data, Field, Input};
use crate::attr::rkyv::Compare;
use crate::expand::{with_predicates, Paths};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_quote, Generics, WherePredicate};

pub fn expand(input: &Input, paths: &Paths, names: &Names) -> TokenStream {
    input
        .rkyv
        .compares
        .iter()
        .map(|compare| {
            let generics = impl_generics(input, paths, names, *compare);
            match (compare, &input.data) {
                (Compare::PartialEq, Data::Struct(fields)) => {
                    struct_eq(input, names, &generics, &compared(&fields.list))
                }
                (Compare::PartialOrd, Data::Struct(fields)) => {
                    struct_ord(input, names, &generics, &compared(&fields.list))
                }
                (Compare::PartialEq, Data::Enum(_)) => enum_eq(input, names, &generics),
                // Rejected while parsing, as rkyv does.
                (Compare::PartialOrd, Data::Enum(_)) => TokenStream::new(),
            }
        })
        .collect()
}

fn compared<'a, 'b>(fields: &'b [Field<'a>]) -> Vec<&'b Field<'a>> {
    fields.iter().filter(|f| f.attrs.skip.is_none()).collect()
}

/// The item's generics plus what naming the archived type needs and, as rkyv writes it,
/// `ArchivedField: Trait<Field>` for every compared field that does not omit its bounds.
fn impl_generics(input: &Input, paths: &Paths, names: &Names, compare: Compare) -> Generics {
    let rkyv = &paths.rkyv;
    let trait_ = match compare {
        Compare::PartialEq => quote!(::core::cmp::PartialEq),
        Compare::PartialOrd => quote!(::core::cmp::PartialOrd),
    };
    let mut predicates = archived_type_predicates(input, paths, names);
    for field in input.all_fields() {
        if field.attrs.skip.is_some() || field.attrs.recursive.is_some() || field.rkyv.omit_bounds {
            continue;
        }
        let ty = field.ty();
        let archived: syn::Type = match field_wrapper(field, paths, names) {
            Some(with) => parse_quote!(<#with as #rkyv::with::ArchiveWith<#ty>>::Archived),
            None => parse_quote!(<#ty as #rkyv::Archive>::Archived),
        };
        let predicate: WherePredicate = parse_quote!(#archived: #trait_<#ty>);
        predicates.push(predicate);
    }
    with_predicates(input.generics(), predicates)
}

fn struct_eq(input: &Input, names: &Names, generics: &Generics, fields: &[&Field]) -> TokenStream {
    let members = fields.iter().map(|f| &f.member);
    let body = quote!(true #(&& other.#members.eq(&self.#members))*);
    eq_impls(input, names, generics, body)
}

fn enum_eq(input: &Input, names: &Names, generics: &Generics) -> TokenStream {
    let Data::Enum(variants) = &input.data else {
        return TokenStream::new();
    };
    let ident = input.ident();
    let archived = &names.archived;
    let arms = variants.iter().map(|variant| {
        let name = &variant.original.ident;
        let fields = compared(&variant.fields.list);
        let members: Vec<_> = fields.iter().map(|f| &f.member).collect();
        let mine: Vec<_> = (0..fields.len())
            .map(|i| format_ident!("__self{}", i))
            .collect();
        let theirs: Vec<_> = (0..fields.len())
            .map(|i| format_ident!("__other{}", i))
            .collect();
        quote! {
            #ident::#name { #(#members: #mine,)* .. } => match other {
                #archived::#name { #(#members: #theirs,)* .. } => true #(&& #theirs.eq(#mine))*,
                #[allow(unreachable_patterns)]
                _ => false,
            }
        }
    });
    eq_impls(input, names, generics, quote!(match self { #(#arms,)* }))
}

/// `impl PartialEq<Archived> for Name` with `body`, and the mirror impl.
fn eq_impls(input: &Input, names: &Names, generics: &Generics, body: TokenStream) -> TokenStream {
    let ident = input.ident();
    let archived = &names.archived;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::cmp::PartialEq<#archived #ty_generics> for #ident #ty_generics #where_clause {
            fn eq(&self, other: &#archived #ty_generics) -> bool {
                #body
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::cmp::PartialEq<#ident #ty_generics> for #archived #ty_generics #where_clause {
            fn eq(&self, other: &#ident #ty_generics) -> bool {
                other.eq(self)
            }
        }
    }
}

fn struct_ord(input: &Input, names: &Names, generics: &Generics, fields: &[&Field]) -> TokenStream {
    let ident = input.ident();
    let archived = &names.archived;
    let members = fields.iter().map(|f| &f.member);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::cmp::PartialOrd<#archived #ty_generics> for #ident #ty_generics #where_clause {
            fn partial_cmp(&self, other: &#archived #ty_generics) -> ::core::option::Option<::core::cmp::Ordering> {
                #(
                    match other.#members.partial_cmp(&self.#members) {
                        ::core::option::Option::Some(::core::cmp::Ordering::Equal) => {}
                        ordering => return ordering.map(::core::cmp::Ordering::reverse),
                    }
                )*
                ::core::option::Option::Some(::core::cmp::Ordering::Equal)
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::cmp::PartialOrd<#ident #ty_generics> for #archived #ty_generics #where_clause {
            fn partial_cmp(&self, other: &#ident #ty_generics) -> ::core::option::Option<::core::cmp::Ordering> {
                other.partial_cmp(self).map(::core::cmp::Ordering::reverse)
            }
        }
    }
}
