//! Golden frames: the sample messages, encoded once and committed under `tests/golden/`.
//!
//! Every test checks that today's encoder reproduces its file byte for byte and that the file
//! decodes back to the fixed value, so any change to the wire format (header layout, type ids,
//! layout fingerprints, rkyv's archive format, serde_json's output) fails here. `docs/FORMAT.md`
//! shows hex dumps of these files.
//!
//! After an *intended* format change, rewrite the files with
//! `WIREMSG_BLESS=1 cargo test -p wiremsg-tests --test golden` and review the diff.

use std::path::PathBuf;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    Codec, CodecKind, Header, HybridCodec, JsonCodec, RkyvCodec, WireMessage, FORMAT_VERSION,
    HEADER_LEN, MAGIC,
};
use wiremsg_tests::fixtures::rpc_call;
use wiremsg_tests::*;

/// The audit event of the golden frames.
fn audit_with_sorted_keys() -> AuditEvent {
    AuditEvent {
        // Keys in sorted order: the same bytes whether or not serde_json preserves order.
        details: serde_json::json!({"action": "login", "actor": "alice", "ok": true}),
    }
}

fn blessing() -> bool {
    std::env::var_os("WIREMSG_BLESS").is_some_and(|value| value == "1")
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(name)
}

/// Checks `encoded` against the golden file `name` (or rewrites the file when blessing) and
/// returns the file's bytes.
fn golden(name: &str, encoded: &[u8]) -> Vec<u8> {
    let path = golden_path(name);
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, encoded).unwrap();
        println!(
            "WIREMSG_BLESS=1: wrote {} ({} bytes)",
            path.display(),
            encoded.len()
        );
    }
    let stored = std::fs::read(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read golden file {}: {error}; create it with WIREMSG_BLESS=1",
            path.display()
        )
    });
    if stored != encoded {
        let first = stored
            .iter()
            .zip(encoded)
            .position(|(a, b)| a != b)
            .unwrap_or(stored.len().min(encoded.len()));
        panic!(
            "the wire format changed: {name} differs from today's encoding at byte {first} \
             (golden {} bytes, encoded {} bytes)\n golden:  {:02x?}\n encoded: {:02x?}\n\
             If the change is intended, bump the format or schema version as docs/FORMAT.md \
             says and rewrite the files with WIREMSG_BLESS=1.",
            stored.len(),
            encoded.len(),
            stored,
            encoded,
        );
    }
    stored
}

/// Checks the header of a golden frame: current version, no flags, `T`'s id, schema version and
/// fingerprint, and a payload length that is the rest of the file.
fn check_header<T: WireMessage>(frame: &[u8], codec: CodecKind) {
    let header = Header::parse(frame).unwrap();
    assert_eq!(frame[0], MAGIC);
    assert_eq!(header.format_version(), FORMAT_VERSION);
    assert_eq!(header.codec(), codec);
    assert_eq!(header.flags(), 0);
    assert_eq!(header.schema_version(), T::SCHEMA_VERSION);
    assert_eq!(header.layout_fingerprint(), T::LAYOUT_FINGERPRINT);
    assert_eq!(header.type_id(), T::TYPE_ID);
    assert_eq!(header.payload_len() as usize, frame.len() - HEADER_LEN);
    assert_eq!(Header::split_frame(frame).unwrap().0, header);
}

/// Encodes `value` with `encode` on a fresh thread, then again on this thread after a larger
/// message has dirtied the per-thread scratch space, and checks both give the same bytes.
fn deterministic<T, F>(value: &T, encode: F) -> Vec<u8>
where
    T: Clone + Send + 'static,
    F: Fn(&T) -> Vec<u8> + Copy + Send + 'static,
{
    let moved = value.clone();
    let fresh = std::thread::spawn(move || encode(&moved)).join().unwrap();
    let dirty = ChatMessage {
        id: "x".repeat(300),
        content: "\u{ff}".repeat(2000),
        timestamp: u64::MAX,
        sender: "\u{ff}".repeat(100),
        room_id: "y".repeat(50),
    };
    let _ = dirty.to_wire().unwrap();
    let _ = RkyvCodec::new().encode(&dirty).unwrap();
    let again = encode(value);
    assert_eq!(fresh, again, "encoding is not deterministic");
    again
}

#[test]
fn chat_message_rkyv_frame() {
    let via_to_wire = deterministic(&ChatMessage::sample(), |m| m.to_wire().unwrap());
    let via_codec = deterministic(&ChatMessage::sample(), |m| {
        RkyvCodec::new().encode(m).unwrap()
    });
    assert_eq!(via_to_wire, via_codec);
    let frame = golden("chat_message.rkyv.bin", &via_to_wire);

    check_header::<ChatMessage>(&frame, CodecKind::Rkyv);
    check_chat_rkyv_header_bytes(&frame);
    assert_eq!(
        ChatMessage::from_wire(&frame).unwrap(),
        ChatMessage::sample()
    );
    let back: ChatMessage = RkyvCodec::new().decode(&frame).unwrap();
    assert_eq!(back, ChatMessage::sample());
    let back: ChatMessage = HybridCodec::new().decode(&frame).unwrap();
    assert_eq!(back, ChatMessage::sample());

    // Read in place from a 16-byte aligned buffer.
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    let view = RkyvCodec::new().view::<ChatMessage>(&aligned).unwrap();
    assert_eq!(view.content, "Hello, World!");
    assert_eq!(view.timestamp, 1_700_000_000_000);
}

