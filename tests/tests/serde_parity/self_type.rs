//! `Self` in fields and where-clauses names the type, never a shadow; so it does inside attribute
//! strings.

use serde::{Deserialize, Serialize};

parity! {
    self_json [#[wire(codec = "json")]]
    items {
        {
            struct Node where Self: Sized {
                value: u8,
                next: Box<Option<Self>>,
            }
        }
        {
            enum List {
                Nil,
                Cons(u8, Box<Self>),
            }
        }
        {
            struct Tree<T> {
                value: T,
                children: Vec<Self>,
            }
        }
    }
    check Node {
        values: [Node { value: 1, next: Box::new(Some(Node { value: 2, next: Box::new(None) })) }],
        inputs: [r#"{"value":1,"next":{"value":2,"next":null}}"#, r#"{"value":1,"next":{"value":2}}"#],
    }
    check List {
        values: [List::Cons(1, Box::new(List::Cons(2, Box::new(List::Nil))))],
        inputs: [r#"{"Cons":[1,{"Cons":[2,"Nil"]}]}"#, r#"{"Cons":[1,"Cons"]}"#],
    }
    check Tree<u8> {
        values: [Tree { value: 1, children: vec![Tree { value: 2, children: vec![] }] }],
        inputs: [r#"{"value":1,"children":[{"value":2,"children":[]}]}"#, r#"{"value":1,"children":[{}]}"#],
    }
}

// `Self` inside attribute strings: serde's derive reads `bound` predicates and
// `skip_serializing_if` paths inside the item's own `impl`, where `Self` is the item.
parity! {
    self_in_attributes []
    items {
        {
            #[derive(Clone)]
            #[serde(bound(serialize = "Self: Clone, T: Serialize", deserialize = "T: Deserialize<'de>"))]
            struct SelfBound<T> {
                value: T,
                #[serde(skip_serializing_if = "Self::is_quiet", default)]
                volume: u8,
            }
        }
        {
            #[derive(Clone)]
            enum SelfVariant<T> {
                #[serde(bound(serialize = "Self: Clone, T: Serialize"))]
                Loud(T),
                Soft {
                    #[serde(skip_serializing_if = "Self::is_quiet", default)]
                    volume: u8,
                },
            }
        }
    }
    shared {
        impl<T> SelfBound<T> {
            fn is_quiet(volume: &u8) -> bool {
                *volume == 0
            }
        }
        impl<T> SelfVariant<T> {
            fn is_quiet(volume: &u8) -> bool {
                *volume == 0
            }
        }
    }
    check SelfBound<u16> {
        values: [SelfBound { value: 1, volume: 0 }, SelfBound { value: 1, volume: 3 }],
        inputs: [r#"{"value":1}"#, r#"{"value":1,"volume":2}"#],
    }
    check SelfVariant<u16> {
        values: [SelfVariant::Loud(1), SelfVariant::Soft { volume: 0 }, SelfVariant::Soft { volume: 2 }],
        inputs: [r#"{"Loud":1}"#, r#"{"Soft":{}}"#, r#"{"Soft":{"volume":2}}"#],
    }
    round_trip { SelfBound<u16> => [SelfBound { value: 1, volume: 3 }] }
}
