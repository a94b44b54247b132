// A field serde reaches through `#[serde(with = ...)]`, whose type rkyv cannot archive: serde is
// satisfied, and the first error is rkyv's, on the field's type, with the fixes.
use wiremsg::WireMessage;

pub struct Millis(pub std::time::Duration);

mod as_millis {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &super::Millis, serializer: S) -> Result<S::Ok, S::Error> {
        (value.0.as_millis() as u64).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<super::Millis, D::Error> {
        u64::deserialize(deserializer).map(|ms| super::Millis(std::time::Duration::from_millis(ms)))
    }
}

#[derive(WireMessage)]
struct Timeout {
    #[serde(with = "as_millis")]
    after: Millis,
}

fn main() {}
