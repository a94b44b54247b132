// `migrate_from` must name an older version of the same message (the same #[wire(name)]).
use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(name = "chat.Ping", version = 1)]
struct Ping {
    seq: u64,
}

#[derive(WireMessage)]
#[wire(name = "chat.Message", version = 2, migrate_from = Ping)]
struct Message {
    text: String,
}

impl From<Ping> for Message {
    fn from(ping: Ping) -> Message {
        Message { text: ping.seq.to_string() }
    }
}

fn main() {}
