//! Every `CodecError` variant, each reached by a real bad input and matched exactly.
//!
//! The variants of buffers and compression (`IndexOutOfRange`, `BadPadding`, `InBuffer`,
//! `Decompress`, `CompressedView`, `CompressionUnavailable`) are reached in `buffer.rs` and
//! `compression.rs`, `DecompressedTooLarge` there and here (a frame claiming 4 GiB); `Compress`
//! reports a failure inside the zstd library, which no input provokes.

use std::error::Error as _;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    Codec, CodecError, CodecKind, Header, HybridCodec, JsonCodec, RkyvCodec, WireMessage,
    HEADER_LEN,
};
use wiremsg_tests::fixtures::aligned;
use wiremsg_tests::*;

fn chat_frame() -> Vec<u8> {
    ChatMessage::sample().to_wire().unwrap()
}

fn decode_chat(bytes: &[u8]) -> CodecError {
    ChatMessage::from_wire(bytes).unwrap_err()
}

#[test]
fn empty_input() {
    assert!(matches!(decode_chat(&[]), CodecError::Empty));
    let err: CodecError =
        <JsonCodec as Codec<ChatMessage>>::decode(&JsonCodec::new(), &[]).unwrap_err();
    assert!(matches!(err, CodecError::Empty));
    let err: CodecError =
        <RkyvCodec as Codec<ChatMessage>>::decode(&RkyvCodec::new(), &[]).unwrap_err();
    assert!(matches!(err, CodecError::Empty));
}

#[test]
fn truncated_header_at_every_length() {
    let frame = chat_frame();
    for len in 1..16 {
        let err = decode_chat(&frame[..len]);
        assert!(
            matches!(err, CodecError::TruncatedHeader { available } if available == len),
            "{len}: {err:?}"
        );
    }
}

