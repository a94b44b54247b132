//! The bodies of the cargo-fuzz targets (`fuzz/`), kept here so that `cargo test` replays the
//! seed corpus and every committed crash input through the very same code
//! (`tests/tests/fuzz_regressions.rs`). Each takes arbitrary bytes and panics only when wiremsg
//! breaks a promise: a decoder panicking, or a decoded value that does not encode again.

use crate::fixtures::aligned;
use crate::{AuditEvent, ChatMessage, Everything, Expr, RpcRequest};
use std::fmt::Debug;
use wiremsg::{Codec, CodecError, CodecKind, CompressedCodec, Compression, Header, HybridCodec};
use wiremsg::{Frames, Router, ZeroCopyBuffer, HEADER_LEN};
use wiremsg::{JsonCodec, RkyvCodec, RkyvMessage, WireMessage};

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// The fuzz targets by name, for replaying a corpus directory named after one.
pub const TARGETS: &[(&str, Target)] = &[
    ("header", header),
    ("hybrid_decode", hybrid_decode),
    ("registry", registry),
    ("zero_copy_buffer", zero_copy_buffer),
    ("compressed", compressed),
];

/// The header parser and frame splitter: a parsed header re-serializes to the bytes it came
/// from; a split frame accounts for every byte.
pub fn header(bytes: &[u8]) {
    if let Ok(header) = Header::parse(bytes) {
        assert_eq!(&header.to_bytes()[..], &bytes[..HEADER_LEN]);
    }
    if let Ok((header, payload)) = Header::split_frame(bytes) {
        assert_eq!(payload.len(), header.payload_len() as usize);
        assert_eq!(HEADER_LEN + payload.len(), bytes.len());
    }
}

/// Every decoder of the sample messages, a recursive type and a JSON-only type, on the
/// input as given and on an aligned copy.
pub fn hybrid_decode(bytes: &[u8]) {
    let aligned = aligned(bytes);
    decode_all::<ChatMessage>(bytes, &aligned);
    decode_all::<RpcRequest>(bytes, &aligned);
    decode_all::<Expr>(bytes, &aligned);
    if let Ok(audit) = AuditEvent::from_wire(bytes) {
        audit.to_wire().expect("a decoded value encodes again");
    }
}

fn decode_all<T: WireMessage + RkyvMessage>(bytes: &[u8], aligned: &[u8]) {
    if let Ok(value) = T::from_wire(bytes) {
        value.to_wire().expect("a decoded value encodes again");
    }
    let _ = Codec::<T>::decode(&RkyvCodec::new(), bytes);
    let _ = Codec::<T>::decode(&JsonCodec::new(), bytes);
    let _ = HybridCodec::new().view::<T>(aligned);
}

/// The global registry and a router over a stream of frames: transcoding to JSON, describing,
/// and dispatching every frame of the input (split as a stream) to typed and view handlers.
pub fn registry(bytes: &[u8]) {
    let registry = wiremsg::registry();
    let _ = registry.to_json(bytes);
    let _ = registry
        .describe(bytes)
        .map(|description| description.to_string());
    let mut router = Router::<usize>::new()
        .on(|chat: ChatMessage| Ok(chat.content.len()))
        .and_then(|router| router.on(|rpc: RpcRequest| Ok(rpc.method.len())))
        .and_then(|router| router.on_view::<Expr>(|_| Ok(0)))
        .expect("three distinct types register");
    for frame in Frames::new(bytes) {
        let Ok(frame) = frame else { break };
        let _ = router.dispatch(&aligned(frame));
        let _ = registry.to_json(frame);
    }
}

/// `ZeroCopyBuffer::from_bytes` on a received byte string, then every index viewed and decoded
/// as several types: the buffer keeps the bytes it was given, each frame's header is the one
/// parsed from its bytes, a frame that views also decodes, and what decodes encodes again.
pub fn zero_copy_buffer(bytes: &[u8]) {
    let Ok(buffer) = ZeroCopyBuffer::from_bytes(bytes) else {
        return;
    };
    assert_eq!(buffer.as_bytes(), bytes);
    assert_eq!(buffer.iter().len(), buffer.len());
    for index in 0..=buffer.len() {
        match buffer.frame(index) {
            Ok(frame) => {
                let (header, _) = Header::split_frame(frame).expect("a frame found is whole");
                assert_eq!(buffer.header(index).ok(), Some(header));
            }
            Err(error) => {
                assert_eq!(index, buffer.len());
                assert!(
                    matches!(error, CodecError::IndexOutOfRange { .. }),
                    "{error:?}"
                );
            }
        }
        view_and_get::<ChatMessage>(&buffer, index, true);
        view_and_get::<Expr>(&buffer, index, true);
        view_and_get::<Everything>(&buffer, index, true);
        // Its JSON text field may not parse even in a valid archive: a view need not decode.
        view_and_get::<RpcRequest>(&buffer, index, false);
        if let Ok(audit) = buffer.get::<AuditEvent>(index) {
            audit.to_wire().expect("a decoded value encodes again");
        }
    }
    let again =
        ZeroCopyBuffer::from_bytes(buffer.as_bytes()).expect("a buffer read once reads again");
    assert!(again.iter().eq(buffer.iter()));
}

