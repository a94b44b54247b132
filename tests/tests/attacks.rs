//! Attacks on frame headers and lengths: one corrupted header byte, or one
//! flipped bit of a length, must never change which bytes are read how. Every frame kind goes
//! through every entry point that reads it, and each outcome is the value that was sent or a
//! typed error; where the header itself was changed, always an error.

use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::Decoder;
use wiremsg::framing::{FrameCodec, FramingError, WireCodec};
use wiremsg::{
    registry, Codec, CodecError, Frames, Header, HybridCodec, JsonCodec, RkyvCodec, Router,
    WireMessage, ZeroCopyBuffer, HEADER_LEN,
};
use wiremsg_tests::fixtures::{aligned, chat, long_chat, lz4};
use wiremsg_tests::{reseal, AuditEvent, ChatMessage};

/// The `n`th chat message, its text repeated one to three times: frames of different lengths.
fn chat_of_varied_length(n: u64) -> ChatMessage {
    ChatMessage {
        content: format!("message number {n}, ").repeat(1 + n as usize % 3),
        ..chat(n)
    }
}

/// A JSON-only message long enough that compression pays.
fn long_audit() -> AuditEvent {
    AuditEvent {
        details: serde_json::json!({ "lines": vec!["GET /index.html 200"; 60] }),
    }
}

/// Every kind of frame a `ChatMessage` travels in: rkyv, JSON, LZ4 (and zstd) compressed rkyv.
fn chat_frames() -> Vec<(&'static str, ChatMessage, Vec<u8>)> {
    let frames = vec![
        (
            "rkyv",
            chat_of_varied_length(1),
            chat_of_varied_length(1).to_wire().unwrap(),
        ),
        (
            "json",
            chat_of_varied_length(2),
            JsonCodec::new()
                .encode_frame(&chat_of_varied_length(2))
                .unwrap(),
        ),
        ("lz4 rkyv", long_chat(), lz4().encode(&long_chat()).unwrap()),
    ];
    #[cfg(feature = "zstd")]
    let frames = {
        let mut frames = frames;
        frames.push((
            "zstd rkyv",
            long_chat(),
            wiremsg::CompressedCodec::zstd(HybridCodec::new(), 3)
                .encode(&long_chat())
                .unwrap(),
        ));
        frames
    };
    for (kind, _, frame) in &frames {
        let compressed = Header::parse(frame).unwrap().compression().is_some();
        assert_eq!(
            compressed,
            kind.contains(' '),
            "{kind}: compression as intended"
        );
    }
    frames
}

/// What one entry point made of the input: the decoded value, or its error.
type Outcome = Result<ChatMessage, String>;

fn outcome<E: std::fmt::Display>(result: Result<ChatMessage, E>) -> Outcome {
    result.map_err(|error| error.to_string())
}

/// The input read as one stream by a tokio codec: every frame it yields, then `decode_eof`.
fn stream_decode<D>(mut codec: D, bytes: &[u8]) -> Vec<Result<D::Item, String>>
where
    D: Decoder<Error = FramingError>,
{
    let mut src = BytesMut::from(bytes);
    let mut items = Vec::new();
    loop {
        match codec.decode_eof(&mut src) {
            Ok(Some(item)) => items.push(Ok(item)),
            Ok(None) => return items,
            Err(error) => {
                items.push(Err(error.to_string()));
                return items;
            }
        }
    }
}

/// A single whole-stream read must give exactly one outcome.
fn single<T>(mut items: Vec<Result<T, String>>, read: impl Fn(T) -> Outcome) -> Outcome {
    match items.len() {
        1 => items.remove(0).and_then(read),
        0 => Err("nothing read: the input vanished".into()),
        n => panic!("one frame read as {n}"),
    }
}

