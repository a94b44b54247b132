//! The layout fingerprint sees inside the types a message holds: a change to a nested message,
//! wherever the outer type holds it (directly, in a `Vec`, `Option`, `Box`, array, map or
//! tuple), changes the outer fingerprint, so a frame written before the change is refused with
//! `LayoutMismatch` instead of being misread (shown in `runtime/tests/no_auto_register.rs`,
//! where the two versions of a type can live in one binary without a registry clash). Renaming a
//! nested message keeps the fingerprint (its layout is what counts), and generic instantiations
//! differ where the parameter's archived layout does.

use std::collections::{BTreeMap, HashMap};
use wiremsg::{CodecError, WireMessage};

/// Declares, in a module, `Outer` holding `Inner` in every supported position; `Inner`'s fields
/// are given, so that two modules differ only inside the nested type.
macro_rules! outer_types {
    ($module:ident, $inner:ident { $($field:ident: $ty:ty),* }) => {
        mod $module {
            use super::*;

            #[derive(WireMessage, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
            #[rkyv(derive(PartialEq, Eq, PartialOrd, Ord, Hash), compare(PartialEq, PartialOrd))]
            #[wire(name = "nested.Inner")]
            pub struct $inner { $(pub $field: $ty),* }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.Direct")]
            pub struct Direct { pub label: String, pub inner: $inner }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.InVec")]
            pub struct InVec { pub items: Vec<$inner> }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.InOption")]
            pub struct InOption { pub maybe: Option<$inner> }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.InBox")]
            pub struct InBox { pub boxed: Box<$inner> }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.InArray")]
            pub struct InArray { pub array: [$inner; 3] }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.InMap")]
            pub struct InMap { pub by_name: HashMap<String, $inner> }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.InMapKey")]
            pub struct InMapKey { pub by_inner: BTreeMap<$inner, u8> }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.InTuple")]
            pub struct InTuple { pub pair: (u8, $inner) }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.InEnum")]
            pub enum InEnum { Empty, Holding { inner: Option<Vec<$inner>> } }

            /// Two levels down: `Deep` holds `InVec`, which holds the inner type.
            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "nested.Deep")]
            pub struct Deep { pub level: InVec }

            pub fn fingerprints() -> [(&'static str, u16); 11] {
                [
                    ("Inner", $inner::LAYOUT_FINGERPRINT),
                    ("Direct", Direct::LAYOUT_FINGERPRINT),
                    ("InVec", InVec::LAYOUT_FINGERPRINT),
                    ("InOption", InOption::LAYOUT_FINGERPRINT),
                    ("InBox", InBox::LAYOUT_FINGERPRINT),
                    ("InArray", InArray::LAYOUT_FINGERPRINT),
                    ("InMap", InMap::LAYOUT_FINGERPRINT),
                    ("InMapKey", InMapKey::LAYOUT_FINGERPRINT),
                    ("InTuple", InTuple::LAYOUT_FINGERPRINT),
                    ("InEnum", InEnum::LAYOUT_FINGERPRINT),
                    ("Deep", Deep::LAYOUT_FINGERPRINT),
                ]
            }
        }
    };
}

outer_types!(before, Inner { x: u32, y: u32 });
// The same fields, swapped: same size, same types, another layout.
outer_types!(swapped, Inner { y: u32, x: u32 });
// The same layout as `before` under another name, as an old version kept beside a new one is.
outer_types!(renamed, InnerV1 { x: u32, y: u32 });

#[test]
fn a_change_inside_a_nested_message_changes_every_outer_fingerprint() {
    for ((name, old), (_, new)) in before::fingerprints()
        .into_iter()
        .zip(swapped::fingerprints())
    {
        assert_ne!(old, new, "{name} did not see its nested type change");
    }
}

#[test]
fn renaming_a_nested_message_keeps_the_fingerprints() {
    assert_eq!(before::fingerprints(), renamed::fingerprints());
}

/// A type alias is looked through by the compiler, not the derive: what it stands for counts by
/// its archived size and alignment.
mod alias_u32 {
    pub type Count = u32;

    #[derive(wiremsg::WireMessage)]
    #[wire(name = "nested.Counted")]
    pub struct Counted {
        pub count: Count,
    }
}

mod alias_u64 {
    pub type Count = u64;

    #[derive(wiremsg::WireMessage)]
    #[wire(name = "nested.Counted")]
    pub struct Counted {
        pub count: Count,
    }
}

#[test]
fn a_foreign_type_counts_by_its_archived_size_and_alignment() {
    assert_ne!(
        alias_u32::Counted::LAYOUT_FINGERPRINT,
        alias_u64::Counted::LAYOUT_FINGERPRINT
    );
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "nested.Envelope")]
struct Envelope<T> {
    sequence: u64,
    body: T,
}

#[test]
fn generic_instantiations_differ_where_the_parameters_archived_layout_does() {
    let small = Envelope::<u32>::LAYOUT_FINGERPRINT;
    let text = Envelope::<String>::LAYOUT_FINGERPRINT;
    let nested = Envelope::<before::Direct>::LAYOUT_FINGERPRINT;
    assert_ne!(small, text);
    assert_ne!(small, nested);
    assert_ne!(text, nested);
    // What a parameter cannot tell apart: another type of the same archived size and alignment.
    assert_eq!(small, Envelope::<f32>::LAYOUT_FINGERPRINT);

    let frame = Envelope {
        sequence: 7,
        body: "hello".to_owned(),
    }
    .to_wire()
    .unwrap();
    let error = Envelope::<u32>::from_wire(&frame).unwrap_err();
    assert!(
        matches!(error, CodecError::LayoutMismatch { .. }),
        "{error}"
    );
}

/// Self- and mutually recursive types compile: the edge marked `recursive` is not followed.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "nested.Tree")]
struct Tree {
    value: u32,
    #[wire(recursive)]
    children: Vec<Tree>,
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "nested.Ping")]
struct Ping {
    pong: Option<Pong>,
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "nested.Pong")]
struct Pong {
    #[wire(recursive)]
    ping: Option<Box<Ping>>,
}

#[test]
fn recursive_types_have_fingerprints_and_round_trip() {
    let tree = Tree {
        value: 1,
        children: vec![Tree {
            value: 2,
            children: Vec::new(),
        }],
    };
    assert_eq!(Tree::from_wire(&tree.to_wire().unwrap()).unwrap(), tree);
    let ping = Ping {
        pong: Some(Pong {
            ping: Some(Box::new(Ping { pong: None })),
        }),
    };
    assert_eq!(Ping::from_wire(&ping.to_wire().unwrap()).unwrap(), ping);
    // `Ping` follows `Pong`, whose back edge is cut: it is not the shape of `Ping` alone.
    assert_ne!(
        Ping::LAYOUT_FINGERPRINT,
        wiremsg::hash::layout_fingerprint("struct{pong:Option<Pong>;}")
    );
}
