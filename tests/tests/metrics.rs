//! Codec metrics. The counters are process-wide, so this binary holds a single test that runs
//! its scenarios one after another.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    metrics, reset_metrics, set_metrics_timing, Codec, CodecKind, CompressedCodec, HybridCodec,
    JsonCodec, PerformanceMetrics, RkyvCodec, WireMessage,
};
use wiremsg_tests::{AuditEvent, ChatMessage};

/// Runs `f` and returns the metrics it added.
fn delta(f: impl FnOnce()) -> PerformanceMetrics {
    let before = metrics();
    f();
    metrics().since(&before)
}

#[test]
fn metrics_count_every_codec_call_across_threads() {
    reset_resets_to_zero();
    rkyv_codec_calls_are_counted();
    hybrid_calls_and_json_fallbacks_are_counted();
    json_codec_calls_are_counted();
    framing_encodes_are_counted_as_to_wire_is();
    a_compressed_codec_counts_as_its_inner_codec();
    timing_is_opt_in();
    counts_of_live_and_exited_threads_are_included_once();
}

fn reset_resets_to_zero() {
    ChatMessage::sample().to_wire().unwrap();
    reset_metrics();
    assert_eq!(metrics(), PerformanceMetrics::default());
    assert_eq!(metrics().success_rate(), 1.0);
    assert_eq!(metrics().fallback_rate(), 0.0);
}

fn rkyv_codec_calls_are_counted() {
    let codec = RkyvCodec::new();
    let frame = codec.encode(&ChatMessage::sample()).unwrap();
    let m = delta(|| {
        for _ in 0..3 {
            codec.encode(&ChatMessage::sample()).unwrap();
        }
        let mut buf = AlignedVec::<16>::new();
        codec.encode_into(&ChatMessage::sample(), &mut buf).unwrap();
        for _ in 0..2 {
            let _: ChatMessage = codec.decode(&frame).unwrap();
        }
        assert!(Codec::<ChatMessage>::decode(&codec, &frame[..20]).is_err());
    });
    let rkyv = m.get(CodecKind::Rkyv);
    assert_eq!((rkyv.encodes, rkyv.decodes), (4, 2));
    assert_eq!((rkyv.encode_failures, rkyv.decode_failures), (0, 1));
    assert_eq!(rkyv.bytes_encoded, 4 * frame.len() as u64);
    assert_eq!(rkyv.bytes_decoded, 2 * frame.len() as u64);
    assert_eq!(rkyv.success_rate(), 6.0 / 7.0);
    assert_eq!(rkyv.encode_time, Duration::ZERO, "timing is off by default");
    assert_eq!(m.hybrid, Default::default());
    assert_eq!(m.json, Default::default());
}

#[cfg(unix)]
mod fallback {
    use wiremsg::WireMessage;

    #[derive(WireMessage, Debug, PartialEq)]
    pub struct FileEntry {
        #[rkyv(with = wiremsg::rkyv::with::AsString)]
        pub name: std::ffi::OsString,
    }
}

fn hybrid_calls_and_json_fallbacks_are_counted() {
    let frame = ChatMessage::sample().to_wire().unwrap();
    let m = delta(|| {
        ChatMessage::sample().to_wire().unwrap();
        ChatMessage::from_wire(&frame).unwrap();
        assert!(ChatMessage::from_wire(b"{").is_err());
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let entry = fallback::FileEntry {
                name: std::ffi::OsString::from_vec(vec![0xff]),
            };
            entry.to_wire().unwrap();
            entry.encode_into(&mut AlignedVec::<16>::new()).unwrap();
        }
    });
    let hybrid = &m.hybrid;
    assert_eq!((hybrid.decodes, hybrid.decode_failures), (1, 1));
    if cfg!(unix) {
        assert_eq!((hybrid.encodes, hybrid.json_fallbacks), (3, 2));
        assert_eq!(m.fallback_rate(), 2.0 / 3.0);
    }
    assert_eq!(
        m.rkyv,
        Default::default(),
        "hybrid work is not counted twice"
    );
}

