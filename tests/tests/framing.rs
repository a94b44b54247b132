//! Stream framing (feature `tokio`): the codecs across every split point, their limits, defaults
//! and typed errors, the end of a stream, and 100k mixed messages over a loopback TCP connection
//! in random-sized writes.

use futures_util::{SinkExt, StreamExt};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::{Decoder, Encoder, Framed, FramedRead};
use wiremsg::framing::{FrameCodec, FramingError, WireCodec, DEFAULT_MAX_FRAME_LENGTH};
use wiremsg::{CodecError, CodecKind, Header, JsonCodec, Router, WireMessage, HEADER_LEN};
use wiremsg_tests::fixtures::{audit, chat, chat_saying, rpc};
use wiremsg_tests::{reseal, AuditEvent, ChatMessage, Pair, RpcRequest};

/// Every async test gives up after this long instead of hanging.
const DEADLINE: Duration = Duration::from_secs(120);

/// The `seq`th chat message, its text `content_len` bytes long: frames of a chosen size.
fn chat_with_content_len(seq: u64, content_len: usize) -> ChatMessage {
    ChatMessage {
        content: "x".repeat(content_len),
        ..chat(seq)
    }
}

/// Decodes everything `codec` can cut from `src` right now.
fn drain<D: Decoder>(codec: &mut D, src: &mut BytesMut) -> Result<Vec<D::Item>, D::Error> {
    let mut items = Vec::new();
    while let Some(item) = codec.decode(src)? {
        items.push(item);
    }
    Ok(items)
}

// ---- split points ----

#[test]
fn a_frame_split_at_every_pair_of_points_decodes_once_whole() {
    let message = chat_with_content_len(7, 40);
    let frame = message.to_wire().unwrap();
    for first in 0..=frame.len() {
        for second in first..=frame.len() {
            let mut codec = WireCodec::<ChatMessage>::new();
            let mut src = BytesMut::new();
            let mut decoded = Vec::new();
            for part in [&frame[..first], &frame[first..second], &frame[second..]] {
                src.extend_from_slice(part);
                decoded.extend(drain(&mut codec, &mut src).unwrap());
            }
            assert_eq!(
                decoded,
                std::slice::from_ref(&message),
                "split at {first} and {second}"
            );
            assert!(src.is_empty());
            assert!(codec.decode_eof(&mut src).unwrap().is_none());
        }
    }
}

#[test]
fn a_stream_of_mixed_frames_split_at_every_point_yields_the_same_frames() {
    let mut codec = FrameCodec::new();
    let mut stream = BytesMut::new();
    codec
        .encode(&chat_with_content_len(1, 100), &mut stream)
        .unwrap();
    codec.encode(&audit(2), &mut stream).unwrap(); // a JSON frame
    codec.encode(&rpc(3), &mut stream).unwrap();
    let whole = drain(&mut codec, &mut stream.clone()).unwrap();
    assert_eq!(whole.len(), 3);
    for split in 0..=stream.len() {
        let mut src = BytesMut::from(&stream[..split]);
        let mut frames = drain(&mut codec, &mut src).unwrap();
        src.extend_from_slice(&stream[split..]);
        frames.extend(drain(&mut codec, &mut src).unwrap());
        assert_eq!(frames, whole, "split at {split}");
    }
}

// ---- encoding ----

#[test]
fn encoded_frames_are_the_bytes_to_wire_gives() {
    let mut codec = FrameCodec::new();
    let expected = [
        chat_with_content_len(1, 50).to_wire().unwrap(),
        rpc(2).to_wire().unwrap(),
        audit(3).to_wire().unwrap(), // a JSON frame, written in place
        Pair(4, "four".into()).to_wire().unwrap(),
    ];
    let mut dst = BytesMut::new();
    codec
        .encode(&chat_with_content_len(1, 50), &mut dst)
        .unwrap();
    codec.encode(&rpc(2), &mut dst).unwrap();
    codec.encode(&audit(3), &mut dst).unwrap();
    codec.encode(&Pair(4, "four".into()), &mut dst).unwrap();
    assert_eq!(&dst[..], &expected.concat()[..]);
}

