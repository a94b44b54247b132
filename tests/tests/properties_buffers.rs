//! Property tests of the buffer and compression paths: for generated messages, `CompressedCodec`
//! (LZ4, and zstd with the `zstd` feature), `encode_into` into a pooled buffer and a
//! `ZeroCopyBuffer` sent as bytes and read back are the identity; any mutation, truncation or
//! extension of a compressed frame or of a `ZeroCopyBuffer`'s bytes is a typed error or a valid
//! value, never a panic (truncations and extensions always an error, at the exact frame).

mod strategies;

use proptest::collection::vec;
use proptest::prelude::*;
use std::fmt::Debug;
use std::ops::Range;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    BufferPool, Codec, CodecError, CodecKind, CompressedCodec, Header, HybridCodec, JsonCodec,
    RkyvCodec, RkyvMessage, WireMessage, ZeroCopyBuffer, DEFAULT_COMPRESSION_THRESHOLD, HEADER_LEN,
};
use wiremsg_tests::fixtures::lz4_without_threshold;
use wiremsg_tests::{AuditEvent, ChatMessage, Everything, Expr, RpcRequest};

/// A message of any of the test types.
#[derive(Debug, Clone, PartialEq)]
enum Msg {
    Chat(ChatMessage),
    Rpc(RpcRequest),
    Expr(Expr),
    Everything(Everything),
    /// JSON-only: no rkyv support, so never viewable.
    Audit(AuditEvent),
}

/// Runs `$body` with `$v` bound to the message inside `$msg`, whatever its type.
macro_rules! with_msg {
    ($msg:expr, $v:ident => $body:expr) => {
        match $msg {
            Msg::Chat($v) => $body,
            Msg::Rpc($v) => $body,
            Msg::Expr($v) => $body,
            Msg::Everything($v) => $body,
            Msg::Audit($v) => $body,
        }
    };
}

/// How a message is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Way {
    /// `HybridCodec`: rkyv, or a JSON frame for a JSON-only type.
    Hybrid,
    /// `RkyvCodec` (refused for a JSON-only type).
    Rkyv,
    /// `JsonCodec`: bare JSON text, no header.
    BareJson,
    /// `CompressedCodec<HybridCodec>`, LZ4, compressing any payload when that pays.
    Lz4,
    /// The same with zstd.
    #[cfg(feature = "zstd")]
    Zstd,
}

#[cfg(feature = "zstd")]
fn zstd() -> CompressedCodec<HybridCodec> {
    CompressedCodec::zstd(HybridCodec::new(), 3).with_threshold(0)
}

fn msg() -> impl Strategy<Value = Msg> {
    use strategies::*;
    prop_oneof![
        chat().prop_map(Msg::Chat),
        compressible_chat().prop_map(Msg::Chat),
        rpc().prop_map(Msg::Rpc),
        expr().prop_map(Msg::Expr),
        everything().prop_map(Msg::Everything),
        audit().prop_map(Msg::Audit),
    ]
}

fn way() -> impl Strategy<Value = Way> {
    proptest::sample::select(vec![
        Way::Hybrid,
        Way::Rkyv,
        Way::BareJson,
        Way::Lz4,
        #[cfg(feature = "zstd")]
        Way::Zstd,
    ])
}

/// What `way` writes for `msg`, as `Codec::encode` returns it.
fn encode(msg: &Msg, way: Way) -> Result<Vec<u8>, CodecError> {
    match (way, msg) {
        (Way::Rkyv, Msg::Chat(v)) => RkyvCodec::new().encode(v),
        (Way::Rkyv, Msg::Rpc(v)) => RkyvCodec::new().encode(v),
        (Way::Rkyv, Msg::Expr(v)) => RkyvCodec::new().encode(v),
        (Way::Rkyv, Msg::Everything(v)) => RkyvCodec::new().encode(v),
        (Way::Rkyv, Msg::Audit(_)) => Err(CodecError::RkyvUnsupported {
            type_name: AuditEvent::TYPE_NAME,
        }),
        (Way::Hybrid, msg) => with_msg!(msg, v => HybridCodec::new().encode(v)),
        (Way::BareJson, msg) => with_msg!(msg, v => JsonCodec::new().encode(v)),
        (Way::Lz4, msg) => with_msg!(msg, v => lz4_without_threshold().encode(v)),
        #[cfg(feature = "zstd")]
        (Way::Zstd, msg) => with_msg!(msg, v => zstd().encode(v)),
    }
}

