//! Which decodes run with their stack guarded, read from the fields' syntax.
//!
//! A value can nest without bound only through a cycle of types, and every such cycle passes
//! through a pointer or sequence (`Box`, `Vec`, maps...: a cycle of values held inline would
//! have no size) or through a type the derive cannot read (a foreign type may hold a pointer
//! back). So a type guards its decode when a field reaches another type through a pointer, or
//! holds a type that is neither a primitive, a standard container, nor a `WireMessage` whose own
//! decode guards itself (asked through autoref specialisation, a constant folded at compile
//! time). Every cycle then passes a guard, and between two guards a decode descends only
//! through values held inline, no larger than the guarded type or the types it points to, by
//! which the red zone is sized. A vector of plain structs of plain structs decodes unguarded.

use super::nested::{decoded, type_args, LEAVES, MAPS, POINTERS, SEQUENCES, SETS};
use super::Paths;
use crate::ast::Input;
use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

/// What the fields reach, beyond primitives and standard containers.
#[derive(Default)]
struct Reach {
    /// A type reached through a pointer or sequence, or a type the walk cannot read.
    guard_always: bool,
    /// The sized types reached through a pointer or sequence.
    pointees: Vec<Type>,
    /// The types held inline (in `Option`s, tuples and arrays too).
    inline: Vec<Type>,
}

impl Reach {
    fn of(input: &Input) -> Reach {
        let mut reach = Reach::default();
        for field in input.all_fields().filter(|field| decoded(field)) {
            reach.walk(field.ty(), false);
        }
        reach
    }

    fn walk(&mut self, ty: &Type, behind_pointer: bool) {
        match ty {
            Type::Path(path) if path.qself.is_none() => {
                let Some(last) = path.path.segments.last() else {
                    return;
                };
                let name = last.ident.to_string();
                let name = name.as_str();
                let through_pointer = [SEQUENCES, POINTERS, SETS, MAPS]
                    .iter()
                    .any(|names| names.contains(&name));
                if LEAVES.contains(&name) {
                    return;
                }
                if through_pointer || name == "Option" {
                    for arg in type_args(&last.arguments) {
                        self.walk(arg, behind_pointer || through_pointer);
                    }
                } else if behind_pointer {
                    self.guard_always = true;
                    self.pointees.push(ty.clone());
                } else {
                    self.inline.push(ty.clone());
                }
            }
            Type::Array(array) => self.walk(&array.elem, behind_pointer),
            Type::Slice(slice) => self.walk(&slice.elem, true),
            Type::Tuple(tuple) => tuple
                .elems
                .iter()
                .for_each(|t| self.walk(t, behind_pointer)),
            Type::Paren(inner) => self.walk(&inner.elem, behind_pointer),
            Type::Group(inner) => self.walk(&inner.elem, behind_pointer),
            Type::Reference(reference) => self.walk(&reference.elem, true),
            _ => self.guard_always = true,
        }
    }
}

/// Whether a type with this input guards its own decode wherever it can lead back to itself:
/// the value of `WireMessage::__GUARDS_ITS_DECODE`. Not when a decode is the user's own
/// (`external_serde`, `external_rkyv`) or borrows (whose decode is never guarded).
pub(super) fn guards_its_decode(input: &Input) -> bool {
    input.attrs.external_serde.is_none() && input.attrs.external_rkyv.is_none() && !borrows(input)
}

fn borrows(input: &Input) -> bool {
    input.generics().lifetimes().next().is_some()
}

/// `body` (a decode of an `owned` value), run with at least a red zone of stack left, on a
/// stack of its own grown for it if need be, when a value of the item can lead back to itself
/// (see the module's comment): a deep value of a type whose every level takes kilobytes of stack
/// would otherwise overflow it long before the depth limits stop it.
pub(super) fn stack_guarded(
    input: &Input,
    paths: &Paths,
    owned: TokenStream,
    body: TokenStream,
) -> TokenStream {
    // A borrowing type's deserializer lifetime does not cross the closure; borrowed forms are
    // shallow views of their input anyway.
    if borrows(input) {
        return body;
    }
    let reach = Reach::of(input);
    let krate = &paths.krate;
    let pointees = &reach.pointees;
    let guarded = quote! {
        #krate::__private::with_stack(
            const {
                #[allow(unused_imports)]
                use #krate::__private::UnsizedSize as _;
                #krate::__private::largest(&[
                    ::core::mem::size_of::<#owned>(),
                    // A pointee may be unsized (`Box<CStr>`): it then counts 0.
                    #(<#krate::__private::SizeProbe<#pointees>>::SIZE,)*
                ])
            },
            move || { #body },
        )
    };
    if reach.guard_always {
        return guarded;
    }
    if reach.inline.is_empty() {
        return body;
    }
    let inline = &reach.inline;
    quote! {
        if {
            #[allow(unused_imports)]
            use #krate::__private::{ViaMessageType as _, ViaOtherType as _};
            true #(&& (&&#krate::__private::TypeProbe::<#inline>::NEW).guards_its_decode())*
        } {
            #body
        } else {
            #guarded
        }
    }
}
