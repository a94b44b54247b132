// A type that names itself (through `Box`, `Vec`, `Option<Box<..>>`, or `Self`) derives without
// #[wire(recursive)]: the derive marks such fields itself.
use wiremsg::WireMessage;

#[derive(WireMessage, Debug, PartialEq)]
enum Exp {
    Num(i64),
    Add(Box<Exp>, Box<Self>),
    List(Vec<Exp>),
}

#[derive(WireMessage, Debug, PartialEq)]
struct Tree {
    value: u32,
    children: Vec<Tree>,
    parent: Option<Box<Tree>>,
}

fn main() {
    let exp = Exp::Add(Box::new(Exp::Num(1)), Box::new(Exp::List(vec![Exp::Num(2)])));
    assert_eq!(Exp::from_wire(&exp.to_wire().unwrap()).unwrap(), exp);
    let leaf = Tree { value: 2, children: vec![], parent: None };
    let tree = Tree { value: 1, children: vec![leaf], parent: None };
    assert_eq!(Tree::from_wire(&tree.to_wire().unwrap()).unwrap(), tree);
}
