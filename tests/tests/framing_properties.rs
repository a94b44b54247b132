//! Property: on any byte stream (valid frames, garbage, corrupted frames) delivered in any
//! chunks, `FrameCodec` yields exactly what `Frames` yields on the whole stream, and ends with
//! the same typed error (or `FrameTooLong` for a header over the limit).

use proptest::prelude::*;
use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::Decoder;
use wiremsg::framing::{FrameCodec, FramingError};
use wiremsg::{CodecError, Frames, WireMessage};
use wiremsg_tests::{AuditEvent, ChatMessage, Pair};

/// Small enough that random headers often exceed it, large enough for every generated frame.
const LIMIT: usize = 4096;

fn frame() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (any::<u64>(), ".{0,40}").prop_map(|(timestamp, content)| ChatMessage {
            id: "id".into(),
            content,
            timestamp,
            sender: "s".into(),
            room_id: "r".into(),
        }
        .to_wire()
        .unwrap()),
        any::<i64>().prop_map(|n| AuditEvent {
            details: serde_json::json!({ "n": n })
        }
        .to_wire()
        .unwrap()),
        (any::<u32>(), "[a-z]{0,20}").prop_map(|(n, s)| Pair(n, s).to_wire().unwrap()),
    ]
}

/// A stream of frames, now and then corrupted at one byte or followed by garbage.
fn stream() -> impl Strategy<Value = Vec<u8>> {
    let segment = prop_oneof![
        6 => frame(),
        1 => (frame(), any::<prop::sample::Index>(), any::<u8>()).prop_map(|(mut f, at, byte)| {
            let at = at.index(f.len());
            f[at] = byte;
            f
        }),
        1 => prop::collection::vec(any::<u8>(), 0..40),
    ];
    prop::collection::vec(segment, 0..8).prop_map(|segments| segments.concat())
}

/// What `Frames` makes of the whole stream, in `FrameCodec`'s terms.
fn expected(stream: &[u8]) -> (Vec<Vec<u8>>, Option<String>) {
    let mut frames = Vec::new();
    for item in Frames::new(stream) {
        match item {
            Ok(frame) if frame.len() - 16 > LIMIT => return (frames, Some(too_long(frame.len()))),
            Ok(frame) => frames.push(frame.to_vec()),
            Err(CodecError::TruncatedPayload { declared, .. }) if declared as usize > LIMIT => {
                return (frames, Some(too_long(declared as usize + 16)));
            }
            Err(error) => return (frames, Some(format!("{:?}", FramingError::Codec(error)))),
        }
    }
    (frames, None)
}

fn too_long(frame_len: usize) -> String {
    format!(
        "{:?}",
        FramingError::FrameTooLong {
            len: frame_len - 16,
            max: LIMIT
        }
    )
}

/// What `FrameCodec` makes of the stream delivered in chunks cut at `cuts`.
fn decoded(stream: &[u8], cuts: &[prop::sample::Index]) -> (Vec<Vec<u8>>, Option<String>) {
    let mut points: Vec<usize> = cuts.iter().map(|cut| cut.index(stream.len() + 1)).collect();
    points.push(stream.len());
    points.sort_unstable();
    let mut codec = FrameCodec::with_max_frame_length(LIMIT);
    let (mut src, mut frames, mut start) = (BytesMut::new(), Vec::new(), 0);
    for end in points {
        src.extend_from_slice(&stream[start..end]);
        start = end;
        loop {
            match codec.decode(&mut src) {
                Ok(Some(frame)) => frames.push(frame.to_vec()),
                Ok(None) => break,
                Err(error) => return (frames, Some(format!("{error:?}"))),
            }
        }
    }
    match codec.decode_eof(&mut src) {
        Ok(last) => {
            frames.extend(last.map(|frame| frame.to_vec()));
            (frames, None)
        }
        Err(error) => (frames, Some(format!("{error:?}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn chunked_decoding_agrees_with_frames_on_the_whole_stream(
        stream in stream(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
    ) {
        prop_assert_eq!(decoded(&stream, &cuts), expected(&stream));
    }
}
