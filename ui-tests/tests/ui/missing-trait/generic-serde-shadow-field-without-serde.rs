// The same in a generic item that keeps serde's own derive: the field check is the only error
// (one per missing trait), on the field's type.
use wiremsg::WireMessage;

struct Opaque;

#[derive(WireMessage)]
#[wire(codec = "json")]
#[serde(deny_unknown_fields)]
struct Envelope<T> {
    payload: T,
    handle: Opaque,
}

fn main() {}
