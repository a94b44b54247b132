// A borrowed field derives with serde's derive, but rkyv cannot archive it: refused at the derive,
// on the reference, with the fixes (it used to derive, then fail at the first `to_wire`).
use wiremsg::WireMessage;

#[derive(WireMessage)]
struct Label {
    text: &'static str,
}

#[derive(WireMessage)]
struct Names<'a> {
    id: u32,
    names: Option<Vec<&'a str>>,
}

// JSON borrows as serde does.
#[derive(WireMessage)]
#[wire(codec = "json")]
struct Borrowed<'a> {
    text: &'a str,
}

fn main() {}
