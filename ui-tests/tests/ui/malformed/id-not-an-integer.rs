use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(id = "42")]
struct Ping {
    seq: u64,
}

fn main() {}
