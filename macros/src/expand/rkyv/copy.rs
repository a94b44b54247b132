//! rkyv's copy optimization for the item: a struct whose archived form has its exact layout is
//! serialized and deserialized in slices by one copy (a `Vec` of plain-number structs), not
//! field by field.
//!
//! rkyv's derive writes `COPY_OPTIMIZATION` into its `Archive` impl; in remote mode, which the
//! shadow uses, it writes `ArchiveWith`, which has no such constant, so the forwarding impl
//! carries it instead. The condition is rkyv_derive's own (`generate_copy_optimization`,
//! rkyv_derive 0.8), evaluated at compile time: no padding in the item, every field
//! copy-optimizable, every field at the same offset in the item and in its archived form.

use super::shadow::{field_wrapper, Names};
use crate::ast::{Data, Input};
use crate::expand::Paths;
use proc_macro2::TokenStream;
use quote::quote;

/// The forwarding `Archive` impl's `COPY_OPTIMIZATION`, or nothing when rkyv's derive would not
/// write one either (an enum, generics, a field archived through a wrapper or left out by
/// `#[cfg]`, a recursive field).
pub(super) fn expand(input: &Input, paths: &Paths, names: &Names) -> Option<TokenStream> {
    let Data::Struct(fields) = &input.data else {
        return None;
    };
    let fields = &fields.list;
    // A checked field's wrapper archives it as its type does (`ProbedField<true>`).
    let plain = |field: &&crate::ast::Field| {
        (!field.archive_checked.is_empty() || field_wrapper(field, paths, names).is_none())
            && field.attrs.recursive.is_none()
            && !field
                .original
                .attrs
                .iter()
                .any(|a| a.path().is_ident("cfg"))
    };
    if !input.generics().params.is_empty() || !fields.iter().all(|field| plain(&field)) {
        return None;
    }
    let Paths { krate, rkyv, .. } = paths;
    let item = input.ident();
    let archived = &names.archived;
    let sizes = fields.iter().map(|field| {
        let ty = field.ty();
        quote!(::core::mem::size_of::<#ty>())
    });
    let same_layout = fields.iter().map(|field| {
        let (ty, member) = (field.ty(), &field.member);
        let copied = if field.archive_checked.is_empty() {
            quote!(<#ty as #rkyv::Archive>::COPY_OPTIMIZATION.is_enabled())
        } else {
            let probed = &names.probed;
            quote!(<#probed as #krate::__private::ProbedCopy<#ty>>::ENABLED)
        };
        quote! {
            #copied
                && ::core::mem::offset_of!(#item, #member) == ::core::mem::offset_of!(#archived, #member)
        }
    });
    // SAFETY (of the generated block): `enable_if` requires that the item and its archived form
    // have the same layout whenever the condition holds. The condition is the one rkyv's own
    // derive proves that with: no padding bytes in the item, each field's type copy-optimizable
    // (its archived form is itself, byte for byte) and at the same offset in both structs.
    Some(quote! {
        const COPY_OPTIMIZATION: #rkyv::traits::CopyOptimization<Self> = unsafe {
            #rkyv::traits::CopyOptimization::enable_if(
                0 #(+ #sizes)* == ::core::mem::size_of::<#item>() #(&& #same_layout)*
            )
        };
    })
}
