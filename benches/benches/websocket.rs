//! Loopback websocket throughput: wiremsg frames as binary messages against serde_json as text
//! messages, the same messages through the same tokio-tungstenite connection, beside the TCP
//! benchmark (`loopback.rs`).
//!
//! Run it with `cargo bench -p wiremsg-benches --bench websocket` (add `-- --messages N` to
//! change the count, 100,000 per case by default). The sender encodes each message as it sends
//! it; the receiver reads each one: JSON text with `serde_json::from_str` into an owned value,
//! frames either into an owned value (`wire_decode`) or as a zero-copy view through a `Router`
//! (`wire_dispatch` to an `on_view` handler, which aligns each payload first: websocket buffers
//! are not 16-byte aligned). Sender and receiver each run a single-threaded tokio runtime on a
//! thread of their own; a case is timed from the first send to the last message read. It prints
//! a Markdown table with messages/s, bytes/message and the ratio to JSON text.

use futures_util::{SinkExt, StreamExt};
use std::hint::black_box;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;
use wiremsg::websocket::WebSocketMessage;
use wiremsg::Router;
use wiremsg_benches::loopback::{loopback_listener, message_count, numbered_chat, side_runtime};
use wiremsg_benches::messages::ChatMessage;
use wiremsg_tests::ArchivedChatMessage;

/// How the receiving side reads one data message; returns the bytes it read.
type Read = Box<dyn FnMut(Message) -> usize + Send>;

type Socket = WebSocketStream<TcpStream>;

/// Which end of the connection sends: the client's messages are masked (RFC 6455), the
/// server's are not, so the two directions cost differently.
#[derive(Clone, Copy)]
enum Direction {
    ClientToServer,
    ServerToClient,
}

/// Sends `messages`, each encoded by `encode`, over a fresh loopback websocket in `direction`,
/// and reads them on the other end's thread with `read`; returns the time from the first send
/// to the last read and the bytes of the payloads.
fn run_case(
    messages: &[ChatMessage],
    encode: fn(&ChatMessage) -> Message,
    read: Read,
    direction: Direction,
) -> (Duration, usize) {
    let (listener, address) = loopback_listener();
    let url = format!("ws://{address}");
    let server_sends = matches!(direction, Direction::ServerToClient);
    let (server_read, client_read) = if server_sends {
        (None, Some(read))
    } else {
        (Some(read), None)
    };
    std::thread::scope(|scope| {
        let server = scope.spawn(move || {
            side_runtime().block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                let (stream, _) = listener.accept().await.unwrap();
                stream.set_nodelay(true).unwrap();
                let socket = tokio_tungstenite::accept_async(stream).await.unwrap();
                end(socket, messages, encode, server_read).await
            })
        });
        let client = side_runtime().block_on(async {
            let stream = TcpStream::connect(address).await.unwrap();
            stream.set_nodelay(true).unwrap();
            let (socket, _) = tokio_tungstenite::client_async(url.as_str(), stream)
                .await
                .unwrap();
            end(socket, messages, encode, client_read).await
        });
        let (start, (received, bytes, last)) = match (server.join().unwrap(), client) {
            (Side::Read(read), Side::Sent(start)) | (Side::Sent(start), Side::Read(read)) => {
                (start, read)
            }
            _ => unreachable!("one end sends, the other reads"),
        };
        assert_eq!(received, messages.len(), "every message arrived");
        (last - start, bytes)
    })
}

/// One end of the connection: it reads with `read` when given one, else it sends.
async fn end(
    socket: Socket,
    messages: &[ChatMessage],
    encode: fn(&ChatMessage) -> Message,
    read: Option<Read>,
) -> Side {
    match read {
        Some(read) => Side::Read(read_all(socket, read).await),
        None => Side::Sent(send_all(socket, messages, encode).await),
    }
}

/// What one end did.
enum Side {
    Sent(Instant),
    Read((usize, usize, Instant)),
}

/// Sends every message, then closes; returns when the first was sent.
async fn send_all(
    mut socket: Socket,
    messages: &[ChatMessage],
    encode: fn(&ChatMessage) -> Message,
) -> Instant {
    let start = Instant::now();
    for message in messages {
        socket.feed(encode(message)).await.unwrap();
    }
    socket.close(None).await.unwrap();
    start
}