/// What `way` appends to `buf` with `Codec::encode_into`.
fn encode_into(msg: &Msg, way: Way, buf: &mut AlignedVec) -> Result<Range<usize>, CodecError> {
    match (way, msg) {
        (Way::Rkyv, Msg::Chat(v)) => RkyvCodec::new().encode_into(v, buf),
        (Way::Rkyv, Msg::Rpc(v)) => RkyvCodec::new().encode_into(v, buf),
        (Way::Rkyv, Msg::Expr(v)) => RkyvCodec::new().encode_into(v, buf),
        (Way::Rkyv, Msg::Everything(v)) => RkyvCodec::new().encode_into(v, buf),
        (Way::Rkyv, Msg::Audit(_)) => Err(CodecError::RkyvUnsupported {
            type_name: AuditEvent::TYPE_NAME,
        }),
        // `WireMessage::encode_into` is the hybrid codec's.
        (Way::Hybrid, msg) => with_msg!(msg, v => v.encode_into(buf)),
        (Way::BareJson, msg) => with_msg!(msg, v => JsonCodec::new().encode_into(v, buf)),
        (Way::Lz4, msg) => with_msg!(msg, v => lz4_without_threshold().encode_into(v, buf)),
        #[cfg(feature = "zstd")]
        (Way::Zstd, msg) => with_msg!(msg, v => zstd().encode_into(v, buf)),
    }
}

/// `ZeroCopyBuffer::append_with` of `msg` as `way` writes it.
fn append(msg: &Msg, way: Way, buffer: &mut ZeroCopyBuffer) -> Result<usize, CodecError> {
    match (way, msg) {
        (Way::Rkyv, Msg::Chat(v)) => buffer.append_with(&RkyvCodec::new(), v),
        (Way::Rkyv, Msg::Rpc(v)) => buffer.append_with(&RkyvCodec::new(), v),
        (Way::Rkyv, Msg::Expr(v)) => buffer.append_with(&RkyvCodec::new(), v),
        (Way::Rkyv, Msg::Everything(v)) => buffer.append_with(&RkyvCodec::new(), v),
        (Way::Rkyv, Msg::Audit(_)) => Err(CodecError::RkyvUnsupported {
            type_name: AuditEvent::TYPE_NAME,
        }),
        (Way::Hybrid, msg) => with_msg!(msg, v => buffer.append(v)),
        (Way::BareJson, msg) => with_msg!(msg, v => buffer.append_with(&JsonCodec::new(), v)),
        (Way::Lz4, msg) => with_msg!(msg, v => buffer.append_with(&lz4_without_threshold(), v)),
        #[cfg(feature = "zstd")]
        (Way::Zstd, msg) => with_msg!(msg, v => buffer.append_with(&zstd(), v)),
    }
}

/// Whether `way` cannot write `msg`, and the error it gives then.
fn refused(msg: &Msg, way: Way) -> bool {
    way == Way::Rkyv && matches!(msg, Msg::Audit(_))
}

/// Decodes `bytes` as the type of `like`.
fn decode_like(like: &Msg, bytes: &[u8]) -> Result<Msg, CodecError> {
    Ok(match like {
        Msg::Chat(_) => Msg::Chat(HybridCodec::new().decode(bytes)?),
        Msg::Rpc(_) => Msg::Rpc(HybridCodec::new().decode(bytes)?),
        Msg::Expr(_) => Msg::Expr(HybridCodec::new().decode(bytes)?),
        Msg::Everything(_) => Msg::Everything(HybridCodec::new().decode(bytes)?),
        Msg::Audit(_) => Msg::Audit(HybridCodec::new().decode(bytes)?),
    })
}

/// The frame at `index` of `buffer`, owned, as the type of `like`.
fn get_like(like: &Msg, buffer: &ZeroCopyBuffer, index: usize) -> Result<Msg, CodecError> {
    Ok(match like {
        Msg::Chat(_) => Msg::Chat(buffer.get(index)?),
        Msg::Rpc(_) => Msg::Rpc(buffer.get(index)?),
        Msg::Expr(_) => Msg::Expr(buffer.get(index)?),
        Msg::Everything(_) => Msg::Everything(buffer.get(index)?),
        Msg::Audit(_) => Msg::Audit(buffer.get(index)?),
    })
}

