//! Enums: externally tagged (every variant shape, `rename_all`, `rename_all_fields`, aliases,
//! skipped variants, an untagged variant), internally tagged with `other`, adjacently tagged,
//! untagged; a struct with `tag`; variant-level `with`, explicit discriminants, raw identifiers.

use crate::{as_string, trimmed, upper};

parity! {
    external []
    items {
        {
            #[serde(rename_all = "snake_case", rename_all_fields = "camelCase")]
            enum Ext {
                Unit,
                #[serde(rename = "nt")]
                Newtype(u32),
                Tuple(u8, String),
                Struct { field_one: u8, #[serde(rename = "B")] b: bool },
                #[serde(alias = "old_name", alias = "older")]
                NewName,
                #[serde(skip)]
                Skipped,
                #[serde(skip_serializing)]
                NotWritten(#[allow(dead_code)] u8),
                #[serde(skip_deserializing)]
                NotRead { a: u8 },
                #[serde(untagged)]
                Fallback(String),
            }
        }
    }
    check Ext {
        values: [
            Ext::Unit,
            Ext::Newtype(5),
            Ext::Tuple(1, "t".into()),
            Ext::Struct { field_one: 1, b: true },
            Ext::NewName,
            Ext::Skipped,
            Ext::NotWritten(1),
            Ext::NotRead { a: 1 },
            Ext::Fallback("f".into()),
        ],
        inputs: [
            r#""unit""#,
            r#"{"unit":null}"#,
            r#"{"nt":5}"#,
            r#"{"newtype":5}"#,
            r#"{"tuple":[1,"t"]}"#,
            r#"{"tuple":[1]}"#,
            r#"{"struct":{"fieldOne":1,"B":false}}"#,
            r#"{"struct":{"field_one":1,"B":false}}"#,
            r#""old_name""#,
            r#""older""#,
            r#""new_name""#,
            r#""skipped""#,
            r#"{"not_written":3}"#,
            r#"{"not_read":{"a":1}}"#,
            r#""anything else""#,
            r#"{"a":1,"b":2}"#,
            r#"7"#,
        ],
    }
    round_trip {
        Ext => [Ext::Unit, Ext::Newtype(5), Ext::Struct { field_one: 1, b: true }, Ext::NotWritten(4)],
    }
}

parity! {
    internal []
    items {
        { struct Payload { x: u8 } }
        {
            #[serde(tag = "type", rename_all = "lowercase")]
            enum Internal {
                Unit,
                Struct { a: u8, #[serde(default)] b: u8 },
                Newtype(Payload),
                #[serde(rename = "renamed", alias = "alias")]
                Other2 { c: String },
                #[serde(other)]
                Unknown,
            }
        }
    }
    check Payload { values: [Payload { x: 1 }], inputs: [r#"{"x":1}"#] }
    check Internal {
        values: [
            Internal::Unit,
            Internal::Struct { a: 1, b: 2 },
            Internal::Newtype(Payload { x: 3 }),
            Internal::Other2 { c: "c".into() },
            Internal::Unknown,
        ],
        inputs: [
            r#"{"type":"unit"}"#,
            r#"{"type":"struct","a":1}"#,
            r#"{"a":1,"type":"struct"}"#,
            r#"{"type":"newtype","x":3}"#,
            r#"{"type":"newtype"}"#,
            r#"{"type":"alias","c":"z"}"#,
            r#"{"type":"nothing"}"#,
            r#"{"type":7}"#,
            r#"{"a":1}"#,
            r#"["struct",1,2]"#,
        ],
    }
}

parity! {
    adjacent []
    items {
        {
            #[serde(tag = "t", content = "c", rename_all = "UPPERCASE")]
            enum Adjacent {
                Unit,
                Newtype(u8),
                Tuple(u8, u8),
                Struct { a: u8 },
            }
        }
    }
    check Adjacent {
        values: [Adjacent::Unit, Adjacent::Newtype(1), Adjacent::Tuple(1, 2), Adjacent::Struct { a: 3 }],
        inputs: [
            r#"{"t":"UNIT"}"#,
            r#"{"t":"UNIT","c":null}"#,
            r#"{"c":[1,2],"t":"TUPLE"}"#,
            r#"{"t":"NEWTYPE","c":1}"#,
            r#"{"t":"NEWTYPE"}"#,
            r#"{"t":"STRUCT","c":{"a":3}}"#,
            r#"{"t":"STRUCT","c":{"a":3},"x":1}"#,
            r#"{"t":"Unit"}"#,
            r#"{"c":1}"#,
            r#"["NEWTYPE",1]"#,
        ],
    }
}

parity! {
    untagged []
    items {
        {
            #[serde(untagged)]
            enum Shape {
                Int(i64),
                Text(String),
                Pair(u8, u8),
                Rec { a: u8 },
                Unit,
            }
        }
        {
            #[serde(untagged, expecting = "a number or a name")]
            enum Expecting {
                N(u8),
                S(String),
            }
        }
    }
    check Shape {
        values: [
            Shape::Int(-1),
            Shape::Text("t".into()),
            Shape::Pair(1, 2),
            Shape::Rec { a: 1 },
            Shape::Unit,
        ],
        inputs: ["1", "\"s\"", "[1,2]", "{\"a\":1}", "null", "1.5", "[1,2,3]", "{\"b\":1}"],
    }
    check Expecting {
        values: [Expecting::N(1), Expecting::S("s".into())],
        inputs: ["1", "\"s\"", "[1]", "-1"],
    }
    round_trip { Shape => [Shape::Int(-1), Shape::Pair(1, 2), Shape::Unit] }
}

// A struct with `tag` writes its own name as the tag: the name must be the item's.
parity! {
    tagged_struct []
    items {
        {
            #[serde(tag = "type")]
            struct Ping { seq: u32 }
        }
        {
            #[serde(tag = "kind", rename = "pong.v1")]
            struct Pong { seq: u32 }
        }
    }
    check Ping {
        values: [Ping { seq: 1 }],
        inputs: [r#"{"type":"Ping","seq":1}"#, r#"{"seq":1}"#, r#"{"type":"Pong","seq":1}"#],
    }
    check Pong {
        values: [Pong { seq: 1 }],
        inputs: [r#"{"kind":"pong.v1","seq":1}"#, r#"{"kind":"Pong","seq":1}"#],
    }
    round_trip { Ping => [Ping { seq: 9 }] }
}

// Variant-level `with`, explicit discriminants with `repr`.
parity! {
    enum_details []
    items {
        {
            enum VariantWith {
                #[serde(with = "as_string")]
                Temperature(u32),
                #[serde(serialize_with = "upper", deserialize_with = "trimmed")]
                Name(String),
                Plain(u8),
            }
        }
        {
            #[repr(u8)]
            enum Code {
                Low = 3,
                High = 200,
            }
        }
    }
    check VariantWith {
        values: [VariantWith::Temperature(3), VariantWith::Name("n".into()), VariantWith::Plain(1)],
        inputs: [
            r#"{"Temperature":"3"}"#,
            r#"{"Temperature":3}"#,
            r#"{"Name":" x "}"#,
            r#"{"Plain":1}"#,
        ],
    }
    check Code {
        values: [Code::Low, Code::High],
        inputs: ["\"Low\"", "\"High\"", "3", "1"],
    }
    round_trip { Code => [Code::High] }
}

// Raw identifiers are written without `r#`. (A lowercase raw-identifier variant needs
// `#[allow(non_camel_case_types)]`, which rkyv's archived enum does not inherit: codec = "json".)
parity! {
    raw_identifiers [#[wire(codec = "json")]]
    items {
        {
            enum RawNames {
                #[allow(non_camel_case_types)]
                r#enum,
                #[allow(non_camel_case_types)]
                r#struct { r#type: u8, r#match: bool },
            }
        }
    }
    check RawNames {
        values: [RawNames::r#enum, RawNames::r#struct { r#type: 1, r#match: true }],
        inputs: ["\"enum\"", "\"r#enum\"", r#"{"struct":{"type":1,"match":false}}"#],
    }
}
