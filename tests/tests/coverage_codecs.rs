//! Codec paths the other suites leave out: a hand-written `WireMessage` without rkyv support,
//! a value serde_json refuses, a message encoded from inside another's serialization or from a
//! thread-local destructor, and the rkyv error behind a validation failure.

use serde::de::Error as _;
use serde::ser::Error as _;
use std::collections::HashMap;
use std::error::Error as _;
use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::Encoder;
use wiremsg::framing::{FrameCodec, FramingError};
use wiremsg::rkyv::rancor::Strategy;
use wiremsg::rkyv::ser::allocator::Arena;
use wiremsg::rkyv::ser::sharing::Share;
use wiremsg::rkyv::ser::Serializer;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::rkyv::with::SerializeWith;
use wiremsg::{
    AsJson, Codec, CodecError, CodecKind, Header, HybridCodec, JsonCodec, WireMessage, HEADER_LEN,
};
use wiremsg_tests::{ChatMessage, RpcMethod};

fn chat(content: &str) -> ChatMessage {
    ChatMessage {
        content: content.into(),
        ..ChatMessage::sample()
    }
}

// ---- a hand-written WireMessage ----

/// `WireMessage` implemented by hand, without the derive: it has serde but no rkyv support,
/// yet claims the rkyv codec.
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct HandWritten {
    n: u32,
}

impl WireMessage for HandWritten {
    const TYPE_ID: u32 = 0x7E57_0001;
    const SCHEMA_VERSION: u16 = 1;
    const TYPE_NAME: &'static str = "coverage.HandWritten";
    const CODEC: CodecKind = CodecKind::Rkyv;
    const LAYOUT_FINGERPRINT: u16 = 0;
}

fn is_rkyv_unsupported(error: &CodecError) -> bool {
    matches!(
        error,
        CodecError::RkyvUnsupported {
            type_name: "coverage.HandWritten"
        }
    )
}

#[test]
fn a_hand_written_impl_without_rkyv_refuses_rkyv_frames() {
    let message = HandWritten { n: 7 };
    let error = message.to_wire().unwrap_err();
    assert!(is_rkyv_unsupported(&error), "{error:?}");

    // Appending fails the same way and leaves what the buffer held.
    let mut buf = AlignedVec::<16>::new();
    buf.extend_from_slice(b"abc");
    let error = message.encode_into(&mut buf).unwrap_err();
    assert!(is_rkyv_unsupported(&error), "{error:?}");
    assert_eq!(&buf[..], b"abc");

    // So does the stream encoder, writing nothing.
    let mut dst = BytesMut::new();
    let error = FrameCodec::new().encode(&message, &mut dst).unwrap_err();
    assert!(
        matches!(&error, FramingError::Codec(inner) if is_rkyv_unsupported(inner)),
        "{error:?}"
    );
    assert!(dst.is_empty());

    // An rkyv frame claiming the type is refused as well.
    let mut frame = Header::new(
        CodecKind::Rkyv,
        HandWritten::TYPE_ID,
        HandWritten::SCHEMA_VERSION,
        HandWritten::LAYOUT_FINGERPRINT,
        4,
    )
    .to_bytes()
    .to_vec();
    frame.extend_from_slice(&[0; 4]);
    let error = HandWritten::from_wire(&frame).unwrap_err();
    assert!(is_rkyv_unsupported(&error), "{error:?}");
}

