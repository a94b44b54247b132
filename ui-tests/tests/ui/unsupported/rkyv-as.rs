use wiremsg::WireMessage;

#[derive(WireMessage)]
#[rkyv(as = Ping)]
struct Ping {
    seq: u64,
}

fn main() {}
