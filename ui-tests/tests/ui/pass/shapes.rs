// Every item shape round-trips through rkyv and JSON, and reads zero-copy.
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{Codec, HybridCodec, JsonCodec, RkyvCodec, WireMessage};

#[derive(WireMessage, Debug, PartialEq, PartialOrd)]
#[rkyv(derive(Debug), compare(PartialEq, PartialOrd))]
struct Named {
    id: u64,
    text: String,
}

#[derive(WireMessage, Debug, PartialEq)]
struct Tuple(u32, String);

#[derive(WireMessage, Debug, PartialEq)]
struct Unit;

#[derive(WireMessage, Debug, PartialEq)]
#[rkyv(derive(Debug), compare(PartialEq))]
enum Command {
    Leave,
    Join(String, u16),
    Move { x: i32, y: i32 },
}

fn round_trip<T: WireMessage + wiremsg::RkyvMessage + PartialEq + std::fmt::Debug>(value: T) {
    let rkyv = RkyvCodec::new().encode(&value).unwrap();
    let decoded: T = RkyvCodec::new().decode(&rkyv).unwrap();
    assert_eq!(decoded, value);
    let json = JsonCodec::new().encode(&value).unwrap();
    let decoded: T = JsonCodec::new().decode(&json).unwrap();
    assert_eq!(decoded, value);
    let frame = value.to_wire().unwrap();
    assert_eq!(T::from_wire(&frame).unwrap(), value);
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    HybridCodec::new().view::<T>(&aligned).unwrap();
}

fn main() {
    round_trip(Named { id: 1, text: "hi".into() });
    round_trip(Tuple(2, "two".into()));
    round_trip(Unit);
    round_trip(Command::Leave);
    round_trip(Command::Join("room".into(), 3));
    round_trip(Command::Move { x: -1, y: 4 });

    // The archived types carry the source's field names.
    let frame = Named { id: 9, text: "zero-copy".into() }.to_wire().unwrap();
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    let view: &ArchivedNamed = RkyvCodec::new().view::<Named>(&aligned).unwrap();
    assert_eq!((view.id.to_native(), view.text.as_str()), (9, "zero-copy"));
    assert_eq!(*view, Named { id: 9, text: "zero-copy".into() });
    assert!(*view < Named { id: 10, text: String::new() });
    assert!(Named { id: 9, text: "a".into() } < *view);

    let frame = Command::Move { x: 5, y: 6 }.to_wire().unwrap();
    aligned.clear();
    aligned.extend_from_slice(&frame);
    let view: &ArchivedCommand = RkyvCodec::new().view::<Command>(&aligned).unwrap();
    // compare(PartialEq) compares the archived type with the item itself, both ways.
    assert_eq!(*view, Command::Move { x: 5, y: 6 });
    assert_eq!(Command::Move { x: 5, y: 6 }, *view);
    assert_ne!(*view, Command::Move { x: 5, y: 7 });
    assert_ne!(*view, Command::Leave);
}
