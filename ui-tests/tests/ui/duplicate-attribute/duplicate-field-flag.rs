use wiremsg::WireMessage;

#[derive(WireMessage)]
struct Ping {
    #[wire(skip, skip)]
    cache: Vec<u8>,
    seq: u64,
}

fn main() {}
