//! `with` / `serialize_with` / `deserialize_with`, `skip_*` and `skip_serializing_if`.

use crate::{as_string, is_zero, seven, trimmed, upper, NoSerde};

parity! {
    with_fns []
    items {
        {
            struct With {
                #[serde(with = "as_string")]
                temperature: u32,
                #[serde(serialize_with = "upper")]
                shout: String,
                #[serde(deserialize_with = "trimmed")]
                trim: String,
                #[serde(serialize_with = "upper", deserialize_with = "trimmed", default)]
                both: String,
            }
        }
    }
    check With {
        values: [With { temperature: 21, shout: "hi".into(), trim: " t ".into(), both: "b".into() }],
        inputs: [
            r#"{"temperature":"21","shout":"x","trim":"  y  "}"#,
            r#"{"temperature":21,"shout":"x","trim":"y"}"#,
            r#"{"temperature":"hot","shout":"x","trim":"y"}"#,
            r#"{"temperature":"1","shout":"x","trim":1}"#,
        ],
    }
}

parity! {
    skips []
    items {
        {
            struct Skips {
                a: u8,
                #[allow(dead_code)]
                #[serde(skip)]
                b: u32,
                #[allow(dead_code)]
                #[serde(skip_serializing)]
                c: u8,
                #[serde(skip_deserializing)]
                d: u8,
                #[serde(skip_serializing_if = "Option::is_none")]
                e: Option<u8>,
                #[serde(skip_serializing_if = "Vec::is_empty", default)]
                f: Vec<u8>,
                #[serde(skip_serializing_if = "is_zero", default = "seven")]
                g: u32,
            }
        }
    }
    check Skips {
        values: [
            Skips { a: 1, b: 2, c: 3, d: 4, e: None, f: vec![], g: 0 },
            Skips { a: 1, b: 2, c: 3, d: 4, e: Some(5), f: vec![6], g: 8 },
        ],
        inputs: [
            r#"{"a":1,"c":3}"#,
            r#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":[6],"g":0}"#,
            r#"{"a":1,"c":3,"e":null}"#,
            r#"{"a":1}"#,
            "[1,3,null,[],1]",
        ],
    }
}

// A skipped field of a type with no serde (and no rkyv) impl: codec = "json".
parity! {
    skip_no_serde [#[wire(codec = "json")]]
    items {
        {
            struct Cached {
                key: String,
                #[allow(dead_code)]
                #[serde(skip)]
                cache: NoSerde,
            }
        }
        {
            struct SkipGeneric<T> {
                key: u8,
                #[allow(dead_code)]
                #[serde(skip)]
                hidden: T,
            }
        }
    }
    check Cached {
        values: [Cached { key: "k".into(), cache: NoSerde(9) }],
        inputs: [r#"{"key":"k"}"#, r#"{"key":"k","cache":1}"#],
    }
    check SkipGeneric<NoSerde> {
        values: [SkipGeneric { key: 1, hidden: NoSerde(2) }],
        inputs: [r#"{"key":1}"#, "[1]"],
    }
    round_trip { Cached => [Cached { key: "k".into(), cache: NoSerde::default() }] }
}
