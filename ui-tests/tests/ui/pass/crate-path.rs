// #[wire(crate = path)] points generated code at a re-export of wiremsg.
mod reexport {
    pub use wiremsg as messaging;
}

use reexport::messaging::WireMessage;

#[derive(WireMessage, Debug, PartialEq)]
#[wire(crate = reexport::messaging)]
struct Ping {
    seq: u64,
}

#[derive(WireMessage, Debug, PartialEq)]
#[wire(crate = "crate::reexport::messaging", codec = "json")]
struct Pong {
    seq: u64,
}

fn main() {
    let ping = Ping { seq: 1 };
    assert_eq!(Ping::from_wire(&ping.to_wire().unwrap()).unwrap(), ping);
    let pong = Pong { seq: 2 };
    assert_eq!(Pong::from_wire(&pong.to_wire().unwrap()).unwrap(), pong);
}
