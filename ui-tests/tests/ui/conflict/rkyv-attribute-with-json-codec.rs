use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(codec = "json")]
#[rkyv(derive(Debug))]
struct Ping {
    seq: u64,
}

fn main() {}
