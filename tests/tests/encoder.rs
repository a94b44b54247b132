//! `WireEncoder`: encoding with an arena and buffer the caller owns, byte-identical to `to_wire`.

use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{CodecKind, Header, WireEncoder, WireMessage};
use wiremsg_tests::{AuditEvent, ChatMessage, RpcRequest};

#[test]
fn encode_writes_what_to_wire_writes() {
    let mut encoder = WireEncoder::new();
    let chat = ChatMessage::sample();
    assert_eq!(encoder.encode(&chat).unwrap(), &chat.to_wire().unwrap()[..]);
    assert_eq!(
        encoder.encode(&RpcRequest::sample()).unwrap(),
        &RpcRequest::sample().to_wire().unwrap()[..]
    );
    let json_only = encoder.encode(&AuditEvent::sample()).unwrap();
    assert_eq!(json_only, &AuditEvent::sample().to_wire().unwrap()[..]);
    assert_eq!(Header::parse(json_only).unwrap().codec(), CodecKind::Json);
}

#[test]
fn encode_into_appends_aligned_frames_of_any_type() {
    let mut encoder = WireEncoder::new();
    let mut buf = AlignedVec::<16>::new();
    buf.extend_from_slice(b"abc");
    let chat = encoder
        .encode_into(&ChatMessage::sample(), &mut buf)
        .unwrap();
    let rpc_frame = encoder
        .encode_into(&RpcRequest::sample(), &mut buf)
        .unwrap();
    assert_eq!(chat.start, 16);
    assert_eq!(rpc_frame.start, chat.end.next_multiple_of(16));
    assert_eq!(rpc_frame.end, buf.len());
    assert_eq!(&buf[..3], b"abc");
    assert_eq!(
        ChatMessage::from_wire(&buf[chat]).unwrap(),
        ChatMessage::sample()
    );
    assert_eq!(
        RpcRequest::from_wire(&buf[rpc_frame]).unwrap(),
        RpcRequest::sample()
    );
}

#[test]
fn an_encoder_can_move_to_another_thread() {
    fn assert_send<T: Send + 'static>(_: &T) {}
    let encoder = WireEncoder::new();
    assert_send(&encoder);
    let frame = std::thread::spawn(move || {
        let mut encoder = encoder;
        encoder.encode(&RpcRequest::sample()).unwrap().to_vec()
    })
    .join()
    .unwrap();
    assert_eq!(RpcRequest::from_wire(&frame).unwrap(), RpcRequest::sample());
}

#[cfg(unix)]
mod fallback {
    use super::*;
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    use wiremsg::CodecError;
    use wiremsg_tests::fallback::{FileEntry, StrictFileEntry};

    #[test]
    fn a_hybrid_type_rkyv_cannot_serve_falls_back_to_json_in_place() {
        let mut encoder = WireEncoder::new();
        let entry = FileEntry {
            name: OsString::from_vec(vec![b'a', 0xff]),
            size: 3,
        };
        let frame = encoder.encode(&entry).unwrap();
        assert_eq!(Header::parse(frame).unwrap().codec(), CodecKind::Json);
        assert_eq!(FileEntry::from_wire(frame).unwrap(), entry);
    }

    #[test]
    fn a_failed_encode_leaves_the_buffer_as_it_was_and_the_encoder_usable() {
        let mut encoder = WireEncoder::new();
        let mut buf = AlignedVec::<16>::new();
        encoder
            .encode_into(&ChatMessage::sample(), &mut buf)
            .unwrap();
        buf.extend_from_slice(b"xyz");
        let before = buf.to_vec();
        let bad = StrictFileEntry {
            name: OsString::from_vec(vec![0xff]),
        };
        let err = encoder.encode_into(&bad, &mut buf).unwrap_err();
        assert!(matches!(err, CodecError::RkyvEncode { .. }), "{err:?}");
        assert_eq!(&buf[..], &before[..]);
        let err = encoder.encode(&bad).unwrap_err();
        assert!(matches!(err, CodecError::RkyvEncode { .. }), "{err:?}");
        let frame = encoder.encode(&ChatMessage::sample()).unwrap();
        assert_eq!(
            ChatMessage::from_wire(frame).unwrap(),
            ChatMessage::sample()
        );
    }
}

#[test]
fn an_encoder_debugs_without_its_scratch_space() {
    let mut encoder = WireEncoder::new();
    encoder.encode(&ChatMessage::sample()).unwrap();
    assert_eq!(format!("{encoder:?}"), "WireEncoder { .. }");
}

/// The benchmarks measure the metrics' cost against these: they must write the same frames.
#[test]
fn the_uncounted_encoders_of_the_benchmarks_write_the_codecs_frames() {
    use wiremsg::{Codec, RkyvCodec};
    let message = ChatMessage::sample();
    let frame = RkyvCodec::new().encode(&message).unwrap();
    assert_eq!(
        wiremsg::__unmetered::encode_rkyv_frame(&message).unwrap(),
        frame
    );
    let mut buf = AlignedVec::<16>::new();
    let range = wiremsg::__unmetered::encode_rkyv_frame_into(&message, &mut buf).unwrap();
    assert_eq!(&buf[range], &frame[..]);
}