#[test]
fn decoded_frames_serve_the_registry() {
    let mut codec = FrameCodec::new();
    let mut src = BytesMut::new();
    codec.encode(&audit(9), &mut src).unwrap();
    let frame = codec.decode(&mut src).unwrap().unwrap();
    let json = wiremsg::registry().to_json(&frame).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "details": { "event": "login", "seq": 9 } })
    );
}

#[cfg(unix)]
use wiremsg_tests::fallback;

#[cfg(unix)]
#[test]
fn hybrid_types_fall_back_to_json_frames_and_rkyv_types_report_the_failure() {
    use fallback::{FileEntry, StrictFileEntry};
    use std::os::unix::ffi::OsStringExt;

    let name = || std::ffi::OsString::from_vec(vec![b'a', 0xff, b'b']);
    let entry = FileEntry {
        name: name(),
        size: 0,
    };
    let mut codec = WireCodec::<FileEntry>::new();
    let mut dst = BytesMut::new();
    codec.encode(&entry, &mut dst).unwrap();
    assert_eq!(Header::parse(&dst).unwrap().codec(), CodecKind::Json);
    assert_eq!(&dst[..], &entry.to_wire().unwrap()[..]);
    assert_eq!(codec.decode(&mut dst).unwrap(), Some(entry));

    let mut dst = BytesMut::from(&b"kept"[..]);
    let error = WireCodec::<StrictFileEntry>::new()
        .encode(StrictFileEntry { name: name() }, &mut dst)
        .unwrap_err();
    assert!(matches!(
        error,
        FramingError::Codec(CodecError::RkyvEncode { .. })
    ));
    assert_eq!(&dst[..], b"kept");
}

// ---- limits ----

fn header_claiming(payload_len: u32) -> [u8; HEADER_LEN] {
    Header::new(CodecKind::Rkyv, ChatMessage::TYPE_ID, 1, 0, payload_len).to_bytes()
}

#[test]
fn a_header_claiming_1_gib_is_refused_having_buffered_only_the_header() {
    let mut src = BytesMut::from(&header_claiming(1 << 30)[..]);
    let capacity = src.capacity();
    let error = FrameCodec::new().decode(&mut src).unwrap_err();
    assert!(matches!(
        error,
        FramingError::FrameTooLong { len, max } if len == 1 << 30 && max == DEFAULT_MAX_FRAME_LENGTH
    ));
    assert_eq!(
        src.len(),
        HEADER_LEN,
        "the header stays: the stream is over"
    );
    assert_eq!(
        src.capacity(),
        capacity,
        "nothing was reserved for the payload"
    );
}

#[tokio::test]
async fn a_header_claiming_1_gib_ends_a_framed_stream_without_reading_on() {
    // The header, then an endless stream of zeros: the codec must not wait for 1 GiB of them.
    let header = header_claiming(1 << 30);
    let endless = (&header[..]).chain(tokio::io::repeat(0));
    let mut framed = FramedRead::new(endless, FrameCodec::new());
    let first = tokio::time::timeout(DEADLINE, framed.next()).await.unwrap();
    assert!(matches!(
        first,
        Some(Err(FramingError::FrameTooLong { .. }))
    ));
    assert!(
        framed.next().await.is_none(),
        "the stream ends after the error"
    );
    assert!(
        framed.read_buffer().len() <= 64 * 1024,
        "only one read was buffered"
    );
}

#[test]
fn a_custom_limit_applies_to_decoding_and_encoding() {
    let mut codec = WireCodec::<ChatMessage>::with_max_frame_length(100);
    assert_eq!(codec.max_frame_length(), 100);
    let frame = chat_with_content_len(1, 200).to_wire().unwrap();
    let mut src = BytesMut::from(&frame[..HEADER_LEN]);
    assert!(matches!(
        codec.decode(&mut src),
        Err(FramingError::FrameTooLong { max: 100, .. })
    ));
    let mut dst = BytesMut::from(&b"earlier frames"[..]);
    assert!(matches!(
        codec.encode(&chat_with_content_len(1, 200), &mut dst),
        Err(FramingError::FrameTooLong { max: 100, .. })
    ));
    assert_eq!(
        &dst[..],
        b"earlier frames",
        "a refused message leaves no partial frame"
    );
    codec
        .encode(chat_with_content_len(1, 10), &mut dst)
        .unwrap();
}