/// `bytes`, sent as one `ChatMessage` frame, read by every entry point that takes one.
fn every_entry_point(bytes: &[u8]) -> Vec<(&'static str, Outcome)> {
    let json = |bytes: &[u8]| {
        registry()
            .to_json(bytes)
            .map_err(|e| e.to_string())
            .and_then(|value| {
                serde_json::from_value::<ChatMessage>(value).map_err(|e| e.to_string())
            })
    };
    let mut owned = Router::new().on::<ChatMessage>(Ok).unwrap();
    let mut viewed = Router::new()
        .on_view::<ChatMessage>(|view| {
            Ok(wiremsg::rkyv::deserialize::<ChatMessage, wiremsg::RkyvError>(view).unwrap())
        })
        .unwrap();
    let padded = {
        let mut padded = bytes.to_vec();
        padded.resize(bytes.len().next_multiple_of(16), 0);
        padded
    };
    let from_buffer = |read: &dyn Fn(&ZeroCopyBuffer) -> Result<ChatMessage, CodecError>| {
        let buffer = ZeroCopyBuffer::from_bytes(&padded).map_err(|e| e.to_string())?;
        if buffer.len() != 1 {
            return Err(format!("{} frames", buffer.len()));
        }
        outcome(read(&buffer))
    };
    let frames: Vec<_> = Frames::new(bytes)
        .map(|frame| frame.map_err(|e| e.to_string()))
        .collect();
    vec![
        ("from_wire", outcome(ChatMessage::from_wire(bytes))),
        ("HybridCodec", outcome(HybridCodec::new().decode(bytes))),
        ("RkyvCodec", outcome(RkyvCodec::new().decode(bytes))),
        ("JsonCodec", outcome(JsonCodec::new().decode(bytes))),
        ("CompressedCodec", outcome(lz4().decode(bytes))),
        (
            "view",
            outcome(
                HybridCodec::new()
                    .view::<ChatMessage>(&aligned(bytes))
                    .map(|view| wiremsg::rkyv::deserialize::<_, wiremsg::RkyvError>(view).unwrap()),
            ),
        ),
        ("registry to_json", json(bytes)),
        ("Router::on", outcome(owned.dispatch(bytes))),
        ("Router::on_view", outcome(viewed.dispatch(&aligned(bytes)))),
        (
            "Frames",
            single(frames, |frame| outcome(ChatMessage::from_wire(frame))),
        ),
        (
            "FrameCodec",
            single(stream_decode(FrameCodec::new(), bytes), |frame| {
                outcome(ChatMessage::from_wire(&frame))
            }),
        ),
        (
            "WireCodec",
            single(stream_decode(WireCodec::<ChatMessage>::new(), bytes), Ok),
        ),
        ("ZeroCopyBuffer::get", from_buffer(&|b| b.get(0))),
        (
            "ZeroCopyBuffer::view",
            from_buffer(&|b| {
                b.view::<ChatMessage>(0)
                    .map(|view| wiremsg::rkyv::deserialize::<_, wiremsg::RkyvError>(view).unwrap())
            }),
        ),
    ]
}

/// The entry points that can read a frame of this kind read `sent`; the others refuse it.
#[test]
fn every_entry_point_reads_every_frame_kind_or_refuses_it() {
    for (kind, sent, frame) in chat_frames() {
        let outcomes = every_entry_point(&frame);
        for (entry, result) in &outcomes {
            if let Ok(value) = result {
                assert_eq!(value, &sent, "{kind} through {entry}");
            }
        }
        let read = |entry: &str| outcomes.iter().any(|(e, r)| *e == entry && r.is_ok());
        for entry in [
            "from_wire",
            "HybridCodec",
            "Frames",
            "WireCodec",
            "Router::on",
        ] {
            assert!(read(entry), "{kind} frames must be read by {entry}");
        }
        assert_eq!(read("view"), kind == "rkyv", "{kind}: view");
    }
}

/// W1, W2, W3 (whole frames): every value of every header byte but the one sent.
#[test]
fn any_one_changed_header_byte_is_refused_by_every_entry_point() {
    for (kind, _, frame) in chat_frames() {
        for offset in 0..HEADER_LEN {
            for value in 0..=u8::MAX {
                if value == frame[offset] {
                    continue;
                }
                let mut bad = frame.clone();
                bad[offset] = value;
                for (entry, result) in every_entry_point(&bad) {
                    assert!(
                        result.is_err(),
                        "{kind}: byte {offset} = {value:#04x} read by {entry} as {result:?}"
                    );
                }
            }
        }
    }
}

