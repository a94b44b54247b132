//! What a field's type holds, read from its syntax: sequences, whose zero-sized elements are
//! bounded after a decode (and, in `stack_guard.rs`, the types that may lead back to this one).
//!
//! Standard containers are looked through by their last path segment (`Vec`, `Option`,
//! `Box<[T]>`, maps, sets, tuples, arrays); primitive types and `String` hold nothing. Any other
//! path is a type of its own: a `WireMessage` type checks itself, found through autoref
//! specialisation at the call site, and anything else is not looked into.

use crate::ast::{Data, Field, Fields, Input, Style, Variant};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{GenericArgument, PathArguments, Type};

/// Types that hold nothing: no sequence, no other type.
pub(super) const LEAVES: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f32",
    "f64",
    "bool",
    "char",
    "String",
    "str",
    "PhantomData",
    "NonZeroU8",
    "NonZeroU16",
    "NonZeroU32",
    "NonZeroU64",
    "NonZeroU128",
    "NonZeroUsize",
    "NonZeroI8",
    "NonZeroI16",
    "NonZeroI32",
    "NonZeroI64",
    "NonZeroI128",
    "NonZeroIsize",
];

/// Sequences of their one type argument.
pub(super) const SEQUENCES: &[&str] = &["Vec", "VecDeque"];
/// Pointers to their one type argument, or to a slice of it (`Box<[T]>`).
pub(super) const POINTERS: &[&str] = &["Box", "Rc", "Arc"];
/// Collections whose elements (keys, values) are reached through `iter()`.
pub(super) const SETS: &[&str] = &["HashSet", "BTreeSet", "IndexSet"];
pub(super) const MAPS: &[&str] = &["HashMap", "BTreeMap", "IndexMap"];

/// The fields a decode fills in: not skipped, and not stored as JSON text (whose value is
/// whatever serde_json makes of bounded text).
pub(super) fn decoded(field: &Field) -> bool {
    field.attrs.skip.is_none() && field.attrs.as_json.is_none()
}

