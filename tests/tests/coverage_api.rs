//! The small public surface the other suites leave out: accessors, `Default`, `Clone` and
//! `Debug` impls, content types and the names of codec kinds and compression algorithms. Each
//! test checks the value or text a caller relies on, e.g. in logs.

use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::{Decoder, Encoder};
use wiremsg::framing::{FrameCodec, FramingError, WireCodec, DEFAULT_MAX_FRAME_LENGTH};
use wiremsg::{
    BufferPool, Codec, CodecError, CodecKind, CompressedCodec, Compression, Header, HybridCodec,
    JsonCodec, RegistryEntry, RkyvCodec, Router, WireMessage, ZeroCopyBuffer,
    DEFAULT_MAX_DECOMPRESSED, HEADER_LEN,
};
use wiremsg_tests::{AuditEvent, ChatMessage, Heartbeat, Pair};

fn chat(content: &str) -> ChatMessage {
    ChatMessage {
        content: content.into(),
        ..ChatMessage::sample()
    }
}

// ---- codecs ----

#[test]
fn every_codec_names_its_content_type() {
    assert_eq!(
        Codec::<ChatMessage>::content_type(&HybridCodec::new()),
        "application/x-wiremsg"
    );
    assert_eq!(
        Codec::<ChatMessage>::content_type(&HybridCodec::default()),
        "application/x-wiremsg"
    );
    assert_eq!(
        Codec::<ChatMessage>::content_type(&JsonCodec::new()),
        "application/json"
    );
    assert_eq!(
        Codec::<ChatMessage>::content_type(&RkyvCodec::new()),
        "application/x-wiremsg+rkyv"
    );
    // A compressed codec says what its frames are once decompressed: the inner codec's type.
    assert_eq!(
        Codec::<ChatMessage>::content_type(&CompressedCodec::new(JsonCodec::new())),
        "application/json"
    );
    assert_eq!(
        Codec::<ChatMessage>::content_type(&CompressedCodec::new(RkyvCodec::new())),
        "application/x-wiremsg+rkyv"
    );
}

#[test]
fn a_compressed_codec_lends_out_the_codec_it_wraps() {
    let codec = CompressedCodec::new(JsonCodec::new()).with_threshold(0);
    let message = chat("hello");
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
    let message = chat("hi");
    let decoded: ChatMessage = HybridCodec::default()
        .decode(&message.to_wire().unwrap())
        .unwrap();
    assert_eq!(decoded, message);
}

// ---- codec kinds, compression, headers ----

#[test]
fn hybrid_is_a_strategy_with_no_wire_byte() {
    assert_eq!(CodecKind::Hybrid.wire_byte(), None);
    assert_eq!(CodecKind::Hybrid.name(), "hybrid");
    assert_eq!(CodecKind::Hybrid.to_string(), "hybrid");
    assert_eq!(CodecKind::Json.wire_byte(), Some(1));
    assert_eq!(CodecKind::Rkyv.wire_byte(), Some(2));
    for byte in [0, 3, 0xFF] {
        assert_eq!(CodecKind::from_wire_byte(byte), None, "byte {byte}");
    }
}

#[test]
fn a_header_built_with_the_hybrid_kind_says_rkyv() {
    let header = Header::new(CodecKind::Hybrid, 0xABCD_0123, 4, 0xBEEF, 12);
    assert_eq!(header.codec(), CodecKind::Rkyv);
    let bytes = header.to_bytes();
    assert_eq!(bytes[2], 2, "the rkyv codec byte");
    assert_eq!(Header::parse(&bytes).unwrap(), header);
}

#[test]
fn zstd_is_named_zstd() {
    assert_eq!(Compression::Zstd.name(), "zstd");
    assert_eq!(Compression::Zstd.to_string(), "zstd");
    assert_eq!(Compression::Zstd.flag_bits(), 0b10);
    assert_eq!(Compression::Lz4.name(), "lz4");
    assert_eq!(Compression::Lz4.to_string(), "lz4");
}

// ---- buffers and the pool ----

