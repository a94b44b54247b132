//! One huge message does not pin its memory: scratch space that grew past 1 MiB for it is
//! released, by `to_wire` and by the stream encoder alike. rkyv's arena hands its grown blocks
//! back only when it is next acquired, so the release is measured across the huge encode and
//! the next one on the same thread. A test binary of its own, for its counting global
//! allocator.

use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::{Decoder, Encoder};
use wiremsg::framing::FrameCodec;
use wiremsg::{WireEncoder, WireMessage};
use wiremsg_tests::alloc::{measure, AllocStats, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Many short strings: rkyv keeps a resolver per string in its arena while it serializes, so
/// 600,000 of them need more than 1 MiB of arena as well as a frame of more than 1 MiB.
#[derive(WireMessage, Debug, PartialEq)]
struct Names {
    names: Vec<String>,
}

fn huge() -> Names {
    Names {
        names: (0..600_000).map(|i| format!("n{i}")).collect(),
    }
}

fn small() -> Names {
    Names {
        names: vec!["warm".into(), "up".into()],
    }
}

/// What may stay allocated besides the output: the fresh, empty scratch space that replaces
/// the released one (rkyv's arena starts at 1 KiB).
const SLACK: i64 = 64 * 1024;

/// The output (`len` bytes in `capacity`) is over 1 MiB, and besides it no more than [`SLACK`]
/// stayed allocated.
fn assert_only_the_output_stayed(stats: AllocStats, len: usize, capacity: usize) {
    assert!(len > 1 << 20, "the output is {len} bytes");
    assert!(
        stats.live_bytes <= capacity as i64 + SLACK,
        "{} bytes stayed allocated besides the {capacity}-byte output",
        stats.live_bytes
    );
}

#[test]
fn to_wire_releases_scratch_space_that_grew_past_1_mib() {
    let huge = huge();
    small().to_wire().unwrap(); // the thread's scratch space and metrics shard exist now

    let (frame, stats) = measure(|| {
        let frame = huge.to_wire().unwrap();
        // The next encode on this thread works as before, with fresh space.
        assert_eq!(
            Names::from_wire(&small().to_wire().unwrap()).unwrap(),
            small()
        );
        frame
    });
    assert_only_the_output_stayed(stats, frame.len(), frame.capacity());
    assert_eq!(Names::from_wire(&frame).unwrap(), huge);
}

#[test]
fn the_stream_encoder_releases_scratch_space_that_grew_past_1_mib() {
    let huge = huge();
    let mut codec = FrameCodec::new();
    codec.encode(&small(), &mut BytesMut::new()).unwrap();

    let (mut dst, stats) = measure(|| {
        let mut dst = BytesMut::new();
        codec.encode(&huge, &mut dst).unwrap();
        codec.encode(&small(), &mut dst).unwrap();
        dst
    });
    assert_only_the_output_stayed(stats, dst.len(), dst.capacity());
    let frame = codec.decode(&mut dst).unwrap().expect("a whole frame");
    assert_eq!(Names::from_wire(&frame).unwrap(), huge);
    let frame = codec
        .decode(&mut dst)
        .unwrap()
        .expect("a second whole frame");
    assert_eq!(Names::from_wire(&frame).unwrap(), small());
    assert!(dst.is_empty());
}

#[test]
fn a_wire_encoder_releases_scratch_space_that_grew_past_1_mib() {
    let huge = huge();
    let mut encoder = WireEncoder::new();
    encoder.encode(&small()).unwrap();

    let (frame, stats) = measure(|| {
        let frame = encoder.encode(&huge).unwrap().to_vec();
        // The next encode releases the huge buffer and arena, and works as before.
        let next = encoder.encode(&small()).unwrap();
        assert_eq!(Names::from_wire(next).unwrap(), small());
        frame
    });
    assert_only_the_output_stayed(stats, frame.len(), frame.capacity());
    assert_eq!(Names::from_wire(&frame).unwrap(), huge);
}
