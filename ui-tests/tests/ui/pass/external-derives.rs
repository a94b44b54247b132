// A codebase that already derives serde or rkyv adds WireMessage without conflicting impls.
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{HybridCodec, WireMessage};

#[derive(WireMessage, serde::Serialize, serde::Deserialize, Debug, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[wire(external_serde)]
struct Legacy {
    user_id: u64,
}

#[derive(
    WireMessage,
    wiremsg::rkyv::Archive,
    wiremsg::rkyv::Serialize,
    wiremsg::rkyv::Deserialize,
    Debug,
    PartialEq,
)]
#[rkyv(crate = wiremsg::rkyv)]
#[wire(external_rkyv)]
struct Archived {
    seq: u64,
}

fn main() {
    let legacy = Legacy { user_id: 3 };
    assert_eq!(serde_json::to_string(&legacy).unwrap(), r#"{"USER_ID":3}"#);
    assert_eq!(Legacy::from_wire(&legacy.to_wire().unwrap()).unwrap(), legacy);

    let archived = Archived { seq: 11 };
    let frame = archived.to_wire().unwrap();
    assert_eq!(Archived::from_wire(&frame).unwrap(), archived);
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    let view = HybridCodec::new().view::<Archived>(&aligned).unwrap();
    assert_eq!(view.seq, 11);
}
