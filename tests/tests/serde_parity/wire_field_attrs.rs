//! Field attributes of wiremsg change the rkyv archive only, never serde: `#[wire(recursive)]`
//! (which the same recursive types need with rkyv) and `#[wire(as_json)]`. serde's derive does
//! not know `#[wire]`, so these twins are written out.

mod theirs {
    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    pub struct Node {
        pub value: u8,
        pub next: Box<Option<Self>>,
    }

    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    pub struct Tree {
        pub value: u8,
        pub children: Vec<Self>,
    }

    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Request {
        pub method_name: String,
        #[serde(default)]
        pub params: serde_json::Value,
    }
}

mod ours {
    #[derive(Debug, wiremsg::WireMessage)]
    #[wire(name = "field_attrs.Node")] // self_json's Node has the default name
    pub struct Node {
        pub value: u8,
        #[wire(recursive)]
        pub next: Box<Option<Self>>,
    }

    #[derive(Debug, wiremsg::WireMessage)]
    pub struct Tree {
        pub value: u8,
        #[wire(recursive)]
        pub children: Vec<Self>,
    }

    #[derive(Debug, wiremsg::WireMessage)]
    #[serde(rename_all = "camelCase")]
    pub struct Request {
        pub method_name: String,
        #[wire(as_json)]
        #[serde(default)]
        pub params: serde_json::Value,
    }
}

macro_rules! values {
    ($m:ident) => {{
        use $m::{Node, Tree};
        let node = Node {
            value: 1,
            next: Box::new(Some(Node {
                value: 2,
                next: Box::new(None),
            })),
        };
        let tree = Tree {
            value: 1,
            children: vec![Tree {
                value: 2,
                children: vec![],
            }],
        };
        let inputs = [
            r#"{"value":1,"next":{"value":2,"next":null}}"#,
            r#"{"value":1,"next":{"value":2}}"#,
            r#"{"value":1,"children":[{"value":2,"children":[]}]}"#,
            r#"{"value":1,"children":[{}]}"#,
        ];
        let request = $m::Request {
            method_name: "sum".into(),
            params: serde_json::json!({"a": [1, 2]}),
        };
        let mut out = crate::outcomes("Node", vec![node], &inputs);
        out.extend(crate::outcomes("Tree", vec![tree], &inputs));
        out.extend(crate::outcomes(
            "Request",
            vec![request],
            &[r#"{"methodName":"m"}"#, r#"{"methodName":"m","params":[1]}"#],
        ));
        out
    }};
}

#[test]
fn parity() {
    crate::assert_parity("wire_field_attrs", values!(theirs), values!(ours));
}

#[test]
fn wire_round_trip() {
    use wiremsg::WireMessage;
    let node = ours::Node {
        value: 1,
        next: Box::new(Some(ours::Node {
            value: 2,
            next: Box::new(None),
        })),
    };
    let back = ours::Node::from_wire(&node.to_wire().unwrap()).unwrap();
    assert_eq!(format!("{back:?}"), format!("{node:?}"));
    let tree = ours::Tree {
        value: 1,
        children: vec![ours::Tree {
            value: 2,
            children: vec![],
        }],
    };
    let back = ours::Tree::from_wire(&tree.to_wire().unwrap()).unwrap();
    assert_eq!(format!("{back:?}"), format!("{tree:?}"));
    let request = ours::Request {
        method_name: "sum".into(),
        params: serde_json::json!({"a": [1, 2]}),
    };
    let back = ours::Request::from_wire(&request.to_wire().unwrap()).unwrap();
    assert_eq!(format!("{back:?}"), format!("{request:?}"));
}
