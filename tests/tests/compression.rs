//! `CompressedCodec` and compressed frames: round trips, thresholds, limits, hostile input, and
//! the algorithms' names.

use wiremsg::{
    Codec, CodecError, CodecKind, CompressedCodec, Compression, Header, HybridCodec, JsonCodec,
    RkyvCodec, WireMessage, ZeroCopyBuffer, DEFAULT_COMPRESSION_THRESHOLD,
    DEFAULT_MAX_DECOMPRESSED,
};
use wiremsg_tests::fixtures::{chat_saying, long_chat, lz4};
use wiremsg_tests::{set_flags, AuditEvent, ChatMessage};

/// Text that does not compress: pseudo-random letters.
fn noise(len: usize) -> String {
    let mut state = 0x9E37_79B9_u32;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            char::from(b'!' + (state % 94) as u8)
        })
        .collect()
}

#[test]
fn large_frames_are_compressed_and_every_reader_decompresses_them() {
    let msg = long_chat();
    let frame = lz4().encode(&msg).unwrap();
    let plain = msg.to_wire().unwrap();
    let header = Header::parse(&frame).unwrap();
    assert_eq!(header.compression(), Some(Compression::Lz4));
    assert_eq!(header.flags(), 0b01);
    assert_eq!(
        header.codec(),
        CodecKind::Rkyv,
        "the codec byte names the inner format"
    );
    assert_eq!(header.type_id(), ChatMessage::TYPE_ID);
    assert!(
        frame.len() * 4 < plain.len(),
        "{} vs {}",
        frame.len(),
        plain.len()
    );
    // The payload: the uncompressed length, then the LZ4 block.
    let declared = u32::from_le_bytes(frame[16..20].try_into().unwrap());
    assert_eq!(declared as usize, plain.len() - 16);

    assert_eq!(Codec::<ChatMessage>::decode(&lz4(), &frame).unwrap(), msg);
    assert_eq!(ChatMessage::from_wire(&frame).unwrap(), msg);
    assert_eq!(
        Codec::<ChatMessage>::decode(&HybridCodec::new(), &frame).unwrap(),
        msg
    );
    assert_eq!(
        Codec::<ChatMessage>::decode(&RkyvCodec::new(), &frame).unwrap(),
        msg
    );
}

#[test]
fn compressed_json_frames_are_read_by_json_and_hybrid_codecs() {
    let audit = AuditEvent {
        details: serde_json::json!({ "log": "user logged in from the office; ".repeat(50) }),
    };
    let frame = lz4().encode(&audit).unwrap();
    let header = Header::parse(&frame).unwrap();
    assert_eq!(
        (header.codec(), header.compression()),
        (CodecKind::Json, Some(Compression::Lz4))
    );
    assert_eq!(AuditEvent::from_wire(&frame).unwrap(), audit);
    assert_eq!(
        Codec::<AuditEvent>::decode(&JsonCodec::new(), &frame).unwrap(),
        audit
    );
}

#[test]
fn small_payloads_stay_plain() {
    let msg = chat_saying("hi");
    let frame = lz4().encode(&msg).unwrap();
    assert_eq!(
        frame,
        msg.to_wire().unwrap(),
        "byte-identical to an uncompressed frame"
    );
    assert_eq!(Header::parse(&frame).unwrap().compression(), None);
    // The threshold is on the payload length.
    let at = chat_saying(&"x".repeat(DEFAULT_COMPRESSION_THRESHOLD));
    let payload_len = at.to_wire().unwrap().len() - 16;
    let codec = lz4().with_threshold(payload_len);
    assert_eq!(
        Header::parse(&codec.encode(&at).unwrap())
            .unwrap()
            .compression(),
        None
    );
    let codec = lz4().with_threshold(payload_len - 1);
    assert_eq!(
        Header::parse(&codec.encode(&at).unwrap())
            .unwrap()
            .compression(),
        Some(Compression::Lz4)
    );
}

#[test]
fn incompressible_payloads_stay_plain() {
    let msg = chat_saying(&noise(4096));
    let frame = lz4().with_threshold(0).encode(&msg).unwrap();
    assert_eq!(Header::parse(&frame).unwrap().compression(), None);
    assert_eq!(frame, msg.to_wire().unwrap());
}

#[test]
fn bare_json_passes_through_unchanged() {
    let msg = long_chat();
    let codec = CompressedCodec::new(JsonCodec::new());
    let bytes = codec.encode(&msg).unwrap();
    assert_eq!(bytes, serde_json::to_vec(&msg).unwrap());
    assert_eq!(Codec::<ChatMessage>::decode(&codec, &bytes).unwrap(), msg);
    assert_eq!(
        Codec::<ChatMessage>::content_type(&codec),
        "application/json"
    );
}

