use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(serde::name = "x")]
struct Ping {
    seq: u64,
}

fn main() {}
