//! A websocket game lobby on 127.0.0.1: an axum server, two tokio-tungstenite clients sending
//! wiremsg frames as binary messages and one old client sending bare JSON as text, all in one
//! process. The run ends by itself.
//!
//! Run it with `cargo run --example websocket --features axum,tungstenite`.
//!
//! The server reads each binary frame as a zero-copy view through a `Router` (at whatever
//! alignment the websocket library delivered it) and each text message as legacy JSON of the
//! same command type. Routers are synchronous, so the handler only decides what to answer and
//! returns it; the async connection loop sends the answer, as a frame to a new client and as
//! JSON text to an old one. A message the server cannot read is answered with an error event,
//! and the connection goes on; one larger than the server's limit closes that connection only.

use axum::extract::ws::{self, WebSocket, WebSocketUpgrade};
use futures_util::{SinkExt, StreamExt};
use std::error::Error;
use std::future::Future;
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;
use wiremsg::websocket::WebSocketMessage;
use wiremsg::{Router, WireMessage};

/// What a client asks of the lobby.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "lobby.Command")]
pub(crate) enum Command {
    /// Say something in a room.
    Say {
        /// The room.
        room: u32,
        /// What is said.
        text: String,
    },
    /// Move to a position.
    Move {
        /// East-west.
        x: f32,
        /// North-south.
        y: f32,
    },
    /// Ask for a pong with the same number.
    Ping(u64),
}

/// What the lobby tells a client.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "lobby.Event")]
pub(crate) enum Event {
    /// Something was said in a room (echoed to the speaker here).
    Said {
        /// The room.
        room: u32,
        /// What was said.
        text: String,
    },
    /// Where the client now is.
    Moved {
        /// East-west.
        x: f32,
        /// North-south.
        y: f32,
    },
    /// The answer to a ping.
    Pong(u64),
    /// The client sent something the lobby could not read.
    Error {
        /// Why.
        message: String,
    },
}

/// The largest message a connection accepts; a larger one closes it.
pub(crate) const MAX_MESSAGE_BYTES: usize = 64 << 10;

/// The answer to a command, read zero-copy from its archived form (or from legacy JSON,
/// archived by the router first).
fn answer(command: &ArchivedCommand) -> Event {
    match command {
        ArchivedCommand::Say { room, text } => Event::Said {
            room: room.to_native(),
            text: text.as_str().to_owned(),
        },
        ArchivedCommand::Move { x, y } => Event::Moved {
            x: x.to_native(),
            y: y.to_native(),
        },
        ArchivedCommand::Ping(seq) => Event::Pong(seq.to_native()),
    }
}

/// Serves the lobby on `listener` until the future is dropped.
pub(crate) fn serve(listener: TcpListener) -> impl Future<Output = std::io::Result<()>> {
    let app = axum::Router::new().route(
        "/ws",
        axum::routing::get(|upgrade: WebSocketUpgrade| async move {
            upgrade
                .max_message_size(MAX_MESSAGE_BYTES)
                .on_upgrade(connection)
        }),
    );
    std::future::IntoFuture::into_future(axum::serve(listener, app))
}

/// One client's connection: each message routed, each answer sent back in the client's form.
async fn connection(mut socket: WebSocket) {
    // One router per connection: it keeps the aligned space its views are copied into.
    let router = Router::new()
        .on_view::<Command>(|command| Ok(answer(command)))
        .map(|router| router.legacy_json::<Command>());
    let Ok(mut router) = router else { return };
    // An error reading (a message over the limit, a broken connection) ends this connection.
    while let Some(Ok(message)) = socket.recv().await {
        let event = match message.wire_dispatch(&mut router) {
            Ok(Some(event)) => event,
            Ok(None) if matches!(message, ws::Message::Close(_)) => break,
            Ok(None) => continue, // axum answers pings itself
            Err(error) => Event::Error {
                message: error.to_string(),
            },
        };
        // A frame to a new client, JSON text to an old one.
        let Ok(reply) = message.wire_reply(&event) else {
            break;
        };
        if socket.send(reply).await.is_err() {
            break;
        }
    }
}

/// The commands a client sends: `count` of them, every kind, numbered by `client`.
pub(crate) fn commands(client: u32, count: u32) -> Vec<Command> {
    (0..count)
        .map(|i| match i % 3 {
            0 => Command::Say {
                room: client,
                text: format!("line {i} from client {client}"),
            },
            1 => Command::Move {
                x: i as f32,
                y: -(client as f32),
            },
            _ => Command::Ping(u64::from(client) << 32 | u64::from(i)),
        })
        .collect()
}

/// The event the lobby answers `command` with.
pub(crate) fn expected(command: &Command) -> Event {
    match command.clone() {
        Command::Say { room, text } => Event::Said { room, text },
        Command::Move { x, y } => Event::Moved { x, y },
        Command::Ping(seq) => Event::Pong(seq),
    }
}

/// A client: connects to `url`, sends `commands` (as frames, or as JSON text when `legacy`),
/// checks each answer, and closes. Returns how many answers it checked.
pub(crate) async fn client(
    url: &str,
    commands: &[Command],
    legacy: bool,
) -> Result<usize, Box<dyn Error>> {
    let (mut socket, _) = tokio_tungstenite::connect_async(url).await?;
    for command in commands {
        let message = if legacy {
            Message::wire_json_text(command)?
        } else {
            Message::wire_binary(command)?
        };
        socket.send(message).await?;
        let answer = socket
            .next()
            .await
            .ok_or("the server closed the connection")??;
        assert_eq!(answer.is_text(), legacy, "answered in the client's form");
        match answer.wire_decode::<Event>()? {
            Some(event) => assert_eq!(event, expected(command)),
            None => return Err(format!("unexpected {answer:?}").into()),
        }
    }
    socket.close(None).await?;
    Ok(commands.len())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("ws://{}/ws", listener.local_addr()?);
    let server = tokio::spawn(serve(listener));

    let sent = [commands(1, 30), commands(2, 30), commands(3, 30)];
    let (first, second, old) = tokio::join!(
        client(&url, &sent[0], false),
        client(&url, &sent[1], false),
        client(&url, &sent[2], true),
    );
    println!(
        "answers checked: {} and {} binary, {} legacy JSON",
        first?, second?, old?
    );
    let alignment = wiremsg::metrics().alignment;
    println!(
        "frames viewed in place: {}, copied to align them first: {}",
        alignment.in_place, alignment.copied
    );
    server.abort();
    Ok(())
}
