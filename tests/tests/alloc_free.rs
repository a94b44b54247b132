//! Steady-state encoding into a reused buffer performs no heap allocation.
//!
//! This test binary installs a counting global allocator. Counts are kept per thread, so the
//! test harness and tests running in parallel never enter a measurement.

use std::hint::black_box;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{Codec, HybridCodec, RkyvCodec, WireMessage};
use wiremsg_tests::alloc::{measure, CountingAllocator};
use wiremsg_tests::fixtures::chat;
use wiremsg_tests::ChatMessage;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Runs `f` and returns how many allocations this thread made meanwhile.
fn allocations_in(f: impl FnOnce()) -> u64 {
    measure(f).1.allocations
}

const ROUNDS: u64 = 1_000;

/// Encodes `ROUNDS` messages, clearing `buf` before each, and returns the allocations made after
/// a warm-up round has sized the buffer and this thread's arena.
fn steady_state_allocations(
    mut encode: impl FnMut(&ChatMessage, &mut AlignedVec) -> std::ops::Range<usize>,
) -> u64 {
    let msg = chat(0);
    let mut buf = AlignedVec::<16>::new();
    encode(&msg, &mut buf);
    let count = allocations_in(|| {
        for _ in 0..ROUNDS {
            buf.clear();
            black_box(encode(black_box(&msg), &mut buf));
        }
    });
    // The buffer holds a real, decodable frame: nothing was skipped.
    assert_eq!(ChatMessage::from_wire(&buf).unwrap(), msg);
    count
}

#[test]
fn the_counting_allocator_is_active() {
    let count = allocations_in(|| drop(black_box(Box::new(7_u64))));
    assert_eq!(count, 1, "the measurement would pass vacuously");
}

#[test]
fn rkyv_codec_encode_into_allocates_nothing_in_steady_state() {
    let codec = RkyvCodec::new();
    let count = steady_state_allocations(|msg, buf| codec.encode_into(msg, buf).unwrap());
    assert_eq!(count, 0);
}

#[test]
fn hybrid_codec_encode_into_allocates_nothing_in_steady_state() {
    let codec = HybridCodec::new();
    let count = steady_state_allocations(|msg, buf| codec.encode_into(msg, buf).unwrap());
    assert_eq!(count, 0);
}

#[test]
fn wire_message_encode_into_allocates_nothing_in_steady_state() {
    let count = steady_state_allocations(|msg, buf| msg.encode_into(buf).unwrap());
    assert_eq!(count, 0);
}

#[test]
fn a_wire_encoder_allocates_nothing_in_steady_state() {
    let mut encoder = wiremsg::WireEncoder::new();
    let count = steady_state_allocations(|msg, buf| encoder.encode_into(msg, buf).unwrap());
    assert_eq!(count, 0);
    // Into its own buffer as well, once that has grown to fit.
    let msg = chat(0);
    encoder.encode(&msg).unwrap();
    let count = allocations_in(|| {
        for _ in 0..ROUNDS {
            black_box(encoder.encode(black_box(&msg)).unwrap());
        }
    });
    assert_eq!(count, 0);
}

#[test]
fn appending_many_frames_into_reserved_space_allocates_nothing() {
    let msgs: Vec<ChatMessage> = (0..100).map(chat).collect();
    let mut buf = AlignedVec::<16>::new();
    for msg in &msgs {
        msg.encode_into(&mut buf).unwrap();
    }
    let mut ranges = Vec::with_capacity(msgs.len());
    let count = allocations_in(|| {
        buf.clear();
        for msg in &msgs {
            ranges.push(msg.encode_into(&mut buf).unwrap());
        }
    });
    assert_eq!(count, 0);
    for (msg, range) in msgs.iter().zip(ranges) {
        assert_eq!(range.start % 16, 0, "every frame starts 16-byte aligned");
        let view = HybridCodec::new().view::<ChatMessage>(&buf[range]).unwrap();
        assert_eq!(view.timestamp, msg.timestamp);
    }
}

#[test]
fn the_allocating_encode_allocates_for_comparison() {
    // The plain `encode` returns a fresh `Vec`: at least one allocation per call. This keeps the
    // zero counts above meaningful.
    let msg = chat(0);
    let codec = RkyvCodec::new();
    drop(codec.encode(&msg).unwrap());
    let count = allocations_in(|| drop(black_box(codec.encode(&msg).unwrap())));
    assert!(count >= 1);
}

#[test]
fn pooled_buffers_make_get_encode_return_allocation_free() {
    let pool = wiremsg::BufferPool::new();
    let msg = chat(0);
    black_box(msg.encode_into(&mut pool.get()).unwrap());
    let count = allocations_in(|| {
        for _ in 0..ROUNDS {
            let mut buf = pool.get();
            black_box(msg.encode_into(&mut buf).unwrap());
        }
    });
    assert_eq!(count, 0);
    assert_eq!(pool.stats().misses, 1);
}

/// A 24-byte LZ4 frame of `ChatMessage` declaring `declared` bytes uncompressed, with 4 bytes of
/// compressed payload.
fn lz4_chat_frame_declaring(declared: u32) -> Vec<u8> {
    use wiremsg::{CodecKind, Compression, Header};
    let header = Header::new(
        CodecKind::Rkyv,
        ChatMessage::TYPE_ID,
        ChatMessage::SCHEMA_VERSION,
        ChatMessage::LAYOUT_FINGERPRINT,
        8,
    )
    .with_compression(Some(Compression::Lz4));
    let mut frame = header.to_bytes().to_vec();
    frame.extend_from_slice(&declared.to_le_bytes());
    frame.extend_from_slice(&[0; 4]);
    frame
}

#[test]
fn an_oversized_compressed_frame_is_refused_without_allocating() {
    use wiremsg::CodecError;
    // A 24-byte frame claiming 4 GiB of LZ4 output.
    let frame = lz4_chat_frame_declaring(u32::MAX);
    // Warm up: this thread's metrics shard is allocated on its first decode.
    assert!(ChatMessage::from_wire(&frame).is_err());
    let mut result = None;
    let count = allocations_in(|| result = Some(ChatMessage::from_wire(&frame)));
    assert!(matches!(
        result,
        Some(Err(CodecError::DecompressedTooLarge { .. }))
    ));
    assert_eq!(count, 0, "refused before allocating anything");
}

#[test]
fn an_lz4_frame_declaring_more_than_lz4_can_expand_to_is_refused_before_allocating_it() {
    use wiremsg::CodecError;
    // 4 compressed bytes (LZ4 makes at most 1,020 of them) declaring 60 MiB: under the 64 MiB
    // limit, so only LZ4's own bound can refuse it.
    let frame = lz4_chat_frame_declaring(60 << 20);
    assert!(ChatMessage::from_wire(&frame).is_err());
    let mut result = None;
    let count = allocations_in(|| result = Some(ChatMessage::from_wire(&frame)));
    match result {
        Some(Err(error @ CodecError::Decompress { .. })) => {
            assert!(
                error
                    .to_string()
                    .contains("more than lz4 can expand to (1020)"),
                "{error}"
            );
        }
        other => panic!("expected a Decompress error, got {other:?}"),
    }
    // The only allocation is the error's text, never the 60 MiB.
    assert!(count <= 1, "{count} allocations");
}
