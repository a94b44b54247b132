//! The messages the benchmarks measure: the sample `ChatMessage` (short and with 4 KiB of
//! content), a batch of 1,000 chat messages, and its `RpcRequest` with `params` as JSON.

use serde::{Deserialize, Serialize};
use wiremsg::WireMessage;
pub use wiremsg_tests::{ChatMessage, RpcMethod, RpcRequest};

/// A batch of chat messages in one frame.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "bench.ChatBatch")]
pub struct ChatBatch {
    /// The messages.
    pub messages: Vec<ChatMessage>,
}

/// `ChatMessage` with serde's own derive: the serde_json, bincode and postcard rows measure
/// serde_derive's code, not the impls wiremsg's derive writes for a plain struct.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SerdeChatMessage {
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

impl From<&ChatMessage> for SerdeChatMessage {
    fn from(m: &ChatMessage) -> SerdeChatMessage {
        SerdeChatMessage {
            id: m.id.clone(),
            content: m.content.clone(),
            timestamp: m.timestamp,
            sender: m.sender.clone(),
            room_id: m.room_id.clone(),
        }
    }
}

/// `ChatBatch` with serde's own derive.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SerdeChatBatch {
    /// The messages.
    pub messages: Vec<SerdeChatMessage>,
}

impl From<&ChatBatch> for SerdeChatBatch {
    fn from(batch: &ChatBatch) -> SerdeChatBatch {
        SerdeChatBatch {
            messages: batch.messages.iter().map(SerdeChatMessage::from).collect(),
        }
    }
}

/// `RpcRequest` with serde's own derive, `params` as a JSON object (as serde_json carries it).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SerdeRpcRequest {
    /// Request id.
    pub id: String,
    /// Method name.
    pub method: String,
    /// Parameters.
    pub params: serde_json::Value,
    /// Call style.
    pub method_type: SerdeRpcMethod,
}

/// `RpcMethod` with serde's own derive.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub enum SerdeRpcMethod {
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

impl From<&RpcMethod> for SerdeRpcMethod {
    fn from(method: &RpcMethod) -> SerdeRpcMethod {
        match *method {
            RpcMethod::Call => SerdeRpcMethod::Call,
            RpcMethod::Notify => SerdeRpcMethod::Notify,
            RpcMethod::Stream { chunk } => SerdeRpcMethod::Stream { chunk },
        }
    }
}

impl From<&RpcRequest> for SerdeRpcRequest {
    fn from(request: &RpcRequest) -> SerdeRpcRequest {
        SerdeRpcRequest {
            id: request.id.clone(),
            method: request.method.clone(),
            params: request.params.clone(),
            method_type: SerdeRpcMethod::from(&request.method_type),
        }
    }
}

/// `RpcRequest` as bincode and postcard carry it: those formats cannot deserialize a
/// self-describing `serde_json::Value`, so `params` travels as JSON text, exactly as wiremsg's
/// `#[wire(as_json)]` stores it inside the rkyv archive.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct PeerRpcRequest {
    /// Request id.
    pub id: String,
    /// Method name.
    pub method: String,
    /// Parameters, as JSON text.
    #[serde(with = "json_text")]
    pub params: serde_json::Value,
    /// Call style.
    pub method_type: SerdeRpcMethod,
}

mod json_text {
    use serde::{de::Error as _, ser::Error as _, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &serde_json::Value, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&serde_json::to_string(value).map_err(S::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<serde_json::Value, D::Error> {
        let text = <&str>::deserialize(d)?;
        serde_json::from_str(text).map_err(D::Error::custom)
    }
}

impl From<&RpcRequest> for PeerRpcRequest {
    fn from(request: &RpcRequest) -> PeerRpcRequest {
        PeerRpcRequest {
            id: request.id.clone(),
            method: request.method.clone(),
            params: request.params.clone(),
            method_type: SerdeRpcMethod::from(&request.method_type),
        }
    }
}

/// The sample chat message, small.
pub fn chat() -> ChatMessage {
    ChatMessage {
        id: "msg-0001".into(),
        content: "Hello, World!".into(),
        timestamp: 1_700_000_000_000,
        sender: "alice".into(),
        room_id: "lobby".into(),
    }
}

/// A chat message with 4 KiB of text content (words from a fixed pseudo-random sequence, so
/// compression sees text, not one repeated byte).
pub fn chat_4k() -> ChatMessage {
    const WORDS: &[&str] = &[
        "wire", "frame", "header", "zero", "copy", "archive", "json", "message", "socket",
        "latency", "buffer", "pool", "room", "lobby", "hello", "world", "rust", "fast",
    ];
    let mut state = 0x2545_f491_u32;
    let mut content = String::with_capacity(4096);
    while content.len() < 4096 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        content.push_str(WORDS[state as usize % WORDS.len()]);
        content.push(' ');
    }
    content.truncate(4096);
    ChatMessage { content, ..chat() }
}

/// 1,000 chat messages of varied ids, senders and times.
pub fn batch() -> ChatBatch {
    let messages = (0..1000u64)
        .map(|i| ChatMessage {
            id: format!("msg-{i:04}"),
            content: format!("message number {i} in the batch"),
            timestamp: 1_700_000_000_000 + i,
            sender: format!("user-{}", i % 17),
            room_id: format!("room-{}", i % 5),
        })
        .collect();
    ChatBatch { messages }
}

/// The sample RPC request, with nested JSON parameters.
pub fn rpc() -> RpcRequest {
    RpcRequest {
        id: "req-42".into(),
        method: "chat.history".into(),
        params: serde_json::json!({
            "room": "lobby",
            "limit": 50,
            "before": 1_700_000_000_000u64,
            "filters": {"senders": ["alice", "bob"], "has_links": false}
        }),
        method_type: RpcMethod::Stream { chunk: 10 },
    }
}

/// The next version of [`ChatMessage`]: a flag more, and a migration from version 1, for the
/// matrix's measure of a rolling upgrade's decode.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "ChatMessage", version = 2, migrate_from = ChatMessage)]
pub struct ChatMessageV2 {
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
    /// Whether it was edited (version 1 messages never were).
    pub edited: bool,
}

impl From<ChatMessage> for ChatMessageV2 {
    fn from(old: ChatMessage) -> ChatMessageV2 {
        ChatMessageV2 {
            id: old.id,
            content: old.content,
            timestamp: old.timestamp,
            sender: old.sender,
            room_id: old.room_id,
            edited: false,
        }
    }
}
