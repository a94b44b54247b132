//! `#[deprecated]` type, field and variant: `#![deny(warnings)]` (in `main.rs`) fails the build on
//! any warning the generated code lets through.

parity! {
    deprecated []
    items {
        {
            #[deprecated(note = "use New")]
            struct Old {
                a: u8,
            }
        }
        {
            struct HasOldField {
                a: u8,
                #[deprecated]
                b: u8,
            }
        }
        {
            #[deprecated]
            struct OldTuple(#[deprecated] u8, u8);
        }
    }
    check Old { values: [Old { a: 1 }], inputs: [r#"{"a":1}"#] }
    check HasOldField { values: [HasOldField { a: 1, b: 2 }], inputs: [r#"{"a":1,"b":2}"#] }
    check OldTuple { values: [OldTuple(1, 2)], inputs: ["[1,2]", "[1]"] }
    round_trip { Old => [Old { a: 1 }], HasOldField => [HasOldField { a: 1, b: 2 }] }
}

// Deprecated variants: rkyv_derive's own output names every variant (unit, tuple and struct)
// outside any `allow` wiremsg can place (docs/DESIGN.md, "Known limits"), so they are shown with
// codec = "json"; wiremsg's serde impls stay silent.
parity! {
    deprecated_variants [#[wire(codec = "json")]]
    items {
        {
            enum Versions {
                Current { a: u8 },
                #[deprecated]
                Legacy {
                    #[deprecated]
                    a: u8,
                },
                #[deprecated]
                LegacyUnit,
                #[deprecated]
                LegacyTuple(u8, u8),
                #[deprecated]
                LegacyNewtype(u8),
            }
        }
    }
    check Versions {
        values: [
            Versions::Current { a: 1 },
            Versions::Legacy { a: 2 },
            Versions::LegacyUnit,
            Versions::LegacyTuple(1, 2),
            Versions::LegacyNewtype(3),
        ],
        inputs: [
            r#"{"Legacy":{"a":2}}"#,
            r#""LegacyUnit""#,
            r#"{"LegacyTuple":[1,2]}"#,
            r#"{"LegacyTuple":[1]}"#,
            r#"{"LegacyNewtype":1}"#,
        ],
    }
    round_trip { Versions => [Versions::Legacy { a: 2 }, Versions::LegacyTuple(1, 2)] }
}
