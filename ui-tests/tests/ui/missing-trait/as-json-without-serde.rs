use wiremsg::WireMessage;

struct Opaque {
    handle: u32,
}

#[derive(WireMessage)]
struct Request {
    #[wire(as_json)]
    params: Opaque,
}

fn main() {}
