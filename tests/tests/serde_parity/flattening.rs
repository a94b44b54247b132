//! `flatten`: a nested struct (rkyv can archive it) and a catch-all map of JSON values (it cannot).

use std::collections::BTreeMap;

parity! {
    flatten_struct []
    items {
        { struct Inner { x: u8, y: u8 } }
        {
            struct Outer {
                id: u32,
                #[serde(flatten)]
                inner: Inner,
                #[serde(flatten)]
                rest: BTreeMap<String, u32>,
            }
        }
    }
    check Inner { values: [Inner { x: 1, y: 2 }], inputs: [r#"{"x":1,"y":2}"#, "[1,2]"] }
    check Outer {
        values: [Outer { id: 1, inner: Inner { x: 2, y: 3 }, rest: BTreeMap::from([("z".into(), 4)]) }],
        inputs: [
            r#"{"id":1,"x":2,"y":3}"#,
            r#"{"y":3,"id":1,"x":2,"z":9,"w":8}"#,
            r#"{"id":1,"x":2}"#,
            r#"{"id":1,"x":2,"y":3,"z":"s"}"#,
        ],
    }
    round_trip {
        Outer => [Outer { id: 1, inner: Inner { x: 2, y: 3 }, rest: BTreeMap::from([("z".into(), 4)]) }],
    }
}

parity! {
    flatten_json [#[wire(codec = "json")]]
    items {
        {
            struct Dynamic {
                kind: String,
                payload: serde_json::Value,
                #[serde(flatten)]
                extra: BTreeMap<String, serde_json::Value>,
            }
        }
        {
            #[serde(deny_unknown_fields)]
            struct Meta { version: u8 }
        }
        {
            struct WithMeta {
                name: String,
                #[serde(flatten)]
                meta: Meta,
            }
        }
    }
    check Dynamic {
        values: [Dynamic {
            kind: "k".into(),
            payload: serde_json::json!({"a": [1, null]}),
            extra: BTreeMap::from([("z".into(), serde_json::json!(true))]),
        }],
        inputs: [r#"{"kind":"k","payload":null,"b":1,"a":{"c":[]}}"#, r#"{"payload":1}"#],
    }
    check Meta { values: [Meta { version: 1 }], inputs: [r#"{"version":1,"x":1}"#] }
    check WithMeta {
        values: [WithMeta { name: "n".into(), meta: Meta { version: 1 } }],
        inputs: [r#"{"name":"n","version":2}"#, r#"{"name":"n","version":2,"x":1}"#, r#"{"name":"n"}"#],
    }
}