pub(super) fn type_args(arguments: &PathArguments) -> impl Iterator<Item = &Type> {
    let args = match arguments {
        PathArguments::AngleBracketed(args) => Some(args.args.iter()),
        _ => None,
    };
    args.into_iter().flatten().filter_map(|arg| match arg {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// `fn __check_zero_sized` of the `WireMessage` impl, when a field can hold a sequence or
/// another type; otherwise nothing (the trait's default accepts every value).
///
/// A borrowing type (one with a lifetime parameter) is left to the default: it cannot be
/// archived, and JSON spends at least four bytes of input on each element.
pub fn check_method(input: &Input, krate: &syn::Path) -> Option<TokenStream> {
    if input.generics().lifetimes().next().is_some() {
        return None;
    }
    let mut walk = Walk { krate, depth: 0 };
    let body = match &input.data {
        Data::Struct(fields) => walk.struct_fields(fields)?,
        Data::Enum(variants) => {
            let arms: Vec<TokenStream> = variants
                .iter()
                .filter_map(|variant| walk.variant_arm(variant))
                .collect();
            if arms.is_empty() {
                return None;
            }
            quote! {
                match self {
                    #(#arms)*
                    #[allow(unreachable_patterns)]
                    _ => {}
                }
            }
        }
    };
    Some(quote! {
        #[inline]
        fn __check_zero_sized(
            &self,
            __max: usize,
        ) -> #krate::__private::Result<(), #krate::CodecError> {
            #[allow(unused_imports)]
            use #krate::__private::{ViaMessage as _, ViaNothing as _};
            #body
            #krate::__private::Result::Ok(())
        }
    })
}

struct Walk<'a> {
    krate: &'a syn::Path,
    /// Nesting of generated loops and bindings, for fresh names.
    depth: usize,
}

impl Walk<'_> {
    fn struct_fields(&mut self, fields: &Fields) -> Option<TokenStream> {
        let checks: Vec<TokenStream> = fields
            .list
            .iter()
            .filter(|field| decoded(field))
            .filter_map(|field| {
                let member = &field.member;
                let check = self.check(field.ty(), quote!((&self.#member)))?;
                let cfgs = super::cfg_attrs(&field.original.attrs);
                Some(quote!(#(#cfgs)* { #check }))
            })
            .collect();
        (!checks.is_empty()).then(|| quote!(#(#checks)*))
    }

    fn variant_arm(&mut self, variant: &Variant) -> Option<TokenStream> {
        let fields = &variant.fields;
        // A tuple variant with a `#[cfg]` field has positions that depend on the build: it is
        // left unchecked rather than bound wrongly.
        let cfg_in_tuple = fields.style == Style::Unnamed
            && fields
                .list
                .iter()
                .any(|field| super::cfg_attrs(&field.original.attrs).next().is_some());
        if cfg_in_tuple || fields.style == Style::Unit {
            return None;
        }
        let mut bindings = Vec::new();
        let mut checks = Vec::new();
        for (index, field) in fields.list.iter().enumerate() {
            let binding = format_ident!("__field{}", index);
            let check = decoded(field)
                .then(|| self.check(field.ty(), quote!(#binding)))
                .flatten();
            if let Some(check) = check {
                let cfgs: Vec<_> = super::cfg_attrs(&field.original.attrs).collect();
                checks.push(quote!(#(#cfgs)* { #check }));
                bindings.push(Some((binding, &field.member, cfgs)));
            } else {
                bindings.push(None);
            }
        }
        if checks.is_empty() {
            return None;
        }
        let pattern = if fields.style == Style::Named {
            let named = bindings
                .iter()
                .flatten()
                .map(|(binding, member, cfgs)| quote!(#(#cfgs)* #member: #binding));
            quote!({ #(#named,)* .. })
        } else {
            let positional = bindings.iter().map(|binding| match binding {
                Some((binding, _, _)) => quote!(#binding),
                None => quote!(_),
            });
            quote!(( #(#positional),* ))
        };
        let name = &variant.original.ident;
        let cfgs = super::cfg_attrs(&variant.original.attrs);
        Some(quote!(#(#cfgs)* Self::#name #pattern => { #(#checks)* }))
    }

    /// Statements checking the value `access` (an expression of type `&ty`), or `None` when a
    /// value of `ty` cannot hold a sequence or another type.
    fn check(&mut self, ty: &Type, access: TokenStream) -> Option<TokenStream> {
        let krate = self.krate;
        match ty {
            Type::Path(path) if path.qself.is_none() => {
                let last = path.path.segments.last()?;
                let name = last.ident.to_string();
                let args: Vec<&Type> = type_args(&last.arguments).collect();
                if LEAVES.contains(&name.as_str()) {
                    None
                } else if SEQUENCES.contains(&name.as_str()) && args.len() == 1 {
                    Some(self.sequence(args[0], access))
                } else if POINTERS.contains(&name.as_str()) && args.len() == 1 {
                    match args[0] {
                        Type::Slice(slice) => Some(self.sequence(&slice.elem, access)),
                        inner => self.check(inner, quote!((&**#access))),
                    }
                } else if name == "Option" && args.len() == 1 {
                    let value = self.fresh("value");
                    let inner = self.check(args[0], quote!(#value))?;
                    Some(quote!(if let ::core::option::Option::Some(#value) = #access { #inner }))
                } else if SETS.contains(&name.as_str()) && args.len() == 1 {
                    self.each(args[0], quote!(#access.iter()))
                } else if MAPS.contains(&name.as_str()) && args.len() >= 2 {
                    let keys = self.each(args[0], quote!(#access.keys()));
                    let values = self.each(args[1], quote!(#access.values()));
                    (keys.is_some() || values.is_some()).then(|| quote!(#keys #values))
                } else if [SEQUENCES, POINTERS, SETS, MAPS, &["Option"]]
                    .iter()
                    .any(|names| names.contains(&name.as_str()))
                {
                    None // an unexpected number of arguments: not looked into
                } else {
                    Some(quote! {
                        (&#krate::__private::Probe(#access)).check_zero_sized(__max)?;
                    })
                }
            }
            Type::Array(array) => self.each(&array.elem, quote!(#access.iter())),
            Type::Tuple(tuple) => {
                let checks: Vec<TokenStream> = tuple
                    .elems
                    .iter()
                    .enumerate()
                    .filter_map(|(index, elem)| {
                        let index = syn::Index::from(index);
                        self.check(elem, quote!((&#access.#index)))
                    })
                    .collect();
                (!checks.is_empty()).then(|| quote!(#({ #checks })*))
            }
            Type::Paren(inner) => self.check(&inner.elem, access),
            Type::Group(inner) => self.check(&inner.elem, access),
            _ => None,
        }
    }

    /// A sequence of `elem`: its length when `elem` is zero-sized, then each element.
    fn sequence(&mut self, elem: &Type, access: TokenStream) -> TokenStream {
        let krate = self.krate;
        let each = self.each(elem, quote!(#access.iter()));
        quote! {
            #krate::__private::check_zero_sized_len::<#elem>(
                #access.len(),
                __max,
                <Self as #krate::WireMessage>::TYPE_NAME,
            )?;
            #each
        }
    }

    /// A loop checking every element `iter` yields, or `None` when they hold nothing.
    fn each(&mut self, elem: &Type, iter: TokenStream) -> Option<TokenStream> {
        let item = self.fresh("item");
        let check = self.check(elem, quote!(#item))?;
        Some(quote!(for #item in #iter { #check }))
    }

    fn fresh(&mut self, what: &str) -> syn::Ident {
        self.depth += 1;
        format_ident!("__{}{}", what, self.depth)
    }
}
