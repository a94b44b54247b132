//! `ZeroCopyBuffer`: many frames of many types in one aligned area, sent and read back.

use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{CodecError, CodecKind, Header, JsonCodec, RkyvCodec, WireMessage, ZeroCopyBuffer};
use wiremsg_tests::fixtures::{chat, chat_saying, rpc_call};
use wiremsg_tests::{reseal, set_flags, AuditEvent, ChatMessage, Heartbeat, Pair, RpcRequest};

/// chat(0), the sample call, the sample audit event (a JSON frame), heartbeat (an empty
/// payload), chat(1).
fn mixed() -> ZeroCopyBuffer {
    let mut buffer = ZeroCopyBuffer::new();
    assert_eq!(buffer.append(&chat(0)).unwrap(), 0);
    assert_eq!(buffer.append(&rpc_call()).unwrap(), 1);
    assert_eq!(buffer.append(&AuditEvent::sample()).unwrap(), 2);
    assert_eq!(buffer.append(&Heartbeat).unwrap(), 3);
    assert_eq!(buffer.append(&chat(1)).unwrap(), 4);
    buffer
}

fn assert_mixed_contents(buffer: &ZeroCopyBuffer) {
    assert_eq!(buffer.len(), 5);
    assert_eq!(buffer.view::<ChatMessage>(0).unwrap().id, "msg-0");
    assert_eq!(buffer.view::<RpcRequest>(1).unwrap().method, "math.sum");
    assert_eq!(buffer.view::<ChatMessage>(4).unwrap().id, "msg-1");
    assert_eq!(buffer.get::<ChatMessage>(0).unwrap(), chat(0));
    assert_eq!(buffer.get::<RpcRequest>(1).unwrap(), rpc_call());
    assert_eq!(buffer.get::<AuditEvent>(2).unwrap(), AuditEvent::sample());
    assert_eq!(buffer.get::<Heartbeat>(3).unwrap(), Heartbeat);
    assert_eq!(buffer.get::<ChatMessage>(4).unwrap(), chat(1));
}

#[test]
fn frames_of_many_types_are_viewed_and_decoded_by_index() {
    assert_mixed_contents(&mixed());
}

#[test]
fn views_borrow_from_the_buffer() {
    let buffer = mixed();
    let view = buffer.view::<ChatMessage>(0).unwrap();
    let range = buffer.as_bytes().as_ptr_range();
    let address = view as *const _ as *const u8;
    assert!(range.contains(&address), "the view points into the buffer");
}

#[test]
fn iter_yields_every_header_in_order() {
    let buffer = mixed();
    let ids: Vec<u32> = buffer.iter().map(|header| header.type_id()).collect();
    assert_eq!(
        ids,
        [
            ChatMessage::TYPE_ID,
            RpcRequest::TYPE_ID,
            AuditEvent::TYPE_ID,
            Heartbeat::TYPE_ID,
            ChatMessage::TYPE_ID
        ]
    );
    let codecs: Vec<CodecKind> = buffer.iter().map(|header| header.codec()).collect();
    assert_eq!(codecs[2], CodecKind::Json);
    assert_eq!(buffer.iter().len(), 5);
    assert_eq!(buffer.header(2).unwrap().type_id(), AuditEvent::TYPE_ID);
}

#[test]
fn the_wire_form_is_frames_each_zero_padded_to_16_bytes() {
    let buffer = mixed();
    let bytes = buffer.as_bytes();
    assert_eq!(bytes.len() % 16, 0);
    let mut offset = 0;
    for index in 0..buffer.len() {
        let frame = buffer.frame(index).unwrap();
        assert_eq!(&bytes[offset..offset + frame.len()], frame);
        let end = offset + frame.len();
        let padded = end.next_multiple_of(16);
        assert!(bytes[end..padded].iter().all(|&b| b == 0));
        // Each frame is exactly what the codec writes alone.
        Header::split_frame(frame).unwrap();
        offset = padded;
    }
    assert_eq!(offset, bytes.len());
    assert_eq!(
        &bytes[..buffer.frame(0).unwrap().len()],
        &chat(0).to_wire().unwrap()[..]
    );
}

#[test]
fn from_bytes_reads_a_buffer_at_any_alignment() {
    let sent = mixed();
    for shift in [0, 1, 3, 8, 15] {
        let mut unaligned = vec![0u8; shift];
        unaligned.extend_from_slice(sent.as_bytes());
        let received = ZeroCopyBuffer::from_bytes(&unaligned[shift..]).unwrap();
        assert_mixed_contents(&received);
        assert_eq!(received.as_bytes(), sent.as_bytes());
    }
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(sent.as_bytes());
    assert_mixed_contents(&ZeroCopyBuffer::from_aligned(aligned).unwrap());
}