/// A compressed `ChatMessage` frame whose length prefix claims `declared` bytes.
fn claiming(declared: u32) -> Vec<u8> {
    let mut frame = lz4().encode(&long_chat()).unwrap();
    frame[16..20].copy_from_slice(&declared.to_le_bytes());
    frame
}

#[test]
fn decompression_above_the_limit_is_refused() {
    let err = ChatMessage::from_wire(&claiming(u32::MAX)).unwrap_err();
    assert!(
        matches!(
            err,
            CodecError::DecompressedTooLarge {
                algorithm: Compression::Lz4,
                declared: u32::MAX,
                limit
            } if limit == 64 << 20
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("refused before allocating"),
        "{err}"
    );

    // Configurable, on the wrapper and on the hybrid codec.
    let frame = lz4().encode(&long_chat()).unwrap();
    let small = lz4().with_max_decompressed(100);
    assert!(matches!(
        Codec::<ChatMessage>::decode(&small, &frame),
        Err(CodecError::DecompressedTooLarge { limit: 100, .. })
    ));
    let hybrid = HybridCodec::new().with_max_decompressed(100);
    assert!(matches!(
        Codec::<ChatMessage>::decode(&hybrid, &frame),
        Err(CodecError::DecompressedTooLarge { limit: 100, .. })
    ));
}

#[test]
fn corrupt_compressed_payloads_are_typed_errors() {
    // Claims more than the block holds, or less.
    let plain_len = long_chat().to_wire().unwrap().len() as u32 - 16;
    for declared in [plain_len + 1, plain_len - 1, 0] {
        let err = ChatMessage::from_wire(&claiming(declared)).unwrap_err();
        assert!(
            matches!(
                err,
                CodecError::Decompress {
                    algorithm: Compression::Lz4,
                    ..
                }
            ),
            "{declared}: {err:?}"
        );
    }
    // Shorter than the length prefix.
    let header = Header::new(CodecKind::Rkyv, ChatMessage::TYPE_ID, 1, 0, 2)
        .with_compression(Some(Compression::Lz4));
    let mut frame = header.to_bytes().to_vec();
    frame.extend_from_slice(&[1, 2]);
    let err = ChatMessage::from_wire(&frame).unwrap_err();
    assert!(
        err.to_string()
            .contains("shorter than its 4-byte length prefix"),
        "{err}"
    );
    // Garbage after the prefix.
    let mut frame = claiming(plain_len);
    let len = frame.len();
    frame[20..len].fill(0xEE);
    assert!(matches!(
        ChatMessage::from_wire(&frame),
        Err(CodecError::Decompress { .. })
    ));
}

#[test]
fn every_single_byte_corruption_is_an_error_or_a_valid_message_never_a_panic() {
    let frame = lz4().encode(&long_chat()).unwrap();
    for index in 0..frame.len() {
        for value in [0x00, 0x01, 0x7F, 0x80, 0xFF] {
            let mut bad = frame.clone();
            bad[index] = value;
            let _ = ChatMessage::from_wire(&bad);
            let _ = Codec::<ChatMessage>::decode(&lz4(), &bad);
        }
    }
    for len in 0..frame.len() {
        assert!(ChatMessage::from_wire(&frame[..len]).is_err());
    }
}

#[test]
fn reserved_compression_bits_and_unknown_flags_are_refused() {
    let mut frame = lz4().encode(&long_chat()).unwrap();
    set_flags(&mut frame, 0b11);
    let err = Header::parse(&frame).unwrap_err();
    assert!(
        matches!(err, CodecError::UnknownCompression { found: 0b11 }),
        "{err:?}"
    );
    assert!(matches!(
        ChatMessage::from_wire(&frame),
        Err(CodecError::UnknownCompression { .. })
    ));
    set_flags(&mut frame, 0b101);
    assert!(matches!(
        Header::parse(&frame),
        Err(CodecError::UnsupportedFlags {
            found: 0b101,
            supported: 0b11
        })
    ));
}

#[test]
fn compressed_frames_cannot_be_viewed_but_decode_in_a_zero_copy_buffer() {
    let mut buffer = ZeroCopyBuffer::new();
    buffer.append_with(&lz4(), &long_chat()).unwrap();
    buffer.append(&long_chat()).unwrap();
    let received = ZeroCopyBuffer::from_bytes(buffer.as_bytes()).unwrap();
    assert_eq!(
        received.header(0).unwrap().compression(),
        Some(Compression::Lz4)
    );
    let err = received.view::<ChatMessage>(0).err().unwrap();
    assert!(
        matches!(
            err,
            CodecError::CompressedView {
                type_name: "ChatMessage"
            }
        ),
        "{err:?}"
    );
    assert_eq!(received.get::<ChatMessage>(0).unwrap(), long_chat());
    assert_eq!(received.view::<ChatMessage>(1).unwrap().sender, "alice");
}

#[test]
fn header_compression_bits_round_trip() {
    let header = Header::new(CodecKind::Json, 1, 1, 0, 0);
    for compression in [None, Some(Compression::Lz4), Some(Compression::Zstd)] {
        let with = header.with_compression(compression);
        assert_eq!(with.compression(), compression);
        assert_eq!(Header::parse(&with.to_bytes()).unwrap(), with);
    }
    assert_eq!(Compression::Zstd.flag_bits(), 0b10);
    assert_eq!(Compression::Lz4.to_string(), "lz4");
}

#[cfg(feature = "zstd")]
#[test]
fn zstd_frames_round_trip() {
    let msg = long_chat();
    let codec = CompressedCodec::zstd(HybridCodec::new(), 3);
    let frame = codec.encode(&msg).unwrap();
    let header = Header::parse(&frame).unwrap();
    assert_eq!(
        (header.compression(), header.flags()),
        (Some(Compression::Zstd), 0b10)
    );
    assert!(frame.len() < lz4().encode(&msg).unwrap().len());
    assert_eq!(Codec::<ChatMessage>::decode(&codec, &frame).unwrap(), msg);
    assert_eq!(ChatMessage::from_wire(&frame).unwrap(), msg);
    let mut bad = frame.clone();
    bad[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        ChatMessage::from_wire(&bad),
        Err(CodecError::DecompressedTooLarge {
            algorithm: Compression::Zstd,
            ..
        })
    ));
    let len = frame.len();
    bad = frame.clone();
    bad[24..len].fill(0x55);
    assert!(matches!(
        ChatMessage::from_wire(&bad),
        Err(CodecError::Decompress {
            algorithm: Compression::Zstd,
            ..
        })
    ));
}

