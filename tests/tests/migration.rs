//! Declared migrations between versions of one message: frames of an older version (rkyv or
//! JSON, compressed or not) decode into the current type through every decoding path, chains of
//! versions convert step by step, a refused conversion and an undeclared version are typed
//! errors, and the current version writes frames an older peer reads.

use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::{Decoder, Encoder};
use wiremsg::framing::WireCodec;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    registry, Codec, CodecError, CompressedCodec, HybridCodec, JsonCodec, RkyvCodec, Router,
    WireMessage, ZeroCopyBuffer,
};

/// Version 1: what services not yet upgraded send.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "migration.Chat", version = 1)]
struct ChatV1 {
    text: String,
}

/// Version 2 added the room, which version 1 frames lack.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "migration.Chat", version = 2, migrate_from = ChatV1)]
struct ChatV2 {
    text: String,
    room: u32,
}

/// Version 3 keys rooms by name, and refuses to convert messages it cannot place.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "migration.Chat", version = 3, migrate_from = ChatV2)]
struct Chat {
    text: String,
    room: String,
}

impl From<ChatV1> for ChatV2 {
    fn from(old: ChatV1) -> ChatV2 {
        ChatV2 {
            text: old.text,
            room: 1,
        }
    }
}

impl TryFrom<ChatV2> for Chat {
    type Error = String;

    fn try_from(old: ChatV2) -> Result<Chat, String> {
        match old.room {
            0 => Err("room 0 was never assigned a name".into()),
            room => Ok(Chat {
                text: old.text,
                room: format!("room-{room}"),
            }),
        }
    }
}

impl From<&Chat> for ChatV2 {
    fn from(new: &Chat) -> ChatV2 {
        let room = new.room.strip_prefix("room-").and_then(|n| n.parse().ok());
        ChatV2 {
            text: new.text.clone(),
            room: room.unwrap_or(1),
        }
    }
}

impl From<&Chat> for ChatV1 {
    fn from(new: &Chat) -> ChatV1 {
        ChatV1 {
            text: new.text.clone(),
        }
    }
}

fn v1(text: &str) -> ChatV1 {
    ChatV1 { text: text.into() }
}

fn current(text: &str, room: &str) -> Chat {
    Chat {
        text: text.into(),
        room: room.into(),
    }
}

/// Every frame an old peer may send of `old`: rkyv, JSON, and both compressed.
fn frames_of<T: WireMessage>(old: &T) -> Vec<(&'static str, Vec<u8>)> {
    let compressed = |codec| {
        CompressedCodec::new(codec)
            .with_threshold(0)
            .encode(old)
            .unwrap()
    };
    vec![
        ("rkyv", old.to_wire().unwrap()),
        ("json", JsonCodec::new().encode_frame(old).unwrap()),
        ("compressed rkyv", compressed(HybridCodec::new())),
    ]
}

#[test]
fn older_frames_decode_as_the_current_version_through_every_path() {
    let expected = current("hi", "room-1");
    for (what, frame) in frames_of(&v1("hi")) {
        assert_eq!(Chat::from_wire(&frame).unwrap(), expected, "{what}");
        assert_eq!(HybridCodec::new().decode::<Chat>(&frame).unwrap(), expected);
        if what == "rkyv" {
            let decoded: Chat = RkyvCodec::new().decode(&frame).unwrap();
            assert_eq!(decoded, expected);
        }
        if what == "json" {
            assert_eq!(JsonCodec::new().decode::<Chat>(&frame).unwrap(), expected);
        }

        let mut router = Router::new().on::<Chat>(Ok).unwrap();
        assert_eq!(router.dispatch(&frame).unwrap(), expected, "{what} routed");

        let mut codec = WireCodec::<Chat>::new();
        let mut stream = BytesMut::from(&frame[..]);
        assert_eq!(codec.decode(&mut stream).unwrap(), Some(expected.clone()));

        // The registry reads the frame as its own version.
        let json = registry().to_json(&frame).unwrap();
        assert_eq!(json, serde_json::json!({ "text": "hi" }), "{what}");
        let described = registry().describe(&frame).unwrap().to_string();
        assert!(described.contains("v1"), "{described}");
    }
    let mut batch = ZeroCopyBuffer::new();
    batch.append(&v1("batched")).unwrap();
    assert_eq!(batch.get::<Chat>(0).unwrap(), current("batched", "room-1"));
}