#[test]
fn a_buffer_made_with_capacity_appends_without_moving() {
    let mut buffer = ZeroCopyBuffer::with_capacity(4096);
    assert!(buffer.is_empty());
    assert_eq!(buffer.len(), 0);
    assert_eq!(buffer.as_bytes(), b"");
    let start = buffer.as_bytes().as_ptr();

    let index = buffer.append(&chat("one")).unwrap();
    buffer.append(&Pair(2, "two".into())).unwrap();
    assert_eq!(index, 0);
    assert_eq!(buffer.len(), 2);
    assert!(buffer.as_bytes().len() <= 4096);
    assert_eq!(
        buffer.as_bytes().as_ptr(),
        start,
        "the reserved space was used, not reallocated"
    );
    assert_eq!(buffer.get::<ChatMessage>(0).unwrap(), chat("one"));
    assert_eq!(buffer.get::<Pair>(1).unwrap(), Pair(2, "two".into()));
    assert!(buffer.into_bytes().capacity() >= 4096);
}

#[test]
fn pool_settings_and_hit_rate_are_reported() {
    let pool = BufferPool::builder()
        .max_buffers(3)
        .initial_capacity(64)
        .build();
    assert_eq!(pool.max_buffers(), 3);
    assert_eq!(BufferPool::new().max_buffers(), 64);
    // No `get` yet: nothing was allocated, which counts as a perfect hit rate.
    assert_eq!(pool.stats().hit_rate(), 1.0);
    drop(pool.get()); // a miss
    assert_eq!(pool.stats().hit_rate(), 0.0);
    drop(pool.get()); // a hit
    assert_eq!(pool.stats().hit_rate(), 0.5);
}

#[test]
fn pools_and_pooled_buffers_debug_print_their_state() {
    let pool = BufferPool::builder()
        .max_buffers(3)
        .max_buffer_capacity(4096)
        .initial_capacity(64)
        .build();
    assert_eq!(
        format!("{pool:?}"),
        "BufferPool { config: Config { max_buffers: 3, max_buffer_capacity: 4096, \
         initial_capacity: 64 }, stats: PoolStats { hits: 0, misses: 0, returns: 0, \
         discards: 0, available: 0 } }"
    );
    let mut buffer = pool.get();
    buffer.extend_from_slice(b"abc");
    assert_eq!(
        format!("{buffer:?}"),
        format!("PooledBuffer {{ len: 3, capacity: {} }}", buffer.capacity())
    );
    assert!(buffer.capacity() >= 64);
    drop(buffer);
    assert_eq!(
        format!("{pool:?}"),
        "BufferPool { config: Config { max_buffers: 3, max_buffer_capacity: 4096, \
         initial_capacity: 64 }, stats: PoolStats { hits: 0, misses: 1, returns: 1, \
         discards: 0, available: 1 } }"
    );
}

// ---- metrics ----

#[test]
fn performance_metrics_get_returns_each_kinds_own_counts() {
    let metrics = wiremsg::metrics();
    assert!(std::ptr::eq(metrics.get(CodecKind::Json), &metrics.json));
    assert!(std::ptr::eq(metrics.get(CodecKind::Rkyv), &metrics.rkyv));
    assert!(std::ptr::eq(
        metrics.get(CodecKind::Hybrid),
        &metrics.hybrid
    ));
}

// ---- registry and router ----

#[test]
fn a_registry_entry_debug_prints_every_field() {
    let entry = RegistryEntry::of::<AuditEvent>();
    assert_eq!(
        format!("{entry:?}"),
        format!(
            "RegistryEntry {{ name: \"AuditEvent\", type_id: 0x00000042, schema_version: 3, \
             codec: Json, layout_fingerprint: {:#06x}, rust_type: \"wiremsg_tests::AuditEvent\" }}",
            AuditEvent::LAYOUT_FINGERPRINT
        )
    );
    assert_eq!(entry.rust_type_name(), "wiremsg_tests::AuditEvent");
}