/// The header of the golden rkyv `ChatMessage` frame, field by field from the raw bytes, as
/// docs/FORMAT.md lays them out.
fn check_chat_rkyv_header_bytes(frame: &[u8]) {
    let header = Header::parse(frame).unwrap();
    assert_eq!(frame[0], 0xC1, "magic");
    assert_eq!(frame[1], 2, "format version");
    assert_eq!(frame[2], 2, "codec: rkyv (bits 0-1), no flags (bits 2-7)");
    assert_eq!(
        frame[3],
        crc8_gsm_a(frame[..3].iter().chain(&frame[4..16])),
        "check byte: CRC-8/GSM-A of the header's other bytes"
    );
    assert_eq!(
        u16::from_le_bytes([frame[4], frame[5]]),
        1,
        "schema version"
    );
    assert_eq!(
        u16::from_le_bytes([frame[6], frame[7]]),
        ChatMessage::LAYOUT_FINGERPRINT,
        "layout fingerprint"
    );
    assert_eq!(
        u32::from_le_bytes(frame[8..12].try_into().unwrap()),
        wiremsg::hash::type_id_of("ChatMessage"),
        "type id"
    );
    assert_eq!(
        u32::from_le_bytes(frame[12..16].try_into().unwrap()) as usize,
        frame.len() - 16,
        "payload length"
    );
    // The parsed header agrees.
    assert_eq!(header.format_version(), 2);
    assert_eq!(header.codec(), CodecKind::Rkyv);
    assert_eq!(header.flags(), 0);
    assert_eq!(header.schema_version(), 1);
    assert_eq!(header.layout_fingerprint(), ChatMessage::LAYOUT_FINGERPRINT);
    assert_eq!(header.type_id(), wiremsg::hash::type_id_of("ChatMessage"));
    assert_eq!(header.payload_len() as usize, frame.len() - 16);
    // The rkyv payload is padded to the archive's alignment.
    assert_eq!((frame.len() - 16) % 8, 0);
}

/// CRC-8/GSM-A (polynomial 0x1D, initial value 0, not reflected, no final XOR), bit by bit:
/// written apart from wiremsg's table-driven one, as docs/FORMAT.md specifies it.
fn crc8_gsm_a<'a>(bytes: impl IntoIterator<Item = &'a u8>) -> u8 {
    let mut crc = 0u8;
    for &byte in bytes {
        crc ^= byte;
        for _ in 0..8 {
            crc = if crc & 0x80 != 0 {
                (crc << 1) ^ 0x1D
            } else {
                crc << 1
            };
        }
    }
    crc
}

#[test]
fn the_check_byte_is_crc8_gsm_a() {
    // The catalogue's check value of CRC-8/GSM-A.
    assert_eq!(crc8_gsm_a(b"123456789"), 0x37);
    for frame in [
        ChatMessage::sample().to_wire().unwrap(),
        JsonCodec::new().encode_frame(&rpc_call()).unwrap(),
        audit_with_sorted_keys().to_wire().unwrap(),
    ] {
        let head: &[u8; HEADER_LEN] = frame[..HEADER_LEN].try_into().unwrap();
        let expected = crc8_gsm_a(head[..3].iter().chain(&head[4..]));
        assert_eq!(head[3], expected);
        assert_eq!(wiremsg::header_check(head), expected);
    }
}

#[test]
fn chat_message_json_frame() {
    let encoded = deterministic(&ChatMessage::sample(), |m| {
        JsonCodec::new().encode_frame(m).unwrap()
    });
    let frame = golden("chat_message.json.bin", &encoded);

    check_header::<ChatMessage>(&frame, CodecKind::Json);
    assert_eq!(
        &frame[HEADER_LEN..],
        serde_json::to_vec(&ChatMessage::sample()).unwrap()
    );
    assert_eq!(
        ChatMessage::from_wire(&frame).unwrap(),
        ChatMessage::sample()
    );
    let back: ChatMessage = JsonCodec::new().decode(&frame).unwrap();
    assert_eq!(back, ChatMessage::sample());
}

#[test]
fn chat_message_legacy_json() {
    let encoded = deterministic(&ChatMessage::sample(), |m| {
        JsonCodec::new().encode(m).unwrap()
    });
    let bare = golden("chat_message.legacy.json.bin", &encoded);

    assert!(!Header::is_frame(&bare));
    assert_eq!(bare, serde_json::to_vec(&ChatMessage::sample()).unwrap());
    assert_eq!(
        ChatMessage::from_wire(&bare).unwrap(),
        ChatMessage::sample()
    );
    let back: ChatMessage = JsonCodec::new().decode(&bare).unwrap();
    assert_eq!(back, ChatMessage::sample());
}

