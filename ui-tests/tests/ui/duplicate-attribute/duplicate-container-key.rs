use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(version = 2)]
#[wire(version = 3)]
struct Ping {
    seq: u64,
}

fn main() {}
