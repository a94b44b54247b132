//! The websocket path end to end, with the server of `runtime/examples/websocket.rs` (axum) and
//! tokio-tungstenite clients on 127.0.0.1: frames as binary messages read zero-copy at whatever
//! alignment they arrive, legacy JSON text in and out, hostile messages answered with errors
//! while the connection and every other connection go on, and a per-connection message size
//! limit that closes only the connection that breaks it.

#[allow(dead_code)]
#[path = "../../runtime/examples/websocket.rs"]
mod example;

use example::{client, commands, expected, serve, Command, Event, MAX_MESSAGE_BYTES};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{connect_async, MaybeTlsStream, WebSocketStream};
use wiremsg::websocket::WebSocketMessage;
use wiremsg::{JsonCodec, WireMessage, HEADER_LEN};

type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// Messages each well-behaved client sends (and answers it checks).
const COUNT: u32 = 200;

async fn start_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/ws", listener.local_addr().unwrap());
    tokio::spawn(serve(listener));
    url
}

/// Sends `message` and returns the event that answers it.
async fn ask(socket: &mut Socket, message: Message) -> Event {
    socket.send(message).await.unwrap();
    let answer = socket.next().await.expect("an answer").unwrap();
    match answer.wire_decode::<Event>().unwrap() {
        Some(event) => event,
        None => panic!("expected an event, got {answer:?}"),
    }
}

/// Hostile and broken messages, each answered with an error event on the same connection,
/// which then still serves a good command, and finally a message over the size limit, which
/// closes it.
async fn hostile_client(url: &str) {
    let (mut socket, _) = connect_async(url).await.unwrap();
    let frame = Command::Ping(7).to_wire().unwrap();
    let mut bad_check_byte = frame.clone();
    bad_check_byte[3] ^= 0x40;
    let hostile: Vec<(&str, Message)> = vec![
        ("a truncated header", Message::binary(frame[..9].to_vec())),
        (
            "a truncated payload",
            Message::binary(frame[..frame.len() - 1].to_vec()),
        ),
        ("a corrupted header", Message::binary(bad_check_byte)),
        (
            "a frame of a type the server does not take",
            Message::wire_binary(&Event::Pong(1)).unwrap(),
        ),
        ("binary garbage", Message::binary(vec![0xFF; 40])),
        ("text that is not JSON", Message::text("hello?")),
        (
            "JSON of another shape",
            Message::text(r#"{"Fly":{"to":"moon"}}"#),
        ),
        ("an empty binary message", Message::binary(Vec::new())),
    ];
    for (what, message) in hostile {
        match ask(&mut socket, message).await {
            Event::Error { message } => assert!(!message.is_empty(), "{what}"),
            other => panic!("{what}: answered {other:?}"),
        }
    }
    // The connection still serves.
    let command = Command::Say {
        room: 9,
        text: "still here".into(),
    };
    assert_eq!(
        ask(&mut socket, Message::wire_binary(&command).unwrap()).await,
        expected(&command)
    );

    // Over the limit: the server closes this connection.
    let oversized = Command::Say {
        room: 9,
        text: "x".repeat(MAX_MESSAGE_BYTES),
    };
    let sent = socket.send(Message::wire_binary(&oversized).unwrap()).await;
    let answer = match sent {
        Ok(()) => socket.next().await,
        Err(_) => None,
    };
    match answer {
        None | Some(Err(_)) | Some(Ok(Message::Close(_))) => {}
        Some(Ok(other)) => panic!("expected the connection closed, got {other:?}"),
    }
}

#[tokio::test]
async fn frames_and_legacy_json_each_way_while_hostile_peers_are_refused() {
    let url = start_server().await;
    let before = wiremsg::metrics();
    let sent = [commands(1, COUNT), commands(2, COUNT), commands(3, COUNT)];
    let (first, second, legacy, ()) = tokio::join!(
        client(&url, &sent[0], false),
        client(&url, &sent[1], false),
        client(&url, &sent[2], true),
        hostile_client(&url),
    );
    let checked = COUNT as usize;
    assert_eq!(first.unwrap(), checked);
    assert_eq!(second.unwrap(), checked);
    assert_eq!(legacy.unwrap(), checked);

    // Every good binary frame was viewed zero-copy, in place or after one aligning copy.
    let alignment = wiremsg::metrics().since(&before).alignment;
    assert!(
        alignment.in_place + alignment.copied >= 2 * u64::from(COUNT),
        "{alignment:?}"
    );

    // The server still takes new connections.
    let again = commands(4, 3);
    assert_eq!(client(&url, &again, false).await.unwrap(), 3);
}

#[tokio::test]
async fn a_legacy_peer_gets_exactly_serde_json_text() {
    let url = start_server().await;
    let (mut socket, _) = connect_async(&url).await.unwrap();
    let command = Command::Move { x: 1.5, y: -2.0 };
    let text = String::from_utf8(JsonCodec::new().encode(&command).unwrap()).unwrap();
    assert_eq!(text, r#"{"Move":{"x":1.5,"y":-2.0}}"#);
    socket.send(Message::text(text)).await.unwrap();
    let answer = socket.next().await.unwrap().unwrap();
    assert_eq!(answer, Message::text(r#"{"Moved":{"x":1.5,"y":-2.0}}"#));
    // A frame, not bare JSON, goes the other way for a binary peer.
    socket
        .send(Message::wire_binary(&command).unwrap())
        .await
        .unwrap();
    let Message::Binary(frame) = socket.next().await.unwrap().unwrap() else {
        panic!("a binary answer");
    };
    assert!(frame.len() > HEADER_LEN);
    assert_eq!(
        Event::from_wire(&frame).unwrap(),
        Event::Moved { x: 1.5, y: -2.0 }
    );
    socket.close(None).await.unwrap();
}
