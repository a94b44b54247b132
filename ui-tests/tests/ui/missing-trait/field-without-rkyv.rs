// A field type rkyv cannot archive: the error names the field's type, and the fixes are
// #[wire(as_json)] on the field or #[wire(codec = "json")] on the type.
use wiremsg::WireMessage;

#[derive(WireMessage)]
struct Request {
    id: u64,
    params: serde_json::Value,
}

fn main() {}