fn framing_encodes_are_counted_as_to_wire_is() {
    use wiremsg::framing::bytes::BytesMut;
    use wiremsg::framing::tokio_util::codec::Encoder;
    use wiremsg::framing::{FrameCodec, WireCodec};
    let frame = ChatMessage::sample().to_wire().unwrap();
    let m = delta(|| {
        let mut dst = BytesMut::new();
        WireCodec::<ChatMessage>::new()
            .encode(ChatMessage::sample(), &mut dst)
            .unwrap();
        FrameCodec::new()
            .encode(&ChatMessage::sample(), &mut dst)
            .unwrap();
        assert_eq!(dst.len(), 2 * frame.len());
        let mut too_long = FrameCodec::with_max_frame_length(8);
        assert!(too_long.encode(&ChatMessage::sample(), &mut dst).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let entry = fallback::FileEntry {
                name: std::ffi::OsString::from_vec(vec![0xff]),
            };
            WireCodec::new().encode(entry, &mut dst).unwrap();
        }
    });
    let hybrid = &m.hybrid;
    assert_eq!(
        (hybrid.encodes, hybrid.encode_failures),
        (2 + cfg!(unix) as u64, 1)
    );
    assert_eq!(hybrid.json_fallbacks, cfg!(unix) as u64);
    if !cfg!(unix) {
        assert_eq!(hybrid.bytes_encoded, 2 * frame.len() as u64);
    }
    assert_eq!(m.rkyv, Default::default());
    assert_eq!(m.json, Default::default());
}

fn json_codec_calls_are_counted() {
    let codec = JsonCodec::new();
    let m = delta(|| {
        let bare = codec.encode(&ChatMessage::sample()).unwrap();
        codec.encode_frame(&ChatMessage::sample()).unwrap();
        let _: ChatMessage = codec.decode(&bare).unwrap();
        AuditEvent::from_wire(&AuditEvent::sample().to_wire().unwrap()).unwrap();
    });
    assert_eq!((m.json.encodes, m.json.decodes), (2, 1));
    assert_eq!((m.hybrid.encodes, m.hybrid.decodes), (1, 1));
}

fn a_compressed_codec_counts_as_its_inner_codec() {
    let codec = CompressedCodec::new(HybridCodec::new()).with_threshold(0);
    let m = delta(|| {
        let frame = codec.encode(&ChatMessage::sample()).unwrap();
        let _: ChatMessage = codec.decode(&frame).unwrap();
    });
    assert_eq!((m.hybrid.encodes, m.hybrid.decodes), (1, 1));
    assert_eq!(m.total().encodes, 1);
}

fn timing_is_opt_in() {
    set_metrics_timing(true);
    assert!(wiremsg::metrics_timing());
    let m = delta(|| {
        for _ in 0..100 {
            ChatMessage::from_wire(&ChatMessage::sample().to_wire().unwrap()).unwrap();
        }
    });
    set_metrics_timing(false);
    assert!(m.hybrid.encode_time > Duration::ZERO);
    assert!(m.hybrid.decode_time > Duration::ZERO);
    let m = delta(|| {
        ChatMessage::sample().to_wire().unwrap();
    });
    assert_eq!(m.hybrid.encode_time, Duration::ZERO);
}

fn counts_of_live_and_exited_threads_are_included_once() {
    const THREADS: u64 = 4;
    const ENCODES: u64 = 1000;
    let before = metrics();
    let (done, all_done) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let released = std::sync::Arc::new(std::sync::Mutex::new(released));
    let workers: Vec<_> = (0..THREADS)
        .map(|_| {
            let done = done.clone();
            let released = std::sync::Arc::clone(&released);
            thread::spawn(move || {
                for _ in 0..ENCODES {
                    RkyvCodec::new().encode(&ChatMessage::sample()).unwrap();
                }
                done.send(()).unwrap();
                // Stay alive until the main thread has read the live counts.
                released.lock().unwrap().recv().unwrap();
            })
        })
        .collect();
    for _ in 0..THREADS {
        all_done.recv().unwrap();
    }
    assert_eq!(
        metrics().since(&before).rkyv.encodes,
        THREADS * ENCODES,
        "live threads"
    );
    for _ in 0..THREADS {
        release.send(()).unwrap();
    }
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(
        metrics().since(&before).rkyv.encodes,
        THREADS * ENCODES,
        "exited threads"
    );
}
