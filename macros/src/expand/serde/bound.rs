//! Trait bounds for the generated serde impls, inferred exactly as serde_derive infers them.
//!
//! The serde impls forward to a `#[serde(remote)]` shadow whose inherent functions carry
//! serde_derive's inferred bounds; the forwarding impls must carry the very same ones. The helpers
//! below are serde_derive 1.0.229's `bound.rs` (MIT OR Apache-2.0, (c) David Tolnay and the serde
//! contributors), unchanged but for the syn 2 spelling of a few syn types; `serialize_generics`, `deserialize_generics` and
//! `borrowed_lifetimes` repeat the `build_generics` functions of its `ser.rs` and `de.rs`.

use serde_derive_internals::ast::{Container, Data};
use serde_derive_internals::{attr, ungroup};
use std::collections::{BTreeSet, HashSet};
use syn::punctuated::{Pair, Punctuated};
use syn::Token;

// Remove the default from every type parameter because in the generated impls
// they look like associated types: "error: associated type bindings are not
// allowed here".
pub fn without_defaults(generics: &syn::Generics) -> syn::Generics {
    syn::Generics {
        params: generics
            .params
            .iter()
            .map(|param| match param {
                syn::GenericParam::Type(param) => syn::GenericParam::Type(syn::TypeParam {
                    default: None,
                    ..param.clone()
                }),
                _ => param.clone(),
            })
            .collect(),
        ..generics.clone()
    }
}

pub fn with_where_predicates(
    generics: &syn::Generics,
    predicates: &[syn::WherePredicate],
) -> syn::Generics {
    let mut generics = generics.clone();
    let dst_predicates = &mut generics.make_where_clause().predicates;

    for predicate in predicates {
        dst_predicates.push(predicate.clone());
    }
    generics
}

pub fn with_where_predicates_from_fields(
    cont: &Container,
    generics: &syn::Generics,
    from_field: fn(&attr::Field) -> Option<&[syn::WherePredicate]>,
) -> syn::Generics {
    let mut generics = generics.clone();
    let dst_predicates = &mut generics.make_where_clause().predicates;

    for field in cont.data.all_fields() {
        let Some(predicate_slice) = from_field(&field.attrs) else {
            continue;
        };
        for inner_predicate in predicate_slice {
            dst_predicates.push(inner_predicate.clone());
        }
    }
    generics
}

pub fn with_where_predicates_from_variants(
    cont: &Container,
    generics: &syn::Generics,
    from_variant: fn(&attr::Variant) -> Option<&[syn::WherePredicate]>,
) -> syn::Generics {
    let variants = match &cont.data {
        Data::Enum(variants) => variants,
        Data::Struct(_, _) => {
            return generics.clone();
        }
    };
    let mut generics = generics.clone();
    let dst_predicates = &mut generics.make_where_clause().predicates;

    for variant in variants {
        let Some(predicate_slice) = from_variant(&variant.attrs) else {
            continue;
        };
        for inner_predicate in predicate_slice {
            dst_predicates.push(inner_predicate.clone());
        }
    }
    generics
}