fn view_and_get<T: WireMessage + RkyvMessage>(
    buffer: &ZeroCopyBuffer,
    index: usize,
    view_decodes: bool,
) {
    let viewed = buffer.view::<T>(index).is_ok();
    match buffer.get::<T>(index) {
        Ok(value) => {
            value.to_wire().expect("a decoded value encodes again");
        }
        Err(error) => assert!(
            !(viewed && view_decodes),
            "frame {index} views as {} but does not decode: {error}",
            T::TYPE_NAME
        ),
    }
}

/// The limit of the small-limit codec of [`compressed`].
pub const SMALL_DECOMPRESSED_LIMIT: usize = 300;

/// The limit of the other codecs of [`compressed`]: 1 MiB, not the default 64 MiB, so that
/// inputs declaring a large output (each costs an allocation of its size, zeroed, by design)
/// do not slow fuzzing to a crawl.
pub const FUZZ_DECOMPRESSED_LIMIT: usize = 1 << 20;

/// Compressed frames: the input as it is, and as the payload of a compressed frame whose header
/// (chosen by the first byte: algorithm, codec, message type) is valid, so that the fuzzer works
/// on the decompressors directly. Every compressed codec answers with a value or a typed error;
/// a codec with a small limit refuses exactly what declares more, agrees with the default one
/// otherwise, and a decoded value comes back the same through compression.
pub fn compressed(bytes: &[u8]) {
    compressed_as::<ChatMessage>(bytes);
    compressed_as::<RpcRequest>(bytes);
    compressed_as::<Expr>(bytes);
    let codec =
        CompressedCodec::new(HybridCodec::new()).with_max_decompressed(FUZZ_DECOMPRESSED_LIMIT);
    if let Ok(audit) = Codec::<AuditEvent>::decode(&codec, bytes) {
        audit.to_wire().expect("a decoded value encodes again");
    }
    let Some(frame) = selected_frame(bytes) else {
        return;
    };
    match bytes[0] >> 2 & 3 {
        0 => compressed_as::<ChatMessage>(&frame),
        1 => compressed_as::<RpcRequest>(&frame),
        _ => compressed_as::<Expr>(&frame),
    }
}

/// The second reading of a [`compressed`] input: its first byte selects the compression (bit 0:
/// LZ4 or zstd), the codec (bit 1: rkyv or JSON) and the message type (bits 2-3: `ChatMessage`,
/// `RpcRequest`, `Expr`, `Expr`), and the rest is the payload of a compressed frame of that type
/// with a valid header. `None` for empty input.
pub fn selected_frame(bytes: &[u8]) -> Option<Vec<u8>> {
    let (&selector, payload) = bytes.split_first()?;
    let algorithm = if selector & 1 == 0 {
        Compression::Lz4
    } else {
        Compression::Zstd
    };
    let codec = if selector & 2 == 0 {
        CodecKind::Rkyv
    } else {
        CodecKind::Json
    };
    Some(match selector >> 2 & 3 {
        0 => compressed_frame::<ChatMessage>(algorithm, codec, payload),
        1 => compressed_frame::<RpcRequest>(algorithm, codec, payload),
        _ => compressed_frame::<Expr>(algorithm, codec, payload),
    })
}

/// A frame of `T` whose payload `payload` is flagged as compressed with `algorithm`.
fn compressed_frame<T: WireMessage>(
    algorithm: Compression,
    codec: CodecKind,
    payload: &[u8],
) -> Vec<u8> {
    let header = Header::new(
        codec,
        T::TYPE_ID,
        T::SCHEMA_VERSION,
        T::LAYOUT_FINGERPRINT,
        u32::try_from(payload.len()).unwrap_or(u32::MAX),
    )
    .with_compression(Some(algorithm));
    let mut frame = header.to_bytes().to_vec();
    frame.extend_from_slice(payload);
    frame
}

fn compressed_as<T: WireMessage + RkyvMessage + PartialEq + Debug>(bytes: &[u8]) {
    let default =
        CompressedCodec::new(HybridCodec::new()).with_max_decompressed(FUZZ_DECOMPRESSED_LIMIT);
    let decoded = Codec::<T>::decode(&default, bytes);
    let small =
        CompressedCodec::new(HybridCodec::new()).with_max_decompressed(SMALL_DECOMPRESSED_LIMIT);
    match Codec::<T>::decode(&small, bytes) {
        Ok(value) => assert_eq!(decoded.as_ref().ok(), Some(&value), "the limits disagree"),
        Err(CodecError::DecompressedTooLarge {
            declared, limit, ..
        }) => {
            assert_eq!(limit, SMALL_DECOMPRESSED_LIMIT);
            assert!(declared as usize > limit);
        }
        Err(_) => {}
    }
    let rkyv =
        CompressedCodec::new(RkyvCodec::new()).with_max_decompressed(FUZZ_DECOMPRESSED_LIMIT);
    let _ = Codec::<T>::decode(&rkyv, bytes);
    let json =
        CompressedCodec::new(JsonCodec::new()).with_max_decompressed(FUZZ_DECOMPRESSED_LIMIT);
    let _ = Codec::<T>::decode(&json, bytes);
    if let Ok(value) = decoded {
        let again = default
            .clone()
            .with_threshold(0)
            .encode(&value)
            .expect("a decoded value encodes again");
        assert_eq!(Codec::<T>::decode(&default, &again).ok(), Some(value));
    }
}
