//! Code generation: the rkyv shadow and its forwarding impls, the serde impls (written directly
//! for a plain struct or enum, else a serde shadow and forwarding impls), the `WireMessage` impl
//! and the type's link-time registration.

mod field_checks;
mod fingerprint;
mod message;
mod migration;
mod nested;
mod register;
mod rkyv;
mod serde;
mod stack_guard;

use crate::ast::{unraw, Input};
use crate::check;
use crate::ctxt::Ctxt;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_quote, DeriveInput, Generics, Ident, Path};

/// Everything generated code needs to name.
pub struct Paths {
    /// The wiremsg crate (`::wiremsg` or `#[wire(crate = ...)]`).
    pub krate: Path,
    /// rkyv, through wiremsg, as the item's one-token alias (see `Aliases`).
    pub rkyv: Path,
    /// serde, through wiremsg, or the item's `#[serde(crate = "...")]`, as its alias.
    pub serde: Path,
    /// rkyv's and serde's paths as written, not aliased: the derives on the shadows are
    /// invoked through them, so that rustc's "this error originates in the derive macro ..."
    /// names the crate the user knows.
    pub rkyv_derive: Path,
    /// serde's path as written (see `rkyv_derive`).
    pub serde_derive: Path,
}

/// The derive's output for `item`, whose `Self` is replaced by its name first.
pub fn derive(item: &mut DeriveInput) -> syn::Result<TokenStream> {
    serde_derive_internals::replace_receiver(item);
    let cx = Ctxt::default();
    let input = Input::from_syn(&cx, item);
    if let Some(input) = &input {
        check::check(&cx, input);
    }
    cx.check()?;
    let Some(mut input) = input else {
        // `Input::from_syn` records an error whenever it returns `None`; should it ever not,
        // the derive still reports something rather than panicking.
        return Err(syn::Error::new_spanned(
            &item.ident,
            "wiremsg-derive could not read this item",
        ));
    };

    field_checks::mark(&mut input);
    let krate = input
        .attrs
        .krate
        .clone()
        .unwrap_or_else(|| parse_quote!(::wiremsg));
    // serde's derive implements the traits of the serde at `#[serde(crate = "...")]`; so do
    // the impls written here and the shadow's.
    let serde = match &input.serde_crate {
        Some(path) => path.clone(),
        None => parse_quote!(#krate::__private::serde),
    };
    let aliases = Aliases::new(&input);
    let crate_aliases = aliases.declare(&krate, &serde);
    let paths = Paths {
        rkyv: aliases.rkyv.clone().into(),
        serde: aliases.serde.clone().into(),
        rkyv_derive: parse_quote!(#krate::__private::rkyv),
        serde_derive: serde,
        krate,
    };

    let (rkyv_items, rkyv_impls) = if input.attrs.has_rkyv() && input.attrs.external_rkyv.is_none()
    {
        rkyv::expand(&input, &paths)
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let (serde_impls, deserialize_owned) = if input.attrs.external_serde.is_some() {
        (TokenStream::new(), true)
    } else {
        serde::expand(&input, &paths)?
    };
    let message_impl = message::expand(&input, &paths, deserialize_owned);
    let registration = register::expand(&input, &paths, deserialize_owned);
    let field_checks = field_checks::expand(&input, &paths);

    Ok(quote! {
        #crate_aliases
        #field_checks
        #rkyv_items
        #[doc(hidden)]
        #[allow(deprecated, non_local_definitions)]
        const _: () = {
            #rkyv_impls
            #serde_impls
            #message_impl
            #registration
        };
    })
}

/// Short names for rkyv and serde, declared beside the item: the generated code, and rkyv's and
/// serde's derives on the shadows, name them hundreds of times per type, and each
/// `::wiremsg::__private::rkyv` is nine tokens the compiler passes, parses and resolves where an
/// alias is one (docs/DESIGN.md, "Build cost"). Private and unique to the item, so no other item
/// or glob import sees them.
struct Aliases {
    rkyv: Ident,
    serde: Ident,
}

impl Aliases {
    fn new(input: &Input) -> Aliases {
        let base = unraw(input.ident());
        Aliases {
            rkyv: format_ident!("__wiremsg_rkyv_{}", base),
            serde: format_ident!("__wiremsg_serde_{}", base),
        }
    }

    fn declare(&self, krate: &Path, serde: &Path) -> TokenStream {
        let Aliases {
            rkyv: rkyv_alias,
            serde: serde_alias,
        } = self;
        quote! {
            #[doc(hidden)]
            #[allow(unused_imports)]
            use #krate::__private::rkyv as #rkyv_alias;
            #[doc(hidden)]
            #[allow(unused_imports)]
            use #serde as #serde_alias;
        }
    }
}

/// `generics` with `param` added last, e.g. a serializer type parameter for an impl.
fn with_param(generics: &Generics, param: syn::GenericParam) -> Generics {
    let mut generics = generics.clone();
    generics.params.push(param);
    generics
}

/// `generics` with `predicates` added to its where-clause.
fn with_predicates(
    generics: &Generics,
    predicates: impl IntoIterator<Item = syn::WherePredicate>,
) -> Generics {
    let mut generics = generics.clone();
    generics.make_where_clause().predicates.extend(predicates);
    generics
}

/// `impl<generics> Serialize for <self_ty and where-clause>`, `body` the body of `serialize`
/// (in scope: `self`, `__serializer: __S`).
fn serialize_impl(
    generics: TokenStream,
    self_ty: TokenStream,
    body: TokenStream,
    serde: &Path,
) -> TokenStream {
    quote! {
        #[automatically_derived]
        impl #generics #serde::Serialize for #self_ty {
            fn serialize<__S>(
                &self,
                __serializer: __S,
            ) -> ::core::result::Result<<__S as #serde::Serializer>::Ok, <__S as #serde::Serializer>::Error>
            where
                __S: #serde::Serializer,
            {
                #body
            }
        }
    }
}

/// `impl<generics> Deserialize<de> for <self_ty and where-clause>`, `body` the body of
/// `deserialize` (in scope: `__deserializer: __D`).
fn deserialize_impl(
    generics: TokenStream,
    de: &syn::Lifetime,
    self_ty: TokenStream,
    body: TokenStream,
    serde: &Path,
) -> TokenStream {
    quote! {
        #[automatically_derived]
        impl #generics #serde::Deserialize<#de> for #self_ty {
            fn deserialize<__D>(
                __deserializer: __D,
            ) -> ::core::result::Result<Self, <__D as #serde::Deserializer<#de>>::Error>
            where
                __D: #serde::Deserializer<#de>,
            {
                #body
            }
        }
    }
}

/// The item built from `source`, a value of the same shape: `target { member: value, .. }` for a
/// struct, where each value is `value(field, source.member)`; for an enum, a `match source` from
/// each variant of `source_path` to the same variant of `target`, each value `value(field,
/// binding)`. `value` sees every field once, in order.
fn rebuild(
    input: &Input,
    (source, source_path): (TokenStream, TokenStream),
    target: TokenStream,
    mut value: impl FnMut(&crate::ast::Field, TokenStream) -> TokenStream,
) -> TokenStream {
    match &input.data {
        crate::ast::Data::Struct(fields) => {
            let inits: Vec<TokenStream> = fields
                .list
                .iter()
                .map(|field| {
                    let member = &field.member;
                    let cfgs = cfg_attrs(&field.original.attrs);
                    let value = value(field, quote!(#source.#member));
                    quote!(#(#cfgs)* #member: #value)
                })
                .collect();
            quote!(#target { #(#inits,)* })
        }
        crate::ast::Data::Enum(variants) => {
            let arms: Vec<TokenStream> = variants
                .iter()
                .map(|variant| {
                    let name = &variant.original.ident;
                    let cfgs = cfg_attrs(&variant.original.attrs);
                    let fields = &variant.fields.list;
                    let bindings: Vec<Ident> = (0..fields.len())
                        .map(|i| format_ident!("__field{}", i))
                        .collect();
                    let members: Vec<_> = fields.iter().map(|field| &field.member).collect();
                    let values: Vec<TokenStream> = fields
                        .iter()
                        .zip(&bindings)
                        .map(|(field, binding)| value(field, quote!(#binding)))
                        .collect();
                    quote! {
                        #(#cfgs)*
                        #source_path::#name { #(#members: #bindings,)* } => #target::#name { #(#members: #values,)* }
                    }
                })
                .collect();
            quote!(match #source { #(#arms,)* })
        }
    }
}

/// Attributes that must follow a field or variant into every copy of it.
fn cfg_attrs(attrs: &[syn::Attribute]) -> impl Iterator<Item = &syn::Attribute> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr"))
}