// Puts the given bound on any generic type parameters that are used in fields
// for which filter returns true.
//
// For example, the following struct needs the bound `A: Serialize, B:
// Serialize`.
//
//     struct S<'b, A, B: 'b, C> {
//         a: A,
//         b: Option<&'b B>
//         #[serde(skip_serializing)]
//         c: C,
//     }
pub fn with_bound(
    cont: &Container,
    generics: &syn::Generics,
    filter: fn(&attr::Field, Option<&attr::Variant>) -> bool,
    bound: &syn::Path,
) -> syn::Generics {
    struct FindTyParams<'ast> {
        // Set of all generic type parameters on the current struct (A, B, C in
        // the example). Initialized up front.
        all_type_params: HashSet<syn::Ident>,

        // Set of generic type parameters used in fields for which filter
        // returns true (A and B in the example). Filled in as the visitor sees
        // them.
        relevant_type_params: HashSet<syn::Ident>,

        // Fields whose type is an associated type of one of the generic type
        // parameters.
        associated_type_usage: Vec<&'ast syn::TypePath>,
    }

    impl<'ast> FindTyParams<'ast> {
        fn visit_field(&mut self, field: &'ast syn::Field) {
            if let syn::Type::Path(ty) = ungroup(&field.ty) {
                if let Some(Pair::Punctuated(t, _)) = ty.path.segments.pairs().next() {
                    if self.all_type_params.contains(&t.ident) {
                        self.associated_type_usage.push(ty);
                    }
                }
            }
            self.visit_type(&field.ty);
        }

        fn visit_path(&mut self, path: &'ast syn::Path) {
            if let Some(seg) = path.segments.last() {
                if seg.ident == "PhantomData" {
                    // Hardcoded exception, because PhantomData<T> implements
                    // Serialize and Deserialize whether or not T implements it.
                    return;
                }
            }
            if path.leading_colon.is_none() && path.segments.len() == 1 {
                let id = &path.segments[0].ident;
                if self.all_type_params.contains(id) {
                    self.relevant_type_params.insert(id.clone());
                }
            }
            for segment in &path.segments {
                self.visit_path_segment(segment);
            }
        }

        // Everything below is simply traversing the syntax tree.

        fn visit_type(&mut self, ty: &'ast syn::Type) {
            match ty {
                syn::Type::Array(ty) => self.visit_type(&ty.elem),
                syn::Type::BareFn(ty) => {
                    for arg in &ty.inputs {
                        self.visit_type(&arg.ty);
                    }
                    self.visit_return_type(&ty.output);
                }
                syn::Type::Group(ty) => self.visit_type(&ty.elem),
                syn::Type::ImplTrait(ty) => {
                    for bound in &ty.bounds {
                        self.visit_type_param_bound(bound);
                    }
                }
                syn::Type::Macro(ty) => self.visit_macro(&ty.mac),
                syn::Type::Paren(ty) => self.visit_type(&ty.elem),
                syn::Type::Path(ty) => {
                    if let Some(qself) = &ty.qself {
                        self.visit_type(&qself.ty);
                    }
                    self.visit_path(&ty.path);
                }
                syn::Type::Ptr(ty) => self.visit_type(&ty.elem),
                syn::Type::Reference(ty) => self.visit_type(&ty.elem),
                syn::Type::Slice(ty) => self.visit_type(&ty.elem),
                syn::Type::TraitObject(ty) => {
                    for bound in &ty.bounds {
                        self.visit_type_param_bound(bound);
                    }
                }
                syn::Type::Tuple(ty) => {
                    for elem in &ty.elems {
                        self.visit_type(elem);
                    }
                }

                syn::Type::Infer(_) | syn::Type::Never(_) | syn::Type::Verbatim(_) => {}

                _ => {}
            }
        }

        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            self.visit_path_arguments(&segment.arguments);
        }

        fn visit_path_arguments(&mut self, arguments: &'ast syn::PathArguments) {
            match arguments {
                syn::PathArguments::None => {}
                syn::PathArguments::AngleBracketed(arguments) => {
                    for arg in &arguments.args {
                        match arg {
                            syn::GenericArgument::Type(arg) => self.visit_type(arg),
                            syn::GenericArgument::AssocType(arg) => self.visit_type(&arg.ty),
                            syn::GenericArgument::Lifetime(_)
                            | syn::GenericArgument::Const(_)
                            | syn::GenericArgument::AssocConst(_)
                            | syn::GenericArgument::Constraint(_) => {}
                            _ => {}
                        }
                    }
                }
                syn::PathArguments::Parenthesized(arguments) => {
                    for argument in &arguments.inputs {
                        self.visit_type(argument);
                    }
                    self.visit_return_type(&arguments.output);
                }
            }
        }

        fn visit_return_type(&mut self, return_type: &'ast syn::ReturnType) {
            match return_type {
                syn::ReturnType::Default => {}
                syn::ReturnType::Type(_, output) => self.visit_type(output),
            }
        }

        fn visit_type_param_bound(&mut self, bound: &'ast syn::TypeParamBound) {
            match bound {
                syn::TypeParamBound::Trait(bound) => self.visit_path(&bound.path),
                syn::TypeParamBound::Lifetime(_)
                | syn::TypeParamBound::PreciseCapture(_)
                | syn::TypeParamBound::Verbatim(_) => {}
                _ => {}
            }
        }

        // Type parameter should not be considered used by a macro path.
        //
        //     struct TypeMacro<T> {
        //         mac: T!(),
        //         marker: PhantomData<T>,
        //     }
        fn visit_macro(&mut self, _mac: &'ast syn::Macro) {}
    }

    let all_type_params = generics
        .type_params()
        .map(|param| param.ident.clone())
        .collect();

    let mut visitor = FindTyParams {
        all_type_params,
        relevant_type_params: HashSet::new(),
        associated_type_usage: Vec::new(),
    };
    match &cont.data {
        Data::Enum(variants) => {
            for variant in variants {
                for field in &variant.fields {
                    if filter(&field.attrs, Some(&variant.attrs)) {
                        visitor.visit_field(field.original);
                    }
                }
            }
        }
        Data::Struct(_, fields) => {
            for field in fields {
                if filter(&field.attrs, None) {
                    visitor.visit_field(field.original);
                }
            }
        }
    }

    let relevant_type_params = visitor.relevant_type_params;
    let associated_type_usage = visitor.associated_type_usage;

    fn make_where_bounded_type(
        bounded_ty: syn::TypePath,
        bound: &syn::Path,
    ) -> syn::WherePredicate {
        syn::WherePredicate::Type(syn::PredicateType {
            lifetimes: None,
            // the type parameter that is being bounded e.g. T
            bounded_ty: syn::Type::Path(bounded_ty),
            colon_token: <Token![:]>::default(),
            // the bound e.g. Serialize
            bounds: {
                let mut punct = Punctuated::new();
                punct.push(syn::TypeParamBound::Trait(syn::TraitBound {
                    paren_token: None,
                    lifetimes: None,
                    modifier: syn::TraitBoundModifier::None,
                    path: bound.clone(),
                }));
                punct
            },
        })
    }

    let mut dst_generics = generics.clone();
    let dst_predicates = &mut dst_generics.make_where_clause().predicates;
    for param in generics.type_params() {
        let id = &param.ident;
        if !relevant_type_params.contains(id) {
            continue;
        }
        let bounded_ty = syn::TypePath {
            qself: None,
            path: id.clone().into(),
        };
        dst_predicates.push(make_where_bounded_type(bounded_ty, bound));
    }
    for bounded_ty in associated_type_usage {
        dst_predicates.push(make_where_bounded_type(bounded_ty.clone(), bound));
    }
    dst_generics
}