/// The check byte catches any two flipped bits of a header, too.
#[test]
fn any_two_flipped_header_bits_are_refused() {
    for (kind, _, frame) in chat_frames() {
        for first in 0..HEADER_LEN * 8 {
            for second in first + 1..HEADER_LEN * 8 {
                let mut bad = frame.clone();
                bad[first / 8] ^= 1 << (first % 8);
                bad[second / 8] ^= 1 << (second % 8);
                let header = Header::parse(&bad);
                assert!(header.is_err(), "{kind}: bits {first} and {second}");
                assert!(ChatMessage::from_wire(&bad).is_err());
            }
        }
    }
}

/// W1 as reported: a JSON frame's codec bits turned into rkyv's (and back) fail the check byte.
#[test]
fn a_codec_flip_is_refused() {
    let json = JsonCodec::new()
        .encode_frame(&chat_of_varied_length(3))
        .unwrap();
    let rkyv = chat_of_varied_length(3).to_wire().unwrap();
    for (frame, flipped) in [(&json, 2), (&rkyv, 1)] {
        let mut bad = frame.clone();
        bad[2] = (bad[2] & !0b11) | flipped;
        assert!(matches!(
            ChatMessage::from_wire(&bad),
            Err(CodecError::HeaderChecksum { .. })
        ));
    }
}

/// W2 as reported: the compression bits of an LZ4 frame cleared.
#[test]
fn a_cleared_compression_flag_is_refused() {
    let frame = lz4().encode(&long_chat()).unwrap();
    let mut bad = frame.clone();
    bad[2] &= 0b11;
    for (entry, result) in every_entry_point(&bad) {
        assert!(result.is_err(), "{entry}: {result:?}");
    }
    assert!(matches!(
        ChatMessage::from_wire(&bad),
        Err(CodecError::HeaderChecksum { .. })
    ));
}

/// The 4-byte uncompressed length inside a compressed payload: any flipped bit gives the sent
/// value or an error, never another value.
#[test]
fn a_flipped_bit_of_a_compressed_length_is_refused() {
    for (kind, sent, frame) in chat_frames() {
        if !kind.contains(' ') {
            continue;
        }
        for bit in 0..32 {
            let mut bad = frame.clone();
            bad[HEADER_LEN + bit / 8] ^= 1 << (bit % 8);
            for (entry, result) in every_entry_point(&bad) {
                assert!(
                    result.as_ref().map_or(true, |value| *value == sent),
                    "{kind}: bit {bit} of the length read by {entry} as {result:?}"
                );
            }
            assert!(ChatMessage::from_wire(&bad).is_err(), "{kind}: bit {bit}");
        }
    }
}

/// A JSON-only type's frames, plain and compressed, are covered as well.
#[test]
fn json_only_frames_with_a_changed_header_byte_are_refused() {
    let plain = long_audit().to_wire().unwrap();
    let compressed = lz4().encode(&long_audit()).unwrap();
    assert!(Header::parse(&compressed).unwrap().compression().is_some());
    for frame in [plain, compressed] {
        for offset in 0..HEADER_LEN {
            for value in 0..=u8::MAX {
                if value == frame[offset] {
                    continue;
                }
                let mut bad = frame.clone();
                bad[offset] = value;
                assert!(AuditEvent::from_wire(&bad).is_err(), "byte {offset}");
                assert!(registry().to_json(&bad).is_err(), "byte {offset}");
            }
        }
    }
}

/// Three frames back to back, the middle one's payload length flipped at `bit`.
fn stream_with_flipped_length(bit: usize) -> (Vec<u8>, [ChatMessage; 3]) {
    let sent = [
        chat_of_varied_length(10),
        chat_of_varied_length(11),
        chat_of_varied_length(12),
    ];
    let frames: Vec<Vec<u8>> = sent.iter().map(|m| m.to_wire().unwrap()).collect();
    let mut stream = frames.concat();
    let length = frames[0].len() + 12;
    stream[length + bit / 8] ^= 1 << (bit % 8);
    (stream, sent)
}

