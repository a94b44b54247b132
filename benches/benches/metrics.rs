//! The cost of metrics: the codecs' encodes (counted) against the same encode functions called
//! without counting (`__private`, what the codecs call inside), then with timing on.
//!
//! `cargo bench -p wiremsg-benches --bench metrics`

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{Codec, RkyvCodec};
use wiremsg_benches::messages::chat;

fn metrics_overhead(c: &mut Criterion) {
    let msg = chat();
    let mut buf = AlignedVec::<16>::new();
    let mut group = c.benchmark_group("metrics/chat");
    group.bench_function("encode: uncounted", |b| {
        b.iter(|| wiremsg::__unmetered::encode_rkyv_frame(black_box(&msg)).unwrap())
    });
    group.bench_function("encode: RkyvCodec, counted", |b| {
        b.iter(|| RkyvCodec::new().encode(black_box(&msg)).unwrap())
    });
    group.bench_function("encode_into: uncounted", |b| {
        b.iter(|| {
            buf.clear();
            wiremsg::__unmetered::encode_rkyv_frame_into(black_box(&msg), &mut buf).unwrap()
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

criterion_group!(benches, metrics_overhead);
criterion_main!(benches);
