//! `encode_into`: frames appended to a reused aligned buffer, byte-identical to `encode`.

use std::collections::HashMap;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    Codec, CodecError, CodecKind, Header, HybridCodec, JsonCodec, RkyvCodec, WireMessage,
};
use wiremsg_tests::{AuditEvent, ChatMessage, RpcRequest};

/// `encode_into` on an empty buffer writes exactly what `encode` returns.
fn assert_same_bytes<T, C: Codec<T>>(codec: &C, value: &T) {
    let mut buf = AlignedVec::<16>::new();
    let range = codec.encode_into(value, &mut buf).unwrap();
    assert_eq!(range, 0..buf.len());
    assert_eq!(&buf[..], &codec.encode(value).unwrap()[..]);
}

#[test]
fn encode_into_writes_the_same_bytes_as_encode() {
    assert_same_bytes(&RkyvCodec::new(), &ChatMessage::sample());
    assert_same_bytes(&RkyvCodec::new(), &RpcRequest::sample());
    assert_same_bytes(&HybridCodec::new(), &ChatMessage::sample());
    assert_same_bytes(&HybridCodec::new(), &RpcRequest::sample());
    assert_same_bytes(&HybridCodec::new(), &AuditEvent::sample());
    assert_same_bytes(&JsonCodec::new(), &ChatMessage::sample());
}

#[test]
fn json_only_types_append_json_frames() {
    let mut buf = AlignedVec::<16>::new();
    let range = AuditEvent::sample().encode_into(&mut buf).unwrap();
    let header = Header::parse(&buf[range.clone()]).unwrap();
    assert_eq!(header.codec(), CodecKind::Json);
    assert_eq!(
        AuditEvent::from_wire(&buf[range]).unwrap(),
        AuditEvent::sample()
    );
}

#[test]
fn frames_start_at_the_next_16_byte_boundary_after_zero_padding() {
    let mut buf = AlignedVec::<16>::new();
    buf.extend_from_slice(b"abc");
    let first = ChatMessage::sample().encode_into(&mut buf).unwrap();
    assert_eq!(first.start, 16);
    assert_eq!(&buf[..16], b"abc\0\0\0\0\0\0\0\0\0\0\0\0\0");
    let second = RpcRequest::sample().encode_into(&mut buf).unwrap();
    assert_eq!(second.start, first.end.next_multiple_of(16));
    assert!(buf[first.end..second.start].iter().all(|&b| b == 0));
    assert_eq!(second.end, buf.len());
    // Both frames are aligned, so both can be viewed in place.
    let codec = HybridCodec::new();
    assert_eq!(
        codec.view::<ChatMessage>(&buf[first]).unwrap().sender,
        "alice"
    );
    assert_eq!(
        codec.view::<RpcRequest>(&buf[second]).unwrap().method,
        "math.sum"
    );
}

#[test]
fn a_frame_already_on_a_boundary_gets_no_padding() {
    let mut buf = AlignedVec::<16>::new();
    buf.extend_from_slice(&[7; 32]);
    let range = ChatMessage::sample().encode_into(&mut buf).unwrap();
    assert_eq!(range.start, 32);
}

#[cfg(unix)]
use wiremsg_tests::fallback;

#[cfg(unix)]
#[test]
fn a_failed_encode_into_leaves_the_buffer_as_it_was() {
    use std::os::unix::ffi::OsStringExt;
    let mut buf = AlignedVec::<16>::new();
    ChatMessage::sample().encode_into(&mut buf).unwrap();
    buf.extend_from_slice(b"xyz");
    let before = buf.to_vec();
    let bad = fallback::StrictFileEntry {
        name: std::ffi::OsString::from_vec(vec![0xff]),
    };
    let err = RkyvCodec::new().encode_into(&bad, &mut buf).unwrap_err();
    assert!(
        matches!(err, wiremsg::CodecError::RkyvEncode { .. }),
        "{err:?}"
    );
    assert_eq!(&buf[..], &before[..]);
    let err = bad.encode_into(&mut buf).unwrap_err();
    assert!(
        matches!(err, wiremsg::CodecError::RkyvEncode { .. }),
        "{err:?}"
    );
    assert_eq!(&buf[..], &before[..]);
}

#[cfg(unix)]
#[test]
fn hybrid_encode_into_falls_back_to_a_json_frame_in_place() {
    use std::os::unix::ffi::OsStringExt;
    let mut buf = AlignedVec::<16>::new();
    let first = ChatMessage::sample().encode_into(&mut buf).unwrap();
    let entry = fallback::FileEntry {
        name: std::ffi::OsString::from_vec(vec![b'a', 0xff]),
        size: 0,
    };
    let range = entry.encode_into(&mut buf).unwrap();
    assert_eq!(range.start, first.end.next_multiple_of(16));
    assert_eq!(range.end, buf.len(), "no trace of the failed rkyv attempt");
    assert_eq!(
        Header::parse(&buf[range.clone()]).unwrap().codec(),
        CodecKind::Json
    );
    assert_eq!(fallback::FileEntry::from_wire(&buf[range]).unwrap(), entry);
    assert_eq!(
        ChatMessage::from_wire(&buf[first]).unwrap(),
        ChatMessage::sample()
    );
}

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
