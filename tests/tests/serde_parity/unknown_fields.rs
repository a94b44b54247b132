//! `deny_unknown_fields`, on a struct and on an internally tagged enum.

parity! {
    deny_unknown []
    items {
        {
            #[serde(deny_unknown_fields)]
            struct Strict {
                a: u8,
                #[serde(alias = "bee")]
                b: Option<u8>,
            }
        }
        {
            #[serde(deny_unknown_fields, tag = "kind")]
            enum StrictEnum {
                A { x: u8 },
                B,
            }
        }
    }
    check Strict {
        values: [Strict { a: 1, b: None }, Strict { a: 1, b: Some(2) }],
        inputs: [r#"{"a":1}"#, r#"{"a":1,"bee":2}"#, r#"{"a":1,"c":2}"#, r#"{"c":2,"a":1}"#],
    }
    check StrictEnum {
        values: [StrictEnum::A { x: 1 }, StrictEnum::B],
        inputs: [
            r#"{"kind":"A","x":1}"#,
            r#"{"kind":"A","x":1,"y":2}"#,
            r#"{"kind":"B"}"#,
            r#"{"kind":"B","y":2}"#,
            r#"{"kind":"C"}"#,
            r#"{"x":1}"#,
        ],
    }
}
