// `migrate_from` on a generic type is refused: each instance is its own message type.
use wiremsg::WireMessage;

#[derive(WireMessage)]
#[wire(version = 1)]
struct Old {
    x: u32,
}

#[derive(WireMessage)]
#[wire(version = 2, migrate_from = Old)]
struct Envelope<T> {
    x: T,
}

fn main() {}
