//! serde parity: every case is a *twin pair*, one type body stamped out twice by [`parity!`],
//! once with serde's own `#[derive(Serialize, Deserialize)]` (module `theirs`) and once with
//! `#[derive(WireMessage)]` (module `ours`). Both twins carry the same name, so every message
//! serde derives from it ("expected struct Profile", "data did not match any variant of untagged
//! enum Shape", "the enum variant Ext::Skipped cannot be serialized") must agree too: a leaked
//! shadow name, a lost attribute or a different bound shows up as a difference, or as a compile
//! error when a bound is stricter than serde's.
//!
//! For each checked type the two twins must give byte-identical `serde_json::to_vec` and equal
//! `serde_json::to_value` for every value, and the same value (compared by `Debug`) or the same
//! error text for every JSON input, through `serde_json::from_str` and through a
//! `serde_json::Value`. Every type is also fed [`COMMON_INPUTS`], a set of inputs of the wrong
//! shape, so that serde's "invalid type … expected …" messages are compared for each. The
//! [`record`] wrappers also compare every call the impls make on the format, with the container
//! and variant names, lengths and field lists that serde_json itself ignores.
//!
//! Cases that need `#[wire(...)]` on a field, or that serde's own derive cannot take from a
//! `macro_rules!`, are written out as two modules by hand, compared the same way.
//!
//! `#![deny(warnings)]` proves that no warning (`deprecated` above all) leaks from the generated
//! code into the user's crate.
//!
//! The cases are grouped by subject, one module each, declared at the end of this file;
//! [`record`] holds the recording wrappers.

#![deny(warnings)]

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use std::fmt::{self, Debug, Display};
use std::str::FromStr;

