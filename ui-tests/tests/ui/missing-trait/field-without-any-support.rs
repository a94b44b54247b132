// A field whose type has neither rkyv nor serde support, under the default codec: one error for
// rkyv, then serde's (one per missing trait), each on the field's type; nothing from the
// derive's own code.
use wiremsg::WireMessage;

struct Opaque;

#[derive(WireMessage)]
struct Request {
    id: u64,
    handle: Opaque,
}

fn main() {}
