use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(codec = "json", external_rkyv)]
struct Ping {
    seq: u64,
}

fn main() {}
