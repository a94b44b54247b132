//! A rolling upgrade over real sockets: services built with version 1 of the chat messages and
//! services built with version 2 (two sets of types in one test crate, as two deployments would
//! have) talk over TCP with the tokio framing, in both directions and in either upgrade order.
//! Every message arrives, and every value is checked. Version 2 also changes a type nested in
//! the message (`Mood` gains a variant before the old ones), which changes the outer layout
//! fingerprint: an old frame is never read as the new layout by mistake.

use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use wiremsg::framing::tokio_util::codec::Framed;
use wiremsg::framing::{FrameCodec, WireCodec};
use wiremsg::{Header, Router, WireMessage};

/// What the services built before the upgrade know.
mod v1 {
    use wiremsg::WireMessage;

    #[derive(WireMessage, Debug, Clone, Copy, PartialEq)]
    #[wire(name = "upgrade.Mood", version = 1)]
    pub enum Mood {
        Calm,
        Excited,
    }

    #[derive(WireMessage, Debug, Clone, PartialEq)]
    #[wire(name = "upgrade.Chat", version = 1)]
    pub struct Chat {
        pub from: String,
        pub text: String,
        pub mood: Mood,
    }
}

/// What upgraded services know: the new version, and the old one it migrates from.
mod v2 {
    use wiremsg::WireMessage;

    /// The old versions, kept so that old peers' frames convert.
    #[derive(WireMessage, Debug, Clone, Copy, PartialEq)]
    #[wire(name = "upgrade.Mood", version = 1)]
    pub enum MoodV1 {
        Calm,
        Excited,
    }

    #[derive(WireMessage, Debug, Clone, PartialEq)]
    #[wire(name = "upgrade.Chat", version = 1)]
    pub struct ChatV1 {
        pub from: String,
        pub text: String,
        pub mood: MoodV1,
    }

    /// A new first variant: read with this layout, an old `Calm` (tag 0) would be `Unknown`.
    #[derive(WireMessage, Debug, Clone, Copy, PartialEq)]
    #[wire(name = "upgrade.Mood", version = 2, migrate_from = MoodV1)]
    pub enum Mood {
        Unknown,
        Calm,
        Excited,
    }

    #[derive(WireMessage, Debug, Clone, PartialEq)]
    #[wire(name = "upgrade.Chat", version = 2, migrate_from = ChatV1)]
    pub struct Chat {
        pub from: String,
        pub text: String,
        pub mood: Mood,
        pub priority: u8,
    }

    impl From<MoodV1> for Mood {
        fn from(old: MoodV1) -> Mood {
            match old {
                MoodV1::Calm => Mood::Calm,
                MoodV1::Excited => Mood::Excited,
            }
        }
    }

    impl From<Mood> for MoodV1 {
        fn from(new: Mood) -> MoodV1 {
            match new {
                Mood::Unknown | Mood::Calm => MoodV1::Calm,
                Mood::Excited => MoodV1::Excited,
            }
        }
    }

    impl From<ChatV1> for Chat {
        fn from(old: ChatV1) -> Chat {
            Chat {
                from: old.from,
                text: old.text,
                mood: old.mood.into(),
                priority: 0,
            }
        }
    }

    impl From<&Chat> for ChatV1 {
        fn from(new: &Chat) -> ChatV1 {
            ChatV1 {
                from: new.from.clone(),
                text: new.text.clone(),
                mood: new.mood.into(),
            }
        }
    }
}

/// The mood of message `i`: both of the old ones, in turn.
fn old_mood(i: usize) -> v1::Mood {
    [v1::Mood::Calm, v1::Mood::Excited][i % 2]
}

fn new_mood(i: usize) -> v2::Mood {
    [v2::Mood::Calm, v2::Mood::Excited][i % 2]
}

const MESSAGES: usize = 100;

