use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(version = 70000)]
struct Ping {
    seq: u64,
}

fn main() {}