#[test]
fn a_router_lists_its_types_and_debug_prints_them() {
    let router = Router::<&'static str>::new()
        .on::<ChatMessage>(|_| Ok("chat"))
        .unwrap()
        .on::<Heartbeat>(|_| Ok("beat"))
        .unwrap();
    let types = router.types();
    assert_eq!(types.len(), 2);
    assert_eq!(
        types.get(ChatMessage::TYPE_ID).map(RegistryEntry::name),
        Some("ChatMessage")
    );
    assert_eq!(
        types.get(Heartbeat::TYPE_ID).map(RegistryEntry::name),
        Some("Heartbeat")
    );
    assert!(types.get(AuditEvent::TYPE_ID).is_none());

    // Types are listed in type id order.
    let mut names = [
        (ChatMessage::TYPE_ID, "ChatMessage"),
        (Heartbeat::TYPE_ID, "Heartbeat"),
    ];
    names.sort();
    let names = names.map(|(_, name)| name);
    assert_eq!(
        format!("{router:?}"),
        format!("Router {{ types: {names:?}, fallback: false }}")
    );
    let router = router.fallback(|_, _| Ok("other"));
    assert_eq!(
        format!("{router:?}"),
        format!("Router {{ types: {names:?}, fallback: true }}")
    );
}

// ---- framing ----

#[test]
fn frame_codec_default_clone_and_debug_keep_the_limit() {
    assert_eq!(
        FrameCodec::default().max_frame_length(),
        DEFAULT_MAX_FRAME_LENGTH
    );
    let codec = FrameCodec::with_max_frame_length(64);
    assert_eq!(
        format!("{codec:?}"),
        "FrameCodec { max_frame_length: 64, .. }"
    );
    let mut clone = codec.clone();
    assert_eq!(clone.max_frame_length(), 64);
    let mut dst = BytesMut::new();
    let error = clone.encode(&chat(&"x".repeat(100)), &mut dst).unwrap_err();
    assert!(
        matches!(error, FramingError::FrameTooLong { max: 64, len } if len > 64),
        "{error:?}"
    );
    assert!(dst.is_empty(), "nothing written on error");
}

#[test]
fn frame_codec_decode_eof_yields_a_last_whole_frame() {
    let frame = chat("last").to_wire().unwrap();
    let mut src = BytesMut::from(&frame[..]);
    let mut codec = FrameCodec::new();
    let decoded = codec.decode_eof(&mut src).unwrap();
    assert_eq!(decoded.as_deref(), Some(&frame[..]));
    assert!(src.is_empty());
    assert_eq!(codec.decode_eof(&mut src).unwrap(), None);
}

#[test]
fn wire_codec_default_clone_and_debug_keep_the_limit() {
    let default = WireCodec::<ChatMessage>::default();
    assert_eq!(default.max_frame_length(), DEFAULT_MAX_FRAME_LENGTH);
    assert_eq!(
        format!("{default:?}"),
        format!(
            "WireCodec {{ type: \"wiremsg_tests::ChatMessage\", max_frame_length: {DEFAULT_MAX_FRAME_LENGTH}, limits: {:?} }}",
            wiremsg::Limits::DEFAULT
        )
    );

    let codec = WireCodec::<ChatMessage>::with_max_frame_length(64);
    let mut clone = codec.clone();
    assert_eq!(clone.max_frame_length(), 64);
    let mut dst = BytesMut::new();
    let error = clone.encode(chat(&"x".repeat(100)), &mut dst).unwrap_err();
    assert!(
        matches!(error, FramingError::FrameTooLong { max: 64, .. }),
        "{error:?}"
    );
    clone.encode(chat("ok"), &mut dst).unwrap();
    assert_eq!(clone.decode(&mut dst).unwrap(), Some(chat("ok")));
}

#[test]
fn wire_codec_decode_eof_yields_a_last_whole_message() {
    let mut src = BytesMut::new();
    let mut codec = WireCodec::<ChatMessage>::new();
    codec.encode(&chat("last"), &mut src).unwrap();
    assert!(src.len() > HEADER_LEN);
    assert_eq!(codec.decode_eof(&mut src).unwrap(), Some(chat("last")));
    assert!(src.is_empty());
    assert_eq!(codec.decode_eof(&mut src).unwrap(), None);
}
