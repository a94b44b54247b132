//! Websocket messages in and out, with the crates' own message types: axum's
//! `extract::ws::Message` (feature `axum`) and tungstenite's `Message` (feature `tungstenite`,
//! which tokio-tungstenite re-exports).
//!
//! Frames travel as binary messages; peers that predate wiremsg send and expect bare JSON as
//! text messages. [`WebSocketMessage`] writes either in one call, reads either into a typed value
//! or straight into a [`Router`] (ping, pong and close messages are left to the caller), and
//! answers in the form the peer sent.
//!
//! ```
//! # #[cfg(feature = "tungstenite")] {
//! use tungstenite::Message;
//! use wiremsg::websocket::WebSocketMessage;
//! use wiremsg::{Router, WireMessage};
//!
//! #[derive(WireMessage, Debug, PartialEq)]
//! enum Command {
//!     Say { text: String },
//!     Leave,
//! }
//!
//! let to_new_peer = Message::wire_binary(&Command::Leave)?; // a frame, binary
//! let to_old_peer = Message::wire_json_text(&Command::Leave)?; // bare JSON, text
//! assert_eq!(to_old_peer, Message::text(r#""Leave""#));
//!
//! // Received: either kind decodes to the value; a control message to `None`.
//! assert_eq!(to_new_peer.wire_decode::<Command>()?, Some(Command::Leave));
//! assert_eq!(Message::Ping(vec![1].into()).wire_decode::<Command>()?, None);
//!
//! // Or routed, legacy JSON text included, and answered in the form the peer sent.
//! let mut router = Router::new()
//!     .on::<Command>(|command| Ok(command))?
//!     .legacy_json::<Command>();
//! let said = Message::text(r#"{"Say":{"text":"hi"}}"#);
//! let command = said.wire_dispatch(&mut router)?.expect("a data message");
//! assert_eq!(said.wire_reply(&command)?, Message::text(r#"{"Say":{"text":"hi"}}"#));
//! # }
//! # Ok::<(), wiremsg::CodecError>(())
//! ```
//!
//! A handler's reply, or an error, is the connection loop's to send: routers are synchronous, so
//! an async server returns what to do from the handler (a reply, a broadcast) and acts on it in
//! the loop, as `runtime/examples/websocket.rs` shows. Bound each connection's message size with
//! the websocket crate's own setting (axum's `WebSocketUpgrade::max_message_size`,
//! tungstenite's `WebSocketConfig::max_message_size`): a larger message never reaches wiremsg.

use crate::codec::JsonCodec;
use crate::error::CodecError;
use crate::message::WireMessage;
use crate::router::Router;

/// What a data message carries: a binary payload, normally a frame, or text, normally bare JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data<'a> {
    /// A binary message's payload.
    Binary(&'a [u8]),
    /// A text message's text.
    Text(&'a str),
}

/// A websocket message type that carries wiremsg frames: implemented for axum's and
/// tungstenite's `Message`. Another crate's type needs the three required methods.
pub trait WebSocketMessage: Sized {
    /// A binary message holding `frame`.
    fn from_frame(frame: Vec<u8>) -> Self;

    /// A text message holding `text`.
    fn from_text(text: String) -> Self;

    /// The message's payload, or `None` for a control message.
    fn data(&self) -> Option<Data<'_>>;

    /// A binary message holding `message`'s frame, as [`WireMessage::to_wire`] writes it.
    fn wire_binary<T: WireMessage>(message: &T) -> Result<Self, CodecError> {
        Ok(Self::from_frame(message.to_wire()?))
    }

    /// A text message holding `message` as bare JSON (exactly `serde_json::to_string`), for a
    /// peer that predates wiremsg.
    fn wire_json_text<T: WireMessage>(message: &T) -> Result<Self, CodecError> {
        let json = JsonCodec::new().encode(message)?;
        let text = String::from_utf8(json).map_err(|error| CodecError::Json {
            type_name: T::TYPE_NAME,
            source: serde::ser::Error::custom(error),
        })?;
        Ok(Self::from_text(text))
    }

    /// The `T` in a binary frame or a legacy JSON text message (see [`WireMessage::from_wire`]:
    /// any alignment, rkyv or JSON), or `None` for a control message (ping, pong, close), which
    /// the caller still holds, untouched.
    fn wire_decode<T: WireMessage>(&self) -> Result<Option<T>, CodecError> {
        match self.data() {
            Some(Data::Binary(frame)) => T::from_wire(frame).map(Some),
            Some(Data::Text(json)) => T::from_wire(json.as_bytes()).map(Some),
            None => Ok(None),
        }
    }

    /// What `router`'s handler returns for the message, or `None` for a control message: a
    /// binary frame is dispatched (viewed zero-copy at any alignment by an
    /// [`on_view`](Router::on_view) handler), a text message as bare JSON of the router's
    /// [`legacy_json`](Router::legacy_json) type.
    fn wire_dispatch<R, E: From<CodecError>>(
        &self,
        router: &mut Router<R, E>,
    ) -> Result<Option<R>, E> {
        match self.data() {
            Some(Data::Binary(frame)) => router.dispatch(frame).map(Some),
            Some(Data::Text(json)) => router.dispatch(json.as_bytes()).map(Some),
            None => Ok(None),
        }
    }

    /// `reply` in the form the peer that sent this message reads: a binary frame for a binary
    /// message, bare JSON text for a text message (an old peer).
    fn wire_reply<T: WireMessage>(&self, reply: &T) -> Result<Self, CodecError> {
        match self.data() {
            Some(Data::Text(_)) => Self::wire_json_text(reply),
            _ => Self::wire_binary(reply),
        }
    }
}

#[cfg(feature = "axum")]
impl WebSocketMessage for axum::extract::ws::Message {
    fn from_frame(frame: Vec<u8>) -> Self {
        axum::extract::ws::Message::Binary(frame.into())
    }

    fn from_text(text: String) -> Self {
        axum::extract::ws::Message::Text(text.into())
    }

    fn data(&self) -> Option<Data<'_>> {
        use axum::extract::ws::Message;
        match self {
            Message::Binary(bytes) => Some(Data::Binary(bytes)),
            Message::Text(text) => Some(Data::Text(text.as_str())),
            Message::Ping(_) | Message::Pong(_) | Message::Close(_) => None,
        }
    }
}

#[cfg(feature = "tungstenite")]
impl WebSocketMessage for tungstenite::Message {
    fn from_frame(frame: Vec<u8>) -> Self {
        tungstenite::Message::Binary(frame.into())
    }

    fn from_text(text: String) -> Self {
        tungstenite::Message::Text(text.into())
    }

    fn data(&self) -> Option<Data<'_>> {
        use tungstenite::Message;
        match self {
            Message::Binary(bytes) => Some(Data::Binary(bytes)),
            Message::Text(text) => Some(Data::Text(text.as_str())),
            Message::Ping(_) | Message::Pong(_) | Message::Close(_) | Message::Frame(_) => None,
        }
    }
}