#[cfg(not(feature = "zstd"))]
#[test]
fn zstd_frames_without_the_feature_are_a_clear_error() {
    let header = Header::new(CodecKind::Rkyv, ChatMessage::TYPE_ID, 1, 0, 8)
        .with_compression(Some(Compression::Zstd));
    let mut frame = header.to_bytes().to_vec();
    frame.extend_from_slice(&[4, 0, 0, 0, 1, 2, 3, 4]);
    let err = ChatMessage::from_wire(&frame).unwrap_err();
    assert!(
        matches!(
            err,
            CodecError::CompressionUnavailable {
                algorithm: Compression::Zstd
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_compressed_codec_lends_out_the_codec_it_wraps() {
    let codec = CompressedCodec::new(JsonCodec::new()).with_threshold(0);
    let message = chat_saying("hello");
    // The inner codec writes what it always writes: bare JSON, uncompressed.
    let bare = codec.inner().encode(&message).unwrap();
    assert_eq!(bare, serde_json::to_vec(&message).unwrap());
    // Bare JSON has no header to flag, so the wrapper passes it through unchanged too.
    assert_eq!(codec.encode(&message).unwrap(), bare);
    assert_eq!(
        Codec::<ChatMessage>::decode(codec.inner(), &bare).unwrap(),
        message
    );
}

#[test]
fn the_default_hybrid_codec_has_the_default_decompression_limit() {
    // A compressed frame whose length prefix claims one byte more than the default limit.
    let declared = u32::try_from(DEFAULT_MAX_DECOMPRESSED + 1).unwrap();
    let header = Header::new(
        CodecKind::Rkyv,
        ChatMessage::TYPE_ID,
        ChatMessage::SCHEMA_VERSION,
        ChatMessage::LAYOUT_FINGERPRINT,
        4,
    )
    .with_compression(Some(Compression::Lz4));
    let mut frame = header.to_bytes().to_vec();
    frame.extend_from_slice(&declared.to_le_bytes());

    let error = Codec::<ChatMessage>::decode(&HybridCodec::default(), &frame).unwrap_err();
    assert!(
        matches!(
            error,
            CodecError::DecompressedTooLarge {
                algorithm: Compression::Lz4,
                declared: d,
                limit: DEFAULT_MAX_DECOMPRESSED,
            } if d == declared
        ),
        "{error:?}"
    );
    // The default codec still decodes what `to_wire` writes.
    let message = chat_saying("hi");
    let decoded: ChatMessage = HybridCodec::default()
        .decode(&message.to_wire().unwrap())
        .unwrap();
    assert_eq!(decoded, message);
}

#[test]
fn compression_algorithms_are_named_lz4_and_zstd() {
    assert_eq!(Compression::Zstd.name(), "zstd");
    assert_eq!(Compression::Zstd.to_string(), "zstd");
    assert_eq!(Compression::Zstd.flag_bits(), 0b10);
    assert_eq!(Compression::Lz4.name(), "lz4");
    assert_eq!(Compression::Lz4.to_string(), "lz4");
}
