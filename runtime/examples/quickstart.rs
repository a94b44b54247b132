//! A walk-through of wiremsg on two sample messages (a chat message and an RPC request): every codec, the frame header, a
//! zero-copy read, a legacy JSON read, routing a byte stream of mixed frames, and the typed
//! errors hostile input gets.
//!
//! Run it with `cargo run --release --example quickstart`.

use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    Codec, CodecError, Frames, Header, HybridCodec, JsonCodec, RkyvCodec, Router, WireMessage,
};

/// The sample chat message.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "chat.Message")]
#[rkyv(derive(Debug))]
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
#[wire(name = "rpc.Request", version = 2)]
pub struct RpcRequest {
    /// Request id.
    pub id: String,
    /// Method name.
    pub method: String,
    /// Parameters.
    #[wire(as_json)]
    pub params: serde_json::Value,
    /// Call or notification.
    pub method_type: RpcMethod,
}

fn describe(label: &str, frame: &[u8]) {
    match Header::parse(frame) {
        Ok(h) => println!(
            "  {label:<22} {:>4} bytes | header: codec={} type_id={:#010x} schema=v{} fingerprint={:#06x} payload={} bytes",
            frame.len(),
            h.codec(),
            h.type_id(),
            h.schema_version(),
            h.layout_fingerprint(),
            h.payload_len()
        ),
        Err(_) => println!("  {label:<22} {:>4} bytes | no header (bare JSON)", frame.len()),
    }
}

fn encode_with_every_codec<T>(name: &str, message: &T) -> Result<Vec<u8>, CodecError>
where
    T: WireMessage + wiremsg::RkyvMessage + PartialEq + std::fmt::Debug,
{
    println!("{name} ({}, id {:#010x}):", T::TYPE_NAME, T::TYPE_ID);
    let json = JsonCodec::new().encode(message)?;
    describe("JsonCodec (bare)", &json);
    describe("JsonCodec frame", &JsonCodec::new().encode_frame(message)?);
    let rkyv = RkyvCodec::new().encode(message)?;
    describe("RkyvCodec", &rkyv);
    let wire = message.to_wire()?;
    describe("to_wire (hybrid)", &wire);
    for bytes in [&json, &rkyv, &wire] {
        let back: T = HybridCodec::new().decode(bytes)?;
        assert_eq!(&back, message);
    }
    println!("  every encoding decodes back to the same value");
    Ok(wire)
}

/// Routes one byte stream holding frames of both types, rkyv and JSON, and shows each frame the
/// way a log would: described by the global registry and transcoded to JSON.
fn route_stream(chat: &ChatMessage, request: &RpcRequest) -> Result<(), CodecError> {
    println!("\nRouting one byte stream of mixed frames:");
    let mut stream = chat.to_wire()?;
    stream.extend(request.to_wire()?);
    stream.extend(JsonCodec::new().encode_frame(chat)?);
    let mut router = Router::new()
        .on::<ChatMessage>(|msg| Ok(format!("chat from {}: {}", msg.sender, msg.content)))?
        .on::<RpcRequest>(|req| Ok(format!("call {} with {}", req.method, req.params)))?;
    for frame in Frames::new(&stream) {
        let frame = frame?;
        println!("  frame:   {}", wiremsg::registry().describe(frame)?);
        println!("  as JSON: {}", wiremsg::registry().to_json(frame)?);
        println!("  handler: {}", router.dispatch(frame)?);
    }
    Ok(())
}

fn main() -> Result<(), CodecError> {
    let chat = ChatMessage {
        id: "msg-1".into(),
        content: "Hello, World!".into(),
        timestamp: 1_700_000_000_000,
        sender: "alice".into(),
        room_id: "lobby".into(),
    };
    let request = RpcRequest {
        id: "req-7".into(),
        method: "math.sum".into(),
        params: serde_json::json!({ "values": [1, 2, 3] }),
        method_type: RpcMethod::Call,
    };

    let frame = encode_with_every_codec("ChatMessage", &chat)?;
    encode_with_every_codec("RpcRequest", &request)?;

    println!("\nZero-copy read (validated, no allocation):");
    let mut buffer = AlignedVec::<16>::new();
    buffer.extend_from_slice(&frame);
    let view = HybridCodec::new().view::<ChatMessage>(&buffer)?;
    println!("  {view:?}");
    println!(
        "  view.content points into the receive buffer: {}",
        buffer.as_ptr_range().contains(&view.content.as_ptr())
    );

    route_stream(&chat, &request)?;

    println!("\nLegacy bare JSON from an old peer:");
    let legacy =
        br#"{"id":"old-1","content":"hi from v0","timestamp":1,"sender":"bob","room_id":"lobby"}"#;
    println!("  {:?}", ChatMessage::from_wire(legacy)?);

    println!("\nHostile input gets a typed error, never a panic:");
    let mut corrupt = frame.clone();
    corrupt[1] = 9;
    println!(
        "  format version 9: {}",
        ChatMessage::from_wire(&corrupt).unwrap_err()
    );
    println!(
        "  truncated:        {}",
        ChatMessage::from_wire(&frame[..20]).unwrap_err()
    );
    println!(
        "  wrong type:       {}",
        RpcRequest::from_wire(&frame).unwrap_err()
    );
    Ok(())
}
