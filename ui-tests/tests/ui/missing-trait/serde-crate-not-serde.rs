// `#[serde(crate = "...")]` makes the derive implement that crate's traits, as serde's derive
// does; wiremsg's JSON codecs need serde's own, so a path to another serde-like crate is refused,
// on the path, naming the fix.
use wiremsg::WireMessage;

mod fake_serde {
    pub use serde::*;
    pub trait Serialize {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    }
    pub trait Deserialize<'a>: Sized {
        fn deserialize<D: Deserializer<'a>>(deserializer: D) -> Result<Self, D::Error>;
    }
}

#[derive(WireMessage)]
#[serde(crate = "fake_serde")]
struct Foo {
    x: u32,
}

fn main() {}