#[test]
fn bad_magic() {
    let mut frame = chat_frame();
    frame[0] = 0xC0;
    // Not a frame and not JSON text: the hybrid codec reports a JSON error, the rkyv codec the magic.
    assert!(matches!(decode_chat(&frame), CodecError::Json { .. }));
    let err: CodecError =
        <RkyvCodec as Codec<ChatMessage>>::decode(&RkyvCodec::new(), &frame).unwrap_err();
    assert!(
        matches!(err, CodecError::BadMagic { found: 0xC0 }),
        "{err:?}"
    );
    let err = RkyvCodec::new()
        .decode_bytes_as_chat(br#"{"id":"x"}"#)
        .unwrap_err();
    assert!(
        matches!(err, CodecError::BadMagic { found: b'{' }),
        "{err:?}"
    );
}

trait DecodeChat {
    fn decode_bytes_as_chat(&self, bytes: &[u8]) -> Result<ChatMessage, CodecError>;
}

impl DecodeChat for RkyvCodec {
    fn decode_bytes_as_chat(&self, bytes: &[u8]) -> Result<ChatMessage, CodecError> {
        self.decode(bytes)
    }
}

#[test]
fn future_format_version() {
    for version in [1, 3, 0xff] {
        // Version 1 (no check byte) and any future version are refused before the check byte
        // is read: its meaning belongs to the version.
        let mut frame = chat_frame();
        frame[1] = version;
        let err = decode_chat(&frame);
        assert!(
            matches!(err, CodecError::UnsupportedFormatVersion { found, supported: 2 } if found == version),
            "{err:?}"
        );
    }
}

#[test]
fn unknown_codec_kind() {
    for codec in [0u8, 3] {
        let mut frame = chat_frame();
        frame[2] = codec;
        reseal(&mut frame);
        let err = decode_chat(&frame);
        assert!(
            matches!(err, CodecError::UnknownCodec { found } if found == codec),
            "{err:?}"
        );
    }
}

#[test]
fn unknown_flags() {
    // Flag bits 0 and 1 name the compression; the other four are reserved.
    for flag in 2..6 {
        let mut frame = chat_frame();
        set_flags(&mut frame, 1 << flag);
        let err = decode_chat(&frame);
        assert!(
            matches!(err, CodecError::UnsupportedFlags { found, supported: 0b11 } if found == 1 << flag),
            "{err:?}"
        );
    }
}

#[test]
fn reserved_compression_value() {
    let mut frame = chat_frame();
    set_flags(&mut frame, 0b11);
    let err = decode_chat(&frame);
    assert!(
        matches!(err, CodecError::UnknownCompression { found: 0b11 }),
        "{err:?}"
    );
}

#[test]
fn a_plain_payload_flagged_as_lz4_is_corrupt() {
    let mut frame = chat_frame();
    set_flags(&mut frame, 0b01);
    let err = decode_chat(&frame);
    assert!(
        matches!(
            err,
            CodecError::Decompress {
                algorithm: wiremsg::Compression::Lz4,
                ..
            } | CodecError::DecompressedTooLarge { .. }
        ),
        "{err:?}"
    );
}

#[test]
fn payload_length_larger_than_the_input() {
    let frame = chat_frame();
    let declared = (frame.len() - 16) as u32;
    for cut in 1..=declared as usize {
        let err = decode_chat(&frame[..frame.len() - cut]);
        assert!(
            matches!(err, CodecError::TruncatedPayload { declared: d, available } if d == declared && available == declared as usize - cut),
            "{cut}: {err:?}"
        );
    }
}

#[test]
fn payload_length_near_u32_max() {
    for declared in [u32::MAX, u32::MAX - 1, 1 << 31] {
        let mut frame = chat_frame();
        frame[12..16].copy_from_slice(&declared.to_le_bytes());
        reseal(&mut frame);
        let err = decode_chat(&frame);
        assert!(
            matches!(err, CodecError::TruncatedPayload { declared: d, .. } if d == declared),
            "{err:?}"
        );
    }
}

#[test]
fn trailing_bytes_after_the_payload() {
    let mut frame = chat_frame();
    frame.extend_from_slice(&[0, 0, 0, 0]);
    assert!(matches!(
        decode_chat(&frame),
        CodecError::TrailingBytes { extra: 4, .. }
    ));
}

#[test]
fn frame_of_type_a_decoded_as_type_b() {
    let frame = chat_frame();
    let err = Pair::from_wire(&frame).unwrap_err();
    match err {
        CodecError::WrongType {
            expected,
            expected_name,
            found,
            ..
        } => {
            assert_eq!(expected, Pair::TYPE_ID);
            assert_eq!(expected_name, "Pair");
            assert_eq!(found, ChatMessage::TYPE_ID);
        }
        other => panic!("expected WrongType, got {other:?}"),
    }
    let json_frame = JsonCodec::new()
        .encode_frame(&ChatMessage::sample())
        .unwrap();
    assert!(matches!(
        Pair::from_wire(&json_frame).unwrap_err(),
        CodecError::WrongType { .. }
    ));
}

#[test]
fn codec_that_cannot_read_the_frame() {
    let rkyv_frame = chat_frame();
    let err: CodecError =
        <JsonCodec as Codec<ChatMessage>>::decode(&JsonCodec::new(), &rkyv_frame).unwrap_err();
    assert!(matches!(
        err,
        CodecError::WrongCodec {
            codec: "JsonCodec",
            found: CodecKind::Rkyv
        }
    ));
    let json_frame = JsonCodec::new()
        .encode_frame(&ChatMessage::sample())
        .unwrap();
    let err = RkyvCodec::new()
        .decode_bytes_as_chat(&json_frame)
        .unwrap_err();
    assert!(matches!(
        err,
        CodecError::WrongCodec {
            found: CodecKind::Json,
            ..
        }
    ));
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&json_frame);
    assert!(matches!(
        HybridCodec::new()
            .view::<ChatMessage>(&aligned)
            .unwrap_err(),
        CodecError::WrongCodec { .. }
    ));
}

#[test]
fn rkyv_frame_for_a_json_only_type() {
    let mut frame = Header::new(
        CodecKind::Rkyv,
        AuditEvent::TYPE_ID,
        AuditEvent::SCHEMA_VERSION,
        AuditEvent::LAYOUT_FINGERPRINT,
        4,
    )
    .to_bytes()
    .to_vec();
    frame.extend_from_slice(&[0; 4]);
    assert!(matches!(
        AuditEvent::from_wire(&frame).unwrap_err(),
        CodecError::RkyvUnsupported {
            type_name: "AuditEvent"
        }
    ));
}

