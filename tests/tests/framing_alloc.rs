//! Encoding with the framing codecs allocates nothing per message in steady state: rkyv, JSON
//! and hybrid frames, one at a time or batched. A test binary of its own, for its counting
//! global allocator.

use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::Encoder;
use wiremsg::framing::{FrameCodec, WireCodec};
use wiremsg_tests::alloc::{measure, CountingAllocator};
use wiremsg_tests::fixtures::{audit, chat};
use wiremsg_tests::{AuditEvent, ChatMessage, Pair};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const ROUNDS: u64 = 10_000;

/// Encodes `messages` `ROUNDS` times into one reused buffer, cleared before each round as a
/// socket write would drain it, and returns the allocations after a warm-up round.
fn steady_state_allocations<M>(
    messages: &[M],
    mut encode: impl FnMut(&M, &mut BytesMut),
) -> (u64, usize) {
    let mut dst = BytesMut::new();
    let mut round = |dst: &mut BytesMut| {
        dst.clear();
        for message in messages {
            encode(message, dst);
        }
    };
    round(&mut dst); // grows the buffer, the scratch space and the thread's rkyv arena
    let bytes_per_round = dst.len();
    let ((), stats) = measure(|| (0..ROUNDS).for_each(|_| round(&mut dst)));
    (stats.allocations, bytes_per_round)
}

#[test]
fn encoding_rkyv_frames_allocates_nothing_per_message() {
    let mut codec = WireCodec::<ChatMessage>::new();
    let messages = [chat(1)];
    let (allocations, bytes) = steady_state_allocations(&messages, |m, dst| {
        codec.encode(m, dst).unwrap();
    });
    assert!(bytes > 16, "a frame was written: {bytes} bytes");
    assert_eq!(allocations, 0);
}

#[test]
fn encoding_json_frames_allocates_nothing_per_message() {
    let mut codec = WireCodec::<AuditEvent>::new();
    let messages = [audit(1)];
    let (allocations, bytes) = steady_state_allocations(&messages, |m, dst| {
        codec.encode(m, dst).unwrap();
    });
    assert!(bytes > 16, "a frame was written: {bytes} bytes");
    assert_eq!(allocations, 0);
}

#[test]
fn encoding_a_batch_of_mixed_frames_allocates_nothing_per_message() {
    let mut codec = FrameCodec::new();
    let messages: Vec<(ChatMessage, AuditEvent, Pair)> = (0..32)
        .map(|seq| (chat(seq), audit(seq), Pair(seq as u32, "pair".into())))
        .collect();
    let (allocations, bytes) = steady_state_allocations(&messages, |(c, a, p), dst| {
        codec.encode(c, dst).unwrap();
        codec.encode(a, dst).unwrap();
        codec.encode(p, dst).unwrap();
    });
    assert!(bytes > 32 * 3 * 16, "96 frames were written: {bytes} bytes");
    assert_eq!(allocations, 0);
}

#[test]
fn the_counting_allocator_sees_allocations() {
    // Guards the tests above against a counter that counts nothing.
    let (_, stats) = measure(|| chat(1).content.clone());
    assert!(stats.allocations >= 1);
}
