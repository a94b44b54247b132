//! serde support written directly, for the common case: a struct or an enum with no generics,
//! no serde attribute but the naming ones (`rename_all = "..."` on the item, `rename = "..."` on
//! a field or variant), no `#[wire(skip)]`, no `#[cfg]` on a field or variant and no lifetime in
//! a field's type. Such an item behaves under serde_derive in one fixed way (externally tagged,
//! for an enum), written out here with the names those attributes give (serde's own
//! `RenameRule`); everything else goes through a shadow that carries serde's own derive
//! ([`super::shadow`]).
//!
//! Why: the shadow is a second item, a `#[serde(remote)]` expansion and two forwarding impls
//! per type, the largest share of the derive's cost to an edit-and-rebuild cycle. The impls
//! below match serde_derive's behaviour (names, order, errors and their messages, `Option`
//! fields that may be missing, unknown fields ignored, a sequence accepted in place of a map)
//! and leave the name lookups' error handling and the missing-field rule to helpers in the
//! runtime that every type shares.

use crate::ast::{unraw, Data, Field, Fields, Input, Style, Variant};
use crate::attr::tokens::split_args;
use crate::expand::stack_guard::stack_guarded;
use crate::expand::{cfg_attrs, deserialize_impl, serialize_impl, Paths};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};
use serde_derive_internals::attr::RenameRule;
use syn::{Ident, LitByteStr};

/// Whether the item is the common case this module writes.
pub fn applies(input: &Input) -> bool {
    let item = input.item;
    let shape_is_plain = match &input.data {
        Data::Struct(fields) => fields.list.iter().all(plain_field),
        Data::Enum(variants) => {
            !variants.is_empty()
                && variants.iter().all(|variant| {
                    plain_attrs(&variant.original.attrs)
                        && variant.fields.list.iter().all(plain_field)
                })
        }
    };
    item.generics.params.is_empty()
        && item.generics.where_clause.is_none()
        && container_rule(input).is_some()
        && shape_is_plain
}

/// The container's `#[serde(rename_all = "...")]` rule (`RenameRule::None` without one), or
/// `None` when the item has any other serde attribute, which the shadow handles.
fn container_rule(input: &Input) -> Option<RenameRule> {
    match naming_attr(&input.item.attrs, "rename_all")? {
        Some(rule) => RenameRule::from_str(&rule).ok(),
        None => Some(RenameRule::None),
    }
}

/// The container's `rename_all` rule of an item [`applies`] accepted.
fn rename_rule(input: &Input) -> RenameRule {
    container_rule(input).unwrap_or(RenameRule::None)
}

/// The value of `#[serde(key = "...")]` when that is the only serde argument in `attrs`
/// (`Some(None)` without serde attributes); `None` for any other serde attribute. Only naming
/// attributes are written here: they change the names on the wire and nothing else.
fn naming_attr(attrs: &[syn::Attribute], key: &str) -> Option<Option<String>> {
    let mut chunks = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        chunks.extend(split_args(attr).ok()?);
    }
    match chunks.as_slice() {
        [] => Some(None),
        [chunk] => {
            let syn::MetaNameValue { path, value, .. } = syn::parse2(chunk.clone()).ok()?;
            let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(value),
                ..
            }) = value
            else {
                return None;
            };
            path.is_ident(key).then(|| Some(value.value()))
        }
        _ => None,
    }
}

/// A field serde_derive treats like any other: no attribute that changes serde's view of it, and
/// no lifetime in its type (serde_derive borrows `&str` and `&[u8]` fields, and implements only
/// `Deserialize<'static>` for a `&'static` one).
fn plain_field(field: &Field) -> bool {
    field.attrs.skip.is_none()
        && plain_attrs(&field.original.attrs)
        && !has_lifetime(field.ty().to_token_stream())
}