#[test]
fn rpc_request_rkyv_frame() {
    let via_to_wire = deterministic(&rpc_call(), |m| m.to_wire().unwrap());
    let via_codec = deterministic(&rpc_call(), |m| RkyvCodec::new().encode(m).unwrap());
    assert_eq!(via_to_wire, via_codec);
    let frame = golden("rpc_request.rkyv.bin", &via_to_wire);

    check_header::<RpcRequest>(&frame, CodecKind::Rkyv);
    assert_eq!(RpcRequest::from_wire(&frame).unwrap(), rpc_call());
    let back: RpcRequest = RkyvCodec::new().decode(&frame).unwrap();
    assert_eq!(back, rpc_call());

    // `params` is stored as JSON text inside the archive.
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    let view = RkyvCodec::new().view::<RpcRequest>(&aligned).unwrap();
    assert_eq!(view.params, r#"{"values":[1,2,3]}"#);
}

#[test]
fn rpc_request_json_frame() {
    let encoded = deterministic(&rpc_call(), |m| JsonCodec::new().encode_frame(m).unwrap());
    let frame = golden("rpc_request.json.bin", &encoded);

    check_header::<RpcRequest>(&frame, CodecKind::Json);
    assert_eq!(
        &frame[HEADER_LEN..],
        serde_json::to_vec(&rpc_call()).unwrap()
    );
    assert_eq!(RpcRequest::from_wire(&frame).unwrap(), rpc_call());
    let back: RpcRequest = JsonCodec::new().decode(&frame).unwrap();
    assert_eq!(back, rpc_call());
}

#[test]
fn rpc_request_legacy_json() {
    let encoded = deterministic(&rpc_call(), |m| JsonCodec::new().encode(m).unwrap());
    let bare = golden("rpc_request.legacy.json.bin", &encoded);

    assert!(!Header::is_frame(&bare));
    assert_eq!(bare, serde_json::to_vec(&rpc_call()).unwrap());
    assert_eq!(RpcRequest::from_wire(&bare).unwrap(), rpc_call());
    let back: RpcRequest = JsonCodec::new().decode(&bare).unwrap();
    assert_eq!(back, rpc_call());
}

#[test]
fn audit_event_json_frame() {
    let encoded = deterministic(&audit_with_sorted_keys(), |m| m.to_wire().unwrap());
    let frame = golden("audit_event.json.bin", &encoded);

    check_header::<AuditEvent>(&frame, CodecKind::Json);
    assert_eq!(Header::parse(&frame).unwrap().type_id(), 0x42);
    assert_eq!(Header::parse(&frame).unwrap().schema_version(), 3);
    assert_eq!(
        &frame[HEADER_LEN..],
        serde_json::to_vec(&audit_with_sorted_keys()).unwrap()
    );
    assert_eq!(
        AuditEvent::from_wire(&frame).unwrap(),
        audit_with_sorted_keys()
    );
    let back: AuditEvent = JsonCodec::new().decode(&frame).unwrap();
    assert_eq!(back, audit_with_sorted_keys());
}

#[test]
fn type_ids_and_fingerprints_are_pinned() {
    // The vectors of docs/FORMAT.md: changing either hash changes every frame on the wire.
    assert_eq!(wiremsg::hash::type_id_of(""), 0x811C_9DC5);
    assert_eq!(wiremsg::hash::type_id_of("chat.Message"), 0x6B2F_4BFE);
    assert_eq!(ChatMessage::TYPE_ID, 0xAE70_2C12);
    assert_eq!(RpcRequest::TYPE_ID, 0x31EA_FC6D);
    assert_eq!(AuditEvent::TYPE_ID, 0x42);
    assert_eq!(
        wiremsg::hash::layout_fingerprint("struct{a:u32;b:Vec<Option<String>>;}"),
        0x8B36
    );
    assert_eq!(ChatMessage::LAYOUT_FINGERPRINT, 0xD23B);
    assert_eq!(RpcRequest::LAYOUT_FINGERPRINT, 0x755A);
    // docs/FORMAT.md's nested vector: the shape's texts with `RpcMethod`'s 32-bit hash between.
    let method_hash = wiremsg::hash::fnv1a_32(b"enum{Call;Notify;Stream{chunk:u32;};}");
    assert_eq!(method_hash, 0xEECB_8FFA);
    let bytes = [
        &b"struct{id:String;method:String;as_json params:serde_json::Value;method_type:"[..],
        &method_hash.to_le_bytes(),
        b";}",
    ]
    .concat();
    assert_eq!(
        wiremsg::hash::fold_to_fingerprint(wiremsg::hash::fnv1a_32(&bytes)),
        RpcRequest::LAYOUT_FINGERPRINT
    );
    assert_eq!(RpcMethod::LAYOUT_FINGERPRINT, 0x6131);
    assert_eq!(AuditEvent::LAYOUT_FINGERPRINT, 0x0E0D);
}