#[test]
fn misaligned_view() {
    let frame = chat_frame();
    let mut buffer = AlignedVec::<16>::new();
    buffer.extend_from_slice(&[0; 8]);
    buffer.extend_from_slice(&frame);
    assert!(matches!(
        RkyvCodec::new()
            .view::<ChatMessage>(&buffer[8..])
            .unwrap_err(),
        CodecError::Unaligned {
            required: 16,
            misalignment: 8
        }
    ));
}

fn assert_validation(frame: &[u8]) {
    let err = decode_chat(frame);
    assert!(
        matches!(
            err,
            CodecError::Validation {
                type_name: "ChatMessage",
                ..
            }
        ),
        "{err:?}"
    );
    let buffer = aligned(frame);
    let err = RkyvCodec::new().view::<ChatMessage>(&buffer).unwrap_err();
    assert!(matches!(err, CodecError::Validation { .. }), "{err:?}");
}

#[test]
fn rkyv_payload_with_an_out_of_range_relative_pointer() {
    // The root sits at the end; its first field is the `id` string, whose out-of-line form holds
    // a relative pointer. Make the string long (out of line) so there is a pointer to corrupt.
    let mut msg = ChatMessage::sample();
    msg.id = "an identifier long enough to be stored out of line".into();
    let frame = msg.to_wire().unwrap();
    let root = frame.len() - std::mem::size_of::<ArchivedChatMessage>();
    // ArchivedString out-of-line repr: u32 length (with a tag in the high bits), then i32 offset.
    let mut corrupt = frame.clone();
    corrupt[root + 4..root + 8].copy_from_slice(&0x7fff_0000_i32.to_le_bytes());
    assert_validation(&corrupt);
    let mut corrupt = frame;
    corrupt[root + 4..root + 8].copy_from_slice(&(-0x7fff_0000_i32).to_le_bytes());
    assert_validation(&corrupt);
}

#[test]
fn invalid_utf8_in_an_archived_string() {
    let mut msg = ChatMessage::sample();
    msg.content = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz".into();
    let mut frame = msg.to_wire().unwrap();
    let at = frame
        .windows(8)
        .position(|w| w == b"zzzzzzzz")
        .expect("the string bytes are in the payload");
    frame[at + 3] = 0xff;
    assert_validation(&frame);
    // The message names what failed and where, from rkyv's source and traces, on the owned and
    // the zero-copy path alike.
    let owned = decode_chat(&frame).to_string();
    let view = RkyvCodec::new()
        .view::<ChatMessage>(&aligned(&frame))
        .unwrap_err()
        .to_string();
    for message in [&owned, &view] {
        assert!(message.contains("invalid UTF-8"), "{message}");
        assert!(message.contains("content"), "{message}");
        assert!(message.contains("ArchivedChatMessage"), "{message}");
    }
    assert_eq!(owned, view);
}

#[test]
fn invalid_enum_discriminant() {
    let frame = RpcMethod::Stream { chunk: 1 }.to_wire().unwrap();
    let tag_at = frame.len() - std::mem::size_of::<ArchivedRpcMethod>();
    let mut corrupt = frame;
    corrupt[tag_at] = 0x7f;
    let err = RpcMethod::from_wire(&corrupt).unwrap_err();
    assert!(matches!(err, CodecError::Validation { .. }), "{err:?}");
}

