//! Plain structs and enums: no generics, no serde attributes but the naming ones (`rename_all`,
//! `rename`). The derive writes their serde impls
//! itself instead of deriving them on a shadow (docs/DESIGN.md, "serde impls"), so these compare
//! its own visitors with serde_derive's: missing `Option` fields, unknown and duplicate fields,
//! sequences of every length, nesting, raw identifiers, one and many fields, unit, newtype and
//! tuple structs, and field and variant identifiers as formats other than JSON write them.

use crate::text;
use serde::Deserialize;
use std::fmt::Debug;

parity! {
    direct []
    items {
        {
            struct Chat {
                id: u64,
                room: String,
                tags: Vec<String>,
                reply_to: Option<u32>,
                edited: Option<Option<u8>>,
                marker: (),
                r#type: u8,
            }
        }
        { struct One { only: Option<u8> } }
        { struct Nested { inner: One, score: f64 } }
        { struct Beat; }
        { struct UserId(u64); }
        { struct Pair(u8, Option<String>); }
        { struct Nothing(); }
    }
    check Chat {
        values: [
            Chat {
                id: 1,
                room: "lobby".into(),
                tags: vec!["a".into()],
                reply_to: Some(4),
                edited: Some(None),
                marker: (),
                r#type: 2,
            },
            Chat {
                id: u64::MAX,
                room: String::new(),
                tags: vec![],
                reply_to: None,
                edited: None,
                marker: (),
                r#type: 0,
            },
        ],
        inputs: [
            r#"{"id":1,"room":"r","tags":[],"reply_to":2,"edited":3,"marker":null,"type":1}"#,
            r#"{"type":1,"marker":null,"id":1,"room":"r","tags":["x"]}"#,
            r#"{"id":1,"room":"r","tags":[],"marker":null,"type":1,"extra":{"a":[1]}}"#,
            r#"{"id":1,"room":"r","tags":[],"marker":null}"#,
            r#"{"id":1,"id":2,"room":"r","tags":[],"marker":null,"type":1}"#,
            r#"{"id":1,"room":"r","tags":[],"reply_to":null,"reply_to":1,"marker":null,"type":1}"#,
            r#"{"id":"1","room":"r","tags":[],"marker":null,"type":1}"#,
            r#"{"id":1,"room":"r","tags":[],"marker":null,"r#type":1}"#,
            r#"[1,"r",[],2,null,null,1]"#,
            r#"[1,"r",[],2,null,null]"#,
            r#"[1,"r",[],2,null,null,1,9]"#,
            r#"[]"#,
        ],
    }
    check One {
        values: [One { only: Some(1) }, One { only: None }],
        inputs: ["{}", r#"{"only":null}"#, "[]", "[3]", "[3,4]", r#"{"only":1,"only":2}"#],
    }
    check Nested {
        values: [Nested { inner: One { only: Some(9) }, score: 0.5 }],
        inputs: [
            r#"{"inner":{},"score":1}"#,
            r#"{"inner":[],"score":1}"#,
            r#"{"inner":{"only":"x"},"score":1}"#,
            r#"{"score":1}"#,
        ],
    }
    check Beat { values: [Beat], inputs: ["{}", "[]"] }
    check UserId { values: [UserId(9)], inputs: ["[9]", "[]", "[9,1]", r#"{"0":9}"#] }
    check Pair {
        values: [Pair(1, None), Pair(2, Some("s".into()))],
        inputs: ["[1,null]", "[1]", "[1,\"a\",3]", r#"{"0":1,"1":null}"#],
    }
    check Nothing { values: [Nothing()], inputs: ["[1]", "{}"] }
    round_trip {
        Beat => [Beat],
        UserId => [UserId(5)],
        Pair => [Pair(3, Some("p".into()))],
        Chat => [Chat {
            id: 7,
            room: "r".into(),
            tags: vec!["t".into()],
            reply_to: None,
            edited: Some(Some(1)),
            marker: (),
            r#type: 3,
        }],
        Nested => [Nested { inner: One { only: None }, score: -1.0 }],
    }
}

// Plain enums (no generics, no serde attributes) also get the derive's own impls: externally
// tagged, every kind of variant, including the empty tuple and struct forms. (Raw identifiers
// as variant names: `raw_identifiers` below, also a plain enum.)
parity! {
    direct_enum []
    items {
        {
            enum Event {
                Ping,
                Text(String),
                Move(i32, i32),
                Edit { id: u64, body: Option<String> },
                Boxed(Box<u8>),
                Empty(),
                Blank {},
            }
        }
        { enum Single { Only { n: u8 } } }
    }
    check Event {
        values: [
            Event::Ping,
            Event::Text("hi".into()),
            Event::Move(-1, 2),
            Event::Edit { id: 3, body: None },
            Event::Edit { id: 3, body: Some("b".into()) },
            Event::Boxed(Box::new(7)),
            Event::Empty(),
            Event::Blank {},
        ],
        inputs: [
            r#""Ping""#,
            r#"{"Ping":null}"#,
            r#"{"Text":"x"}"#,
            r#"{"Text":1}"#,
            r#"{"Move":[1,2]}"#,
            r#"{"Move":[1]}"#,
            r#"{"Move":[1,2,3]}"#,
            r#"{"Move":1}"#,
            r#"{"Edit":{"id":1}}"#,
            r#"{"Edit":{"body":"x"}}"#,
            r#"{"Edit":{"id":1,"id":2}}"#,
            r#"{"Edit":[1,"x"]}"#,
            r#"{"Edit":[1]}"#,
            r#"{"Edit":{"id":1,"other":true}}"#,
            r#"{"Boxed":3}"#,
            r#"{"Boxed":"Nope"}"#,
            r#"{"Empty":[]}"#,
            r#"{"Empty":[1]}"#,
            r#"{"Blank":{}}"#,
            r#"{"Blank":{"x":1}}"#,
            r#"{"Blank":[]}"#,
            r#""Text""#,
            r#""Unknown""#,
            r#"{"Unknown":1}"#,
            r#"{"Ping":null,"Text":"x"}"#,
            r#"{}"#,
        ],
    }
    check Single {
        values: [Single::Only { n: 1 }],
        inputs: [r#"{"Only":{"n":1}}"#, r#"{"Only":[]}"#, r#""Only""#],
    }
    round_trip {
        Event => [
            Event::Ping,
            Event::Move(1, 2),
            Event::Edit { id: 9, body: Some("e".into()) },
            Event::Boxed(Box::new(1)),
        ],
    }
}

// Fields whose types are other messages (or aliases, tuples, boxes of them): the derive's
// field checks cover these types, and its impls read and write such a field through the
// checks' slot (`SerdeSlot`), which must be the field itself: same output, and a missing
// `Option`-like field (even behind a `Box` or an alias) still reads as `None`.
parity! {
    direct_checked_fields []
    items {
        { struct Spot { x: i32, y: Option<i32> } }
        { struct SpotWrapper(Spot); }
        {
            struct SpotHolder {
                maybe: Option<Spot>,
                many: Vec<Spot>,
                boxed: Box<Option<Spot>>,
                alias: MaybeSpot,
                pair: (Spot, u8),
            }
        }
        {
            enum Figure {
                Dot(Spot),
                Line(Spot, Spot),
                Poly { corners: Vec<Spot>, label: Option<Spot> },
            }
        }
    }
    shared {
        type MaybeSpot = Option<Spot>;
    }
    check SpotWrapper {
        values: [SpotWrapper(Spot { x: 1, y: None })],
        inputs: [r#"{"x":1}"#, r#"{"x":1,"y":2}"#, r#"[3]"#, r#"{"y":2}"#, "null"],
    }
    check SpotHolder {
        values: [
            SpotHolder {
                maybe: Some(Spot { x: 1, y: Some(2) }),
                many: vec![Spot { x: 3, y: None }],
                boxed: Box::new(Some(Spot { x: 4, y: None })),
                alias: None,
                pair: (Spot { x: 5, y: None }, 6),
            },
        ],
        inputs: [
            r#"{"many":[],"pair":[{"x":1},2]}"#,
            r#"{"maybe":null,"many":[{"x":1}],"boxed":{"x":2},"alias":{"x":3},"pair":[{"x":1},2]}"#,
            r#"{"many":[]}"#,
            r#"{"pair":[{"x":1},2]}"#,
            r#"[null,[],null,null,[{"x":1},2]]"#,
            r#"[null,[]]"#,
        ],
    }
    check Figure {
        values: [
            Figure::Dot(Spot { x: 1, y: None }),
            Figure::Line(Spot { x: 1, y: None }, Spot { x: 2, y: Some(3) }),
            Figure::Poly { corners: vec![], label: None },
        ],
        inputs: [
            r#"{"Dot":{"x":1}}"#,
            r#"{"Dot":{}}"#,
            r#"{"Line":[{"x":1},{"x":2}]}"#,
            r#"{"Line":[{"x":1}]}"#,
            r#"{"Poly":{"corners":[{"x":1}]}}"#,
            r#"{"Poly":{}}"#,
        ],
    }
}

// The same on items that keep serde's own derive (`deny_unknown_fields`, `tag`): the derive
// writes such a field through its slot (`serialize_with`) and reads it with serde's derive on
// a second, owned shadow whose field is typed as the slot reads it, the field's own type
// (`serde/split.rs`): output, errors, and missing `Option`-like fields as serde's derive has them.
parity! {
    shadow_checked_fields []
    items {
        { struct Dot { x: i32, y: Option<i32> } }
        {
            #[serde(deny_unknown_fields)]
            struct StrictDots {
                maybe: Option<Dot>,
                boxed: Box<Option<Dot>>,
                alias: MaybeDot,
                many: Vec<Dot>,
                pair: (Dot, u8),
            }
        }
        {
            #[serde(tag = "kind")]
            enum TaggedDots {
                One { dot: Dot },
                Two(Dot),
                Many { dots: Vec<Dot>, label: Option<Dot> },
            }
        }
        { #[serde(deny_unknown_fields)] struct StrictDot(Dot); }
        {
            #[serde(deny_unknown_fields)]
            struct DotEnvelope<T> {
                payload: T,
                dot: Dot,
                maybe: Box<Option<Dot>>,
            }
        }
        {
            #[serde(tag = "kind")]
            enum GenericDots<T> {
                Data { payload: T, dot: Dot },
                Empty,
            }
        }
        {
            #[derive(Default)]
            #[serde(default)]
            struct DefaultDots {
                dot: Dot,
                boxed: Box<Option<Dot>>,
                count: u8,
            }
        }
    }
    shared {
        type MaybeDot = Option<Dot>;
        impl Default for Dot {
            fn default() -> Dot {
                Dot { x: 7, y: Some(8) }
            }
        }
    }
    check StrictDots {
        values: [
            StrictDots {
                maybe: Some(Dot { x: 1, y: Some(2) }),
                boxed: Box::new(None),
                alias: Some(Dot { x: 3, y: None }),
                many: vec![],
                pair: (Dot { x: 4, y: None }, 5),
            },
        ],
        inputs: [
            r#"{"many":[],"pair":[{"x":1},2]}"#,
            r#"{"maybe":{"x":1},"boxed":{"x":2},"alias":null,"many":[{"x":3}],"pair":[{"x":1},2]}"#,
            r#"{"many":[],"pair":[{"x":1},2],"other":1}"#,
            r#"{"many":[]}"#,
            r#"{"many":[{"x":"no"}],"pair":[{"x":1},2]}"#,
            r#"[null,null,null,[],[{"x":1},2]]"#,
            r#"[null]"#,
            "null",
        ],
    }
    check TaggedDots {
        values: [
            TaggedDots::One { dot: Dot { x: 1, y: None } },
            TaggedDots::Two(Dot { x: 2, y: Some(3) }),
            TaggedDots::Many { dots: vec![Dot { x: 4, y: None }], label: None },
        ],
        inputs: [
            r#"{"kind":"One","dot":{"x":1}}"#,
            r#"{"kind":"Two","x":2}"#,
            r#"{"kind":"Many","dots":[]}"#,
            r#"{"kind":"Many"}"#,
            r#"{"kind":"One"}"#,
            r#"{"kind":"Three"}"#,
            r#"{"dot":{"x":1}}"#,
        ],
    }
    check StrictDot {
        values: [StrictDot(Dot { x: 1, y: None })],
        inputs: [r#"{"x":1}"#, r#"[1,2]"#, "null"],
    }
    check DotEnvelope<u8> {
        values: [DotEnvelope { payload: 1, dot: Dot { x: 2, y: None }, maybe: Box::new(None) }],
        inputs: [
            r#"{"payload":1,"dot":{"x":2}}"#,
            r#"{"payload":1,"dot":{"x":2},"maybe":{"x":3},"other":0}"#,
            r#"{"payload":"x","dot":{"x":2}}"#,
            r#"{"payload":1}"#,
            r#"[1,{"x":2}]"#,
        ],
    }
    check GenericDots<String> {
        values: [GenericDots::Data { payload: "p".into(), dot: Dot { x: 1, y: None } }, GenericDots::Empty],
        inputs: [
            r#"{"kind":"Data","payload":"p","dot":{"x":1}}"#,
            r#"{"kind":"Data","payload":"p"}"#,
            r#"{"kind":"Empty"}"#,
            r#"{"kind":"Data","payload":1,"dot":{"x":1}}"#,
        ],
    }
    check DefaultDots {
        values: [DefaultDots { dot: Dot { x: 1, y: None }, boxed: Box::new(None), count: 2 }],
        inputs: [r#"{}"#, r#"{"count":3}"#, r#"{"dot":{"x":2},"boxed":{"x":3}}"#, r#"[]"#, r#"[{"x":1}]"#],
    }

}

// Naming-only attributes (`rename_all = "..."` on the item, `rename = "..."` on a field or a
// variant) keep the derive's own impls: they change the names on the wire and nothing else. A
// container's `rename_all` names a struct's fields and an enum's variants, never the fields of a
// struct variant.
parity! {
    direct_naming []
    items {
        {
            #[serde(rename_all = "camelCase")]
            struct RenamedProfile {
                user_id: u32,
                #[serde(rename = "display")]
                display_name: String,
                reply_to: Option<u64>,
                r#type: u8,
            }
        }
        {
            #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
            enum RenamedStatus {
                LoggedIn,
                AwayFor(u32),
                #[serde(rename = "dnd")]
                DoNotDisturb { until_ms: u64, note_text: Option<String> },
                Moved { #[serde(rename = "to")] new_room: String },
            }
        }
        { enum RenamedKind { #[serde(rename = "k")] KindA, Other } }
        { #[serde(rename_all = "kebab-case")] struct KebabPair(u8, u8); }
    }
    check RenamedProfile {
        values: [
            RenamedProfile { user_id: 1, display_name: "Ann".into(), reply_to: Some(2), r#type: 3 },
            RenamedProfile { user_id: 0, display_name: String::new(), reply_to: None, r#type: 0 },
        ],
        inputs: [
            r#"{"userId":1,"display":"a","replyTo":2,"type":1}"#,
            r#"{"userId":1,"display":"a","type":1}"#,
            r#"{"user_id":1,"display":"a","type":1}"#,
            r#"{"userId":1,"displayName":"a","type":1}"#,
            r#"{"userId":1,"userId":2,"display":"a","type":1}"#,
            r#"{"display":"a","type":1}"#,
            r#"[1,"a",null,1]"#,
            r#"[1]"#,
        ],
    }
    check RenamedStatus {
        values: [
            RenamedStatus::LoggedIn,
            RenamedStatus::AwayFor(5),
            RenamedStatus::DoNotDisturb { until_ms: 9, note_text: None },
            RenamedStatus::Moved { new_room: "r".into() },
        ],
        inputs: [
            r#""LOGGED_IN""#,
            r#""LoggedIn""#,
            r#"{"AWAY_FOR":3}"#,
            r#"{"dnd":{"until_ms":1,"note_text":"x"}}"#,
            r#"{"dnd":{"untilMs":1}}"#,
            r#"{"DO_NOT_DISTURB":{"until_ms":1}}"#,
            r#"{"MOVED":{"to":"x"}}"#,
            r#"{"MOVED":{"new_room":"x"}}"#,
            r#""UNKNOWN""#,
        ],
    }
    check RenamedKind {
        values: [RenamedKind::KindA, RenamedKind::Other],
        inputs: [r#""k""#, r#""KindA""#, r#""Other""#],
    }
    check KebabPair {
        values: [KebabPair(1, 2)],
        inputs: ["[1,2]", "[1]"],
    }
    round_trip {
        RenamedProfile => [RenamedProfile { user_id: 7, display_name: "b".into(), reply_to: None, r#type: 1 }],
        RenamedStatus => [RenamedStatus::AwayFor(1), RenamedStatus::DoNotDisturb { until_ms: 2, note_text: Some("n".into()) }],
    }
}

// Raw identifiers as type names: serde_derive keeps the `r#` in its messages ("struct
// r#struct") and drops it on the wire.
parity! {
    direct_raw_names [#[wire(codec = "json")]]
    items {
        { #[allow(non_camel_case_types)] struct r#struct { r#fn: u8 } }
        { #[allow(non_camel_case_types)] enum r#enum { Pair(u8, u8), Named { r#in: u8 } } }
    }
    check r#struct {
        values: [r#struct { r#fn: 1 }],
        inputs: [r#"{"fn":1}"#, "[]", r#"{"fn":"x"}"#],
    }
    check r#enum {
        values: [r#enum::Pair(1, 2), r#enum::Named { r#in: 3 }],
        inputs: [r#"{"Pair":[1]}"#, r#"{"Named":[]}"#, r#"{"Named":{}}"#, "7"],
    }
}

// A `&'static str` field borrows: serde_derive implements `Deserialize<'static>` only, which the
// derive's own impls (for every `'de`) cannot express, so such a struct keeps the shadow.
parity! {
    direct_static [#[wire(codec = "json")]]
    items { { struct Static { name: &'static str, n: u8 } } }
    check Static {
        values: [Static { name: "x", n: 1 }],
        inputs: [r#"{"name":"y","n":2}"#, r#"{"name":"\\u0041","n":2}"#, r#"{"n":2}"#],
    }
}

/// Formats other than JSON name fields by index or by bytes; the derive's own field lookup must
/// read both as serde_derive's does, and skip an unknown one.
#[test]
fn direct_field_identifiers_by_index_and_bytes() {
    use serde::de::value::{BytesDeserializer, Error, MapDeserializer, U64Deserializer};
    use serde::de::IntoDeserializer;

    fn by_index<'de, T: Deserialize<'de> + Debug>(keys: &[u64]) -> String {
        let entries = keys.iter().map(|&key| {
            let value = match key {
                0 => serde_json::json!(5),
                1 => serde_json::Value::Null,
                _ => serde_json::json!("ignored"),
            };
            (U64Deserializer::<serde_json::Error>::new(key), value)
        });
        text(T::deserialize(MapDeserializer::new(entries)))
    }
    fn by_bytes<'de, T: Deserialize<'de> + Debug>(keys: &'de [&'de [u8]]) -> String {
        let entries = keys.iter().map(|&key| {
            (
                BytesDeserializer::<Error>::new(key),
                5u8.into_deserializer(),
            )
        });
        text(T::deserialize(MapDeserializer::new(entries)))
    }

    for keys in [
        &[0u64, 1][..],
        &[1, 0],
        &[0],
        &[1],
        &[0, 7, 1],
        &[0, 0, 1],
        &[],
    ] {
        assert_eq!(
            by_index::<direct_ids::ours::Ids>(keys),
            by_index::<direct_ids::theirs::Ids>(keys),
            "keys {keys:?}"
        );
    }
    let names: [&[&[u8]]; 4] = [&[b"a", b"b"], &[b"b"], &[b"a", b"zz", b"b"], &[b"a", b"a"]];
    for keys in names {
        assert_eq!(
            by_bytes::<direct_ids::ours::Bytes>(keys),
            by_bytes::<direct_ids::theirs::Bytes>(keys),
            "keys {keys:?}"
        );
    }
}

/// Variants named by index (as bincode and postcard write them) and by name through serde's own
/// value deserializers: the derive's variant lookup must accept and refuse as serde_derive's does.
#[test]
fn direct_variant_identifiers_by_index_and_name() {
    use serde::de::value::{Error, StrDeserializer, U32Deserializer};

    for index in 0..5u32 {
        let input = || U32Deserializer::<Error>::new(index);
        assert_eq!(
            text(direct_ids::ours::Kind::deserialize(input())),
            text(direct_ids::theirs::Kind::deserialize(input())),
            "index {index}"
        );
    }
    for name in ["A", "B", "C", "a", "", "D"] {
        let input = || StrDeserializer::<Error>::new(name);
        assert_eq!(
            text(direct_ids::ours::Kind::deserialize(input())),
            text(direct_ids::theirs::Kind::deserialize(input())),
            "name {name:?}"
        );
    }
}

mod direct_ids {
    pub mod theirs {
        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        pub enum Kind {
            A,
            B(u8),
            C,
        }
        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        pub struct Ids {
            pub id: u64,
            pub reply_to: Option<u8>,
        }
        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        pub struct Bytes {
            pub a: u8,
            pub b: u8,
        }
    }
    pub mod ours {
        #[derive(Debug, wiremsg::WireMessage)]
        pub enum Kind {
            A,
            B(u8),
            C,
        }
        #[derive(Debug, wiremsg::WireMessage)]
        pub struct Ids {
            pub id: u64,
            pub reply_to: Option<u8>,
        }
        #[derive(Debug, wiremsg::WireMessage)]
        pub struct Bytes {
            pub a: u8,
            pub b: u8,
        }
    }
}
