//! A million encode / decode / view cycles leave no memory behind: live bytes return to the
//! figure they started from. A test binary of its own, for its counting global allocator.

use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{Codec, HybridCodec, JsonCodec, RkyvCodec, WireMessage};
use wiremsg_tests::alloc::{measure, CountingAllocator};
use wiremsg_tests::{ChatMessage, RpcMethod, RpcRequest};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const CYCLES: usize = 1_000_000;

fn chat(seq: u64) -> ChatMessage {
    ChatMessage {
        id: seq.to_string(),
        content: "Hello, World!".into(),
        timestamp: 1_234_567_890 + seq,
        sender: "user".into(),
        room_id: "room".into(),
    }
}

/// One cycle of every path: encode with each codec, decode, view, and a rejected hostile frame.
fn cycle(seq: u64, aligned: &mut AlignedVec<16>) {
    let message = chat(seq);
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
}

#[test]
fn a_million_cycles_leak_nothing() {
    let mut aligned = AlignedVec::<16>::with_capacity(256);
    // Warm up what is built once and kept: the thread's encoding scratch space and the global
    // registry (which names the type found in a wrong-type error).
    cycle(0, &mut aligned);
    let _ = wiremsg::registry();
    let ((), stats) = measure(|| {
        for seq in 1..=CYCLES as u64 {
            cycle(seq, &mut aligned);
        }
    });
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