#[test]
fn a_json_frame_over_the_limit_leaves_the_buffer_as_it_was() {
    let mut codec = FrameCodec::with_max_frame_length(10);
    let mut dst = BytesMut::from(&b"kept"[..]);
    let error = codec.encode(&audit(1), &mut dst).unwrap_err();
    assert!(matches!(error, FramingError::FrameTooLong { max: 10, .. }));
    assert_eq!(&dst[..], b"kept");
}

// ---- typed errors ----

/// Runs a `FramedRead` over `input` to its end, collecting every item and error.
async fn read_all<R: AsyncRead + Unpin>(input: R) -> Vec<Result<BytesMut, FramingError>> {
    let framed = FramedRead::new(input, FrameCodec::new());
    tokio::time::timeout(DEADLINE, framed.collect())
        .await
        .unwrap()
}

#[tokio::test]
async fn bad_magic_ends_the_stream_with_the_typed_error() {
    let good = chat_with_content_len(1, 5).to_wire().unwrap();
    let mut input = good.clone();
    input.extend_from_slice(br#"{"legacy":"json"}"#);
    input.extend_from_slice(&good); // never reached: the frame boundary is lost
    let items = read_all(&input[..]).await;
    assert_eq!(items.len(), 2);
    assert_eq!(&items[0].as_ref().unwrap()[..], &good[..]);
    assert!(matches!(
        items[1],
        Err(FramingError::Codec(CodecError::BadMagic { found: b'{' }))
    ));
}

#[tokio::test]
async fn other_bad_headers_end_the_stream_with_their_typed_errors() {
    let good = chat_with_content_len(1, 5).to_wire().unwrap();
    let check = good[3].wrapping_add(1);
    let cases: [(usize, u8); 4] = [(1, 9), (2, 7), (2, 0x82), (3, check)];
    for (offset, byte) in cases {
        let mut bad = good.clone();
        bad[offset] = byte;
        if offset == 2 {
            reseal(&mut bad);
        }
        let items = read_all(&bad[..]).await;
        assert_eq!(items.len(), 1, "offset {offset}");
        let Err(FramingError::Codec(error)) = &items[0] else {
            panic!("offset {offset}: {:?}", items[0]);
        };
        match offset {
            1 => assert!(matches!(
                error,
                CodecError::UnsupportedFormatVersion { found: 9, .. }
            )),
            2 if byte == 7 => assert!(matches!(error, CodecError::UnknownCodec { found: 3 })),
            2 => assert!(matches!(
                error,
                CodecError::UnsupportedFlags {
                    found: 0b10_0000,
                    ..
                }
            )),
            _ => assert!(
                matches!(error, CodecError::HeaderChecksum { found, .. } if *found == check)
            ),
        }
    }
}

#[tokio::test]
async fn a_stream_cut_inside_a_frame_ends_with_a_truncation_error() {
    let frame = chat_with_content_len(1, 5).to_wire().unwrap();
    let items = read_all(&frame[..HEADER_LEN - 3]).await;
    assert!(matches!(
        items[..],
        [Err(FramingError::Codec(CodecError::TruncatedHeader {
            available: 13
        }))]
    ));
    let items = read_all(&frame[..frame.len() - 1]).await;
    let declared = (frame.len() - HEADER_LEN) as u32;
    assert!(matches!(
        items[..],
        [Err(FramingError::Codec(CodecError::TruncatedPayload { declared: d, available }))]
            if d == declared && available == declared as usize - 1
    ));
}

#[test]
fn a_json_frame_and_an_rkyv_frame_both_decode() {
    let message = chat_with_content_len(3, 20);
    let mut src = BytesMut::new();
    src.extend_from_slice(&JsonCodec::new().encode_frame(&message).unwrap());
    src.extend_from_slice(&message.to_wire().unwrap());
    assert_eq!(Header::parse(&src).unwrap().codec(), CodecKind::Json);
    let decoded = drain(&mut WireCodec::<ChatMessage>::new(), &mut src).unwrap();
    assert_eq!(decoded, [message.clone(), message]);
}

#[test]
fn a_frame_of_another_type_is_a_wrong_type_error() {
    let mut src = BytesMut::from(&audit(1).to_wire().unwrap()[..]);
    let error = WireCodec::<ChatMessage>::new()
        .decode(&mut src)
        .unwrap_err();
    assert!(matches!(
        error,
        FramingError::Codec(CodecError::WrongType { found: 0x42, .. })
    ));
}

#[test]
fn ready_made_frames_are_checked_before_they_are_sent() {
    let mut codec = FrameCodec::new();
    let frame = chat_with_content_len(1, 5).to_wire().unwrap();
    let mut dst = BytesMut::new();
    codec.encode(&frame[..], &mut dst).unwrap();
    codec
        .encode(BytesMut::from(&frame[..]).freeze(), &mut dst)
        .unwrap();
    assert_eq!(dst.len(), 2 * frame.len());
    assert!(matches!(
        codec.encode(&frame[..frame.len() - 1], &mut dst),
        Err(FramingError::Codec(CodecError::TruncatedPayload { .. }))
    ));
    assert!(matches!(
        codec.encode(&br#"{"bare":"json"}"#[..], &mut dst),
        Err(FramingError::Codec(CodecError::BadMagic { .. }))
    ));
    assert_eq!(dst.len(), 2 * frame.len());
}

#[tokio::test]
async fn a_typed_framed_pair_round_trips_values_and_references() {
    let (near, far) = tokio::io::duplex(256);
    let mut sender = Framed::new(near, WireCodec::<RpcRequest>::new());
    let receiver = Framed::new(far, WireCodec::<RpcRequest>::new());
    let run = async {
        sender.send(rpc(1)).await.unwrap();
        sender.send(&rpc(2)).await.unwrap();
        drop(sender); // closes the pipe: the receiver's stream ends
        receiver.map(Result::unwrap).collect::<Vec<_>>().await
    };
    let received = tokio::time::timeout(DEADLINE, run).await.unwrap();
    assert_eq!(received, [rpc(1), rpc(2)]);
}

// ---- 100k mixed messages over loopback TCP ----

const MESSAGES: u64 = 100_000;

/// One of the mixed messages the loopback test sends.
#[derive(Debug, Clone, PartialEq)]
enum Mixed {
    Chat(ChatMessage),
    Rpc(RpcRequest),
    Audit(AuditEvent),
    Pair(Pair),
}

/// A small deterministic generator (xorshift64*): reproducible runs without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % bound
    }
}