/// Reads data messages with `read` until the peer closes; returns their count, their bytes and
/// when the last was read.
async fn read_all(mut socket: Socket, mut read: Read) -> (usize, usize, Instant) {
    let (mut received, mut bytes) = (0, 0);
    while let Some(message) = socket.next().await {
        let message = message.unwrap();
        if message.is_close() {
            break;
        }
        bytes += read(message);
        received += 1;
    }
    (received, bytes, Instant::now())
}

fn json_text(message: &ChatMessage) -> Message {
    Message::text(serde_json::to_string(message).unwrap())
}

fn frame(message: &ChatMessage) -> Message {
    Message::wire_binary(message).unwrap()
}

/// The transport alone: one frame, encoded once and shared (a `Bytes` clone), for every message.
fn same_frame(_: &ChatMessage) -> Message {
    thread_local! {
        static FRAME: Message = Message::wire_binary(&numbered_chat(0)).unwrap();
    }
    FRAME.with(Message::clone)
}

/// The transport alone: the message is counted, not read.
fn read_nothing() -> Read {
    Box::new(|message: Message| message.len())
}

fn read_json() -> Read {
    Box::new(|message: Message| {
        let text = message.into_text().unwrap();
        black_box(serde_json::from_str::<ChatMessage>(&text).unwrap());
        text.len()
    })
}

fn read_owned() -> Read {
    Box::new(|message: Message| {
        let len = message.len();
        black_box(
            message
                .wire_decode::<ChatMessage>()
                .unwrap()
                .expect("a frame"),
        );
        len
    })
}

fn read_view() -> Read {
    let mut router = Router::new()
        .on_view::<ChatMessage>(|chat: &ArchivedChatMessage| Ok(chat.content.len()))
        .unwrap();
    Box::new(move |message: Message| {
        let len = message.len();
        black_box(
            message
                .wire_dispatch(&mut router)
                .unwrap()
                .expect("a frame"),
        );
        len
    })
}

/// One row of the table: how messages are sent and read.
struct Case {
    sent: &'static str,
    read: &'static str,
    encode: fn(&ChatMessage) -> Message,
    reader: fn() -> Read,
}

fn main() {
    let count = message_count(100_000);
    let rounds = 5;
    println!("loopback websocket (tokio-tungstenite), ChatMessage, {count} messages a case, fastest of {rounds} interleaved rounds\n");
    println!(
        "| direction | sent as | read as | messages/s | bytes/message | vs JSON text (messages/s) |"
    );
    println!("|---|---|---|---|---|---|");
    let messages: Vec<ChatMessage> = (0..count).map(numbered_chat).collect();
    let cases = [
        Case {
            sent: "JSON text",
            read: "serde_json, owned",
            encode: json_text,
            reader: read_json,
        },
        Case {
            sent: "wiremsg frame, binary",
            read: "`wire_decode`, owned",
            encode: frame,
            reader: read_owned,
        },
        Case {
            sent: "wiremsg frame, binary",
            read: "`Router::on_view`, zero-copy",
            encode: frame,
            reader: read_view,
        },
        Case {
            sent: "one frame, encoded once",
            read: "not read (the transport's ceiling)",
            encode: same_frame,
            reader: read_nothing,
        },
    ];
    for (direction, name) in [
        (Direction::ClientToServer, "client to server (masked)"),
        (Direction::ServerToClient, "server to client"),
    ] {
        // Rounds interleave the cases, so that a busy spell of the shared machine slows every
        // case alike; each case keeps its fastest round, the least disturbed.
        let mut fastest: Vec<Option<(Duration, usize)>> = vec![None; cases.len()];
        for _ in 0..rounds {
            for (case, best) in cases.iter().zip(&mut fastest) {
                let run = run_case(&messages, case.encode, (case.reader)(), direction);
                *best = Some(best.map_or(run, |best| best.min(run)));
            }
        }
        let json_rate = count as f64 / fastest[0].expect("a round ran").0.as_secs_f64();
        for (Case { sent, read, .. }, best) in cases.iter().zip(fastest) {
            let (elapsed, bytes) = best.expect("a round ran");
            let rate = count as f64 / elapsed.as_secs_f64();
            println!(
                "| {name} | {sent} | {read} | {:.2} M | {:.0} | {:.2}× |",
                rate / 1e6,
                bytes as f64 / count as f64,
                rate / json_rate,
            );
        }
    }
    let alignment = wiremsg::metrics().alignment;
    println!(
        "\nframes viewed in place: {}, copied to align them first: {}",
        alignment.in_place, alignment.copied
    );
}
