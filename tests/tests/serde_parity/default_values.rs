//! Defaults: container `default` (bare and path), field `default` (bare and path).

use crate::seven;

parity! {
    defaults []
    items {
        {
            #[serde(default)]
            struct Defaults {
                a: u32,
                b: String,
                #[serde(default = "seven")]
                c: u32,
            }
        }
        {
            /// A second container `default` in the same module.
            #[serde(default)]
            struct MoreDefaults {
                x: u8,
            }
        }
        {
            struct FieldDefaults {
                #[serde(default)]
                a: Vec<u8>,
                #[serde(default = "seven")]
                b: u32,
                c: bool,
            }
        }
    }
    shared {
        impl Default for MoreDefaults {
            fn default() -> Self {
                MoreDefaults { x: 9 }
            }
        }
        impl Default for Defaults {
            fn default() -> Self {
                Defaults { a: 1, b: "dflt".into(), c: 2 }
            }
        }
    }
    check Defaults {
        values: [Defaults { a: 0, b: String::new(), c: 0 }],
        inputs: [r#"{"a":9}"#, r#"{"b":"x","c":3}"#, r#"{"a":"x"}"#, "[]", "[4]"],
    }
    check MoreDefaults { values: [MoreDefaults { x: 1 }], inputs: ["{}", r#"{"x":2}"#] }
    check FieldDefaults {
        values: [FieldDefaults { a: vec![1], b: 0, c: true }],
        inputs: [r#"{"c":true}"#, r#"{"a":[1],"c":false}"#, r#"{"a":[1]}"#, "[[1]]", "[[1],2,true]"],
    }
}

/// A container `default = "path"`, and a container `default` on a tuple struct. serde's own
/// derive cannot take these from a `macro_rules!` (its `__default` local is unhygienic there,
/// serde_derive 1.0.229), so the twins are written out.
mod written_out_defaults {
    mod theirs {
        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        #[serde(default = "path_default")]
        pub struct PathDefault {
            pub a: u32,
            pub b: bool,
        }

        fn path_default() -> PathDefault {
            PathDefault { a: 40, b: true }
        }

        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        pub struct TupleDefault(pub u8, pub String);

        impl Default for TupleDefault {
            fn default() -> Self {
                TupleDefault(5, "five".into())
            }
        }

        /// A message the next two hold: the derive reads them through its split (`serde/split.rs`),
        /// whose second shadow is built from the container default.
        #[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
        pub struct Pin {
            pub x: i32,
            pub y: Option<i32>,
        }

        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        #[serde(default = "path_pins")]
        pub struct PathPins {
            pub pin: Pin,
            pub many: Vec<Pin>,
            pub boxed: Box<Option<Pin>>,
        }

        fn path_pins() -> PathPins {
            PathPins {
                pin: Pin { x: 9, y: None },
                many: vec![Pin { x: 1, y: Some(2) }],
                boxed: Box::new(Some(Pin { x: 3, y: None })),
            }
        }

        #[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        pub struct TuplePins(pub Pin, pub u8);
    }

    mod ours {
        #[derive(Debug, wiremsg::WireMessage)]
        #[serde(default = "path_default")]
        pub struct PathDefault {
            pub a: u32,
            pub b: bool,
        }

        fn path_default() -> PathDefault {
            PathDefault { a: 40, b: true }
        }

        #[derive(Debug, wiremsg::WireMessage)]
        #[serde(default)]
        pub struct TupleDefault(pub u8, pub String);

        impl Default for TupleDefault {
            fn default() -> Self {
                TupleDefault(5, "five".into())
            }
        }

        /// A message the next two hold: the derive reads them through its split (`serde/split.rs`),
        /// whose second shadow is built from the container default.
        #[derive(Debug, Default, wiremsg::WireMessage)]
        pub struct Pin {
            pub x: i32,
            pub y: Option<i32>,
        }

        #[derive(Debug, wiremsg::WireMessage)]
        #[serde(default = "path_pins")]
        pub struct PathPins {
            pub pin: Pin,
            pub many: Vec<Pin>,
            pub boxed: Box<Option<Pin>>,
        }

        fn path_pins() -> PathPins {
            PathPins {
                pin: Pin { x: 9, y: None },
                many: vec![Pin { x: 1, y: Some(2) }],
                boxed: Box::new(Some(Pin { x: 3, y: None })),
            }
        }

        #[derive(Debug, Default, wiremsg::WireMessage)]
        #[serde(default)]
        pub struct TuplePins(pub Pin, pub u8);
    }

    macro_rules! outcomes {
        ($m:ident) => {{
            let mut out = crate::outcomes(
                "PathDefault",
                vec![$m::PathDefault { a: 1, b: false }],
                &[r#"{"b":false}"#, r#"{"a":1}"#, "[]", "[1]", r#"{"a":"x"}"#],
            );
            out.extend(crate::outcomes(
                "TupleDefault",
                vec![$m::TupleDefault(1, "one".into())],
                &["[1]", "[1,\"x\"]", "[\"x\"]", "[1,\"x\",3]"],
            ));
            out.extend(crate::outcomes(
                "PathPins",
                vec![$m::PathPins {
                    pin: $m::Pin { x: 1, y: None },
                    many: vec![],
                    boxed: Box::new(None),
                }],
                &[
                    "{}",
                    r#"{"many":[]}"#,
                    r#"{"pin":{"x":2},"boxed":null}"#,
                    "[]",
                    r#"{"pin":1}"#,
                ],
            ));
            out.extend(crate::outcomes(
                "TuplePins",
                vec![$m::TuplePins($m::Pin { x: 1, y: None }, 2)],
                &["[]", r#"[{"x":1}]"#, r#"[{"x":1},2]"#, r#"[{"x":"no"}]"#],
            ));
            out
        }};
    }

    #[test]
    fn parity() {
        crate::assert_parity("written_out_defaults", outcomes!(theirs), outcomes!(ours));
    }
}
