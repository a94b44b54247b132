use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(codec = rkyv)]
struct Ping {
    seq: u64,
}

fn main() {}
