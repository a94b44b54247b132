//! The layout hash behind `LAYOUT_FINGERPRINT`: the shape string with every type the archived
//! fields name cut out and hashed as its own layout (see `docs/FORMAT.md`).
//!
//! Field types are looked through standard containers by syntax, as in `nested.rs`; each other
//! type found is asked through `LayoutProbe`, which answers with a message's own layout hash or
//! a foreign type's archived size and alignment, or, behind a `Box`, `Rc` or `Arc` (where it may
//! be unsized, `Box<CStr>`), through `PointeeProbe`, which knows of a foreign pointee only the
//! metadata its archived pointer carries. A field is not looked into when rkyv does not
//! archive its type as written (`skip`, `as_json`, `#[rkyv(with = ...)]`), when it closes a cycle
//! (`recursive`, `omit_bounds`: following it would make the constant depend on itself), when it
//! is under `#[cfg]` (its type may not exist in this build).
//!
//! A type that mentions a type parameter is probed in the generic impl, where it is never known
//! to be a message: it counts by its archived size and alignment, which the impl then requires
//! to be known (`T: Archive`, implied by the type's own `Archive` impl).

use super::message::mentions_any;
use super::nested::{decoded, LEAVES, MAPS, POINTERS, SEQUENCES, SETS};
use super::Paths;
use crate::ast::{Field, Input};
use crate::attr::tokens::{chunk_key, split_args};
use crate::shape;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{GenericArgument, PathArguments, Type};

/// `WireMessage::__LAYOUT_HASH` of a type.
pub(super) struct LayoutHash {
    /// Its value.
    pub value: TokenStream,
    /// What the impl must require of the type parameters for the value to be computed.
    pub bounds: Vec<syn::WherePredicate>,
}

/// The value of `WireMessage::__LAYOUT_HASH`.
pub(super) fn layout_hash(input: &Input, paths: &Paths) -> LayoutHash {
    let krate = &paths.krate;
    let params: Vec<String> = input
        .generics()
        .type_params()
        .map(|param| param.ident.to_string())
        .collect();
    let has_rkyv = input.attrs.has_rkyv();
    let shape = shape::describe::<NamedType>(input, |field| {
        if !has_rkyv || !followed(field) {
            return None;
        }
        let mut marked = field.ty().clone();
        let mut nested = Vec::new();
        cut_out_named_types(&mut marked, false, &mut nested);
        (!nested.is_empty()).then_some((marked, nested))
    });
    let text = &shape.text;
    // Spanned on the field's type: a type that is neither a message nor archivable is
    // reported there.
    let rkyv = &paths.rkyv;
    let bounds = shape
        .nested
        .iter()
        .filter(|named| mentions_any(&named.ty, &params))
        .map(|NamedType { ty, behind_pointer }| match behind_pointer {
            false => syn::parse_quote!(#ty: #rkyv::Archive),
            true => syn::parse_quote!(#ty: #rkyv::ArchiveUnsized),
        })
        .collect();
    // The field checks assert exactly the types probed without a pointer or a parameter; those
    // are asked through the wrapper their fields are archived with.
    let probed = input
        .all_fields()
        .any(|field| !field.archive_checked.is_empty())
        .then(|| super::field_checks::probe_alias(input));
    let nested = shape.nested.iter().map(|NamedType { ty, behind_pointer }| {
        let spelled = shape::canonical(ty.to_token_stream());
        let probe = match (behind_pointer, &probed) {
            (true, _) => quote!(PointeeProbe<#ty>),
            (false, Some(probed)) if !mentions_any(ty, &params) => {
                quote!(LayoutProbe<#ty, #probed>)
            }
            (false, _) => quote!(LayoutProbe<#ty>),
        };
        quote_spanned! {ty.span()=>
            #krate::__private::Nested::new(#spelled, <#krate::__private::#probe>::LAYOUT)
        }
    });
    let value = quote! {
        {
            #[allow(unused_imports)]
            use #krate::__private::{ForeignLayout as _, ForeignPointee as _};
            #krate::__private::nested_layout_hash(&[#(#text),*], &[#(#nested),*])
        }
    };
    LayoutHash { value, bounds }
}

/// A type a field names beyond primitives and standard containers.
pub(super) struct NamedType {
    pub ty: Type,
    /// Whether it is the pointee of a `Box`, `Rc` or `Arc`, which may be unsized (`Box<CStr>`).
    pub behind_pointer: bool,
}

/// The types `ty` names beyond primitives and standard containers, in order.
pub(super) fn named_types(ty: &Type) -> Vec<NamedType> {
    let mut named = Vec::new();
    cut_out_named_types(&mut ty.clone(), false, &mut named);
    named
}

fn followed(field: &Field) -> bool {
    decoded(field)
        && field.attrs.recursive.is_none()
        && super::cfg_attrs(&field.original.attrs).next().is_none()
        && !changes_archived_type(&field.original.attrs)
}

/// `#[rkyv(with = ...)]` or `#[rkyv(omit_bounds)]`, read from the attributes themselves so that
/// an `external_rkyv` type's own derive attributes count too.
pub(super) fn changes_archived_type(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("rkyv"))
        .flat_map(|attr| split_args(attr).unwrap_or_default())
        .filter_map(|chunk| chunk_key(&chunk))
        .any(|key| key == "with" || key == "omit_bounds")
}

/// Replaces, in order, each type `ty` names beyond primitives and standard containers with the
/// shape's marker, and collects the types replaced; `behind_pointer` when `ty` is a pointee.
fn cut_out_named_types(ty: &mut Type, behind_pointer: bool, out: &mut Vec<NamedType>) {
    match ty {
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last_mut() else {
                return;
            };
            let name = last.ident.to_string();
            let name = name.as_str();
            // A map's or set's hasher parameter is not archived.
            let (archived_args, pointer) = if MAPS.contains(&name) {
                (2, false)
            } else if POINTERS.contains(&name) {
                (1, true)
            } else if SEQUENCES.contains(&name) || SETS.contains(&name) || name == "Option" {
                (1, false)
            } else if LEAVES.contains(&name) {
                (0, false)
            } else {
                let ty = std::mem::replace(ty, shape::marker());
                out.push(NamedType { ty, behind_pointer });
                return;
            };
            if let PathArguments::AngleBracketed(args) = &mut last.arguments {
                let types = args.args.iter_mut().filter_map(|arg| match arg {
                    GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                });
                for arg in types.take(archived_args) {
                    cut_out_named_types(arg, pointer, out);
                }
            }
        }
        Type::Array(array) => cut_out_named_types(&mut array.elem, false, out),
        Type::Slice(slice) => cut_out_named_types(&mut slice.elem, false, out),
        Type::Tuple(tuple) => tuple
            .elems
            .iter_mut()
            .for_each(|ty| cut_out_named_types(ty, false, out)),
        Type::Paren(inner) => cut_out_named_types(&mut inner.elem, behind_pointer, out),
        Type::Group(inner) => cut_out_named_types(&mut inner.elem, behind_pointer, out),
        _ => {}
    }
}