/// The `seq`th message: its type and size follow from `seq` alone, so the receiver can check it.
fn mixed(seq: u64) -> Mixed {
    let mut rng = Rng(seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    match rng.below(4) {
        0 => Mixed::Chat(chat_with_content_len(seq, rng.below(300) as usize)),
        1 => Mixed::Rpc(rpc(seq)),
        2 => Mixed::Audit(audit(seq)),
        _ => Mixed::Pair(Pair(seq as u32, "y".repeat(rng.below(50) as usize))),
    }
}

fn encode_mixed(codec: &mut FrameCodec, message: &Mixed, dst: &mut BytesMut) {
    match message {
        Mixed::Chat(m) => codec.encode(m, dst),
        Mixed::Rpc(m) => codec.encode(m, dst),
        Mixed::Audit(m) => codec.encode(m, dst),
        Mixed::Pair(m) => codec.encode(m, dst),
    }
    .unwrap();
}

/// Encodes every message and writes the bytes in random-sized chunks, from 1 byte to 8 KiB,
/// flushing after each, so frames arrive split at arbitrary points.
async fn send_in_random_chunks(mut stream: TcpStream) {
    let mut codec = FrameCodec::new();
    let mut rng = Rng(0x5EED);
    let mut pending = BytesMut::new();
    for seq in 0..MESSAGES {
        encode_mixed(&mut codec, &mixed(seq), &mut pending);
        while pending.len() >= 8192 || (seq + 1 == MESSAGES && !pending.is_empty()) {
            let size = match rng.below(3) {
                0 => 1 + rng.below(16),
                1 => 1 + rng.below(512),
                _ => 1 + rng.below(8192),
            };
            let chunk = pending.split_to((size as usize).min(pending.len()));
            stream.write_all(&chunk).await.unwrap();
            stream.flush().await.unwrap();
        }
    }
    stream.shutdown().await.unwrap();
}

fn receiving_router() -> Router<Mixed> {
    Router::new()
        .on::<ChatMessage>(|m| Ok(Mixed::Chat(m)))
        .and_then(|r| r.on::<RpcRequest>(|m| Ok(Mixed::Rpc(m))))
        .and_then(|r| r.on::<AuditEvent>(|m| Ok(Mixed::Audit(m))))
        .and_then(|r| r.on::<Pair>(|m| Ok(Mixed::Pair(m))))
        .unwrap()
}

/// Reads frames to the end of the stream, routes each, and checks it is the next one expected.
async fn receive_and_check(stream: TcpStream) -> u64 {
    let mut frames = FramedRead::new(stream, FrameCodec::new());
    let mut router = receiving_router();
    let mut seq = 0;
    while let Some(frame) = frames.next().await {
        let received = router.dispatch(&frame.unwrap()).unwrap();
        assert_eq!(received, mixed(seq), "message {seq}");
        seq += 1;
    }
    seq
}

#[tokio::test]
async fn a_hundred_thousand_mixed_messages_cross_loopback_intact_and_in_order() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        receive_and_check(stream).await
    });
    let client = tokio::spawn(async move {
        send_in_random_chunks(TcpStream::connect(address).await.unwrap()).await
    });
    let (received, sent) = tokio::time::timeout(DEADLINE, async { tokio::join!(server, client) })
        .await
        .expect("the loopback exchange did not finish in time");
    sent.unwrap();
    assert_eq!(received.unwrap(), MESSAGES);
}

