//! Message types shared by the integration tests: the sample chat message and RPC request, and friends.

pub mod alloc;
pub mod fixtures;
pub mod fuzzing;

use std::collections::HashMap;
use wiremsg::WireMessage;

/// The sample chat message.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[rkyv(derive(Debug))]
pub struct ChatMessage {
    /// Message id.
    pub id: String,
    /// Text.
    pub content: String,
    /// Unix time in milliseconds.
    pub timestamp: u64,
    /// Who sent it.
    pub sender: String,
    /// Where it was sent.
    pub room_id: String,
}

impl ChatMessage {
    /// The sample: "Hello, World!" from alice in the lobby. The golden frames in
    /// `tests/golden/` are this message: changing it changes them.
    pub fn sample() -> ChatMessage {
        ChatMessage {
            id: "msg-1".into(),
            content: "Hello, World!".into(),
            timestamp: 1_700_000_000_000,
            sender: "alice".into(),
            room_id: "lobby".into(),
        }
    }
}

/// The sample RPC method kind.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[rkyv(derive(Debug))]
pub enum RpcMethod {
    /// A call expecting a reply.
    Call,
    /// A notification.
    Notify,
    /// A streaming call with a chunk size.
    Stream {
        /// Items per chunk.
        chunk: u32,
    },
}

/// The sample RPC request; `params` is free-form JSON.
#[derive(WireMessage, Debug, Clone, PartialEq)]
pub struct RpcRequest {
    /// Request id.
    pub id: String,
    /// Method name.
    pub method: String,
    /// Parameters, stored as JSON text inside the rkyv archive.
    #[wire(as_json)]
    pub params: serde_json::Value,
    /// Call style.
    pub method_type: RpcMethod,
}

impl RpcRequest {
    /// A streamed `math.sum` request with a small JSON object as `params`.
    pub fn sample() -> RpcRequest {
        RpcRequest {
            id: "req-7".into(),
            method: "math.sum".into(),
            params: serde_json::json!({ "values": [1, 2, 3] }),
            method_type: RpcMethod::Stream { chunk: 4 },
        }
    }
}

/// A message with many field shapes.
#[derive(WireMessage, Debug, Clone, PartialEq, Default)]
pub struct Everything {
    /// Optional text.
    pub maybe: Option<String>,
    /// A list.
    pub list: Vec<u32>,
    /// A map.
    pub map: HashMap<String, i64>,
    /// A boxed value.
    pub boxed: Box<u64>,
    /// Nested messages.
    pub nested: Vec<ChatMessage>,
    /// A tuple.
    pub pair: (u8, bool),
    /// Floating point.
    pub ratio: f64,
    /// A byte array.
    pub bytes: [u8; 4],
}

/// A generic envelope.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "test.Envelope")]
pub struct Envelope<T> {
    /// Sequence number.
    pub seq: u32,
    /// Payload.
    pub body: T,
}

/// A tuple struct.
#[derive(WireMessage, Debug, Clone, PartialEq)]
pub struct Pair(pub u32, pub String);

/// A unit struct.
#[derive(WireMessage, Debug, Clone, PartialEq)]
pub struct Heartbeat;

/// A recursive expression tree.
#[derive(WireMessage, Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Num(i64),
    /// A sum.
    Add(#[wire(recursive)] Box<Expr>, #[wire(recursive)] Box<Expr>),
    /// A call.
    Call {
        /// Function name.
        name: String,
        /// Arguments.
        #[wire(recursive)]
        args: Vec<Expr>,
    },
}

/// A JSON-only message: its field has no rkyv support.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(codec = "json", id = 0x0000_0042, version = 3)]
pub struct AuditEvent {
    /// Free-form details.
    pub details: serde_json::Value,
}

impl AuditEvent {
    /// A login event.
    pub fn sample() -> AuditEvent {
        AuditEvent {
            details: serde_json::json!({ "action": "login", "ok": true }),
        }
    }
}

/// The sample chat message, a new way: serde-attributed, for JSON parity tests.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// User id.
    pub user_id: u64,
    /// Display name.
    #[serde(default)]
    pub display_name: String,
    /// Skipped from JSON when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
}

/// Messages whose rkyv serialization fails at run time, for the hybrid JSON fallback: rkyv
/// archives a file name as UTF-8 and fails on other bytes, while serde keeps the raw bytes.
#[cfg(unix)]
pub mod fallback {
    use std::ffi::OsString;
    use wiremsg::WireMessage;

    /// A hybrid type: falls back to a JSON frame when its name is not UTF-8.
    #[derive(WireMessage, Debug, PartialEq)]
    pub struct FileEntry {
        /// The file name, any bytes.
        #[rkyv(with = wiremsg::rkyv::with::AsString)]
        pub name: OsString,
        /// The file size.
        pub size: u64,
    }

    /// The same, with `codec = "rkyv"`: no fallback, the failure is reported.
    #[derive(WireMessage, Debug, PartialEq)]
    #[wire(codec = "rkyv")]
    pub struct StrictFileEntry {
        /// The file name, any bytes.
        #[rkyv(with = wiremsg::rkyv::with::AsString)]
        pub name: OsString,
    }
}

/// Recomputes the check byte of the frame header at the start of `frame` after a test changed
/// other header bytes on purpose, so the change reaches the check it is meant to test instead
/// of failing [`CodecError::HeaderChecksum`](wiremsg::CodecError::HeaderChecksum) first.
pub fn reseal(frame: &mut [u8]) {
    let head: &[u8; wiremsg::HEADER_LEN] = frame[..wiremsg::HEADER_LEN]
        .try_into()
        .expect("a whole header");
    frame[3] = wiremsg::header_check(head);
}

/// Sets the flag bits of the frame header at the start of `frame` (the top six bits of byte 2,
/// above the codec) and reseals it.
pub fn set_flags(frame: &mut [u8], flags: u8) {
    frame[2] = (frame[2] & 0b11) | flags << 2;
    reseal(frame);
}
