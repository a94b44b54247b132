//! Concurrency: which types are `Send` and `Sync` (checked at compile time), and a stress test of
//! 8 threads sharing one codec, one `BufferPool` and the global registry, each sending 100,000
//! messages through `encode_into` a pooled buffer, decode, view and `registry().to_json`, with
//! every message checked intact and the codec metrics and pool counters adding up exactly.
//!
//! The metrics are process-wide, so this binary holds the stress test alone.

use std::thread;
use wiremsg::framing::{FrameCodec, FramingError, WireCodec};
use wiremsg::{
    metrics, BufferPool, Codec, CodecError, CompressedCodec, Frames, Header, HybridCodec,
    JsonCodec, PerformanceMetrics, PooledBuffer, Registry, RkyvCodec, Router, WireEncoder,
    ZeroCopyBuffer,
};
use wiremsg_tests::ChatMessage;

/// What may cross threads, checked by the compiler:
///
/// - the codecs, the registry, the pool, a `ZeroCopyBuffer`, errors, metrics and the tokio
///   framing codecs are `Send + Sync`: share one by `&` or `Arc`;
/// - a `PooledBuffer` is `Send + Sync` too: fill it on one thread, return it from another;
/// - a `Router` is `Send` but not `Sync`: its handlers are `FnMut + Send` and `dispatch` takes
///   `&mut self`, so a router moves to the thread that dispatches (or sits behind a `Mutex`).
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<JsonCodec>();
    send_sync::<RkyvCodec>();
    send_sync::<HybridCodec>();
    send_sync::<CompressedCodec<HybridCodec>>();
    send_sync::<CompressedCodec<RkyvCodec>>();
    send_sync::<CompressedCodec<JsonCodec>>();
    send_sync::<Registry>();
    send_sync::<&'static Registry>();
    send_sync::<BufferPool>();
    send_sync::<PooledBuffer>();
    send_sync::<ZeroCopyBuffer>();
    send_sync::<WireEncoder>();
    send_sync::<Header>();
    send_sync::<Frames<'static>>();
    send_sync::<CodecError>();
    send_sync::<PerformanceMetrics>();
    send_sync::<WireCodec<ChatMessage>>();
    send_sync::<FrameCodec>();
    send_sync::<FramingError>();
    send::<Router<String>>();
    send::<Router<String, std::io::Error>>();
};

/// `Router` is not `Sync`: this names `some_item` unambiguously only for a type that is not
/// `Sync` (for a `Sync` type both impls apply and the call does not compile).
const _: fn() = || {
    trait AmbiguousIfSync<A> {
        fn some_item() {}
    }
    impl<T: ?Sized> AmbiguousIfSync<()> for T {}
    impl<T: ?Sized + Sync> AmbiguousIfSync<u8> for T {}
    <Router<String> as AmbiguousIfSync<_>>::some_item();
};

const THREADS: u64 = 8;
const MESSAGES: u64 = 100_000;
/// Every this many messages a thread also decodes a truncated frame, which must fail.
const FAIL_EVERY: u64 = 100;

/// A message that says who sent it and when: thread `thread`, sequence number `seq`.
fn chat_from_thread(thread: u64, seq: u64) -> ChatMessage {
    ChatMessage {
        id: format!("{thread}-{seq}"),
        content: format!("message {seq} from thread {thread}"),
        timestamp: thread << 32 | seq,
        sender: format!("thread-{thread}"),
        room_id: "stress".into(),
    }
}

/// What one thread did, to check against the metrics.
#[derive(Debug, Default, Clone, Copy)]
struct Sent {
    messages: u64,
    bytes: u64,
    failures: u64,
}

/// Thread `thread`'s work: `MESSAGES` messages through the shared codec, pool and registry.
fn run(thread: u64, codec: &HybridCodec, pool: &BufferPool) -> Sent {
    let registry = wiremsg::registry();
    let mut sent = Sent::default();
    for seq in 0..MESSAGES {
        let original = chat_from_thread(thread, seq);
        let mut buf = pool.get();
        assert!(buf.is_empty(), "a pooled buffer came back with bytes in it");
        let range = codec.encode_into(&original, &mut buf).unwrap();
        let frame = &buf[range];

        let decoded: ChatMessage = codec.decode(frame).unwrap();
        assert_eq!(decoded, original);
        let view = codec.view::<ChatMessage>(frame).unwrap();
        assert_eq!(view.timestamp, thread << 32 | seq);
        assert_eq!(view.id, original.id);
        assert_eq!(view.content, original.content);
        let json = registry.to_json(frame).unwrap();
        assert_eq!(json["id"], original.id.as_str());
        assert_eq!(json["timestamp"], original.timestamp);

        if seq % FAIL_EVERY == 0 {
            let cut = Codec::<ChatMessage>::decode(codec, &frame[..frame.len() - 1]);
            assert!(matches!(cut, Err(CodecError::TruncatedPayload { .. })));
            sent.failures += 1;
        }
        sent.messages += 1;
        sent.bytes += frame.len() as u64;
    }
    sent
}

#[test]
fn eight_threads_share_one_codec_one_pool_and_the_registry() {
    let codec = HybridCodec::new();
    let pool = BufferPool::builder().max_buffers(4).build();
    let _ = wiremsg::registry();
    let before = metrics();
    let sent: Vec<Sent> = thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|thread| {
                let (codec, pool) = (&codec, &pool);
                scope.spawn(move || run(thread, codec, pool))
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let delta = metrics().since(&before);

    let total = sent.iter().fold(Sent::default(), |a, b| Sent {
        messages: a.messages + b.messages,
        bytes: a.bytes + b.bytes,
        failures: a.failures + b.failures,
    });
    assert_eq!(total.messages, THREADS * MESSAGES);
    assert_eq!(total.failures, THREADS * MESSAGES / FAIL_EVERY);

    // Each message: one hybrid encode, two hybrid decodes (the codec's and the registry's
    // `to_json`); each truncated frame: one failed decode. Nothing else.
    let hybrid = &delta.hybrid;
    assert_eq!(hybrid.encodes, total.messages, "{delta:?}");
    assert_eq!(hybrid.bytes_encoded, total.bytes, "{delta:?}");
    assert_eq!(hybrid.decodes, 2 * total.messages, "{delta:?}");
    assert_eq!(hybrid.bytes_decoded, 2 * total.bytes, "{delta:?}");
    assert_eq!(hybrid.decode_failures, total.failures, "{delta:?}");
    assert_eq!(
        (hybrid.encode_failures, hybrid.json_fallbacks),
        (0, 0),
        "{delta:?}"
    );
    assert_eq!(delta.json, Default::default(), "{delta:?}");
    assert_eq!(delta.rkyv, Default::default(), "{delta:?}");

    // Every buffer taken was given back, and the pool kept no more than its bound.
    let stats = pool.stats();
    assert_eq!(stats.hits + stats.misses, total.messages, "{stats:?}");
    assert_eq!(stats.returns + stats.discards, total.messages, "{stats:?}");
    assert!(stats.available <= 4, "{stats:?}");
    assert!(stats.misses <= stats.returns + stats.discards, "{stats:?}");
}