/// No `#[cfg]`, and no serde attribute but `rename = "..."`.
fn plain_attrs(attrs: &[syn::Attribute]) -> bool {
    naming_attr(attrs, "rename").is_some() && cfg_attrs(attrs).next().is_none()
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
    let serde = &paths.serde;
    let ident = input.ident();
    let (serialize, deserialize) = match &input.data {
        Data::Struct(fields) => (
            serialize_struct(input, fields, paths),
            deserialize_struct(input, fields, paths),
        ),
        Data::Enum(variants) => (
            serialize_enum(input, variants, paths),
            deserialize_enum(input, variants, paths),
        ),
    };
    let de: syn::Lifetime = syn::parse_quote!('de);
    let serialize = serialize_impl(quote!(), quote!(#ident), serialize, serde);
    let deserialize = stack_guarded(input, paths, quote!(Self), deserialize);
    let deserialize = deserialize_impl(quote!(<#de>), &de, quote!(#ident), deserialize, serde);
    quote!(#serialize #deserialize)
}

fn serialize_struct(input: &Input, fields: &Fields, paths: &Paths) -> TokenStream {
    let serde = &paths.serde;
    let name = unraw(input.ident());
    let list = &fields.list;
    let len = list.len();
    let members: Vec<_> = list
        .iter()
        .map(|field| {
            let member = &field.member;
            written(input, field, paths, quote!(&self.#member))
        })
        .collect();
    match fields.style {
        Style::Unit => quote!(#serde::Serializer::serialize_unit_struct(__serializer, #name)),
        Style::Unnamed if len == 1 => {
            let field = &members[0];
            quote!(#serde::Serializer::serialize_newtype_struct(__serializer, #name, #field))
        }
        Style::Unnamed => quote! {
            let mut __state = #serde::Serializer::serialize_tuple_struct(__serializer, #name, #len)?;
            #(#serde::ser::SerializeTupleStruct::serialize_field(&mut __state, #members)?;)*
            #serde::ser::SerializeTupleStruct::end(__state)
        },
        Style::Named => {
            let rule = rename_rule(input);
            let names = list.iter().map(|field| field_name(field, rule));
            quote! {
                let mut __state = #serde::Serializer::serialize_struct(__serializer, #name, #len)?;
                #(#serde::ser::SerializeStruct::serialize_field(&mut __state, #names, #members)?;)*
                #serde::ser::SerializeStruct::end(__state)
            }
        }
    }
}

fn serialize_enum(input: &Input, variants: &[Variant], paths: &Paths) -> TokenStream {
    let serde = &paths.serde;
    let ident = input.ident();
    let name = unraw(ident);
    let rule = rename_rule(input);
    let arms = variants.iter().enumerate().map(|(index, variant)| {
        let index = index as u32;
        let variant_ident = &variant.original.ident;
        let variant_name = variant_name(variant, rule);
        let fields = &variant.fields.list;
        let values = values(fields);
        let written: Vec<_> = fields
            .iter()
            .zip(&values)
            .map(|(field, value)| written(input, field, paths, quote!(#value)))
            .collect();
        let members = fields.iter().map(|field| &field.member);
        let len = fields.len();
        match variant.fields.style {
            Style::Unit => quote! {
                #ident::#variant_ident => #serde::Serializer::serialize_unit_variant(
                    __serializer, #name, #index, #variant_name,
                ),
            },
            Style::Unnamed if len == 1 => {
                let field = &written[0];
                quote! {
                    #ident::#variant_ident(__field0) => #serde::Serializer::serialize_newtype_variant(
                        __serializer, #name, #index, #variant_name, #field,
                    ),
                }
            }
            Style::Unnamed => quote! {
                #ident::#variant_ident(#(#values),*) => {
                    let mut __state = #serde::Serializer::serialize_tuple_variant(
                        __serializer, #name, #index, #variant_name, #len,
                    )?;
                    #(#serde::ser::SerializeTupleVariant::serialize_field(&mut __state, #written)?;)*
                    #serde::ser::SerializeTupleVariant::end(__state)
                }
            },
            Style::Named => {
                // A container's `rename_all` names an enum's variants, not their fields.
                let names = fields.iter().map(|field| field_name(field, RenameRule::None));
                quote! {
                    #ident::#variant_ident { #(#members: #values),* } => {
                        let mut __state = #serde::Serializer::serialize_struct_variant(
                            __serializer, #name, #index, #variant_name, #len,
                        )?;
                        #(#serde::ser::SerializeStructVariant::serialize_field(&mut __state, #names, #written)?;)*
                        #serde::ser::SerializeStructVariant::end(__state)
                    }
                }
            }
        }
    });
    quote! {
        match self {
            #(#arms)*
        }
    }
}

fn deserialize_struct(input: &Input, fields: &Fields, paths: &Paths) -> TokenStream {
    let serde = &paths.serde;
    let ident = input.ident();
    let name = unraw(ident);
    let ctor = quote!(#ident);
    let list = &fields.list;
    // serde_derive's messages name the type as written, `r#` included; the wire name drops it.
    match fields.style {
        Style::Unit => {
            let visitor = visitor(
                input,
                &format!("unit struct {ident}"),
                quote! {
                    fn visit_unit<__E>(self) -> ::core::result::Result<#ident, __E>
                    where
                        __E: #serde::de::Error,
                    {
                        ::core::result::Result::Ok(#ident)
                    }
                },
                paths,
            );
            quote! {
                #visitor
                #serde::Deserializer::deserialize_unit_struct(__deserializer, #name, __Visitor)
            }
        }
        Style::Unnamed if list.len() == 1 => {
            let ty = list[0].ty();
            let read = read_type(input, &list[0], paths);
            let field = into_field(input, &list[0], paths, quote!(__read));
            let expecting = format!("tuple struct {ident}");
            let visit_seq = visit_seq(input, &ctor, &expecting, list, paths);
            let visitor = visitor(
                input,
                &expecting,
                quote! {
                    fn visit_newtype_struct<__E>(self, __e: __E) -> ::core::result::Result<#ident, __E::Error>
                    where
                        __E: #serde::Deserializer<'de>,
                    {
                        let __read = <#read as #serde::Deserialize>::deserialize(__e)?;
                        let __field0: #ty = #field;
                        ::core::result::Result::Ok(#ident(__field0))
                    }

                    #visit_seq
                },
                paths,
            );
            quote! {
                #visitor
                #serde::Deserializer::deserialize_newtype_struct(__deserializer, #name, __Visitor)
            }
        }
        Style::Unnamed => {
            let len = list.len();
            let expecting = format!("tuple struct {ident}");
            let visitor = seq_visitor(input, &ctor, &expecting, list, paths);
            quote! {
                #visitor
                #serde::Deserializer::deserialize_tuple_struct(__deserializer, #name, #len, __Visitor)
            }
        }
        Style::Named => {
            let rule = rename_rule(input);
            let expecting = format!("struct {ident}");
            let visitor = named_visitor(input, &ctor, &expecting, (list, rule), paths);
            quote! {
                #visitor
                #serde::Deserializer::deserialize_struct(__deserializer, #name, FIELDS, __Visitor)
            }
        }
    }
}

fn deserialize_enum(input: &Input, variants: &[Variant], paths: &Paths) -> TokenStream {
    let serde = &paths.serde;
    let krate = &paths.krate;
    let ident = input.ident();
    let name = unraw(ident);
    let expecting = format!("enum {ident}");
    let rule = rename_rule(input);
    let names: Vec<String> = variants
        .iter()
        .map(|variant| variant_name(variant, rule))
        .collect();
    let lookup = lookup_fn(&format_ident!("__variant_index"), &names);
    let last = variants.len() - 1;
    let arms = variants.iter().enumerate().map(|(index, variant)| {
        // The last variant takes every index the lookup did not refuse, so no arm is unreachable.
        let pattern = if index == last {
            quote!(_)
        } else {
            quote!(#index)
        };
        let body = deserialize_variant(input, variant, paths);
        quote!(#pattern => { #body })
    });
    let visitor = visitor(
        input,
        &expecting,
        quote! {
            fn visit_enum<__A>(self, __data: __A) -> ::core::result::Result<#ident, __A::Error>
            where
                __A: #serde::de::EnumAccess<'de>,
            {
                let (__index, __variant) = #serde::de::EnumAccess::variant_seed(
                    __data,
                    #krate::__private::VariantSeed { names: VARIANTS, lookup: __variant_index },
                )?;
                match __index {
                    #(#arms)*
                }
            }
        },
        paths,
    );
    quote! {
        #visitor
        #lookup
        const VARIANTS: &[&str] = &[#(#names),*];
        #serde::Deserializer::deserialize_enum(__deserializer, #name, VARIANTS, __Visitor)
    }
}

/// The body of one arm of `visit_enum`: reads the variant's content from `__variant`.
fn deserialize_variant(input: &Input, variant: &Variant, paths: &Paths) -> TokenStream {
    let serde = &paths.serde;
    let ident = input.ident();
    let variant_ident = &variant.original.ident;
    let ctor = quote!(#ident::#variant_ident);
    let fields = &variant.fields.list;
    let expecting = |kind: &str| format!("{kind} variant {ident}::{variant_ident}");
    match variant.fields.style {
        Style::Unit => quote! {
            #serde::de::VariantAccess::unit_variant(__variant)?;
            ::core::result::Result::Ok(#ctor)
        },
        Style::Unnamed if fields.len() == 1 => {
            let read = read_type(input, &fields[0], paths);
            let ctor = match slot(input, &fields[0], paths) {
                Some(slot) => quote!(|__read| #ctor(#slot::into_field(__read))),
                None => ctor,
            };
            quote! {
                ::core::result::Result::map(
                    #serde::de::VariantAccess::newtype_variant::<#read>(__variant),
                    #ctor,
                )
            }
        }
        Style::Unnamed => {
            let len = fields.len();
            let expecting = expecting("tuple");
            let visitor = seq_visitor(input, &ctor, &expecting, fields, paths);
            quote! {
                #visitor
                #serde::de::VariantAccess::tuple_variant(__variant, #len, __Visitor)
            }
        }
        Style::Named => {
            let fields = (fields.as_slice(), RenameRule::None);
            let visitor = named_visitor(input, &ctor, &expecting("struct"), fields, paths);
            quote! {
                #visitor
                #serde::de::VariantAccess::struct_variant(__variant, FIELDS, __Visitor)
            }
        }
    }
}

/// `__Visitor`, reading `ctor { fields }` from a map or a sequence, with the `FIELDS` list and
/// the `__field` lookup it uses.
fn named_visitor(
    input: &Input,
    ctor: &TokenStream,
    expecting: &str,
    (fields, rule): (&[Field], RenameRule),
    paths: &Paths,
) -> TokenStream {
    let serde = &paths.serde;
    let krate = &paths.krate;
    let ident = input.ident();
    let names: Vec<String> = fields.iter().map(|field| field_name(field, rule)).collect();
    let members: Vec<_> = fields.iter().map(|field| &field.member).collect();
    let types: Vec<_> = fields
        .iter()
        .map(|field| read_type(input, field, paths))
        .collect();
    let values = values(fields);
    let fields_from_values = fields
        .iter()
        .zip(&values)
        .map(|(field, value)| into_field(input, field, paths, quote!(#value)));
    let indices = 0..fields.len();
    let count = fields.len();
    let lookup = lookup_fn(&format_ident!("__field"), &names);
    let visit_seq = visit_seq(input, ctor, expecting, fields, paths);
    let visitor = visitor(
        input,
        expecting,
        quote! {
            #visit_seq

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
                ::core::result::Result::Ok(#ctor { #(#members: #fields_from_values),* })
            }
        },
        paths,
    );
    quote! {
        #visitor
        #lookup
        const FIELDS: &[&str] = &[#(#names),*];
    }
}

/// `__Visitor`: a `Visitor` of the item's type with serde_derive's `expecting` text and
/// `methods`.
fn visitor(input: &Input, expecting: &str, methods: TokenStream, paths: &Paths) -> TokenStream {
    let serde = &paths.serde;
    let ident = input.ident();
    quote! {
        struct __Visitor;

        impl<'de> #serde::de::Visitor<'de> for __Visitor {
            type Value = #ident;

            fn expecting(&self, __formatter: &mut ::core::fmt::Formatter) -> ::core::fmt::Result {
                ::core::fmt::Formatter::write_str(__formatter, #expecting)
            }

            #methods
        }
    }
}

/// `__Visitor`, reading `ctor(fields)` from a sequence (a tuple struct or variant).
fn seq_visitor(
    input: &Input,
    ctor: &TokenStream,
    expecting: &str,
    fields: &[Field],
    paths: &Paths,
) -> TokenStream {
    visitor(
        input,
        expecting,
        visit_seq(input, ctor, expecting, fields, paths),
        paths,
    )
}

/// `visit_seq`: every field in order, `invalid_length` when the sequence ends early.
fn visit_seq(
    input: &Input,
    ctor: &TokenStream,
    expecting: &str,
    fields: &[Field],
    paths: &Paths,
) -> TokenStream {
    let serde = &paths.serde;
    let expecting_len = format!(
        "{expecting} with {} element{}",
        fields.len(),
        if fields.len() == 1 { "" } else { "s" }
    );
    let types = fields.iter().map(|field| read_type(input, field, paths));
    let values = values(fields);
    let fields_from_values: Vec<_> = fields
        .iter()
        .zip(&values)
        .map(|(field, value)| into_field(input, field, paths, quote!(#value)))
        .collect();
    let positions = 0..fields.len();
    let seq = if fields.is_empty() {
        quote!(_)
    } else {
        quote!(mut __seq)
    };
    let construct = match fields.first().map(|field| &field.member) {
        Some(syn::Member::Unnamed(_)) => quote!(#ctor(#(#fields_from_values),*)),
        _ => {
            let members = fields.iter().map(|field| &field.member);
            quote!(#ctor { #(#members: #fields_from_values),* })
        }
    };
    quote! {
        fn visit_seq<__A>(self, #seq: __A) -> ::core::result::Result<Self::Value, __A::Error>
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
            ::core::result::Result::Ok(#construct)
        }
    }
}

/// `fn name(&[u8]) -> usize`: the position of a name in `names`, `names.len()` if it is none of
/// them. A `match` the compiler turns into length and byte comparisons.
fn lookup_fn(name: &Ident, names: &[String]) -> TokenStream {
    let count = names.len();
    let bytes = names
        .iter()
        .map(|name| LitByteStr::new(name.as_bytes(), Span::call_site()));
    let indices = 0..names.len();
    quote! {
        fn #name(__name: &[u8]) -> usize {
            match __name {
                #(#bytes => #indices,)*
                _ => #count,
            }
        }
    }
}

/// `__field0`, `__field1`, ...: a local per field.
fn values(fields: &[Field]) -> Vec<Ident> {
    (0..fields.len())
        .map(|index| format_ident!("__field{}", index))
        .collect()
}

/// The field's name on the wire: its identifier without `r#`.
/// A named field's name on the wire: its `rename`, else `rule` applied to its name, as serde's
/// derive names it.
fn field_name(field: &Field, rule: RenameRule) -> String {
    if let Some(Some(renamed)) = naming_attr(&field.original.attrs, "rename") {
        return renamed;
    }
    match &field.member {
        syn::Member::Named(ident) => rule.apply_to_field(&unraw(ident)),
        syn::Member::Unnamed(index) => index.index.to_string(),
    }
}

/// A variant's name on the wire: its `rename`, else the container's `rename_all` (`rule`)
/// applied.
fn variant_name(variant: &Variant, rule: RenameRule) -> String {
    if let Some(Some(renamed)) = naming_attr(&variant.original.attrs, "rename") {
        return renamed;
    }
    rule.apply_to_variant(&unraw(&variant.original.ident))
}

/// `<__WireSerdeProbedName as SerdeSlot<Type>>` for a field whose types the derive checks for
/// serde support (runtime `field_fallback.rs`): the impls write and read the field through it,
/// so that a type without serde support is reported by the check alone. It is the field itself
/// whenever the build compiles.
fn slot(input: &Input, field: &Field, paths: &Paths) -> Option<TokenStream> {
    if field.serde_checked.is_empty() {
        return None;
    }
    let krate = &paths.krate;
    let alias = crate::expand::field_checks::serde_probe_alias(input);
    let ty = field.ty();
    Some(quote!(<#alias as #krate::__private::SerdeSlot<#ty>>))
}

/// `value` (a reference to the field) as the impls write it.
fn written(input: &Input, field: &Field, paths: &Paths, value: TokenStream) -> TokenStream {
    match slot(input, field, paths) {
        Some(slot) => quote!(#slot::write(#value)),
        None => value,
    }
}

/// The type the impls read in the field's place.
fn read_type(input: &Input, field: &Field, paths: &Paths) -> TokenStream {
    match slot(input, field, paths) {
        Some(slot) => quote!(#slot::Read),
        None => field.ty().to_token_stream(),
    }
}

/// The field, from `value` of its [`read_type`].
fn into_field(input: &Input, field: &Field, paths: &Paths, value: TokenStream) -> TokenStream {
    match slot(input, field, paths) {
        Some(slot) => quote!(#slot::into_field(#value)),
        None => value,
    }
}
