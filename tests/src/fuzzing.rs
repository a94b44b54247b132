//! The bodies of the cargo-fuzz targets (`fuzz/`), kept here so that `cargo test` replays the
//! seed corpus and every committed crash input through the very same code
//! (`tests/tests/fuzz_regressions.rs`). Each takes arbitrary bytes and panics only when wiremsg
//! breaks a promise: a decoder panicking, or a decoded value that does not encode again.

use crate::{AuditEvent, ChatMessage, Expr, RpcRequest};
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{Codec, Header, HybridCodec, JsonCodec, RkyvCodec, RkyvMessage, WireMessage};
use wiremsg::{Frames, Router, HEADER_LEN};

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// The fuzz targets by name, for replaying a corpus directory named after one.
pub const TARGETS: &[(&str, Target)] = &[
    ("header", header),
    ("hybrid_decode", hybrid_decode),
    ("registry", registry),
];

/// The header parser and frame splitter: a parsed header re-serializes to the bytes it came
/// from; a split frame accounts for every byte.
pub fn header(bytes: &[u8]) {
    if let Ok(header) = Header::parse(bytes) {
        assert_eq!(&header.to_bytes()[..], &bytes[..HEADER_LEN]);
    }
    if let Ok((header, payload)) = Header::split_frame(bytes) {
        assert_eq!(payload.len(), header.payload_len() as usize);
        assert_eq!(HEADER_LEN + payload.len(), bytes.len());
    }
}

/// Every decoder of the design note's messages, a recursive type and a JSON-only type, on the
/// input as given and on an aligned copy.
pub fn hybrid_decode(bytes: &[u8]) {
    let aligned = aligned(bytes);
    decode_all::<ChatMessage>(bytes, &aligned);
    decode_all::<RpcRequest>(bytes, &aligned);
    decode_all::<Expr>(bytes, &aligned);
    if let Ok(audit) = AuditEvent::from_wire(bytes) {
        audit.to_wire().expect("a decoded value encodes again");
    }
}

fn decode_all<T: WireMessage + RkyvMessage>(bytes: &[u8], aligned: &[u8]) {
    if let Ok(value) = T::from_wire(bytes) {
        value.to_wire().expect("a decoded value encodes again");
    }
    let _ = Codec::<T>::decode(&RkyvCodec::new(), bytes);
    let _ = Codec::<T>::decode(&JsonCodec::new(), bytes);
    let _ = HybridCodec::new().view::<T>(aligned);
}

fn aligned(bytes: &[u8]) -> AlignedVec<16> {
    let mut buffer = AlignedVec::<16>::with_capacity(bytes.len());
    buffer.extend_from_slice(bytes);
    buffer
}

/// The global registry and a router over a stream of frames: transcoding to JSON, describing,
/// and dispatching every frame of the input (split as a stream) to typed and view handlers.
pub fn registry(bytes: &[u8]) {
    let registry = wiremsg::registry();
    let _ = registry.to_json(bytes);
    let _ = registry
        .describe(bytes)
        .map(|description| description.to_string());
    let mut router = Router::<usize>::new()
        .on(|chat: ChatMessage| Ok(chat.content.len()))
        .and_then(|router| router.on(|rpc: RpcRequest| Ok(rpc.method.len())))
        .and_then(|router| router.on_view::<Expr>(|_| Ok(0)))
        .expect("three distinct types register");
    for frame in Frames::new(bytes) {
        let Ok(frame) = frame else { break };
        let _ = router.dispatch(&aligned(frame));
        let _ = registry.to_json(frame);
    }
}
