use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(id = 5_000_000_000)]
struct Ping {
    seq: u64,
}

fn main() {}