#[test]
fn an_empty_buffer_is_zero_bytes() {
    let buffer = ZeroCopyBuffer::from_bytes(&[]).unwrap();
    assert!(buffer.is_empty());
    assert_eq!(buffer.iter().count(), 0);
    assert!(ZeroCopyBuffer::new().as_bytes().is_empty());
}

#[test]
fn wrong_type_and_out_of_range_indexes_are_errors() {
    let buffer = mixed();
    let err = buffer.view::<RpcRequest>(0).err().unwrap();
    assert!(
        matches!(err, CodecError::WrongType { expected, found, .. }
            if expected == RpcRequest::TYPE_ID && found == ChatMessage::TYPE_ID),
        "{err:?}"
    );
    assert!(matches!(
        buffer.get::<RpcRequest>(0),
        Err(CodecError::WrongType { .. })
    ));
    let err = buffer.view::<ChatMessage>(5).err().unwrap();
    assert!(
        matches!(err, CodecError::IndexOutOfRange { index: 5, len: 5 }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "frame index 5 is out of range: the buffer holds 5 frames"
    );
    assert!(matches!(
        buffer.get::<ChatMessage>(usize::MAX),
        Err(CodecError::IndexOutOfRange { .. })
    ));
    assert!(matches!(
        buffer.frame(9),
        Err(CodecError::IndexOutOfRange { .. })
    ));
    assert!(matches!(
        buffer.header(9),
        Err(CodecError::IndexOutOfRange { .. })
    ));
    // A JSON frame has no archive to view, but decodes.
    let mut json_frame = JsonCodec::new().encode_frame(&chat(0)).unwrap();
    json_frame.resize(json_frame.len().next_multiple_of(16), 0);
    let json = ZeroCopyBuffer::from_bytes(&json_frame).unwrap();
    assert!(matches!(
        json.view::<ChatMessage>(0),
        Err(CodecError::WrongCodec {
            found: CodecKind::Json,
            ..
        })
    ));
    assert_eq!(json.get::<ChatMessage>(0).unwrap(), chat(0));
}

#[test]
fn clear_keeps_the_capacity() {
    let mut buffer = mixed();
    let used = buffer.as_bytes().len();
    buffer.clear();
    assert!(buffer.is_empty());
    assert!(buffer.as_bytes().is_empty());
    buffer.append(&chat(0)).unwrap();
    assert_eq!(buffer.len(), 1);
    assert!(buffer.into_bytes().capacity() >= used);
}

#[test]
fn append_with_takes_any_frame_codec_and_refuses_bare_json() {
    let mut buffer = ZeroCopyBuffer::new();
    buffer.append_with(&RkyvCodec::new(), &chat(0)).unwrap();
    let before = buffer.as_bytes().to_vec();
    let err = buffer.append_with(&JsonCodec::new(), &chat(1)).unwrap_err();
    assert!(
        matches!(err, CodecError::BadMagic { found: b'{' }),
        "{err:?}"
    );
    assert_eq!(
        buffer.as_bytes(),
        &before[..],
        "a refused append leaves no trace"
    );
    assert_eq!(buffer.len(), 1);
    buffer
        .append_with(&JsonCodec::new(), &AuditEvent::sample())
        .unwrap_err();
    assert_eq!(buffer.len(), 1);
}

/// A received buffer whose bytes were damaged: each damage gets a typed error naming the frame.
fn in_buffer(bytes: &[u8]) -> (usize, usize, CodecError) {
    match ZeroCopyBuffer::from_bytes(bytes).unwrap_err() {
        CodecError::InBuffer {
            index,
            offset,
            source,
        } => (index, offset, *source),
        other => panic!("expected InBuffer, got {other:?}"),
    }
}

#[test]
fn damaged_received_buffers_are_refused_with_the_frame_named() {
    let bytes = mixed().as_bytes().to_vec();
    let second = mixed().frame(0).unwrap().len().next_multiple_of(16);

    // Cut inside the second frame's payload.
    let (index, offset, err) = in_buffer(&bytes[..second + 20]);
    assert_eq!((index, offset), (1, second));
    assert!(
        matches!(err, CodecError::TruncatedPayload { available: 4, .. }),
        "{err:?}"
    );

    // Cut inside the second frame's header.
    let (index, _, err) = in_buffer(&bytes[..second + 5]);
    assert_eq!(index, 1);
    assert!(
        matches!(err, CodecError::TruncatedHeader { available: 5 }),
        "{err:?}"
    );

    // A bad magic byte where the second frame should start.
    let mut bad = bytes.clone();
    bad[second] = b'{';
    assert!(matches!(
        in_buffer(&bad).2,
        CodecError::BadMagic { found: b'{' }
    ));

    // Unknown flags.
    let mut bad = bytes.clone();
    set_flags(&mut bad[second..], 0b10_0000);
    assert!(matches!(
        in_buffer(&bad).2,
        CodecError::UnsupportedFlags { .. }
    ));

    // A payload length pointing past the end.
    let mut bad = bytes.clone();
    bad[second + 12..second + 16].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        in_buffer(&bad).2,
        CodecError::HeaderChecksum { .. }
    ));
    reseal(&mut bad[second..]);
    assert!(matches!(
        in_buffer(&bad).2,
        CodecError::TruncatedPayload {
            declared: u32::MAX,
            ..
        }
    ));

    // Non-zero padding after the first frame (its frame is 85 bytes: 11 bytes of padding).
    let first_end = mixed().frame(0).unwrap().len();
    assert_ne!(first_end % 16, 0, "the test needs padding to damage");
    let mut bad = bytes.clone();
    bad[first_end + 2] = 1;
    let (index, offset, err) = in_buffer(&bad);
    assert_eq!((index, offset), (0, 0));
    assert!(
        matches!(err, CodecError::BadPadding { offset } if offset == first_end + 2),
        "{err:?}"
    );

    // The final padding missing.
    let last_start = bytes.len() - mixed().frame(4).unwrap().len().next_multiple_of(16);
    let last_end = last_start + mixed().frame(4).unwrap().len();
    let (index, _, err) = in_buffer(&bytes[..last_end]);
    assert_eq!(index, 4);
    assert!(
        matches!(err, CodecError::BadPadding { offset } if offset == last_end),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("bad padding at byte"));

    // A corrupt payload passes the header checks and is refused when read.
    let mut corrupt = bytes.clone();
    // The first payload bytes are `content`'s out-of-line text: make it invalid UTF-8.
    corrupt[16] = 0xff;
    let received = ZeroCopyBuffer::from_bytes(&corrupt).unwrap();
    assert!(matches!(
        received.view::<ChatMessage>(0),
        Err(CodecError::Validation { .. })
    ));
    assert!(matches!(
        received.get::<ChatMessage>(0),
        Err(CodecError::Validation { .. })
    ));
    assert_eq!(received.get::<RpcRequest>(1).unwrap(), rpc_call());
}

