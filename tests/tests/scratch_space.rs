//! The thread's encoding scratch space: a message encoded inside another's encode, or from a
//! thread-local destructor once the space is gone, is framed as any other. An output buffer that
//! grew past 1 MiB is kept while frames of its size keep coming (a service sending multi-MiB
//! frames does not regrow it each time), released after 16 encodes in a row that use less than
//! a quarter of it, and at once when it grew past 64 MiB: one huge message does not pin its
//! memory. rkyv's arena hands its grown blocks back only when it is next acquired, so releases
//! are measured across the huge encode and the next ones on the same thread. A test binary of
//! its own, for its counting global allocator.

use serde::de::Error as _;
use serde::ser::Error as _;
use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::{Decoder, Encoder};
use wiremsg::framing::FrameCodec;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{CodecError, CodecKind, Header, HybridCodec, WireEncoder, WireMessage};
use wiremsg_tests::alloc::{measure, AllocStats, CountingAllocator};
use wiremsg_tests::fixtures::chat_saying;
use wiremsg_tests::ChatMessage;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Encodes in a row, each using under a quarter of a kept buffer, after which it is released.
const IDLE_ENCODES: usize = 16;

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

/// Bytes, archived by one copy without the arena: what stays allocated is the output buffer's.
#[derive(WireMessage, Debug, PartialEq)]
struct Blob {
    bytes: Vec<u8>,
}

fn blob(len: usize) -> Blob {
    Blob {
        bytes: (0..len).map(|i| i as u8).collect(),
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

/// `encode` once more than [`IDLE_ENCODES`] small messages, checking each.
fn encode_small_ones(mut encode: impl FnMut(&Names) -> Vec<u8>) {
    for _ in 0..IDLE_ENCODES {
        assert_eq!(Names::from_wire(&encode(&small())).unwrap(), small());
    }
}

#[test]
fn to_wire_keeps_a_large_buffer_while_large_frames_keep_coming() {
    let blob = blob(3 << 20);
    blob.to_wire().unwrap(); // the buffer grows to fit
    for _ in 0..IDLE_ENCODES + 2 {
        let (frame, stats) = measure(|| blob.to_wire().unwrap());
        assert_eq!(stats.allocations, 1, "only the returned frame: {stats:?}");
        assert!(frame.len() > 3 << 20);
    }
    assert_eq!(Blob::from_wire(&blob.to_wire().unwrap()).unwrap(), blob);
}

#[test]
fn to_wire_releases_a_large_buffer_after_idle_encodes() {
    let huge = huge();
    small().to_wire().unwrap(); // the thread's scratch space and metrics shard exist now

    let (frame, stats) = measure(|| {
        let frame = huge.to_wire().unwrap();
        encode_small_ones(|names| names.to_wire().unwrap());
        frame
    });
    assert_only_the_output_stayed(stats, frame.len(), frame.capacity());
    assert_eq!(Names::from_wire(&frame).unwrap(), huge);
}

#[test]
fn to_wire_releases_a_buffer_past_64_mib_at_once() {
    let giant = blob(65 << 20);
    small().to_wire().unwrap();
    let (frame, stats) = measure(|| giant.to_wire().unwrap());
    assert_only_the_output_stayed(stats, frame.len(), frame.capacity());
}

#[test]
fn the_stream_encoder_releases_a_large_buffer_after_idle_encodes() {
    let huge = huge();
    let mut codec = FrameCodec::new();
    codec.encode(&small(), &mut BytesMut::new()).unwrap();

    let (mut dst, stats) = measure(|| {
        let mut dst = BytesMut::new();
        codec.encode(&huge, &mut dst).unwrap();
        for _ in 0..IDLE_ENCODES {
            codec.encode(&small(), &mut dst).unwrap();
        }
        dst
    });
    assert_only_the_output_stayed(stats, dst.len(), dst.capacity());
    let frame = codec.decode(&mut dst).unwrap().expect("a whole frame");
    assert_eq!(Names::from_wire(&frame).unwrap(), huge);
    for _ in 0..IDLE_ENCODES {
        let frame = codec.decode(&mut dst).unwrap().expect("a small frame");
        assert_eq!(Names::from_wire(&frame).unwrap(), small());
    }
    assert!(dst.is_empty());
}

#[test]
fn a_wire_encoder_keeps_a_large_buffer_then_releases_it_when_idle() {
    let blob = blob(3 << 20);
    let mut encoder = WireEncoder::new();
    encoder.encode(&blob).unwrap();
    let (len, stats) = measure(|| encoder.encode(&blob).unwrap().len());
    assert_eq!(stats.allocations, 0, "the kept buffer serves: {stats:?}");
    assert!(len > 3 << 20);

    let huge = huge();
    let (frame, stats) = measure(|| {
        let frame = encoder.encode(&huge).unwrap().to_vec();
        // The frame a call lends out stays readable until the next call, so the buffer is
        // settled then: the last idle encode is settled by one more call.
        encode_small_ones(|names| encoder.encode(names).unwrap().to_vec());
        encoder.encode(&small()).unwrap();
        frame
    });
    assert_only_the_output_stayed(stats, frame.len(), frame.capacity());
    assert_eq!(Names::from_wire(&frame).unwrap(), huge);
}

/// A chat message carried as its wire frame, whose serde form is the frame's bytes: serializing
/// it encodes the message.
#[derive(Debug, PartialEq)]
struct Embedded(ChatMessage);

impl serde::Serialize for Embedded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let frame = self.0.to_wire().map_err(S::Error::custom)?;
        serializer.serialize_bytes(&frame)
    }
}

