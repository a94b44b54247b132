//! What LZ4 compression costs and saves on `ChatMessage` frames of growing size: the measurement
//! behind `DEFAULT_COMPRESSION_THRESHOLD` (see docs/DESIGN.md). Frame sizes are printed to stderr.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wiremsg::{Codec, CompressedCodec, HybridCodec};
use wiremsg_benches::messages::ChatMessage;

/// Chat-like text: words drawn from a small vocabulary by a fixed pseudo-random sequence, so it
/// repeats words as prose does without repeating whole sentences.
fn text(len: usize) -> String {
    const WORDS: &[&str] = &[
        "the", "meeting", "is", "moved", "to", "tomorrow", "at", "ten", "please", "bring", "your",
        "notes", "and", "the", "latest", "numbers", "from", "sales", "we", "will", "review",
        "deploy", "plan", "for", "next", "week", "thanks", "everyone", "ok", "sure", "I", "think",
        "that", "works", "but", "let", "me", "check", "calendar", "first",
    ];
    let mut state = 0x2545_F491_u32;
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        out.push_str(WORDS[state as usize % WORDS.len()]);
        out.push(' ');
    }
    out.truncate(len);
    out
}

fn chat(content_len: usize) -> ChatMessage {
    ChatMessage {
        id: "msg-1".into(),
        content: text(content_len),
        timestamp: 1_700_000_000_000,
        sender: "alice".into(),
        room_id: "lobby".into(),
    }
}

fn compression(c: &mut Criterion) {
    let plain = HybridCodec::new();
    let lz4 = CompressedCodec::new(HybridCodec::new()).with_threshold(0);
    for content_len in [64, 128, 256, 512, 1024, 4096] {
        let msg = chat(content_len);
        let plain_frame = plain.encode(&msg).unwrap();
        let lz4_frame = lz4.encode(&msg).unwrap();
        eprintln!(
            "content {content_len:>5} B: plain frame {:>5} B, lz4 frame {:>5} B ({:.0}% of plain)",
            plain_frame.len(),
            lz4_frame.len(),
            100.0 * lz4_frame.len() as f64 / plain_frame.len() as f64
        );
        let mut group = c.benchmark_group(format!("compression/chat_{content_len}"));
        group.bench_function("encode plain", |b| {
            b.iter(|| plain.encode(black_box(&msg)).unwrap())
        });
        group.bench_function("encode lz4", |b| {
            b.iter(|| lz4.encode(black_box(&msg)).unwrap())
        });
        group.bench_function("decode plain", |b| {
            b.iter(|| Codec::<ChatMessage>::decode(&plain, black_box(&plain_frame)).unwrap())
        });
        group.bench_function("decode lz4", |b| {
            b.iter(|| Codec::<ChatMessage>::decode(&lz4, black_box(&lz4_frame)).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, compression);
criterion_main!(benches);