#[test]
fn in_buffer_errors_name_the_frame_and_keep_the_cause() {
    let bytes = mixed().as_bytes().to_vec();
    let err = ZeroCopyBuffer::from_bytes(&bytes[..20]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("frame 0 at byte 0 of the buffer: truncated payload"),
        "{err}"
    );
    let source = std::error::Error::source(&err).unwrap();
    assert!(source.to_string().starts_with("truncated payload"));
}

#[test]
fn every_single_byte_corruption_of_a_buffer_is_an_error_or_readable_never_a_panic() {
    let bytes = mixed().as_bytes().to_vec();
    for index in 0..bytes.len() {
        for value in [0x00, 0x01, 0x7F, 0xC1, 0xFF] {
            let mut bad = bytes.clone();
            bad[index] = value;
            let Ok(buffer) = ZeroCopyBuffer::from_bytes(&bad) else {
                continue;
            };
            for frame in 0..buffer.len() + 1 {
                let _ = buffer.view::<ChatMessage>(frame);
                let _ = buffer.view::<RpcRequest>(frame);
                let _ = buffer.get::<ChatMessage>(frame);
                let _ = buffer.get::<RpcRequest>(frame);
                let _ = buffer.get::<AuditEvent>(frame);
                let _ = buffer.get::<Heartbeat>(frame);
            }
        }
    }
    for len in 0..bytes.len() {
        let _ = ZeroCopyBuffer::from_bytes(&bytes[..len]);
    }
}

#[test]
fn a_buffer_made_with_capacity_appends_without_moving() {
    let mut buffer = ZeroCopyBuffer::with_capacity(4096);
    assert!(buffer.is_empty());
    assert_eq!(buffer.len(), 0);
    assert_eq!(buffer.as_bytes(), b"");
    let start = buffer.as_bytes().as_ptr();

    let index = buffer.append(&chat_saying("one")).unwrap();
    buffer.append(&Pair(2, "two".into())).unwrap();
    assert_eq!(index, 0);
    assert_eq!(buffer.len(), 2);
    assert!(buffer.as_bytes().len() <= 4096);
    assert_eq!(
        buffer.as_bytes().as_ptr(),
        start,
        "the reserved space was used, not reallocated"
    );
    assert_eq!(buffer.get::<ChatMessage>(0).unwrap(), chat_saying("one"));
    assert_eq!(buffer.get::<Pair>(1).unwrap(), Pair(2, "two".into()));
    assert!(buffer.into_bytes().capacity() >= 4096);
}
