use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(crate = 42)]
struct Ping {
    seq: u64,
}

fn main() {}