/// Views the frame at `index` of `buffer` as the type of `like`; `None` for a JSON-only type.
fn view_like(like: &Msg, buffer: &ZeroCopyBuffer, index: usize) -> Option<Result<(), CodecError>> {
    Some(match like {
        Msg::Chat(_) => buffer.view::<ChatMessage>(index).map(drop),
        Msg::Rpc(_) => buffer.view::<RpcRequest>(index).map(drop),
        Msg::Expr(_) => buffer.view::<Expr>(index).map(drop),
        Msg::Everything(_) => buffer.view::<Everything>(index).map(drop),
        Msg::Audit(_) => return None,
    })
}

/// A zero-copy view of an aligned frame as the type of `like`; `None` for a JSON-only type.
fn view_bytes_like(like: &Msg, bytes: &[u8]) -> Option<Result<(), CodecError>> {
    let codec = HybridCodec::new();
    Some(match like {
        Msg::Chat(_) => codec.view::<ChatMessage>(bytes).map(drop),
        Msg::Rpc(_) => codec.view::<RpcRequest>(bytes).map(drop),
        Msg::Expr(_) => codec.view::<Expr>(bytes).map(drop),
        Msg::Everything(_) => codec.view::<Everything>(bytes).map(drop),
        Msg::Audit(_) => return None,
    })
}

/// Every reader of one type on `bytes`: a value or a typed error, and a value re-encodes.
fn readers_survive<T: WireMessage + RkyvMessage>(bytes: &[u8]) -> Vec<Result<(), CodecError>> {
    let reencodes = |value: T| value.to_wire().map(drop);
    let mut aligned = AlignedVec::<16>::with_capacity(bytes.len());
    aligned.extend_from_slice(bytes);
    vec![
        T::from_wire(bytes).and_then(reencodes),
        Codec::<T>::decode(&lz4_without_threshold(), bytes).and_then(reencodes),
        Codec::<T>::decode(&lz4_without_threshold().with_max_decompressed(64), bytes)
            .and_then(reencodes),
        Codec::<T>::decode(&RkyvCodec::new(), bytes).and_then(reencodes),
        Codec::<T>::decode(&JsonCodec::new(), bytes).and_then(reencodes),
        Codec::<T>::decode(&HybridCodec::new().with_max_decompressed(64), bytes)
            .and_then(reencodes),
        HybridCodec::new().view::<T>(&aligned).map(drop),
    ]
}

/// The compressed codecs under test, by name.
fn compressed_codecs() -> Vec<(&'static str, CompressedCodec<HybridCodec>)> {
    vec![
        (
            "lz4, default threshold",
            CompressedCodec::new(HybridCodec::new()),
        ),
        ("lz4, threshold 0", lz4_without_threshold()),
        #[cfg(feature = "zstd")]
        ("zstd, threshold 0", zstd()),
        #[cfg(feature = "zstd")]
        (
            "zstd level 19",
            CompressedCodec::zstd(HybridCodec::new(), 19).with_threshold(0),
        ),
    ]
}

/// Through every compressed codec, `value` comes back the same, and every reader decompresses.
fn compressed_round_trip<T>(value: &T)
where
    T: WireMessage + PartialEq + Debug,
{
    let plain = HybridCodec::new().encode(value).unwrap();
    for (name, codec) in compressed_codecs() {
        let frame = codec.encode(value).unwrap();
        let header = Header::parse(&frame).unwrap();
        let plain_header = Header::parse(&plain).unwrap();
        assert_eq!(
            header.with_compression(None).with_payload_len(0),
            plain_header.with_payload_len(0),
            "{name}"
        );
        match header.compression() {
            None => assert_eq!(
                frame, plain,
                "{name}: an uncompressed frame is the plain frame"
            ),
            Some(_) => {
                assert!(
                    frame.len() < plain.len(),
                    "{name}: compression made it no smaller"
                );
                let declared =
                    u32::from_le_bytes(frame[HEADER_LEN..HEADER_LEN + 4].try_into().unwrap());
                assert_eq!(declared as usize, plain.len() - HEADER_LEN, "{name}");
            }
        }
        assert_eq!(
            &Codec::<T>::decode(&codec, &frame).unwrap(),
            value,
            "{name}"
        );
        assert_eq!(&T::from_wire(&frame).unwrap(), value, "{name}");
        if header.codec() == CodecKind::Json {
            assert_eq!(
                &Codec::<T>::decode(&JsonCodec::new(), &frame).unwrap(),
                value,
                "{name}"
            );
        }
    }
    // Bare JSON has no header to flag: it passes through, and is read back.
    let codec = CompressedCodec::new(JsonCodec::new()).with_threshold(0);
    let json = codec.encode(value).unwrap();
    assert_eq!(json, serde_json::to_vec(value).unwrap());
    assert_eq!(&Codec::<T>::decode(&codec, &json).unwrap(), value);
}