/// A stream's outcomes must be the first frame, then one error, then nothing: the frame with
/// the bad header is never cut at a guessed length, and the stream never resynchronises.
fn assert_first_then_error(what: &str, bit: usize, items: &[Outcome], first: &ChatMessage) {
    assert_eq!(items.len(), 2, "{what}, bit {bit}: {items:?}");
    assert_eq!(items[0].as_ref().ok(), Some(first), "{what}, bit {bit}");
    let error = items[1].as_ref().unwrap_err();
    assert!(
        error.contains("corrupt frame header"),
        "{what}, bit {bit}: {error}"
    );
}

/// W3: one flipped bit of a payload length on a stream, through every stream reader.
#[test]
fn a_flipped_length_bit_ends_every_stream_reader_with_an_error() {
    for bit in 0..32 {
        let (stream, sent) = stream_with_flipped_length(bit);

        let frames: Vec<Outcome> = Frames::new(&stream)
            .map(|frame| {
                outcome(
                    frame
                        .map_err(|e| e.to_string())
                        .and_then(|f| ChatMessage::from_wire(f).map_err(|e| e.to_string())),
                )
            })
            .collect();
        assert_first_then_error("Frames", bit, &frames, &sent[0]);

        let mut router = Router::new().on::<ChatMessage>(Ok).unwrap();
        let routed: Vec<Outcome> = Frames::new(&stream)
            .map(|frame| outcome(frame.and_then(|frame| router.dispatch(frame))))
            .collect();
        assert_first_then_error("Router", bit, &routed, &sent[0]);

        let framed: Vec<Outcome> = stream_decode(FrameCodec::new(), &stream)
            .into_iter()
            .map(|frame| frame.and_then(|f| outcome(ChatMessage::from_wire(&f))))
            .collect();
        assert_first_then_error("FrameCodec", bit, &framed, &sent[0]);

        let typed = stream_decode(WireCodec::<ChatMessage>::new(), &stream);
        assert_first_then_error("WireCodec", bit, &typed, &sent[0]);

        // Delivered a few bytes at a time, as a socket would.
        let mut codec = WireCodec::<ChatMessage>::new();
        let mut src = BytesMut::new();
        let mut chunked = Vec::new();
        'read: for chunk in stream.chunks(7) {
            src.extend_from_slice(chunk);
            loop {
                match codec.decode(&mut src) {
                    Ok(Some(message)) => chunked.push(Ok(message)),
                    Ok(None) => break,
                    Err(error) => {
                        chunked.push(Err(error.to_string()));
                        break 'read;
                    }
                }
            }
        }
        assert_first_then_error("WireCodec in chunks", bit, &chunked, &sent[0]);
    }
}

/// W4: a frame's length grown into the zero padding of a `ZeroCopyBuffer`.
#[test]
fn a_length_grown_into_buffer_padding_is_refused() {
    let mut buffer = ZeroCopyBuffer::new();
    buffer.append(&chat_of_varied_length(20)).unwrap();
    buffer.append(&chat_of_varied_length(21)).unwrap();
    let bytes = buffer.as_bytes().to_vec();
    let first = buffer.frame(0).unwrap().len();
    let padding = first.next_multiple_of(16) - first;
    assert!(padding > 0, "the test needs padding to grow into");
    let declared = Header::parse(&bytes).unwrap().payload_len();
    for grown in 1..=padding as u32 {
        let mut bad = bytes.clone();
        bad[12..16].copy_from_slice(&(declared + grown).to_le_bytes());
        let err = ZeroCopyBuffer::from_bytes(&bad).unwrap_err();
        assert!(
            matches!(&err, CodecError::InBuffer { index: 0, source, .. }
                if matches!(**source, CodecError::HeaderChecksum { .. })),
            "{err:?}"
        );
    }
}

/// The tests above would pass vacuously if a resealed header were refused too: a header changed
/// and resealed is read (here, as the typed errors of the field checks behind the check byte).
#[test]
fn a_resealed_header_passes_the_check_byte() {
    let mut frame = chat_of_varied_length(4).to_wire().unwrap();
    frame[4] ^= 1; // schema version
    assert!(matches!(
        ChatMessage::from_wire(&frame),
        Err(CodecError::HeaderChecksum { .. })
    ));
    reseal(&mut frame);
    assert!(matches!(
        ChatMessage::from_wire(&frame),
        Err(CodecError::SchemaVersionMismatch { .. })
    ));
}
