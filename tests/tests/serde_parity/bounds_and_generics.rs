//! Bounds: each of these compiles only if the generated impls carry serde's inferred (or
//! explicit) bounds, not a blanket `T: Serialize`; and generics in every form.

use crate::{as_string, len_only, Celsius, Family, NoSerde};
use std::fmt::{Debug, Display};
use std::marker::PhantomData;
use std::str::FromStr;

parity! {
    bounds []
    items {
        {
            /// `T` appears only in `PhantomData`: no bound on it at all.
            struct Tagged<T> {
                id: u32,
                marker: PhantomData<T>,
            }
        }
        {
            /// A `with` field needs no bound on its type parameter.
            struct LenOnly<T> {
                #[serde(with = "len_only")]
                items: Vec<T>,
            }
        }
        {
            /// A `default` field needs `T: Default` on top of `T: Deserialize`.
            struct DefaultField<T> {
                #[serde(default)]
                value: T,
                n: u8,
            }
        }
        {
            /// Explicit bounds replace inference.
            #[serde(bound(
                serialize = "T: std::fmt::Display",
                deserialize = "T: std::str::FromStr, <T as std::str::FromStr>::Err: std::fmt::Display"
            ))]
            struct Shown<T> {
                #[serde(with = "as_string")]
                value: T,
            }
        }
        {
            /// A field-level bound.
            struct FieldBound<T, U> {
                #[serde(
                    with = "as_string",
                    bound = "T: Display + FromStr, <T as FromStr>::Err: Display"
                )]
                shown: T,
                plain: U,
            }
        }
        {
            /// An associated type: serde bounds `F::Item`, not `F`.
            struct ByFamily<F: Family> {
                item: F::Item,
            }
        }
        {
            /// `bound = ""`: no predicate at all.
            #[serde(bound = "")]
            struct NoBound<T> {
                #[serde(skip)]
                marker: PhantomData<T>,
                n: u8,
            }
        }
    }
    check Tagged<NoSerde> {
        values: [Tagged { id: 1, marker: PhantomData }],
        inputs: [r#"{"id":1,"marker":null}"#, r#"{"id":1}"#, r#"{"id":1,"marker":1}"#],
    }
    check LenOnly<NoSerde> {
        values: [LenOnly { items: vec![] }, LenOnly { items: vec![NoSerde(1)] }],
        inputs: [r#"{"items":0}"#, r#"{"items":2}"#],
    }
    check DefaultField<u32> {
        values: [DefaultField { value: 4, n: 1 }],
        inputs: [r#"{"n":1}"#, r#"{"value":2,"n":1}"#],
    }
    check DefaultField<String> {
        values: [DefaultField { value: "v".into(), n: 1 }],
        inputs: [r#"{"n":1}"#, r#"{"value":2,"n":1}"#],
    }
    check Shown<Celsius> {
        values: [Shown { value: Celsius(-4) }],
        inputs: [r#"{"value":"12C"}"#, r#"{"value":"12"}"#],
    }
    check FieldBound<Celsius, bool> {
        values: [FieldBound { shown: Celsius(3), plain: true }],
        inputs: [r#"{"shown":"3C","plain":false}"#, r#"{"shown":"3C","plain":1}"#],
    }
    check ByFamily<NoSerde> {
        values: [ByFamily { item: 5 }],
        inputs: [r#"{"item":5}"#, r#"{"item":-5}"#],
    }
    check NoBound<NoSerde> {
        values: [NoBound { marker: PhantomData, n: 1 }],
        inputs: [r#"{"n":1}"#],
    }
    round_trip {
        Tagged<NoSerde> => [Tagged { id: 7, marker: PhantomData }],
        NoBound<NoSerde> => [NoBound { marker: PhantomData, n: 1 }],
    }
}

// A generic container `default` needs `Name<T>: Default`, exactly where serde puts it.
parity! {
    generic_container_default []
    items {
        {
            #[serde(default)]
            struct GenDefault<T> {
                value: T,
                n: u8,
            }
        }
    }
    shared {
        impl<T: Default> Default for GenDefault<T> {
            fn default() -> Self {
                GenDefault { value: T::default(), n: 42 }
            }
        }
    }
    check GenDefault<u8> {
        values: [GenDefault { value: 1, n: 2 }],
        inputs: ["{}", r#"{"value":3}"#, r#"{"n":3}"#],
    }
}

// Generics in every form: inline bounds, where-clauses, defaults for type parameters. (serde's
// derive does not support const generics.)
parity! {
    generic_forms []
    items {
        {
            struct Bounded<T: Clone + Debug, U = u8>
            where
                U: Copy,
            {
                t: T,
                u: U,
            }
        }
    }
    check Bounded<String> {
        values: [Bounded { t: "t".to_string(), u: 1 }],
        inputs: [r#"{"t":"t","u":1}"#, r#"{"t":"t"}"#],
    }
    round_trip { Bounded<String, u16> => [Bounded { t: "t".to_string(), u: 1 }] }
}
