//! A million encode / decode / view / pool / compression cycles leave no memory behind: live bytes
//! return to the figure they started from. A test binary of its own, for its counting global
//! allocator.

use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    BufferPool, Codec, CompressedCodec, Header, HybridCodec, JsonCodec, RkyvCodec, WireMessage,
};
use wiremsg_tests::alloc::{measure, CountingAllocator};
use wiremsg_tests::{ChatMessage, RpcMethod, RpcRequest};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const CYCLES: usize = 1_000_000;

/// The `seq`th of the cycles' messages. Its text repeats, so the compressed path compresses it;
/// its id, `seq` in at most seven digits, is stored inline, so every frame has the same size.
fn compressible_chat(seq: u64) -> ChatMessage {
    ChatMessage {
        id: seq.to_string(),
        content: "Hello, World! ".repeat(8),
        timestamp: 1_234_567_890 + seq,
        sender: "user".into(),
        room_id: "room".into(),
    }
}

/// The kept state the cycles share: the pool's buffers and the caller's buffer are reused by
/// design; what matters is that nothing else stays allocated.
struct Kept {
    aligned: AlignedVec<16>,
    pool: BufferPool,
    lz4: CompressedCodec<HybridCodec>,
}

impl Kept {
    fn new() -> Kept {
        Kept {
            aligned: AlignedVec::with_capacity(256),
            pool: BufferPool::builder().max_buffers(2).build(),
            // Every payload compressed when that makes it smaller.
            lz4: CompressedCodec::new(HybridCodec::new()).with_threshold(0),
        }
    }
}

/// One cycle of every path: encode with each codec, decode, view, a rejected hostile frame, a
/// pooled buffer taken, filled with `encode_into`, read and returned, and (every other cycle) a
/// compressed frame written and read.
fn cycle(seq: u64, kept: &mut Kept) {
    let aligned = &mut kept.aligned;
    let message = compressible_chat(seq);
    let frame = message.to_wire().unwrap();
    assert_eq!(
        ChatMessage::from_wire(&frame).unwrap().timestamp,
        message.timestamp
    );
    aligned.clear();
    aligned.extend_from_slice(&frame);
    let view = HybridCodec::new().view::<ChatMessage>(aligned).unwrap();
    assert_eq!(view.timestamp, message.timestamp);
    let json = JsonCodec::new().encode(&message).unwrap();
    let decoded: ChatMessage = JsonCodec::new().decode(&json).unwrap();
    assert_eq!(decoded.id, message.id);
    let rkyv = RkyvCodec::new().encode(&message).unwrap();
    assert!(Codec::<ChatMessage>::decode(&RkyvCodec::new(), &rkyv[..rkyv.len() - 1]).is_err());

    let mut pooled = kept.pool.get();
    let range = message.encode_into(&mut pooled).unwrap();
    let view = HybridCodec::new()
        .view::<ChatMessage>(&pooled[range.clone()])
        .unwrap();
    assert_eq!(view.timestamp, message.timestamp);
    let decoded: ChatMessage = RkyvCodec::new().decode(&pooled[range]).unwrap();
    assert_eq!(decoded.timestamp, message.timestamp);
    drop(pooled);

    // On every other cycle, to keep the binary within ~30 s in debug: LZ4 in a debug build is
    // the slowest step.
    if seq.is_multiple_of(2) {
        let compressed = kept.lz4.encode(&message).unwrap();
        let decoded: ChatMessage = kept.lz4.decode(&compressed).unwrap();
        assert_eq!(decoded, message);
    }
}

#[test]
fn a_million_cycles_leak_nothing() {
    let mut kept = Kept::new();
    // Warm up what is built once and kept: the thread's encoding scratch space, the global
    // registry (which names the type found in a wrong-type error) and the pool's buffer.
    cycle(0, &mut kept);
    let _ = wiremsg::registry();
    let compressed = kept.lz4.encode(&compressible_chat(0)).unwrap();
    assert!(
        Header::parse(&compressed).unwrap().compression().is_some(),
        "the cycles decompress"
    );
    let ((), stats) = measure(|| {
        for seq in 1..=CYCLES as u64 {
            cycle(seq, &mut kept);
        }
    });
    let pool = kept.pool.stats();
    assert_eq!((pool.misses, pool.hits), (1, CYCLES as u64), "{pool:?}");
    assert!(
        stats.allocations >= CYCLES as u64,
        "the allocator counted nothing: {stats:?}"
    );
    assert_eq!(
        stats.live_bytes, 0,
        "memory grew over {CYCLES} cycles: {stats:?}"
    );
}

#[test]
fn failed_decodes_and_fallbacks_leak_nothing() {
    let request = RpcRequest {
        id: "1".into(),
        method: "sum".into(),
        params: serde_json::json!({"values": [1, 2, 3]}),
        method_type: RpcMethod::Stream { chunk: 4 },
    };
    let frame = request.to_wire().unwrap();
    let _ = RpcRequest::from_wire(&frame).unwrap();
    let _ = wiremsg::registry();
    let ((), stats) = measure(|| {
        for cut in 0..CYCLES / 10 {
            let mut hostile = frame.clone();
            let index = cut % hostile.len();
            hostile[index] ^= 0x5a;
            let _ = RpcRequest::from_wire(&hostile);
            let _ = RpcRequest::from_wire(&frame[..cut % frame.len()]);
        }
    });
    assert!(stats.allocations > 0);
    assert_eq!(stats.live_bytes, 0, "memory grew: {stats:?}");
}
