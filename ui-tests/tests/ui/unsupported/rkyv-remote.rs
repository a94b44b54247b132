use wiremsg::WireMessage;

struct Remote {
    seq: u64,
}

#[derive(WireMessage)]
#[rkyv(remote = Remote)]
struct Ping {
    seq: u64,
}

fn main() {}