/// The generics of the `Serialize` impl: serde_derive's `ser::build_generics`.
pub fn serialize_generics(cont: &Container, serde: &syn::Path) -> syn::Generics {
    let generics = without_defaults(cont.generics);
    let generics = with_where_predicates_from_fields(cont, &generics, attr::Field::ser_bound);
    let generics = with_where_predicates_from_variants(cont, &generics, attr::Variant::ser_bound);
    match cont.attrs.ser_bound() {
        Some(predicates) => with_where_predicates(&generics, predicates),
        None => with_bound(
            cont,
            &generics,
            needs_serialize_bound,
            &syn::parse_quote!(#serde::Serialize),
        ),
    }
}

/// The generics of the `Deserialize` impl, without `'de`: serde_derive's `de::build_generics`.
///
/// A container-level bare `#[serde(default)]` never reaches here: the shadow carries it as
/// `default = "path"` with a `Self: Default` predicate in its where-clause, which is where
/// serde_derive's `with_self_bound` would have put it.
pub fn deserialize_generics(
    cont: &Container,
    serde: &syn::Path,
    de_lifetime: &syn::Lifetime,
) -> syn::Generics {
    let generics = without_defaults(cont.generics);
    let generics = with_where_predicates_from_fields(cont, &generics, attr::Field::de_bound);
    let generics = with_where_predicates_from_variants(cont, &generics, attr::Variant::de_bound);
    match cont.attrs.de_bound() {
        Some(predicates) => with_where_predicates(&generics, predicates),
        None => {
            let generics = with_bound(
                cont,
                &generics,
                needs_deserialize_bound,
                &syn::parse_quote!(#serde::Deserialize<#de_lifetime>),
            );
            with_bound(
                cont,
                &generics,
                requires_default,
                &syn::parse_quote!(::core::default::Default),
            )
        }
    }
}

fn needs_serialize_bound(field: &attr::Field, variant: Option<&attr::Variant>) -> bool {
    !field.skip_serializing()
        && field.serialize_with().is_none()
        && field.ser_bound().is_none()
        && variant.is_none_or(|variant| {
            !variant.skip_serializing()
                && variant.serialize_with().is_none()
                && variant.ser_bound().is_none()
        })
}

fn needs_deserialize_bound(field: &attr::Field, variant: Option<&attr::Variant>) -> bool {
    !field.skip_deserializing()
        && field.deserialize_with().is_none()
        && field.de_bound().is_none()
        && variant.is_none_or(|variant| {
            !variant.skip_deserializing()
                && variant.deserialize_with().is_none()
                && variant.de_bound().is_none()
        })
}

fn requires_default(field: &attr::Field, _variant: Option<&attr::Variant>) -> bool {
    matches!(field.default(), attr::Default::Default)
}

/// The lifetimes the `Deserialize` impl's `'de` must outlive; `None` when one of them is
/// `'static`, in which case serde_derive implements `Deserialize<'static>` instead.
pub fn borrowed_lifetimes(cont: &Container) -> Option<BTreeSet<syn::Lifetime>> {
    let mut lifetimes = BTreeSet::new();
    for field in cont.data.all_fields() {
        if !field.attrs.skip_deserializing() {
            lifetimes.extend(field.attrs.borrowed_lifetimes().iter().cloned());
        }
    }
    if lifetimes.iter().any(|lifetime| lifetime.ident == "static") {
        None
    } else {
        Some(lifetimes)
    }
}
