//! `WireMessage` implemented by hand, without the derive: a type with serde but no rkyv support
//! refuses rkyv frames, still speaks JSON, and as a hybrid type falls back to JSON frames.

use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::Encoder;
use wiremsg::framing::{FrameCodec, FramingError};
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{CodecError, CodecKind, Header, JsonCodec, WireMessage, HEADER_LEN};

/// `WireMessage` implemented by hand, without the derive: it has serde but no rkyv support,
/// yet claims the rkyv codec.
#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct HandWritten {
    n: u32,
}

impl WireMessage for HandWritten {
    const TYPE_ID: u32 = 0x7E57_0001;
    const SCHEMA_VERSION: u16 = 1;
    const TYPE_NAME: &'static str = "test.HandWritten";
    const CODEC: CodecKind = CodecKind::Rkyv;
    const LAYOUT_FINGERPRINT: u16 = 0;
}

fn is_rkyv_unsupported(error: &CodecError) -> bool {
    matches!(
        error,
        CodecError::RkyvUnsupported {
            type_name: "test.HandWritten"
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
    const TYPE_NAME: &'static str = "test.HandWrittenHybrid";
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
