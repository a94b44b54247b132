// A mistake in #[wire(...)] is reported once, on the attribute: the uses of the type below do
// not add "WireMessage is not implemented" or "Serialize is not implemented" errors.
use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(version = "two")]
struct Ping {
    seq: u64,
}

fn main() {
    let frame = Ping { seq: 1 }.to_wire().unwrap();
    let _ = Ping::from_wire(&frame);
    let _ = serde_json::to_string(&Ping { seq: 1 });
}