/// Stamps out the twins of a case and the test comparing them.
///
/// ```text
/// parity! {
///     case_name [#[wire(...)] attributes for the WireMessage twin only]
///     items { { struct A { .. } } { enum B { .. } } }
///     shared { items copied into both twin modules: impls, helper fns }      // optional
///     check Type<Args> { values: [exprs], inputs: [json strs] }               // one or more
///     round_trip { Type => [exprs], .. }                                      // optional
/// }
/// ```
macro_rules! parity {
    (
        $case:ident $wire:tt
        items { $($item:tt)+ }
        $(shared { $($shared:item)* })?
        $(check $ty:ty { values: [$($value:expr),* $(,)?], inputs: [$($input:expr),* $(,)?] $(,)? })+
        $(round_trip { $($rty:ty => [$($rvalue:expr),* $(,)?]),+ $(,)? })?
    ) => {
        mod $case {
            #[allow(unused_imports)]
            use super::*;

            mod theirs {
                #[allow(unused_imports)]
                use super::*;
                $(parity!(@theirs $item);)+
                $($($shared)*)?

                #[allow(deprecated)]
                pub fn outcomes() -> Vec<String> {
                    let mut out = Vec::new();
                    $(out.extend(crate::outcomes::<$ty>(
                        stringify!($ty),
                        vec![$($value),*],
                        &[$($input),*],
                    ));)+
                    out
                }
            }

            mod ours {
                #[allow(unused_imports)]
                use super::*;
                $(parity!(@ours $wire $item);)+
                $($($shared)*)?

                #[allow(deprecated)]
                pub fn outcomes() -> Vec<String> {
                    let mut out = Vec::new();
                    $(out.extend(crate::outcomes::<$ty>(
                        stringify!($ty),
                        vec![$($value),*],
                        &[$($input),*],
                    ));)+
                    out
                }

                $(
                    #[test]
                    #[allow(deprecated)]
                    fn wire_round_trip() {
                        $(let values: Vec<$rty> = vec![$($rvalue),*];
                        for value in values {
                            let frame = ::wiremsg::WireMessage::to_wire(&value).unwrap();
                            let back = <$rty as ::wiremsg::WireMessage>::from_wire(&frame).unwrap();
                            assert_eq!(format!("{back:?}"), format!("{value:?}"));
                        })+
                    }
                )?
            }

            #[test]
            fn parity() {
                crate::assert_parity(stringify!($case), theirs::outcomes(), ours::outcomes());
            }
        }
    };
    (@theirs { $(#[$($attr:tt)*])* $kw:ident $($rest:tt)* }) => {
        #[derive(Debug, ::serde::Serialize, ::serde::Deserialize)]
        $(#[$($attr)*])*
        $kw $($rest)*
    };
    (@ours [$($wire:tt)*] { $(#[$($attr:tt)*])* $kw:ident $($rest:tt)* }) => {
        #[derive(Debug, ::wiremsg::WireMessage)]
        $($wire)*
        $(#[$($attr)*])*
        $kw $($rest)*
    };
}

/// Inputs of the wrong shape for most types, given to every checked type.
const COMMON_INPUTS: &[&str] = &[
    "",
    "{",
    "null",
    "true",
    "0",
    "-1",
    "1.5",
    "\"\"",
    "\"x\"",
    "\"Unit\"",
    "[]",
    "[null]",
    "[1,2,3,4,5,6,7,8,9]",
    "{}",
    "{\"\":null}",
    "{\"unknown\":1}",
    "{\"a\":1,\"a\":2}",
];

fn text<T: Debug, E: Display>(result: Result<T, E>) -> String {
    match result {
        Ok(value) => format!("Ok({value:?})"),
        Err(error) => format!("Err({error})"),
    }
}

/// Everything serde_json does with `values` and `inputs`, one line each.
fn outcomes<'a, T>(label: &str, values: Vec<T>, inputs: &[&'a str]) -> Vec<String>
where
    T: Serialize + Deserialize<'a> + Debug,
{
    assert!(!values.is_empty(), "{label}: no values to serialize");
    let mut out = Vec::new();
    for value in &values {
        let bytes = serde_json::to_vec(value).map(|b| String::from_utf8_lossy(&b).into_owned());
        out.push(format!(
            "{label}: {value:?}\n  to_vec:   {}\n  to_value: {}\n  calls:    {}",
            text(bytes),
            text(serde_json::to_value(value)),
            record::serialize(value),
        ));
    }
    for input in inputs.iter().chain(COMMON_INPUTS) {
        let direct = serde_json::from_str::<T>(input);
        let via_value = serde_json::from_str::<serde_json::Value>(input)
            .map_err(|e| format!("not JSON: {e}"))
            .and_then(|value| T::deserialize(value).map_err(|e| e.to_string()));
        out.push(format!(
            "{label} <- {input}\n  from_str:   {}\n  from_value: {}\n  calls:      {}",
            text(direct),
            text(via_value),
            record::deserialize::<T>(input),
        ));
    }
    out
}

mod record;

fn assert_parity(case: &str, theirs: Vec<String>, ours: Vec<String>) {
    assert_eq!(theirs.len(), ours.len(), "{case}: not the same checks");
    let diffs: Vec<String> = theirs
        .iter()
        .zip(&ours)
        .filter(|(t, o)| t != o)
        .map(|(t, o)| format!("serde's derive:\n{t}\nWireMessage:\n{o}\n"))
        .collect();
    assert!(
        diffs.is_empty(),
        "{case}: {} of {} outcomes differ from serde's derive\n\n{}",
        diffs.len(),
        theirs.len(),
        diffs.join("\n")
    );
}

// ----------------------------------------------------------------------------------------------
// Helpers shared by the cases. None of these types implements a serde trait.

/// Implements no serde trait (nor rkyv).
#[derive(Debug, Clone, Default, PartialEq)]
struct NoSerde(u8);

/// Implements no serde trait, but `Display` and `FromStr`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Celsius(i32);

impl Display for Celsius {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}C", self.0)
    }
}

impl FromStr for Celsius {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let n = s
            .strip_suffix('C')
            .ok_or_else(|| format!("`{s}` lacks a C"))?;
        n.parse().map(Celsius).map_err(|e| format!("{e}"))
    }
}

/// A trait with an associated type, for serde's `F::Item: Serialize` inference.
trait Family {
    type Item;
}

impl Family for NoSerde {
    type Item = u32;
}

/// `with` module writing any `Display` as a string.
mod as_string {
    use super::*;

    pub fn serialize<T: Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// `with` module writing only the length of a `Vec<T>`, for any `T`.
mod len_only {
    use super::*;

    pub fn serialize<T, S: Serializer>(value: &[T], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(value.len() as u64)
    }

    pub fn deserialize<'de, T, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        let n = u64::deserialize(d)?;
        if n == 0 {
            Ok(Vec::new())
        } else {
            Err(serde::de::Error::custom(format!(
                "cannot rebuild {n} items"
            )))
        }
    }
}

fn seven() -> u32 {
    7
}

fn upper<S: Serializer>(value: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&value.to_uppercase())
}

fn trimmed<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(String::deserialize(d)?.trim().to_owned())
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

// ----------------------------------------------------------------------------------------------
// The cases, after `parity!` so that they can use it.

mod borrowing;
mod bounds_and_generics;
mod conditional_attributes;
mod default_values;
mod deprecation;
mod enums;
mod flattening;
mod naming;
mod plain_types;
mod self_type;
mod struct_shapes;
mod type_conversions;
mod unknown_fields;
mod wire_field_attrs;
mod with_and_skip;
