use wiremsg::WireMessage;

struct Opaque;

#[derive(WireMessage)]
#[wire(codec = "json")]
struct Request {
    id: u64,
    handle: Opaque,
}

fn main() {}