#[test]
fn a_hand_written_impl_still_speaks_json() {
    let message = HandWritten { n: 7 };
    let frame = JsonCodec::new().encode_frame(&message).unwrap();
    let header = Header::parse(&frame).unwrap();
    assert_eq!(header.codec(), CodecKind::Json);
    assert_eq!(header.type_id(), 0x7E57_0001);
    assert_eq!(&frame[HEADER_LEN..], br#"{"n":7}"#);
    assert_eq!(HandWritten::from_wire(&frame).unwrap(), message);
    assert_eq!(HandWritten::from_wire(br#"{"n":7}"#).unwrap(), message);
}

/// The same, hand-written as a hybrid type: where rkyv cannot serve, it sends JSON frames.
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct HandWrittenHybrid {
    n: u32,
}

impl WireMessage for HandWrittenHybrid {
    const TYPE_ID: u32 = 0x7E57_0002;
    const SCHEMA_VERSION: u16 = 1;
    const TYPE_NAME: &'static str = "coverage.HandWrittenHybrid";
    const CODEC: CodecKind = CodecKind::Hybrid;
    const LAYOUT_FINGERPRINT: u16 = 0;
}

#[test]
fn a_hand_written_hybrid_impl_without_rkyv_falls_back_to_json() {
    let message = HandWrittenHybrid { n: 9 };
    let frame = message.to_wire().unwrap();
    assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Json);
    assert_eq!(&frame[HEADER_LEN..], br#"{"n":9}"#);
    let mut buf = AlignedVec::<16>::new();
    let range = message.encode_into(&mut buf).unwrap();
    assert_eq!(&buf[range], &frame[..]);
    let mut dst = BytesMut::new();
    FrameCodec::new().encode(&message, &mut dst).unwrap();
    assert_eq!(&dst[..], &frame[..]);
    assert_eq!(HandWrittenHybrid::from_wire(&frame).unwrap(), message);
}

// ---- a value serde_json cannot encode ----

/// Tuple keys are fine for rkyv but not for JSON, whose object keys are strings.
#[derive(WireMessage, Debug, PartialEq)]
#[wire(codec = "json")]
struct Grid {
    cells: HashMap<(u8, u8), char>,
}

fn grid() -> Grid {
    Grid {
        cells: HashMap::from([((0, 0), 'x'), ((1, 2), 'o')]),
    }
}

#[test]
fn a_json_frame_that_fails_to_encode_leaves_the_buffer_as_it_was() {
    let mut buf = AlignedVec::<16>::new();
    buf.extend_from_slice(b"earlier frame");
    let error = HybridCodec::new()
        .encode_into(&grid(), &mut buf)
        .unwrap_err();
    assert!(
        matches!(
            &error,
            CodecError::Json {
                type_name: "Grid",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "JSON error for Grid: key must be a string"
    );
    assert_eq!(
        &buf[..],
        b"earlier frame",
        "no padding or header left behind"
    );

    let error = grid().to_wire().unwrap_err();
    assert!(
        matches!(
            &error,
            CodecError::Json {
                type_name: "Grid",
                ..
            }
        ),
        "{error:?}"
    );
    let error = Codec::<Grid>::encode(&JsonCodec::new(), &grid()).unwrap_err();
    assert!(
        matches!(
            &error,
            CodecError::Json {
                type_name: "Grid",
                ..
            }
        ),
        "{error:?}"
    );
}

// ---- encoding from inside another encode ----

/// A chat message carried as its wire frame, whose serde form is the frame's bytes: serializing
/// it encodes the message.
#[derive(Debug, PartialEq)]
struct Embedded(ChatMessage);

impl serde::Serialize for Embedded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let frame = self.0.to_wire().map_err(S::Error::custom)?;
        serializer.serialize_bytes(&frame)
    }
}

impl<'de> serde::Deserialize<'de> for Embedded {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let frame = <Vec<u8> as serde::Deserialize>::deserialize(deserializer)?;
        ChatMessage::from_wire(&frame)
            .map(Embedded)
            .map_err(D::Error::custom)
    }
}

/// An rkyv message with an `as_json` field whose serialization runs a second rkyv encode on
/// the same thread, while the first one holds the thread's scratch space.
#[derive(WireMessage, Debug, PartialEq)]
struct Relay {
    hop: u32,
    #[wire(as_json)]
    inner: Embedded,
}

#[test]
fn a_message_encoded_inside_another_encode_round_trips() {
    let relay = Relay {
        hop: 3,
        inner: Embedded(chat("forwarded")),
    };
    let inner_frame = chat("forwarded").to_wire().unwrap();

    let frame = relay.to_wire().unwrap();
    assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Rkyv);
    assert_eq!(Relay::from_wire(&frame).unwrap(), relay);

    // The field holds the inner frame's bytes, as JSON text, inside the outer archive.
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    let view = HybridCodec::new().view::<Relay>(&aligned).unwrap();
    assert_eq!(view.hop, 3);
    let bytes: Vec<u8> = serde_json::from_str(view.inner.as_str()).unwrap();
    assert_eq!(bytes, inner_frame);

    // Appending to a buffer takes the same path.
    let mut buf = AlignedVec::<16>::new();
    let range = relay.encode_into(&mut buf).unwrap();
    assert_eq!(&buf[range], &frame[..]);
}

// ---- encoding from a thread-local destructor ----

/// Encodes a chat message when the thread that owns it exits, and sends the result back.
struct EncodeOnExit(std::sync::mpsc::Sender<Result<Vec<u8>, CodecError>>);

impl Drop for EncodeOnExit {
    fn drop(&mut self) {
        let _ = self.0.send(chat("on exit").to_wire());
    }
}

thread_local! {
    static ENCODE_ON_EXIT: std::cell::RefCell<Option<EncodeOnExit>> =
        const { std::cell::RefCell::new(None) };
}

#[test]
fn a_message_encoded_from_a_thread_local_destructor_is_framed() {
    let (sender, results) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Registered before the encoder's own thread-local, so destroyed after it (thread-local
        // destructors run in reverse order): the exit encode finds the thread's space gone.
        ENCODE_ON_EXIT.with(|slot| *slot.borrow_mut() = Some(EncodeOnExit(sender)));
        chat("while alive").to_wire().unwrap();
    })
    .join()
    .expect("the thread, its destructors included, finished without a panic");
    let frame = results.recv().unwrap().unwrap();
    assert_eq!(frame, chat("on exit").to_wire().unwrap());
}

