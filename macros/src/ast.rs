//! A typed model of the derive input: the item, its variants and fields, with their parsed
//! `#[wire]` and `#[rkyv]` attributes.

use crate::attr::rkyv::{RkyvContainer, RkyvField};
use crate::attr::{self, ContainerAttrs, FieldAttrs};
use crate::ctxt::Ctxt;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{DeriveInput, Generics, Ident, Member, Type, Visibility};

pub struct Input<'a> {
    /// The item, with `Self` already replaced by the type's own name.
    pub item: &'a DeriveInput,
    pub attrs: ContainerAttrs,
    pub rkyv: RkyvContainer,
    /// `#[serde(crate = "...")]`: where the item's serde impls come from.
    pub serde_crate: Option<syn::Path>,
    pub data: Data<'a>,
}

pub enum Data<'a> {
    Struct(Fields<'a>),
    Enum(Vec<Variant<'a>>),
}

pub struct Variant<'a> {
    pub original: &'a syn::Variant,
    pub fields: Fields<'a>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Named,
    Unnamed,
    Unit,
}

pub struct Fields<'a> {
    pub style: Style,
    pub list: Vec<Field<'a>>,
}

pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub member: Member,
    pub attrs: FieldAttrs,
    pub rkyv: RkyvField,
    /// The types the derive asserts rkyv can archive, named by this field's type (filled in by
    /// `expand::field_checks::mark`; empty when none are checked).
    pub archive_checked: Vec<Type>,
    /// The types the derive asserts serde writes and reads, named by this field's type (its
    /// whole type for an `as_json` field; filled in by `expand::field_checks::mark`).
    pub serde_checked: Vec<Type>,
}

impl<'a> Input<'a> {
    /// Builds the model, recording every attribute error in `cx`. `None` for a union.
    pub fn from_syn(cx: &Ctxt, item: &'a DeriveInput) -> Option<Input<'a>> {
        // Container first, so that errors are reported in source order.
        let attrs = ContainerAttrs::from_attrs(cx, &item.attrs);
        // `#[rkyv(...)]` is read only where wiremsg writes the rkyv derive; with `external_rkyv`
        // it belongs to the user's own derive.
        let ours = attrs.has_rkyv() && attrs.external_rkyv.is_none();
        let is_enum = matches!(item.data, syn::Data::Enum(_));
        let rkyv = if ours {
            RkyvContainer::from_attrs(cx, &item.attrs, is_enum)
        } else {
            RkyvContainer::default()
        };
        let mut data = match &item.data {
            syn::Data::Struct(data) => Data::Struct(Fields::from_syn(cx, &data.fields, ours)),
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|variant| Variant::from_syn(cx, variant, ours))
                    .collect(),
            ),
            syn::Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "WireMessage cannot be derived for a union: rkyv and serde cannot tell which field is live; use an enum",
                );
                return None;
            }
        };
        if ours {
            mark_recursive_fields(&mut data, &item.ident);
        }
        let serde_crate = attr::serde::crate_path(cx, &item.attrs);
        Some(Input {
            item,
            attrs,
            rkyv,
            serde_crate,
            data,
        })
    }

    pub fn ident(&self) -> &'a Ident {
        &self.item.ident
    }

    pub fn vis(&self) -> &'a Visibility {
        &self.item.vis
    }

    pub fn generics(&self) -> &'a Generics {
        &self.item.generics
    }

    pub fn all_fields(&self) -> Box<dyn Iterator<Item = &Field<'a>> + '_> {
        match &self.data {
            Data::Struct(fields) => Box::new(fields.list.iter()),
            Data::Enum(variants) => Box::new(variants.iter().flat_map(|v| v.fields.list.iter())),
        }
    }

    /// The message name: `#[wire(name = "...")]` or the identifier without `r#`.
    pub fn message_name(&self) -> String {
        match &self.attrs.name {
            Some(name) => name.value(),
            None => unraw(self.ident()),
        }
    }
}

impl<'a> Variant<'a> {
    fn from_syn(cx: &Ctxt, original: &'a syn::Variant, read_rkyv: bool) -> Variant<'a> {
        attr::reject_wire_attrs(cx, &original.attrs, "an enum variant");
        Variant {
            original,
            fields: Fields::from_syn(cx, &original.fields, read_rkyv),
        }
    }
}

impl<'a> Fields<'a> {
    fn from_syn(cx: &Ctxt, fields: &'a syn::Fields, read_rkyv: bool) -> Fields<'a> {
        let style = match fields {
            syn::Fields::Named(_) => Style::Named,
            syn::Fields::Unnamed(_) => Style::Unnamed,
            syn::Fields::Unit => Style::Unit,
        };
        let list = fields
            .iter()
            .enumerate()
            .map(|(index, original)| Field {
                original,
                member: match &original.ident {
                    Some(ident) => Member::Named(ident.clone()),
                    None => Member::Unnamed(index.into()),
                },
                attrs: FieldAttrs::from_attrs(cx, &original.attrs),
                rkyv: if read_rkyv {
                    RkyvField::from_attrs(cx, &original.attrs)
                } else {
                    RkyvField::default()
                },
                archive_checked: Vec::new(),
                serde_checked: Vec::new(),
            })
            .collect();
        Fields { style, list }
    }
}

impl Field<'_> {
    pub fn ty(&self) -> &Type {
        &self.original.ty
    }
}

/// Marks every field whose type names the item itself (`Box<Tree>`, `Vec<Tree>`, `Self` already
/// replaced) as `#[wire(recursive)]`, which rkyv needs to end the bound it would otherwise chase
/// for ever; an explicit `recursive` is still needed where the cycle passes through another type.
fn mark_recursive_fields(data: &mut Data, item: &Ident) {
    let fields: Vec<&mut Field> = match data {
        Data::Struct(fields) => fields.list.iter_mut().collect(),
        Data::Enum(variants) => variants
            .iter_mut()
            .flat_map(|variant| variant.fields.list.iter_mut())
            .collect(),
    };
    for field in fields {
        let plain = field.attrs.skip.is_none() && field.attrs.as_json.is_none();
        if plain && field.attrs.recursive.is_none() && names(&field.original.ty, item) {
            field.attrs.recursive = Some(field.original.ty.span());
        }
    }
}

/// Whether `ty` names `item` anywhere in it.
fn names(ty: &Type, item: &Ident) -> bool {
    ty.to_token_stream()
        .into_iter()
        .any(|tree| mentions(&tree, item))
}

fn mentions(tree: &proc_macro2::TokenTree, item: &Ident) -> bool {
    match tree {
        proc_macro2::TokenTree::Ident(ident) => ident == item,
        proc_macro2::TokenTree::Group(group) => {
            group.stream().into_iter().any(|t| mentions(&t, item))
        }
        _ => false,
    }
}

/// An identifier as written, without a raw-identifier prefix.
pub fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
}
