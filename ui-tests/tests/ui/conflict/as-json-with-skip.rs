use wiremsg::WireMessage;

#[derive(WireMessage)]
struct Request {
    #[wire(as_json, skip)]
    params: serde_json::Value,
    id: u64,
}

fn main() {}
