// Every mistake is reported in one build, in source order.
use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(codec = "xml", version = 1.5, colour = "red")]
struct Ping {
    #[wire(skip, fast)]
    cache: Vec<u8>,
    seq: u64,
}

fn main() {}
