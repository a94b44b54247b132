use wiremsg::WireMessage;

#[derive(WireMessage)]
#[rkyv(crate = wiremsg::rkyv)]
struct Ping {
    seq: u64,
}

fn main() {}
