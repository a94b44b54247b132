//! Encode and decode of the design note's `ChatMessage` with serde_json and each wiremsg codec.
//! A first bench; the full matrix and the comparison report come with the benchmarks issue.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wiremsg::rkyv;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{Codec, HybridCodec, JsonCodec, RkyvCodec, WireMessage};

/// The design note's chat message.
#[derive(WireMessage, Debug, Clone, PartialEq)]
pub struct ChatMessage {
    /// Message id.
    pub id: String,
    /// The text.
    pub content: String,
    /// Unix time in milliseconds.
    pub timestamp: u64,
    /// Who sent it.
    pub sender: String,
    /// Where it was sent.
    pub room_id: String,
}

fn chat() -> ChatMessage {
    ChatMessage {
        id: "msg-1".into(),
        content: "Hello, World!".into(),
        timestamp: 1_700_000_000_000,
        sender: "alice".into(),
        room_id: "lobby".into(),
    }
}

fn encode(c: &mut Criterion) {
    let msg = chat();
    let mut group = c.benchmark_group("encode/chat");
    group.bench_function("serde_json::to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&msg)).unwrap())
    });
    group.bench_function("JsonCodec", |b| {
        b.iter(|| JsonCodec::new().encode(black_box(&msg)).unwrap())
    });
    group.bench_function("RkyvCodec", |b| {
        b.iter(|| RkyvCodec::new().encode(black_box(&msg)).unwrap())
    });
    group.bench_function("to_wire", |b| b.iter(|| black_box(&msg).to_wire().unwrap()));
    let mut buf = AlignedVec::<16>::new();
    group.bench_function("RkyvCodec::encode_into (reused buffer)", |b| {
        b.iter(|| {
            buf.clear();
            RkyvCodec::new()
                .encode_into(black_box(&msg), &mut buf)
                .unwrap()
        })
    });
    group.bench_function("encode_into (hybrid, reused buffer)", |b| {
        b.iter(|| {
            buf.clear();
            black_box(&msg).encode_into(&mut buf).unwrap()
        })
    });
    group.bench_function("rkyv::to_bytes (raw)", |b| {
        b.iter(|| rkyv::to_bytes::<wiremsg::RkyvError>(black_box(&msg)).unwrap())
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    let msg = chat();
    let json = serde_json::to_vec(&msg).unwrap();
    let mut frame = AlignedVec::<16>::new();
    frame.extend_from_slice(&msg.to_wire().unwrap());
    let mut group = c.benchmark_group("decode/chat");
    group.bench_function("serde_json::from_slice", |b| {
        b.iter(|| serde_json::from_slice::<ChatMessage>(black_box(&json)).unwrap())
    });
    group.bench_function("from_wire", |b| {
        b.iter(|| ChatMessage::from_wire(black_box(&frame)).unwrap())
    });
    let payload = &frame[wiremsg::HEADER_LEN..];
    group.bench_function("rkyv::from_bytes (raw)", |b| {
        b.iter(|| rkyv::from_bytes::<ChatMessage, wiremsg::RkyvError>(black_box(payload)).unwrap())
    });
    group.bench_function("rkyv::access (raw)", |b| {
        b.iter(|| {
            rkyv::access::<ArchivedChatMessage, wiremsg::RkyvError>(black_box(payload))
                .unwrap()
                .timestamp
        })
    });
    group.bench_function("HybridCodec::view", |b| {
        b.iter(|| {
            HybridCodec::new()
                .view::<ChatMessage>(black_box(&frame))
                .unwrap()
                .timestamp
        })
    });
    group.finish();
}

/// The cost of metrics: the codecs' encodes (counted) against the same encode functions called
/// without counting (`__private`, what the codecs call inside), then with timing on.
fn metrics_overhead(c: &mut Criterion) {
    let msg = chat();
    let mut buf = AlignedVec::<16>::new();
    let mut group = c.benchmark_group("metrics/chat");
    group.bench_function("encode: uncounted", |b| {
        b.iter(|| wiremsg::__private::encode_rkyv_frame(black_box(&msg)).unwrap())
    });
    group.bench_function("encode: RkyvCodec, counted", |b| {
        b.iter(|| RkyvCodec::new().encode(black_box(&msg)).unwrap())
    });
    group.bench_function("encode_into: uncounted", |b| {
        b.iter(|| {
            buf.clear();
            wiremsg::__private::encode_rkyv_frame_into(black_box(&msg), &mut buf).unwrap()
        })
    });
    group.bench_function("encode_into: RkyvCodec, counted", |b| {
        b.iter(|| {
            buf.clear();
            RkyvCodec::new()
                .encode_into(black_box(&msg), &mut buf)
                .unwrap()
        })
    });
    wiremsg::set_metrics_timing(true);
    group.bench_function("encode_into: RkyvCodec, counted and timed", |b| {
        b.iter(|| {
            buf.clear();
            RkyvCodec::new()
                .encode_into(black_box(&msg), &mut buf)
                .unwrap()
        })
    });
    wiremsg::set_metrics_timing(false);
    group.finish();
}

criterion_group!(benches, encode, decode, metrics_overhead);
criterion_main!(benches);
