use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(id)]
struct Ping {
    seq: u64,
}

fn main() {}