/// An upgraded server: it reads frames of either version as `v2::Chat` and answers each peer in
/// the version that peer sent.
async fn serve_v2(listener: TcpListener, connections: usize) {
    for _ in 0..connections {
        let (stream, _) = listener.accept().await.unwrap();
        let mut frames = Framed::new(stream, FrameCodec::new());
        let mut router = Router::new().on::<v2::Chat>(Ok).unwrap();
        while let Some(frame) = frames.next().await {
            let frame = frame.unwrap();
            let peer_version = Header::parse(&frame).unwrap().schema_version();
            let chat = router.dispatch(&frame).unwrap();
            let reply = v2::Chat {
                from: "server".into(),
                text: format!("echo: {}", chat.text),
                mood: chat.mood,
                priority: chat.priority,
            };
            let reply = if peer_version < v2::Chat::SCHEMA_VERSION {
                reply.to_wire_as::<v2::ChatV1>().unwrap()
            } else {
                reply.to_wire().unwrap()
            };
            frames.send(&reply[..]).await.unwrap();
        }
    }
}

/// A server not upgraded yet: it knows `v1::Chat` only.
async fn serve_v1(listener: TcpListener) {
    let (stream, _) = listener.accept().await.unwrap();
    let mut frames = Framed::new(stream, WireCodec::<v1::Chat>::new());
    while let Some(chat) = frames.next().await {
        let chat = chat.unwrap();
        let reply = v1::Chat {
            from: "old server".into(),
            text: format!("echo: {}", chat.text),
            mood: chat.mood,
        };
        frames.send(reply).await.unwrap();
    }
}

async fn connect(address: std::net::SocketAddr) -> TcpStream {
    TcpStream::connect(address).await.unwrap()
}

/// A client not upgraded: `v1::Chat` both ways.
async fn client_v1(address: std::net::SocketAddr) -> usize {
    let mut frames = Framed::new(connect(address).await, WireCodec::<v1::Chat>::new());
    for i in 0..MESSAGES {
        let chat = v1::Chat {
            from: "old client".into(),
            text: format!("line {i}"),
            mood: old_mood(i),
        };
        frames.send(chat).await.unwrap();
        let reply = frames.next().await.unwrap().unwrap();
        assert_eq!(reply.text, format!("echo: line {i}"));
        assert_eq!(reply.mood, old_mood(i));
        assert!(reply.from.ends_with("server"));
    }
    MESSAGES
}

/// An upgraded client. Talking to an old server it writes version 1 frames (it knows its
/// peer's version), and reads the version 1 answers as `v2::Chat`.
async fn client_v2(address: std::net::SocketAddr, peer_is_old: bool) -> usize {
    let mut frames = Framed::new(connect(address).await, FrameCodec::new());
    for i in 0..MESSAGES {
        let priority = (i % 3) as u8 + 1;
        let chat = v2::Chat {
            from: "new client".into(),
            text: format!("line {i}"),
            mood: new_mood(i),
            priority,
        };
        let frame = if peer_is_old {
            chat.to_wire_as::<v2::ChatV1>().unwrap()
        } else {
            chat.to_wire().unwrap()
        };
        frames.send(&frame[..]).await.unwrap();
        let reply = frames.next().await.unwrap().unwrap();
        let reply = v2::Chat::from_wire(&reply).unwrap();
        assert_eq!(reply.text, format!("echo: line {i}"));
        assert_eq!(reply.mood, new_mood(i));
        // An old server cannot carry the priority: it comes back as the migration's default.
        assert_eq!(reply.priority, if peer_is_old { 0 } else { priority });
    }
    MESSAGES
}

async fn listener() -> (TcpListener, std::net::SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    (listener, address)
}

#[tokio::test]
async fn the_server_upgrades_first() {
    let (listener, address) = listener().await;
    let server = tokio::spawn(serve_v2(listener, 2));
    let old = client_v1(address).await;
    let new = client_v2(address, false).await;
    assert_eq!((old, new), (MESSAGES, MESSAGES));
    server.await.unwrap();
}

#[tokio::test]
async fn the_clients_upgrade_first() {
    let (listener, address) = listener().await;
    let server = tokio::spawn(serve_v1(listener));
    assert_eq!(client_v2(address, true).await, MESSAGES);
    server.await.unwrap();
}