/// Frames of `value` through the compressed codecs that did compress.
fn compressed_frames<T: WireMessage>(value: &T) -> Vec<Vec<u8>> {
    compressed_codecs()
        .into_iter()
        .map(|(_, codec)| codec.encode(value).unwrap())
        .filter(|frame| Header::parse(frame).unwrap().compression().is_some())
        .collect()
}

/// Mutations, every truncation and extensions of the compressed frames of `value`.
fn hostile_compressed<T>(value: &T, mutations: &[(usize, u8)], tail: &[u8], declared: u32)
where
    T: WireMessage + RkyvMessage,
{
    for frame in compressed_frames(value) {
        for &(index, byte) in mutations {
            let mut mutated = frame.clone();
            let index = index % mutated.len();
            mutated[index] ^= byte.max(1);
            let _ = readers_survive::<T>(&mutated);
        }
        for len in 0..frame.len() {
            for result in readers_survive::<T>(&frame[..len]) {
                assert!(
                    result.is_err(),
                    "a compressed frame cut to {len} bytes decoded"
                );
            }
        }
        let mut extended = frame.clone();
        extended.extend_from_slice(tail);
        for result in readers_survive::<T>(&extended) {
            assert!(
                matches!(
                    result,
                    Err(CodecError::TrailingBytes { .. } | CodecError::CompressedView { .. })
                ),
                "an extended compressed frame gave {result:?}"
            );
        }
        // A length prefix above the limit is refused before decompressing.
        let header = Header::parse(&frame).unwrap();
        let mut claiming = frame.clone();
        claiming[HEADER_LEN..HEADER_LEN + 4].copy_from_slice(&declared.to_le_bytes());
        let limit = (declared as usize).saturating_sub(1);
        let small = CompressedCodec::new(HybridCodec::new()).with_max_decompressed(limit);
        let err = Codec::<T>::decode(&small, &claiming).err();
        assert!(
            matches!(
                err,
                Some(CodecError::DecompressedTooLarge { algorithm, declared: d, limit: l })
                    if Some(algorithm) == header.compression() && d == declared && l == limit
            ),
            "{err:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn compressed_codecs_round_trip(msg in msg()) {
        with_msg!(&msg, v => compressed_round_trip(v));
    }

    #[test]
    fn long_repetitive_payloads_are_compressed(chat in strategies::compressible_chat()) {
        prop_assume!(chat.content.len() > DEFAULT_COMPRESSION_THRESHOLD);
        for (name, codec) in compressed_codecs() {
            let frame = codec.encode(&chat).unwrap();
            prop_assert!(Header::parse(&frame).unwrap().compression().is_some(), "{name}");
        }
    }

    #[test]
    fn encode_into_a_pooled_buffer_is_the_identity(
        items in vec((msg(), way()), 0..8),
        junk in vec(any::<u8>(), 0..40),
    ) {
        let pool = BufferPool::builder().max_buffers(1).build();
        for round in 0..2 {
            let mut buf = pool.get();
            prop_assert!(buf.is_empty(), "a pooled buffer comes back cleared");
            buf.extend_from_slice(&junk);
            let mut frames = Vec::new();
            for (msg, way) in &items {
                let before = buf.len();
                let result = encode_into(msg, *way, &mut buf);
                if refused(msg, *way) {
                    prop_assert!(matches!(result, Err(CodecError::RkyvUnsupported { .. })), "{result:?}");
                    prop_assert_eq!(buf.len(), before, "a failed encode_into left bytes behind");
                    continue;
                }
                let range = result.unwrap();
                prop_assert_eq!(range.start % 16, 0);
                prop_assert!(range.start >= before && range.start - before < 16);
                prop_assert!(buf[before..range.start].iter().all(|&b| b == 0), "padding is zero");
                prop_assert_eq!(range.end, buf.len());
                prop_assert_eq!(&buf[range.clone()], &encode(msg, *way).unwrap()[..]);
                frames.push((msg, range));
            }
            prop_assert_eq!(&buf[..junk.len()], &junk[..], "what was in the buffer is kept");
            for (msg, range) in frames {
                let bytes = &buf[range];
                prop_assert_eq!(&decode_like(msg, bytes).unwrap(), msg);
                let plain_rkyv = Header::parse(bytes)
                    .is_ok_and(|h| h.codec() == CodecKind::Rkyv && h.compression().is_none());
                if let Some(viewed) = view_bytes_like(msg, bytes) {
                    // Aligned in the buffer: a plain rkyv frame views in place.
                    prop_assert_eq!(viewed.is_ok(), plain_rkyv, "{:?}", viewed);
                }
            }
            drop(buf);
            let stats = pool.stats();
            prop_assert_eq!((stats.hits, stats.misses, stats.returns), (round, 1, round + 1));
        }
    }

    #[test]
    fn zero_copy_buffers_round_trip_through_bytes(
        items in vec((msg(), way()), 0..8),
        shift in 0..16usize,
    ) {
        let mut buffer = ZeroCopyBuffer::new();
        let mut kept = Vec::new();
        for (msg, way) in &items {
            let before = buffer.as_bytes().to_vec();
            let result = append(msg, *way, &mut buffer);
            if refused(msg, *way) || *way == Way::BareJson {
                prop_assert!(
                    matches!(result, Err(CodecError::RkyvUnsupported { .. } | CodecError::BadMagic { .. })),
                    "{result:?}"
                );
                prop_assert_eq!(buffer.as_bytes(), &before[..], "a failed append left bytes behind");
                continue;
            }
            prop_assert_eq!(result.unwrap(), kept.len());
            prop_assert_eq!(buffer.frame(kept.len()).unwrap(), &encode(msg, *way).unwrap()[..]);
            kept.push(msg.clone());
        }
        prop_assert_eq!(buffer.as_bytes().len() % 16, 0);

        // Received at any alignment.
        let mut shifted = vec![0xAA; shift];
        shifted.extend_from_slice(buffer.as_bytes());
        let received = ZeroCopyBuffer::from_bytes(&shifted[shift..]).unwrap();
        prop_assert_eq!(received.len(), kept.len());
        prop_assert_eq!(received.as_bytes(), buffer.as_bytes());
        prop_assert!(received.iter().eq(buffer.iter()));
        for (index, msg) in kept.iter().enumerate() {
            prop_assert_eq!(&get_like(msg, &received, index).unwrap(), msg);
            prop_assert_eq!(received.frame(index).unwrap(), buffer.frame(index).unwrap());
            let header = received.header(index).unwrap();
            if let Some(viewed) = view_like(msg, &received, index) {
                match (header.codec(), header.compression()) {
                    (CodecKind::Rkyv, None) => prop_assert!(viewed.is_ok(), "{:?}", viewed),
                    (_, Some(_)) => prop_assert!(matches!(viewed, Err(CodecError::CompressedView { .. })), "{:?}", viewed),
                    _ => prop_assert!(matches!(viewed, Err(CodecError::WrongCodec { .. })), "{:?}", viewed),
                }
            }
            // As another type: the wrong type, named.
            let other = if matches!(msg, Msg::Chat(_)) { 1 } else { 0 };
            let others = [Msg::Chat(placeholder_chat()), Msg::Expr(Expr::Num(0))];
            let wrong = get_like(&others[other], &received, index);
            prop_assert!(matches!(wrong, Err(CodecError::WrongType { .. })), "{:?}", wrong);
            let wrong = view_like(&others[other], &received, index).unwrap();
            prop_assert!(matches!(wrong, Err(CodecError::WrongType { .. })), "{:?}", wrong);
        }
        let past = received.get::<ChatMessage>(kept.len());
        prop_assert!(
            matches!(past, Err(CodecError::IndexOutOfRange { index, len }) if index == kept.len() && len == kept.len()),
            "{:?}", past
        );
    }

    #[test]
    fn hostile_compressed_chat_frames_never_panic(
        value in strategies::compressible_chat(),
        mutations in vec((any::<usize>(), any::<u8>()), 1..32),
        tail in vec(any::<u8>(), 1..16),
        declared in 1u32..,
    ) {
        hostile_compressed(&value, &mutations, &tail, declared);
    }

    #[test]
    fn hostile_compressed_nested_frames_never_panic(
        value in strategies::everything(),
        mutations in vec((any::<usize>(), any::<u8>()), 1..32),
        tail in vec(any::<u8>(), 1..16),
        declared in 1u32..,
    ) {
        hostile_compressed(&value, &mutations, &tail, declared);
    }

    #[test]
    fn hostile_zero_copy_buffer_bytes_never_panic(
        items in vec((msg(), way()), 1..5),
        mutations in vec((any::<usize>(), any::<u8>()), 1..32),
        tail in vec(any::<u8>(), 1..40),
    ) {
        let mut buffer = ZeroCopyBuffer::new();
        let kept: Vec<Msg> = items
            .iter()
            .filter(|(msg, way)| append(msg, *way, &mut buffer).is_ok())
            .map(|(msg, _)| msg.clone())
            .collect();
        let bytes = buffer.as_bytes();
        // Where each frame starts and ends, and where its padding ends.
        let mut bounds = Vec::new();
        for index in 0..buffer.len() {
            let frame = buffer.frame(index).unwrap();
            let start = frame.as_ptr() as usize - bytes.as_ptr() as usize;
            bounds.push((start, start + frame.len(), (start + frame.len()).next_multiple_of(16)));
        }

        // Truncated: whole frames are read back, a cut frame is an error naming it.
        for len in 0..bytes.len() {
            let whole = bounds.iter().take_while(|&&(_, _, padded)| padded <= len).count();
            match ZeroCopyBuffer::from_bytes(&bytes[..len]) {
                Ok(read) => {
                    prop_assert!(whole == bounds.len() || bounds[whole].0 == len, "{len}");
                    prop_assert_eq!(read.len(), whole);
                }
                Err(CodecError::InBuffer { index, offset, source }) => {
                    prop_assert_eq!((index, offset), (whole, bounds[whole].0), "{}", source);
                    prop_assert!(matches!(
                        *source,
                        CodecError::TruncatedHeader { .. } | CodecError::TruncatedPayload { .. } | CodecError::BadPadding { .. }
                    ), "{:?}", source);
                }
                Err(other) => prop_assert!(false, "{other:?}"),
            }
        }

        // Extended: the extra bytes are a bad frame after the last one.
        let mut extended = bytes.to_vec();
        extended.extend_from_slice(&tail);
        let err = ZeroCopyBuffer::from_bytes(&extended).err();
        prop_assert!(
            matches!(&err, Some(CodecError::InBuffer { index, offset, .. }) if *index == kept.len() && *offset == bytes.len()),
            "{:?}", err
        );

        // Mutated: a value or a typed error for every index and type; nonzero padding is found.
        for &(at, byte) in mutations.iter().filter(|_| !bytes.is_empty()) {
            let mut mutated = bytes.to_vec();
            let at = at % mutated.len();
            mutated[at] ^= byte.max(1);
            let in_padding = bounds.iter().position(|&(_, end, padded)| (end..padded).contains(&at));
            match ZeroCopyBuffer::from_bytes(&mutated) {
                Ok(read) => {
                    prop_assert!(in_padding.is_none(), "nonzero padding at {at} was accepted");
                    for index in 0..=read.len() {
                        for like in &kept {
                            let _ = get_like(like, &read, index);
                            let _ = view_like(like, &read, index);
                        }
                    }
                }
                Err(CodecError::InBuffer { index, source, .. }) => {
                    if let Some(frame) = in_padding {
                        // Frames before it are intact, unless the mutation made an earlier
                        // header claim more bytes, which cannot be: it is in the padding.
                        prop_assert_eq!(index, frame);
                        prop_assert!(
                            matches!(*source, CodecError::BadPadding { offset } if offset == at),
                            "{:?}", source
                        );
                    }
                }
                Err(other) => prop_assert!(false, "{other:?}"),
            }
        }
    }
}

/// A chat message, for asking a buffer for "the other type".
fn placeholder_chat() -> ChatMessage {
    ChatMessage {
        id: String::new(),
        content: String::new(),
        timestamp: 0,
        sender: String::new(),
        room_id: String::new(),
    }
}