#[test]
fn each_step_of_a_chain_converts_in_turn() {
    let v2 = ChatV2 {
        text: "two".into(),
        room: 5,
    };
    assert_eq!(
        Chat::from_wire(&v2.to_wire().unwrap()).unwrap(),
        current("two", "room-5")
    );
    // Version 1 goes through version 2: room 1, then its name.
    assert_eq!(
        Chat::from_wire(&v1("one").to_wire().unwrap()).unwrap(),
        current("one", "room-1")
    );
    // Version 2 reads version 1 frames too, and its own.
    assert_eq!(
        ChatV2::from_wire(&v1("one").to_wire().unwrap()).unwrap(),
        ChatV2 {
            text: "one".into(),
            room: 1
        }
    );
}

#[test]
fn a_refused_conversion_is_a_typed_error() {
    let unplaced = ChatV2 {
        text: "lost".into(),
        room: 0,
    };
    for (what, frame) in frames_of(&unplaced) {
        let error = Chat::from_wire(&frame).unwrap_err();
        assert!(
            matches!(&error, CodecError::Migration { type_name: "migration.Chat", from: 2, to: 3, reason } if reason.contains("never assigned")),
            "{what}: {error}"
        );
    }
}

#[test]
fn versions_without_a_declared_migration_are_refused_or_read_as_before() {
    /// Version 4 of the message, which no reader here knows.
    #[derive(WireMessage, Debug, Clone, PartialEq)]
    #[wire(name = "migration.Chat", version = 4)]
    struct ChatV4 {
        text: String,
        room: String,
    }
    let newer = ChatV4 {
        text: "future".into(),
        room: "r".into(),
    };
    let error = Chat::from_wire(&newer.to_wire().unwrap()).unwrap_err();
    assert!(
        matches!(
            error,
            CodecError::SchemaVersionMismatch {
                expected: 3,
                found: 4,
                ..
            }
        ),
        "{error}"
    );
    // JSON is self-describing: a newer JSON frame is read through serde, as before.
    let json = JsonCodec::new().encode_frame(&newer).unwrap();
    assert_eq!(Chat::from_wire(&json).unwrap(), current("future", "r"));
    // Version 1 declares no migration from anything.
    let error = ChatV1::from_wire(&ChatV2::from(&current("x", "room-2")).to_wire().unwrap());
    assert!(matches!(
        error,
        Err(CodecError::SchemaVersionMismatch {
            expected: 1,
            found: 2,
            ..
        })
    ));
}

#[test]
fn a_view_of_an_older_frame_is_refused_naming_both_versions() {
    let frame = v1("old").to_wire().unwrap();
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    let Err(error) = HybridCodec::new().view::<Chat>(&aligned) else {
        panic!("a view of version 1 as version 3");
    };
    assert!(
        matches!(
            error,
            CodecError::SchemaVersionMismatch {
                expected: 3,
                found: 1,
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("migrate_from"), "{error}");
}

#[test]
fn the_current_version_writes_frames_older_peers_read() {
    let chat = current("to an old peer", "room-4");
    let for_v2 = chat.to_wire_as::<ChatV2>().unwrap();
    assert_eq!(
        ChatV2::from_wire(&for_v2).unwrap(),
        ChatV2 {
            text: "to an old peer".into(),
            room: 4
        }
    );
    let for_v1 = chat.to_wire_as::<ChatV1>().unwrap();
    assert_eq!(ChatV1::from_wire(&for_v1).unwrap(), v1("to an old peer"));
    // And those frames read back as the current version.
    assert_eq!(Chat::from_wire(&for_v2).unwrap(), chat);
}

/// A migration declared with `From` converts every frame of the older version, here on a stream.
#[test]
fn the_stream_decoder_converts_every_older_frame() {
    let mut codec = WireCodec::<ChatV2>::new();
    let mut stream = BytesMut::new();
    for text in ["a", "b", "c"] {
        WireCodec::<ChatV1>::new()
            .encode(&v1(text), &mut stream)
            .unwrap();
    }
    let mut decoded = Vec::new();
    while let Some(message) = codec.decode(&mut stream).unwrap() {
        decoded.push(message.text);
    }
    assert_eq!(decoded, ["a", "b", "c"]);
}
