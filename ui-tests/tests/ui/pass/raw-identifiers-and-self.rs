// Raw identifiers keep their plain names on the wire; `Self` names the type itself.
#![allow(non_camel_case_types)]
use wiremsg::WireMessage;

#[derive(WireMessage, Debug, PartialEq)]
struct r#match {
    r#type: String,
    r#loop: u8,
}

#[derive(WireMessage, Debug, PartialEq)]
struct Tree {
    label: String,
    #[wire(recursive)]
    children: Vec<Self>,
}

#[derive(WireMessage, Debug, PartialEq)]
enum List {
    Nil,
    Cons(u32, #[wire(recursive)] Box<Self>),
}

fn main() {
    assert_eq!(<r#match as WireMessage>::TYPE_NAME, "match");
    let value = r#match { r#type: "t".into(), r#loop: 1 };
    assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"type":"t","loop":1}"#);
    assert_eq!(r#match::from_wire(&value.to_wire().unwrap()).unwrap(), value);

    let tree = Tree {
        label: "root".into(),
        children: vec![Tree { label: "leaf".into(), children: vec![] }],
    };
    assert_eq!(Tree::from_wire(&tree.to_wire().unwrap()).unwrap(), tree);

    let list = List::Cons(1, Box::new(List::Cons(2, Box::new(List::Nil))));
    assert_eq!(List::from_wire(&list.to_wire().unwrap()).unwrap(), list);
}