impl<'de> serde::Deserialize<'de> for Embedded {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let frame = <Vec<u8> as serde::Deserialize>::deserialize(deserializer)?;
        ChatMessage::from_wire(&frame)
            .map(Embedded)
            .map_err(D::Error::custom)
    }
}

/// An rkyv message with an `as_json` field whose serialization runs a second rkyv encode on
/// the same thread, while the first one holds the thread's scratch space.
#[derive(WireMessage, Debug, PartialEq)]
struct Relay {
    hop: u32,
    #[wire(as_json)]
    inner: Embedded,
}

#[test]
fn a_message_encoded_inside_another_encode_round_trips() {
    let relay = Relay {
        hop: 3,
        inner: Embedded(chat_saying("forwarded")),
    };
    let inner_frame = chat_saying("forwarded").to_wire().unwrap();

    let frame = relay.to_wire().unwrap();
    assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Rkyv);
    assert_eq!(Relay::from_wire(&frame).unwrap(), relay);

    // The field holds the inner frame's bytes, as JSON text, inside the outer archive.
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    let view = HybridCodec::new().view::<Relay>(&aligned).unwrap();
    assert_eq!(view.hop, 3);
    let bytes: Vec<u8> = serde_json::from_str(view.inner.as_str()).unwrap();
    assert_eq!(bytes, inner_frame);

    // Appending to a buffer takes the same path.
    let mut buf = AlignedVec::<16>::new();
    let range = relay.encode_into(&mut buf).unwrap();
    assert_eq!(&buf[range], &frame[..]);
}

/// Encodes a chat message when the thread that owns it exits, and sends the result back.
struct EncodeOnExit(std::sync::mpsc::Sender<Result<Vec<u8>, CodecError>>);

impl Drop for EncodeOnExit {
    fn drop(&mut self) {
        let _ = self.0.send(chat_saying("on exit").to_wire());
    }
}

thread_local! {
    static ENCODE_ON_EXIT: std::cell::RefCell<Option<EncodeOnExit>> =
        const { std::cell::RefCell::new(None) };
}

#[test]
fn a_message_encoded_from_a_thread_local_destructor_is_framed() {
    let (sender, results) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Registered before the encoder's own thread-local, so destroyed after it (thread-local
        // destructors run in reverse order): the exit encode finds the thread's space gone.
        ENCODE_ON_EXIT.with(|slot| *slot.borrow_mut() = Some(EncodeOnExit(sender)));
        chat_saying("while alive").to_wire().unwrap();
    })
    .join()
    .expect("the thread, its destructors included, finished without a panic");
    let frame = results.recv().unwrap().unwrap();
    assert_eq!(frame, chat_saying("on exit").to_wire().unwrap());
}
