//! A tokio TCP chat on 127.0.0.1: a server and two clients in one process, exchanging the design
//! note's `ChatMessage` and `RpcRequest` as wiremsg frames over `Framed<TcpStream, FrameCodec>`,
//! each side routing what it receives with a `Router`. The run ends by itself.
//!
//! Run it with `cargo run --example chat --features tokio`.
//!
//! Protocol: a client joins with an `RpcRequest` (`"join"`) and waits until the server announces
//! that everyone is here; it then says its lines as `ChatMessage`s, which the server relays to
//! every client, waits until it has seen every user's lines, and leaves with an `RpcRequest`
//! (`"leave"`). The server answers each request with a `ChatMessage` from `"server"` and closes
//! the connection after `"leave"`.

use futures_util::{SinkExt, StreamExt};
use std::error::Error;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio_util::codec::Framed;
use wiremsg::framing::FrameCodec;
use wiremsg::{Router, WireMessage};

/// The sample chat message.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "chat.Message")]
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

/// How an RPC is called.
#[derive(WireMessage, Debug, Clone, PartialEq)]
pub enum RpcMethod {
    /// A call that expects a reply.
    Call,
    /// A one-way notification.
    Notify,
}

/// The sample RPC request: `params` is free-form JSON, stored as JSON text in the archive.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "rpc.Request")]
pub struct RpcRequest {
    /// Request id.
    pub id: String,
    /// Method name.
    pub method: String,
    /// Parameters.
    #[wire(as_json)]
    pub params: serde_json::Value,
    /// Call style.
    pub method_type: RpcMethod,
}

const ROOM: &str = "lobby";
const USERS: [&str; 2] = ["alice", "bob"];
const LINES: [&str; 3] = ["hi all", "wiremsg frames over TCP", "see you"];
const EVERYONE_HERE: &str = "everyone is here";

type Result<T, E = Box<dyn Error + Send + Sync>> = std::result::Result<T, E>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?; // an ephemeral port
    let address = listener.local_addr()?;
    println!("server listening on {address}");
    let server = tokio::spawn(server(listener, USERS.len()));
    let clients = USERS.map(|user| tokio::spawn(client(address, user)));
    for client in clients {
        client.await??;
    }
    server.await??;
    println!("all clients left; server stopped");
    Ok(())
}

fn chat(sender: &str, seq: usize, content: String) -> ChatMessage {
    ChatMessage {
        id: format!("{sender}-{seq}"),
        content,
        timestamp: 1_700_000_000_000 + seq as u64,
        sender: sender.into(),
        room_id: ROOM.into(),
    }
}

fn request(user: &str, method: &str) -> RpcRequest {
    RpcRequest {
        id: format!("{user}-{method}"),
        method: method.into(),
        params: serde_json::json!({ "user": user, "room": ROOM }),
        method_type: RpcMethod::Call,
    }
}

// ---- server ----

/// What the server does with one received frame.
enum Action {
    /// Relay a chat message to every connected client.
    Relay(ChatMessage),
    /// Answer the sender only; `close` after a `"leave"`.
    Answer { reply: ChatMessage, close: bool },
}

/// Accepts `clients` connections, serves each on a task of its own, and returns once all left.
async fn server(listener: TcpListener, clients: usize) -> Result<()> {
    let (relay, _) = broadcast::channel::<ChatMessage>(64);
    let joined = Arc::new(AtomicUsize::new(0));
    let mut sessions = Vec::new();
    for _ in 0..clients {
        let (stream, peer) = listener.accept().await?;
        println!("server: connection from {peer}");
        let router = server_router(clients, joined.clone())?;
        sessions.push(tokio::spawn(session(stream, router, relay.clone())));
    }
    for session in sessions {
        session.await??;
    }
    Ok(())
}

