//! Loopback TCP throughput: wiremsg frames (`WireCodec`) against newline-delimited serde_json,
//! the same messages over the same kind of socket, decoded to owned values on the far side.
//!
//! Run it with `cargo bench -p wiremsg-benches --bench loopback` (add `-- --messages N` to
//! change the count, 200,000 per case by default). The sender and the receiver each run a
//! single-threaded tokio runtime on a thread of their own; one case is timed from the first
//! write to the last message decoded. It prints a Markdown table with messages/s, MB/s of wire
//! bytes and the wiremsg / JSON ratio of messages/s.

use futures_util::{SinkExt, StreamExt};
use std::hint::black_box;
use std::marker::PhantomData;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use wiremsg::framing::bytes::{BufMut, BytesMut};
use wiremsg::framing::tokio_util::codec::{Decoder, Encoder, FramedRead, FramedWrite};
use wiremsg::framing::WireCodec;
use wiremsg::WireMessage;
use wiremsg_benches::loopback::{loopback_listener, message_count, numbered_chat, side_runtime};
use wiremsg_benches::messages::{ChatMessage, RpcMethod, RpcRequest};

/// Newline-delimited JSON, written and read as directly as serde_json allows: `to_writer` into
/// the write buffer, `from_slice` on each line (no intermediate `String`).
struct NdJsonCodec<T> {
    /// Where the search for the next newline resumes: bytes before it hold none.
    scanned: usize,
    message: PhantomData<fn() -> T>,
}

impl<T> NdJsonCodec<T> {
    fn new() -> Self {
        NdJsonCodec {
            scanned: 0,
            message: PhantomData,
        }
    }
}

impl<T: serde::Serialize> Encoder<&T> for NdJsonCodec<T> {
    type Error = std::io::Error;

    fn encode(&mut self, message: &T, dst: &mut BytesMut) -> Result<(), Self::Error> {
        serde_json::to_writer(dst.writer(), message)?;
        dst.put_u8(b'\n');
        Ok(())
    }
}

impl<T: serde::de::DeserializeOwned> Decoder for NdJsonCodec<T> {
    type Item = T;
    type Error = std::io::Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<T>, Self::Error> {
        let Some(offset) = src[self.scanned..].iter().position(|&b| b == b'\n') else {
            self.scanned = src.len();
            return Ok(None);
        };
        let line = src.split_to(self.scanned + offset + 1);
        self.scanned = 0;
        Ok(Some(serde_json::from_slice(&line[..line.len() - 1])?))
    }
}

/// What one case measured.
struct Throughput {
    elapsed: Duration,
    messages: usize,
    wire_bytes: usize,
}

impl Throughput {
    fn messages_per_second(&self) -> f64 {
        self.messages as f64 / self.elapsed.as_secs_f64()
    }

    fn megabytes_per_second(&self) -> f64 {
        self.wire_bytes as f64 / self.elapsed.as_secs_f64() / 1e6
    }
}

/// Sends `messages` through `encoder` over a fresh loopback connection and decodes them with
/// `decoder` on another thread; returns the time from the first write to the last decode.
fn run_case<T, E, D>(messages: &[T], encoder: E, decoder: D) -> Duration
where
    T: Sync,
    E: for<'a> Encoder<&'a T, Error: std::fmt::Debug> + Send,
    D: Decoder<Item = T, Error: std::fmt::Debug> + Send,
{
    let (listener, address) = loopback_listener();
    std::thread::scope(|scope| {
        let receiver = scope.spawn(move || {
            side_runtime().block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                let (stream, _) = listener.accept().await.unwrap();
                let mut frames = FramedRead::new(stream, decoder);
                let mut received = 0;
                while let Some(message) = frames.next().await {
                    black_box(message.unwrap());
                    received += 1;
                }
                (received, Instant::now())
            })
        });
        let start = side_runtime().block_on(async {
            let stream = TcpStream::connect(address).await.unwrap();
            stream.set_nodelay(true).unwrap();
            let mut sink = FramedWrite::new(stream, encoder);
            let start = Instant::now();
            for message in messages {
                sink.feed(message).await.unwrap();
            }
            SinkExt::<&T>::close(&mut sink).await.unwrap();
            start
        });
        let (received, end) = receiver.join().unwrap();
        assert_eq!(received, messages.len(), "every message arrived");
        end - start
    })
}

/// The wire bytes `encoder` writes for `messages`.
fn wire_bytes<T, E: for<'a> Encoder<&'a T, Error: std::fmt::Debug>>(
    messages: &[T],
    mut encoder: E,
) -> usize {
    let mut buffer = BytesMut::new();
    messages.iter().fold(0, |total, message| {
        buffer.clear();
        encoder.encode(message, &mut buffer).unwrap();
        total + buffer.len()
    })
}

/// Measures both formats for one message type, each the best of `rounds` runs.
fn compare<T>(name: &str, messages: &[T], rounds: usize) -> [Throughput; 2]
where
    T: WireMessage + Sync,
{
    let best = |run: &dyn Fn() -> Duration| (0..rounds).map(|_| run()).min().unwrap();
    let wiremsg = Throughput {
        elapsed: best(&|| run_case(messages, WireCodec::<T>::new(), WireCodec::<T>::new())),
        messages: messages.len(),
        wire_bytes: wire_bytes(messages, WireCodec::<T>::new()),
    };
    let json = Throughput {
        elapsed: best(&|| run_case(messages, NdJsonCodec::<T>::new(), NdJsonCodec::<T>::new())),
        messages: messages.len(),
        wire_bytes: wire_bytes(messages, NdJsonCodec::<T>::new()),
    };
    for (format, result) in [("wiremsg frames", &wiremsg), ("NDJSON", &json)] {
        println!(
            "| {name} | {format} | {:.2} M | {:.1} | {:.0} | {} |",
            result.messages_per_second() / 1e6,
            result.megabytes_per_second(),
            result.wire_bytes as f64 / result.messages as f64,
            if format == "NDJSON" {
                "1×".to_owned()
            } else {
                format!(
                    "{:.2}×",
                    wiremsg.messages_per_second() / json.messages_per_second()
                )
            },
        );
    }
    [wiremsg, json]
}

fn rpc(seq: usize) -> RpcRequest {
    RpcRequest {
        id: format!("req-{seq}"),
        method: "room.join".into(),
        params: serde_json::json!({ "room": "lobby", "user": "alice", "seq": seq }),
        method_type: RpcMethod::Call,
    }
}

fn main() {
    let count = message_count(200_000);
    println!("loopback TCP, {count} messages a case, best of 3 runs\n");
    println!("| message | format | messages/s | MB/s | bytes/message | vs NDJSON (messages/s) |");
    println!("|---|---|---|---|---|---|");
    let chats: Vec<ChatMessage> = (0..count).map(numbered_chat).collect();
    compare("ChatMessage", &chats, 3);
    let rpcs: Vec<RpcRequest> = (0..count).map(rpc).collect();
    compare("RpcRequest", &rpcs, 3);
}
