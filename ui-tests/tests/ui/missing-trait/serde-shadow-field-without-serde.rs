// A field without serde support in an item that keeps serde's own derive (here for
// `deny_unknown_fields`): the field check is the only error (one per missing trait), on the
// field's type; serde's derive on the shadows reads the field through the check's slot.
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
