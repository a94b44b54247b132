//! Builders of the values the tests send, and of the codecs and buffers they use, one of each.
//!
//! The samples (`ChatMessage::sample()`, `RpcRequest::sample()`, `AuditEvent::sample()`) are
//! in the crate root, beside their types. A test that needs a value with something particular
//! about it builds that locally, on top of these, under a name saying what is particular.

use crate::{AuditEvent, ChatMessage, RpcMethod, RpcRequest};
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{CompressedCodec, HybridCodec};

/// The `seq`th chat message in the lobby: id `msg-{seq}`, from alice, `seq` milliseconds after
/// the sample, its text long enough to be stored out of line in the archive.
pub fn chat(seq: u64) -> ChatMessage {
    ChatMessage {
        id: format!("msg-{seq}"),
        content: "Hello, World! Long enough to live out of line.".into(),
        timestamp: 1_700_000_000_000 + seq,
        sender: "alice".into(),
        room_id: "lobby".into(),
    }
}

/// The sample chat message, saying `content` instead.
pub fn chat_saying(content: &str) -> ChatMessage {
    ChatMessage {
        content: content.into(),
        ..ChatMessage::sample()
    }
}

/// The sample chat message with 2,680 bytes of repeated text: its frame compresses well.
pub fn long_chat() -> ChatMessage {
    chat_saying(&"the meeting is moved to tomorrow at ten, please bring your notes. ".repeat(40))
}

/// The `seq`th RPC request: a `room.join` whose JSON parameters hold `seq`; even ones are plain
/// calls, odd ones stream in chunks of `seq`.
pub fn rpc(seq: u64) -> RpcRequest {
    RpcRequest {
        id: format!("req-{seq}"),
        method: "room.join".into(),
        params: serde_json::json!({ "seq": seq, "tags": ["a", "b"], "nested": { "ok": true } }),
        method_type: if seq & 1 == 0 {
            RpcMethod::Call
        } else {
            RpcMethod::Stream { chunk: seq as u32 }
        },
    }
}

/// The sample RPC request as a plain call (`RpcMethod::Call`): the golden frames hold it.
pub fn rpc_call() -> RpcRequest {
    RpcRequest {
        method_type: RpcMethod::Call,
        ..RpcRequest::sample()
    }
}

/// The `seq`th login event, a JSON-only message: `{"event":"login","seq":seq}`.
pub fn audit(seq: u64) -> AuditEvent {
    AuditEvent {
        details: serde_json::json!({ "event": "login", "seq": seq }),
    }
}

/// The hybrid codec with LZ4 compression above the default threshold.
pub fn lz4() -> CompressedCodec<HybridCodec> {
    CompressedCodec::new(HybridCodec::new())
}

/// The hybrid codec with LZ4 compression of every payload it makes smaller, however short.
pub fn lz4_without_threshold() -> CompressedCodec<HybridCodec> {
    lz4().with_threshold(0)
}

/// A copy of `bytes` at a 16-byte aligned address, as zero-copy views need.
pub fn aligned(bytes: &[u8]) -> AlignedVec<16> {
    let mut copy = AlignedVec::<16>::with_capacity(bytes.len());
    copy.extend_from_slice(bytes);
    copy
}