#[test]
fn bare_json_of_the_wrong_shape() {
    for bad in [
        &br#"{"id": 5}"#[..],
        br#"[1, 2, 3]"#,
        br#"{"id":"1","content":"x","timestamp":-1,"sender":"a","room_id":"r"}"#,
        b"nul",
        b"\xff\xfe{}",
    ] {
        let err = decode_chat(bad);
        assert!(
            matches!(
                err,
                CodecError::Json {
                    type_name: "ChatMessage",
                    ..
                }
            ),
            "{err:?}"
        );
    }
    let err = decode_chat(br#"{"id": 5}"#);
    assert!(err.to_string().contains("expected a string"), "{err}");
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!(
        "{}{}",
        r#"{"Call":{"name":"f","args":["#.repeat(depth),
        "]}}".repeat(depth)
    );
    let err = Expr::from_wire(text.as_bytes()).unwrap_err();
    assert!(matches!(err, CodecError::Json { .. }), "{err:?}");
    assert!(err.to_string().contains("recursion limit"), "{err}");
    let deep_array = "[".repeat(depth);
    let err = AuditEvent::from_wire(format!(r#"{{"details":{deep_array}"#).as_bytes()).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn schema_and_layout_mismatch_on_view() {
    let frame = chat_frame();
    let mut other_version = aligned(&frame);
    other_version[4] = 9;
    reseal(&mut other_version);
    assert!(matches!(
        RkyvCodec::new()
            .view::<ChatMessage>(&other_version)
            .unwrap_err(),
        CodecError::SchemaVersionMismatch {
            expected: 1,
            found: 9,
            ..
        }
    ));
    let mut other_layout = aligned(&frame);
    other_layout[6] ^= 0xff;
    reseal(&mut other_layout);
    assert!(matches!(
        RkyvCodec::new()
            .view::<ChatMessage>(&other_layout)
            .unwrap_err(),
        CodecError::LayoutMismatch { .. }
    ));
}

/// A twin of `RpcRequest`'s id with a plain string where the real type stores JSON text.
mod json_text {
    use wiremsg::WireMessage;

    /// Generic only so that it is not registered beside `Config`, whose name it shares.
    #[derive(WireMessage)]
    #[wire(name = "test.Config")]
    pub struct PlainConfig<S = String> {
        pub settings: S,
    }

    #[derive(WireMessage, Debug)]
    #[wire(name = "test.Config")]
    pub struct Config {
        #[wire(as_json)]
        pub settings: serde_json::Value,
    }
}

#[test]
fn valid_archive_whose_json_text_does_not_parse() {
    use json_text::{Config, PlainConfig};
    let mut frame = PlainConfig::<String> {
        settings: "{not json".into(),
    }
    .to_wire()
    .unwrap();
    // Claim the receiving type's layout, as a hostile peer could.
    frame[6..8].copy_from_slice(&Config::LAYOUT_FINGERPRINT.to_le_bytes());
    reseal(&mut frame);
    let err = Config::from_wire(&frame).unwrap_err();
    assert!(
        matches!(
            err,
            CodecError::RkyvDecode {
                type_name: "test.Config",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn error_messages_name_what_and_where() {
    let mut frame = chat_frame();
    frame[1] = 7;
    assert_eq!(
        decode_chat(&frame).to_string(),
        "unsupported frame format version 7 at offset 1 (this build reads version 2)"
    );
    let err = Pair::from_wire(&chat_frame()).unwrap_err().to_string();
    assert!(
        err.starts_with("wrong message type: expected Pair (id 0x"),
        "{err}"
    );
}

/// Builds `Expr::Add(Add(Add(... Num(0) ...)))` `depth` levels deep and encodes it, on a thread
/// with stack enough for rkyv's recursive serializer.
fn deep_expr_frame(depth: usize) -> Vec<u8> {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let mut expr = Expr::Num(0);
            for _ in 0..depth {
                expr = Expr::Add(Box::new(expr), Box::new(Expr::Num(1)));
            }
            let frame = expr.to_wire().unwrap();
            // Dropping a deep box chain recurses too: do it here, on the big stack.
            drop(expr);
            frame
        })
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn hostile_deeply_nested_rkyv_is_an_error_not_a_stack_overflow() {
    let shallow = deep_expr_frame(100);
    let decoded = Expr::from_wire(&shallow).unwrap();
    let mut depth = 0;
    let mut node = &decoded;
    while let Expr::Add(inner, _) = node {
        depth += 1;
        node = inner;
    }
    assert_eq!(depth, 100);

    for depth in [wiremsg::MAX_ARCHIVE_DEPTH + 1, 200_000] {
        let frame = deep_expr_frame(depth);
        let err = Expr::from_wire(&frame).unwrap_err();
        assert!(matches!(err, CodecError::Validation { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains("maximum subtree depth"), "{message}");
        assert!(message.contains("of enum 'ArchivedExpr' (x"), "{message}");
        assert!(message.len() < 400, "{message}");
        let mut aligned = AlignedVec::<16>::new();
        aligned.extend_from_slice(&frame);
        assert!(matches!(
            RkyvCodec::new().view::<Expr>(&aligned),
            Err(CodecError::Validation { .. })
        ));
    }
}

/// A small compressed frame whose length prefix claims `u32::MAX` bytes (4 GiB) of output.
fn claiming_4_gib(frame: &[u8]) -> Vec<u8> {
    let mut frame = frame.to_vec();
    assert!(Header::parse(&frame).unwrap().compression().is_some());
    frame[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
    frame
}

#[test]
fn compressed_frame_claiming_a_4_gib_output() {
    use wiremsg::{CompressedCodec, Compression, ZeroCopyBuffer, DEFAULT_MAX_DECOMPRESSED};
    let mut long = ChatMessage::sample();
    long.content = "all work and no play makes a dull message. ".repeat(40);
    let lz4 = CompressedCodec::new(HybridCodec::new());
    let frame = claiming_4_gib(&lz4.encode(&long).unwrap());
    assert!(frame.len() < 200, "{} bytes claim 4 GiB", frame.len());
    let refused = |err: CodecError, limit: usize| {
        assert!(
            matches!(
                err,
                CodecError::DecompressedTooLarge {
                    algorithm: Compression::Lz4,
                    declared: u32::MAX,
                    limit: l,
                } if l == limit
            ),
            "{err:?}"
        );
    };
    // Every reader refuses it from the length prefix, before allocating.
    refused(decode_chat(&frame), DEFAULT_MAX_DECOMPRESSED);
    refused(
        Codec::<ChatMessage>::decode(&lz4, &frame).unwrap_err(),
        DEFAULT_MAX_DECOMPRESSED,
    );
    refused(
        Codec::<ChatMessage>::decode(&RkyvCodec::new(), &frame).unwrap_err(),
        DEFAULT_MAX_DECOMPRESSED,
    );
    let small = HybridCodec::new().with_max_decompressed(1 << 20);
    refused(
        Codec::<ChatMessage>::decode(&small, &frame).unwrap_err(),
        1 << 20,
    );
    // In a received buffer.
    let mut buffer = ZeroCopyBuffer::new();
    buffer.append_with(&lz4, &long).unwrap();
    let mut bytes = buffer.as_bytes().to_vec();
    bytes[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
    let received = ZeroCopyBuffer::from_bytes(&bytes).unwrap();
    refused(
        received.get::<ChatMessage>(0).unwrap_err(),
        DEFAULT_MAX_DECOMPRESSED,
    );
    // A compressed JSON frame too.
    let audit = AuditEvent {
        details: serde_json::json!({ "log": "user logged in from the office; ".repeat(50) }),
    };
    let frame = claiming_4_gib(&lz4.encode(&audit).unwrap());
    refused(
        Codec::<AuditEvent>::decode(&JsonCodec::new(), &frame).unwrap_err(),
        DEFAULT_MAX_DECOMPRESSED,
    );
    refused(
        AuditEvent::from_wire(&frame).unwrap_err(),
        DEFAULT_MAX_DECOMPRESSED,
    );
    #[cfg(feature = "zstd")]
    {
        let zstd = CompressedCodec::zstd(HybridCodec::new(), 3);
        let frame = claiming_4_gib(&zstd.encode(&long).unwrap());
        let err = decode_chat(&frame);
        assert!(
            matches!(
                err,
                CodecError::DecompressedTooLarge {
                    algorithm: Compression::Zstd,
                    declared: u32::MAX,
                    ..
                }
            ),
            "{err:?}"
        );
    }
}

#[test]
fn misaligned_input_is_decoded_by_copying() {
    // Only a zero-copy view needs alignment (`misaligned_view`); decoding copies when needed.
    let frame = chat_frame();
    for shift in 0..16 {
        let mut buffer = AlignedVec::<16>::new();
        buffer.extend_from_slice(&[0; 16][..shift]);
        buffer.extend_from_slice(&frame);
        let bytes = &buffer[shift..];
        assert_eq!(
            ChatMessage::from_wire(bytes).unwrap(),
            ChatMessage::sample(),
            "misaligned by {shift}"
        );
        let view = RkyvCodec::new().view::<ChatMessage>(bytes).map(drop);
        let misalignment = shift;
        if misalignment == 0 {
            assert!(view.is_ok(), "{view:?}");
        } else {
            assert!(
                matches!(view, Err(CodecError::Unaligned { required: 16, misalignment: m }) if m == misalignment),
                "{shift}: {view:?}"
            );
        }
    }
}

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
