//! Names: `rename_all`, `rename`, `alias`, container `rename`, raw identifiers; and
//! `#[wire(name, id, version)]`, which name the message on the wire, never the serde container.

parity! {
    names []
    items {
        {
            #[serde(rename_all = "camelCase")]
            struct Profile {
                user_id: u32,
                #[serde(rename = "display")]
                display_name: String,
                #[serde(alias = "mail", alias = "e_mail")]
                email_address: String,
                #[serde(rename(serialize = "out", deserialize = "in"))]
                io: bool,
                r#type: u8,
            }
        }
        {
            #[serde(rename = "profile.v2", rename_all(serialize = "UPPERCASE", deserialize = "kebab-case"))]
            struct Renamed {
                first_name: String,
                age: u8,
            }
        }
        {
            #[serde(rename(serialize = "Out"))]
            struct HalfRenamed {
                a: u8,
            }
        }
        {
            #[serde(rename(deserialize = "In"), crate = "serde")]
            struct OtherHalf {
                a: u8,
            }
        }
    }
    check Profile {
        values: [
            Profile {
                user_id: 1,
                display_name: "Ann".into(),
                email_address: "a@b".into(),
                io: true,
                r#type: 3,
            },
        ],
        inputs: [
            r#"{"userId":1,"display":"a","emailAddress":"e","in":true,"type":1}"#,
            r#"{"userId":1,"display":"a","mail":"e","in":true,"type":1}"#,
            r#"{"userId":1,"display":"a","e_mail":"e","in":false,"type":1,"extra":[]}"#,
            r#"{"userId":1,"display":"a","emailAddress":"e","out":true,"type":1}"#,
            r#"{"userId":1,"display":"a","mail":"e","emailAddress":"f","in":true,"type":1}"#,
            r#"{"user_id":1}"#,
            r#"{"userId":"1"}"#,
            r#"[1,"a","e",true,1]"#,
            r#"[1,"a"]"#,
        ],
    }
    check Renamed {
        values: [Renamed { first_name: "Bo".into(), age: 9 }],
        inputs: [
            r#"{"first-name":"x","age":1}"#,
            r#"{"FIRST_NAME":"x","AGE":1}"#,
        ],
    }
    check HalfRenamed {
        values: [HalfRenamed { a: 1 }],
        inputs: [r#"{"a":1}"#, r#"{"a":-1}"#],
    }
    check OtherHalf {
        values: [OtherHalf { a: 1 }],
        inputs: [r#"{"a":1}"#, r#"{"a":300}"#],
    }
    round_trip {
        Profile => [Profile {
            user_id: 1,
            display_name: "Ann".into(),
            email_address: "a@b".into(),
            io: true,
            r#type: 3,
        }],
    }
}

// `#[wire(name, id, version)]` name the message on the wire, never the serde container.
parity! {
    wire_names [#[wire(name = "chat.Renamed", id = 77, version = 3)]]
    items {
        { struct WireNamed { a: u8 } }
    }
    check WireNamed { values: [WireNamed { a: 1 }], inputs: [r#"{"a":1}"#] }
    round_trip { WireNamed => [WireNamed { a: 1 }] }
}

// The same for an enum (a case of its own: one message name, one type).
parity! {
    wire_names_enum [#[wire(name = "chat.RenamedEnum", id = 78, version = 3)]]
    items {
        { enum WireNamedEnum { A(u8), B } }
    }
    check WireNamedEnum {
        values: [WireNamedEnum::A(1), WireNamedEnum::B],
        inputs: [r#"{"A":1}"#, r#""B""#, r#"{"C":1}"#],
    }
    round_trip { WireNamedEnum => [WireNamedEnum::A(1), WireNamedEnum::B] }
}

/// serde under another name, as `#[serde(crate = "...")]` points at it.
pub mod serde_again {
    pub use serde::*;
}

extern crate serde as renamed_serde;

parity! {
    serde_crate_path []
    items {
        {
            #[serde(crate = "crate::naming::serde_again", rename_all = "camelCase")]
            struct ThroughReexport {
                some_field: u32,
                other: Option<String>,
            }
        }
        {
            #[serde(crate = "renamed_serde")]
            enum ThroughAlias {
                Unit,
                Pair(u8, String),
            }
        }
    }
    check ThroughReexport {
        values: [ThroughReexport { some_field: 1, other: None }],
        inputs: [r#"{"someField":2}"#, r#"{"some_field":2}"#, r#"{"someField":2,"other":"x"}"#],
    }
    check ThroughAlias {
        values: [ThroughAlias::Unit, ThroughAlias::Pair(1, "a".into())],
        inputs: [r#""Unit""#, r#"{"Pair":[1,"a"]}"#, r#"{"Pair":[1]}"#],
    }
}
