use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(codec = "json")]
struct Request {
    #[wire(as_json)]
    params: serde_json::Value,
    #[wire(recursive)]
    next: Option<Box<Request>>,
}

fn main() {}
