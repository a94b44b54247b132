use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(version = -1)]
struct Ping {
    seq: u64,
}

fn main() {}
