// A field without serde support in an item that keeps serde's own derive (here for
// `deny_unknown_fields`): the field check comes first, on the field's type.
use wiremsg::WireMessage;

struct Opaque;

#[derive(WireMessage)]
#[wire(codec = "json")]
#[serde(deny_unknown_fields)]
struct Request {
    id: u64,
    handle: Opaque,
}

fn main() {}