/// Routes one client's frames; `joined` counts joins across all sessions.
fn server_router(clients: usize, joined: Arc<AtomicUsize>) -> Result<Router<Action>> {
    let mut answered = 0;
    let router = Router::new()
        .on::<ChatMessage>(|msg| Ok(Action::Relay(msg)))?
        .on::<RpcRequest>(move |req| {
            answered += 1;
            let user = req.params["user"].as_str().unwrap_or("someone").to_owned();
            let text = match req.method.as_str() {
                "join" if joined.fetch_add(1, Ordering::SeqCst) + 1 == clients => {
                    return Ok(Action::Relay(chat("server", 0, EVERYONE_HERE.into())));
                }
                "join" => format!("welcome, {user}; waiting for the others"),
                "leave" => format!("bye, {user}"),
                other => format!("unknown method {other:?}"),
            };
            let reply = chat("server", answered, text);
            let close = req.method == "leave";
            Ok(Action::Answer { reply, close })
        })?;
    Ok(router)
}

/// Serves one client: routes its frames, relays chat to everyone, forwards others' chat to it.
async fn session(
    stream: TcpStream,
    mut router: Router<Action>,
    relay: broadcast::Sender<ChatMessage>,
) -> Result<()> {
    let mut framed = Framed::new(stream, FrameCodec::new());
    let mut relayed = relay.subscribe();
    loop {
        tokio::select! {
            frame = framed.next() => {
                // A bad header or a cut stream is a typed error: report it and end the session.
                let Some(frame) = frame.transpose()? else { return Ok(()) };
                println!("server: {}", wiremsg::registry().describe(&frame)?);
                match router.dispatch(&frame)? {
                    Action::Relay(msg) => {
                        relay.send(msg)?;
                    }
                    Action::Answer { reply, close } => {
                        framed.send(&reply).await?;
                        if close {
                            return Ok(());
                        }
                    }
                }
            }
            Ok(msg) = relayed.recv() => framed.send(&msg).await?,
        }
    }
}

// ---- client ----

/// What a client saw in one frame.
enum Seen {
    /// The server's announcement that everyone joined.
    EveryoneHere,
    /// A line some user said.
    Line,
    /// Anything else.
    Other,
}

fn client_router(user: &'static str) -> Result<Router<Seen>> {
    let router = Router::new()
        .on::<ChatMessage>(move |msg| {
            println!(
                "{user} sees [{}] {}: {}",
                msg.room_id, msg.sender, msg.content
            );
            Ok(match (msg.sender.as_str(), msg.content.as_str()) {
                ("server", EVERYONE_HERE) => Seen::EveryoneHere,
                ("server", _) => Seen::Other,
                _ => Seen::Line,
            })
        })?
        .fallback(move |header, _| {
            println!("{user} ignores a frame of type {:#010x}", header.type_id());
            Ok(Seen::Other)
        });
    Ok(router)
}

type Connection = Framed<TcpStream, FrameCodec>;

/// Reads and routes frames until `done` says stop; `false` if the server closed first.
async fn read_until(
    framed: &mut Connection,
    router: &mut Router<Seen>,
    mut done: impl FnMut(Seen) -> bool,
) -> Result<bool> {
    while let Some(frame) = framed.next().await {
        if done(router.dispatch(&frame?)?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Joins, says its lines once everyone is here, leaves once it has seen every user's lines, and
/// reads until the server closes the connection.
async fn client(server: SocketAddr, user: &'static str) -> Result<()> {
    let mut framed = Framed::new(TcpStream::connect(server).await?, FrameCodec::new());
    let mut router = client_router(user)?;
    framed.send(&request(user, "join")).await?;
    read_until(&mut framed, &mut router, |seen| {
        matches!(seen, Seen::EveryoneHere)
    })
    .await?;
    for (seq, line) in LINES.iter().enumerate() {
        framed
            .feed(&chat(user, seq, format!("{line} (from {user})")))
            .await?;
    }
    // `feed` queues, `flush` writes: one write for all lines. FrameCodec encodes several item
    // types, so `flush` names the one whose `Sink` it means.
    SinkExt::<&ChatMessage>::flush(&mut framed).await?;
    let mut lines = 0;
    read_until(&mut framed, &mut router, |seen| {
        lines += usize::from(matches!(seen, Seen::Line));
        lines == USERS.len() * LINES.len()
    })
    .await?;
    framed.send(&request(user, "leave")).await?;
    while let Some(frame) = framed.next().await {
        router.dispatch(&frame?)?;
    }
    println!("{user}: connection closed by the server");
    Ok(())
}
