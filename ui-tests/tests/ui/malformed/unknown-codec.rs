use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(codec = "xml")]
struct Ping {
    seq: u64,
}

fn main() {}