#[test]
fn frame_codec_default_clone_and_debug_keep_the_limit() {
    assert_eq!(
        FrameCodec::default().max_frame_length(),
        DEFAULT_MAX_FRAME_LENGTH
    );
    let codec = FrameCodec::with_max_frame_length(64);
    assert_eq!(
        format!("{codec:?}"),
        "FrameCodec { max_frame_length: 64, .. }"
    );
    let mut clone = codec.clone();
    assert_eq!(clone.max_frame_length(), 64);
    let mut dst = BytesMut::new();
    let error = clone
        .encode(&chat_saying(&"x".repeat(100)), &mut dst)
        .unwrap_err();
    assert!(
        matches!(error, FramingError::FrameTooLong { max: 64, len } if len > 64),
        "{error:?}"
    );
    assert!(dst.is_empty(), "nothing written on error");
}

#[test]
fn frame_codec_decode_eof_yields_a_last_whole_frame() {
    let frame = chat_saying("last").to_wire().unwrap();
    let mut src = BytesMut::from(&frame[..]);
    let mut codec = FrameCodec::new();
    let decoded = codec.decode_eof(&mut src).unwrap();
    assert_eq!(decoded.as_deref(), Some(&frame[..]));
    assert!(src.is_empty());
    assert_eq!(codec.decode_eof(&mut src).unwrap(), None);
}

#[test]
fn wire_codec_default_clone_and_debug_keep_the_limit() {
    let default = WireCodec::<ChatMessage>::default();
    assert_eq!(default.max_frame_length(), DEFAULT_MAX_FRAME_LENGTH);
    assert_eq!(
        format!("{default:?}"),
        format!(
            "WireCodec {{ type: \"wiremsg_tests::ChatMessage\", max_frame_length: {DEFAULT_MAX_FRAME_LENGTH}, limits: {:?} }}",
            wiremsg::Limits::DEFAULT
        )
    );

    let codec = WireCodec::<ChatMessage>::with_max_frame_length(64);
    let mut clone = codec.clone();
    assert_eq!(clone.max_frame_length(), 64);
    let mut dst = BytesMut::new();
    let error = clone
        .encode(chat_saying(&"x".repeat(100)), &mut dst)
        .unwrap_err();
    assert!(
        matches!(error, FramingError::FrameTooLong { max: 64, .. }),
        "{error:?}"
    );
    clone.encode(chat_saying("ok"), &mut dst).unwrap();
    assert_eq!(clone.decode(&mut dst).unwrap(), Some(chat_saying("ok")));
}

#[test]
fn wire_codec_decode_eof_yields_a_last_whole_message() {
    let mut src = BytesMut::new();
    let mut codec = WireCodec::<ChatMessage>::new();
    codec.encode(&chat_saying("last"), &mut src).unwrap();
    assert!(src.len() > HEADER_LEN);
    assert_eq!(
        codec.decode_eof(&mut src).unwrap(),
        Some(chat_saying("last"))
    );
    assert!(src.is_empty());
    assert_eq!(codec.decode_eof(&mut src).unwrap(), None);
}