// ---- the rkyv error behind a validation failure ----

#[test]
fn a_validation_error_exposes_rkyvs_error_as_its_source() {
    let mut frame = RpcMethod::Call.to_wire().unwrap();
    // The payload is the archived enum, its discriminant first: no variant has 0xFF.
    frame[HEADER_LEN] = 0xFF;
    let error = RpcMethod::from_wire(&frame).unwrap_err();
    let CodecError::Validation { type_name, source } = &error else {
        panic!("expected a validation error, got {error:?}");
    };
    assert_eq!(*type_name, "RpcMethod");

    let rkyv_error = error.source().expect("the rkyv error is the source");
    assert_eq!(rkyv_error.to_string(), source.to_string());
    let base = source.source().expect("rkyv's own error is the source");
    // The rkyv error prints its base error first, then the traces rkyv attached.
    assert!(
        source.to_string().starts_with(&base.to_string()),
        "{source} / {base}"
    );
    assert!(
        error
            .to_string()
            .starts_with("invalid rkyv payload for RpcMethod: "),
        "{error}"
    );
    let debug = format!("{source:?}");
    assert!(debug.starts_with("RkyvError { source: "), "{debug}");
    assert!(debug.contains(", traces: ["), "{debug}");
}

// ---- the as_json resolver ----

#[test]
fn the_as_json_resolver_debug_prints_the_json_text() {
    let value = serde_json::json!({ "a": [1, 2] });
    let mut arena = Arena::new();
    let mut serializer = Serializer::new(AlignedVec::<16>::new(), arena.acquire(), Share::new());
    let resolver = <AsJson as SerializeWith<serde_json::Value, _>>::serialize_with(
        &value,
        Strategy::<_, wiremsg::rkyv::rancor::Error>::wrap(&mut serializer),
    )
    .unwrap();
    assert_eq!(
        format!("{resolver:?}"),
        r#"AsJsonResolver { json: "{\"a\":[1,2]}", .. }"#
    );
}
