//! serde support written directly, for the common case: a struct with named fields, no
//! generics, no `#[serde]` attributes, no `#[wire(skip)]` and no `#[cfg]` on a field. Such a
//! struct behaves under serde_derive in one fixed way, written out here; everything else goes
//! through a shadow that carries serde's own derive ([`super::serde`]).
//!
//! Why: the shadow is a second struct, a `#[serde(remote)]` expansion and two forwarding impls
//! per type, the largest share of the derive's cost to an edit-and-rebuild cycle. The impls
//! below match serde_derive's behaviour (field order, names, errors, `Option` fields that may be
//! missing, unknown fields ignored, a sequence accepted in place of a map) and leave the
//! field-name lookup and missing-field rule to generic helpers in the runtime.

use super::Paths;
use crate::ast::{unraw, Data, Field, Input, Style};
use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};

/// Whether the item is the common case this module writes.
pub fn applies(input: &Input) -> bool {
    let item = input.item;
    let fields = match &input.data {
        Data::Struct(fields) if fields.style == Style::Named => fields,
        _ => return false,
    };
    item.generics.params.is_empty()
        && item.generics.where_clause.is_none()
        && !item.attrs.iter().any(|attr| attr.path().is_ident("serde"))
        && fields.list.iter().all(plain_field)
}

/// A field serde_derive treats like any other: no attribute that changes serde's view of it, and
/// no lifetime in its type (serde_derive borrows `&str` and `&[u8]` fields, and implements only
/// `Deserialize<'static>` for a `&'static` one).
fn plain_field(field: &Field) -> bool {
    field.attrs.skip.is_none()
        && !field.original.attrs.iter().any(|attr| {
            let path = attr.path();
            path.is_ident("serde") || path.is_ident("cfg") || path.is_ident("cfg_attr")
        })
        && !has_lifetime(field.ty().to_token_stream())
}

fn has_lifetime(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Punct(punct) => punct.as_char() == '\'',
        TokenTree::Group(group) => has_lifetime(group.stream()),
        _ => false,
    })
}

/// `Serialize` and `Deserialize` for an item [`applies`] accepts.
pub fn expand(input: &Input, paths: &Paths) -> TokenStream {
    let Data::Struct(fields) = &input.data else {
        unreachable!("`applies` accepts structs only")
    };
    let fields = &fields.list;
    let serialize = serialize(input, fields, paths);
    let deserialize = deserialize(input, fields, paths);
    quote!(#serialize #deserialize)
}

fn serialize(input: &Input, fields: &[Field], paths: &Paths) -> TokenStream {
    let serde = &paths.serde;
    let ident = input.ident();
    let name = unraw(ident);
    let len = fields.len();
    let members = fields.iter().map(|field| &field.member);
    let names = fields.iter().map(field_name);
    quote! {
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<__S>(
                &self,
                __serializer: __S,
            ) -> ::core::result::Result<<__S as #serde::Serializer>::Ok, <__S as #serde::Serializer>::Error>
            where
                __S: #serde::Serializer,
            {
                let mut __state = #serde::Serializer::serialize_struct(__serializer, #name, #len)?;
                #(#serde::ser::SerializeStruct::serialize_field(&mut __state, #names, &self.#members)?;)*
                #serde::ser::SerializeStruct::end(__state)
            }
        }
    }
}

fn deserialize(input: &Input, fields: &[Field], paths: &Paths) -> TokenStream {
    let serde = &paths.serde;
    let krate = &paths.krate;
    let ident = input.ident();
    let name = unraw(ident);
    let expecting = format!("struct {name}");
    let expecting_len = format!(
        "struct {name} with {} element{}",
        fields.len(),
        if fields.len() == 1 { "" } else { "s" }
    );
    let names: Vec<String> = fields.iter().map(field_name).collect();
    let members: Vec<_> = fields.iter().map(|field| &field.member).collect();
    let types: Vec<_> = fields.iter().map(Field::ty).collect();
    let values: Vec<_> = (0..fields.len())
        .map(|index| format_ident!("__field{}", index))
        .collect();
    let indices = 0..fields.len();
    let positions = 0..fields.len();
    let lookup_indices = 0..fields.len();
    let byte_names = names
        .iter()
        .map(|name| syn::LitByteStr::new(name.as_bytes(), proc_macro2::Span::call_site()));
    let count = fields.len();
    quote! {
        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(
                __deserializer: __D,
            ) -> ::core::result::Result<Self, <__D as #serde::Deserializer<'de>>::Error>
            where
                __D: #serde::Deserializer<'de>,
            {
                struct __Visitor;

                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #ident;

                    fn expecting(&self, __formatter: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                        ::core::fmt::Formatter::write_str(__formatter, #expecting)
                    }

                    fn visit_seq<__A>(self, mut __seq: __A) -> ::core::result::Result<#ident, __A::Error>
                    where
                        __A: #serde::de::SeqAccess<'de>,
                    {
                        #(
                            let ::core::option::Option::Some(#values) =
                                #serde::de::SeqAccess::next_element::<#types>(&mut __seq)?
                            else {
                                return ::core::result::Result::Err(
                                    #serde::de::Error::invalid_length(#positions, &#expecting_len),
                                );
                            };
                        )*
                        ::core::result::Result::Ok(#ident { #(#members: #values),* })
                    }

                    fn visit_map<__A>(self, mut __map: __A) -> ::core::result::Result<#ident, __A::Error>
                    where
                        __A: #serde::de::MapAccess<'de>,
                    {
                        #(let mut #values: ::core::option::Option<#types> = ::core::option::Option::None;)*
                        while let ::core::option::Option::Some(__key) = #serde::de::MapAccess::next_key_seed(
                            &mut __map,
                            #krate::__private::FieldSeed { count: #count, lookup: __field },
                        )? {
                            match __key {
                                #(
                                    #indices => {
                                        if ::core::option::Option::is_some(&#values) {
                                            return ::core::result::Result::Err(
                                                <__A::Error as #serde::de::Error>::duplicate_field(#names),
                                            );
                                        }
                                        #values = ::core::option::Option::Some(
                                            #serde::de::MapAccess::next_value::<#types>(&mut __map)?,
                                        );
                                    }
                                )*
                                _ => {
                                    #serde::de::MapAccess::next_value::<#serde::de::IgnoredAny>(&mut __map)?;
                                }
                            }
                        }
                        #(
                            let #values = match #values {
                                ::core::option::Option::Some(#values) => #values,
                                ::core::option::Option::None => #krate::__private::missing_field(#names)?,
                            };
                        )*
                        ::core::result::Result::Ok(#ident { #(#members: #values),* })
                    }
                }

                fn __field(__name: &[u8]) -> usize {
                    match __name {
                        #(#byte_names => #lookup_indices,)*
                        _ => #count,
                    }
                }

                const FIELDS: &[&str] = &[#(#names),*];
                #serde::Deserializer::deserialize_struct(__deserializer, #name, FIELDS, __Visitor)
            }
        }
    }
}

/// The field's name on the wire: its identifier without `r#`.
fn field_name(field: &Field) -> String {
    match &field.member {
        syn::Member::Named(ident) => unraw(ident),
        syn::Member::Unnamed(index) => index.index.to_string(),
    }
}
