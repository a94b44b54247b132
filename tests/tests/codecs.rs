//! Round trips through every codec and every message shape, zero-copy views, legacy JSON, the
//! JSON fallback, schema-version rules, content types and codec kinds.

use std::collections::HashMap;
use wiremsg::rkyv::rancor::Strategy;
use wiremsg::rkyv::ser::allocator::Arena;
use wiremsg::rkyv::ser::sharing::Share;
use wiremsg::rkyv::ser::Serializer;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::rkyv::with::SerializeWith;
use wiremsg::{
    AsJson, Codec, CodecKind, CompressedCodec, Header, HybridCodec, JsonCodec, RkyvCodec,
    WireMessage,
};
use wiremsg_tests::fixtures::aligned;
use wiremsg_tests::*;

/// A request whose JSON parameters nest an object holding `null`, streamed in chunks of 64.
fn rpc_with_nested_params() -> RpcRequest {
    RpcRequest {
        id: "req-7".into(),
        method: "math.sum".into(),
        params: serde_json::json!({"values": [1, 2, 3], "nested": {"deep": null}}),
        method_type: RpcMethod::Stream { chunk: 64 },
    }
}

/// Every field filled, with text beyond ASCII, extreme integers and an empty map key.
fn everything_with_edge_values() -> Everything {
    Everything {
        maybe: Some("ünïcødé ✓ 🦀".into()),
        list: vec![1, 2, 3, u32::MAX],
        map: HashMap::from([("a".to_string(), -1), (String::new(), i64::MIN)]),
        boxed: Box::new(42),
        nested: vec![ChatMessage::sample(), ChatMessage::sample()],
        pair: (7, true),
        ratio: 0.25,
        bytes: [0xde, 0xad, 0xbe, 0xef],
    }
}

/// Encodes and decodes `value` with every codec that serves it and checks each gives it back.
fn round_trip_all<T>(value: &T)
where
    T: WireMessage + wiremsg::RkyvMessage + PartialEq + std::fmt::Debug,
{
    let hybrid = HybridCodec::new();
    let rkyv = RkyvCodec::new();
    let json = JsonCodec::new();
    assert_eq!(&T::from_wire(&value.to_wire().unwrap()).unwrap(), value);
    let back: T = hybrid.decode(&hybrid.encode(value).unwrap()).unwrap();
    assert_eq!(&back, value);
    let back: T = rkyv.decode(&rkyv.encode(value).unwrap()).unwrap();
    assert_eq!(&back, value);
    let back: T = json.decode(&json.encode(value).unwrap()).unwrap();
    assert_eq!(&back, value);
    let back: T = json.decode(&json.encode_frame(value).unwrap()).unwrap();
    assert_eq!(&back, value);
    // Every frame is also readable by the hybrid codec.
    let back: T = hybrid.decode(&json.encode_frame(value).unwrap()).unwrap();
    assert_eq!(&back, value);
    let back: T = hybrid.decode(&rkyv.encode(value).unwrap()).unwrap();
    assert_eq!(&back, value);
}

#[test]
fn chat_and_rpc_messages_round_trip_through_every_codec() {
    round_trip_all(&ChatMessage::sample());
    round_trip_all(&rpc_with_nested_params());
    round_trip_all(&RpcRequest::sample());
    round_trip_all(&RpcMethod::Call);
    round_trip_all(&RpcMethod::Notify);
}

#[test]
fn every_shape_round_trips() {
    round_trip_all(&everything_with_edge_values());
    round_trip_all(&Everything::default());
    round_trip_all(&Pair(u32::MAX, String::new()));
    round_trip_all(&Heartbeat);
    round_trip_all(&Envelope {
        seq: 9,
        body: ChatMessage::sample(),
    });
    round_trip_all(&Envelope {
        seq: 0,
        body: vec![Some(1u8), None],
    });
    round_trip_all(&Expr::Call {
        name: "max".into(),
        args: vec![
            Expr::Num(-3),
            Expr::Add(Box::new(Expr::Num(1)), Box::new(Expr::Num(2))),
        ],
    });
    // And the other way round: a call inside a sum.
    round_trip_all(&Expr::Add(
        Box::new(Expr::Num(1)),
        Box::new(Expr::Call {
            name: "f".into(),
            args: vec![Expr::Num(2)],
        }),
    ));
}

#[test]
fn empty_and_unicode_strings_and_large_payloads_round_trip() {
    let mut msg = ChatMessage::sample();
    msg.id = String::new();
    msg.content = "日本語 — Ελληνικά — עברית — \u{0} — \u{10FFFF}".into();
    round_trip_all(&msg);
    msg.content = "x".repeat(4 << 20);
    round_trip_all(&msg);
    let big = Everything {
        list: (0..250_000).collect(),
        ..Everything::default()
    };
    round_trip_all(&big);
}

#[test]
fn json_only_types_write_json_frames() {
    let event = AuditEvent {
        details: serde_json::json!({"who": "root", "what": ["login"]}),
    };
    let frame = event.to_wire().unwrap();
    let header = Header::parse(&frame).unwrap();
    assert_eq!(header.codec(), CodecKind::Json);
    assert_eq!(header.type_id(), 0x42);
    assert_eq!(header.schema_version(), 3);
    assert_eq!(&frame[16..], serde_json::to_vec(&event).unwrap().as_slice());
    assert_eq!(AuditEvent::from_wire(&frame).unwrap(), event);
    let bare = JsonCodec::new().encode(&event).unwrap();
    assert_eq!(AuditEvent::from_wire(&bare).unwrap(), event);
    // `null` details round-trip too.
    let empty = AuditEvent {
        details: serde_json::json!(null),
    };
    assert_eq!(
        AuditEvent::from_wire(&empty.to_wire().unwrap()).unwrap(),
        empty
    );
}

#[test]
fn hybrid_frames_say_what_their_payload_is() {
    let frame = ChatMessage::sample().to_wire().unwrap();
    let header = Header::parse(&frame).unwrap();
    assert_eq!(header.codec(), CodecKind::Rkyv);
    assert_eq!(header.type_id(), ChatMessage::TYPE_ID);
    assert_eq!(header.type_id(), wiremsg::hash::type_id_of("ChatMessage"));
    assert_eq!(header.schema_version(), 1);
    assert_eq!(header.layout_fingerprint(), ChatMessage::LAYOUT_FINGERPRINT);
    assert_eq!(header.payload_len() as usize, frame.len() - 16);
    assert_eq!(header.format_version(), wiremsg::FORMAT_VERSION);
    assert_eq!(header.flags(), 0);
}

/// A twin of `ChatMessage` that uses serde's own derive, to compare bytes with.
#[derive(serde::Serialize)]
struct SerdeChatMessage<'a> {
    id: &'a str,
    content: &'a str,
    timestamp: u64,
    sender: &'a str,
    room_id: &'a str,
}

#[test]
fn json_codec_output_is_byte_identical_to_serde_derive() {
    let msg = ChatMessage::sample();
    let twin = SerdeChatMessage {
        id: &msg.id,
        content: &msg.content,
        timestamp: msg.timestamp,
        sender: &msg.sender,
        room_id: &msg.room_id,
    };
    let expected = serde_json::to_vec(&twin).unwrap();
    assert_eq!(JsonCodec::new().encode(&msg).unwrap(), expected);
    let frame = JsonCodec::new().encode_frame(&msg).unwrap();
    assert_eq!(&frame[16..], expected.as_slice());
    assert_eq!(
        <JsonCodec as Codec<ChatMessage>>::content_type(&JsonCodec::new()),
        "application/json"
    );
    assert_eq!(
        <RkyvCodec as Codec<ChatMessage>>::content_type(&RkyvCodec::new()),
        "application/x-wiremsg+rkyv"
    );
}

#[test]
fn legacy_bare_json_is_read_by_hybrid_and_from_wire() {
    let legacy = br#"{"id":"msg-1","content":"Hello, World!","timestamp":1700000000000,"sender":"alice","room_id":"lobby"}"#;
    assert_eq!(
        ChatMessage::from_wire(legacy).unwrap(),
        ChatMessage::sample()
    );
    let with_whitespace = b"\n\t {\"id\":\"msg-1\",\"content\":\"Hello, World!\",\"timestamp\":1700000000000,\"sender\":\"alice\",\"room_id\":\"lobby\"}  ";
    let back: ChatMessage = HybridCodec::new().decode(with_whitespace).unwrap();
    assert_eq!(back, ChatMessage::sample());
}

/// A copy of `bytes` that starts `offset` bytes into a 16-byte aligned buffer.
fn at_offset_in_aligned(bytes: &[u8], offset: usize) -> AlignedVec<16> {
    let mut buffer = AlignedVec::<16>::with_capacity(bytes.len() + offset);
    buffer.extend_from_slice(&vec![0; offset]);
    buffer.extend_from_slice(bytes);
    buffer
}

#[test]
fn view_borrows_from_the_input_buffer() {
    let msg = ChatMessage::sample();
    let buffer = aligned(&msg.to_wire().unwrap());
    let view: &ArchivedChatMessage = RkyvCodec::new().view::<ChatMessage>(&buffer).unwrap();
    assert_eq!(view.content, msg.content);
    assert_eq!(view.timestamp, msg.timestamp);
    let range = buffer.as_ptr_range();
    let content_ptr = view.content.as_str().as_ptr();
    assert!(range.contains(&(view as *const ArchivedChatMessage as *const u8)));
    assert!(range.contains(&content_ptr));
    // The hybrid codec views the same bytes.
    let again = HybridCodec::new().view::<ChatMessage>(&buffer).unwrap();
    assert!(std::ptr::eq(view, again));
}

#[test]
fn view_of_nested_and_generic_messages() {
    let buffer = aligned(&rpc_with_nested_params().to_wire().unwrap());
    let view = RkyvCodec::new().view::<RpcRequest>(&buffer).unwrap();
    assert_eq!(view.method, "math.sum");
    // `as_json` fields are JSON text inside the archive.
    let params: serde_json::Value = serde_json::from_str(view.params.as_str()).unwrap();
    assert_eq!(params, rpc_with_nested_params().params);
    assert!(matches!(view.method_type, ArchivedRpcMethod::Stream { chunk } if chunk == 64));

    let envelope = Envelope {
        seq: 5,
        body: ChatMessage::sample(),
    };
    let buffer = aligned(&envelope.to_wire().unwrap());
    let view = RkyvCodec::new()
        .view::<Envelope<ChatMessage>>(&buffer)
        .unwrap();
    assert_eq!(view.seq, 5);
    assert_eq!(view.body.sender, "alice");
}

#[test]
fn decode_accepts_unaligned_input_and_view_refuses_it() {
    let frame = ChatMessage::sample().to_wire().unwrap();
    for offset in 1..16 {
        let buffer = at_offset_in_aligned(&frame, offset);
        let unaligned = &buffer[offset..];
        assert_eq!(
            ChatMessage::from_wire(unaligned).unwrap(),
            ChatMessage::sample()
        );
        let err = RkyvCodec::new().view::<ChatMessage>(unaligned).unwrap_err();
        match err {
            wiremsg::CodecError::Unaligned {
                required,
                misalignment,
            } => {
                assert_eq!(required, 16);
                assert_eq!(misalignment, offset);
            }
            other => panic!("expected Unaligned, got {other:?}"),
        }
    }
}

#[cfg(unix)]
use wiremsg_tests::fallback;

#[cfg(unix)]
#[test]
fn hybrid_falls_back_to_json_when_rkyv_fails_at_run_time() {
    use fallback::{FileEntry, StrictFileEntry};
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;

    let valid = FileEntry {
        name: "notes.txt".into(),
        size: 10,
    };
    let frame = valid.to_wire().unwrap();
    assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Rkyv);
    assert_eq!(FileEntry::from_wire(&frame).unwrap(), valid);

    let invalid_utf8 = FileEntry {
        name: OsString::from_vec(vec![b'a', 0xff, b'b']),
        size: 3,
    };
    // rkyv really fails on this value ...
    let err = RkyvCodec::new().encode(&invalid_utf8).unwrap_err();
    assert!(
        matches!(
            err,
            wiremsg::CodecError::RkyvEncode {
                type_name: "FileEntry",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("rkyv could not serialize FileEntry"),
        "{err}"
    );
    assert!(err.to_string().contains("invalid UTF-8"), "{err}");
    // ... so the hybrid codec sends a JSON frame, which round-trips the raw bytes.
    let frame = invalid_utf8.to_wire().unwrap();
    assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Json);
    assert_eq!(FileEntry::from_wire(&frame).unwrap(), invalid_utf8);

    // A `codec = "rkyv"` type reports the failure instead of switching format.
    let strict = StrictFileEntry {
        name: OsString::from_vec(vec![0xfe]),
    };
    assert!(matches!(
        strict.to_wire().unwrap_err(),
        wiremsg::CodecError::RkyvEncode { .. }
    ));
}

mod v1 {
    use wiremsg::WireMessage;

    #[derive(WireMessage, Debug, PartialEq)]
    #[wire(name = "test.Account", version = 1)]
    pub struct Account {
        pub id: u64,
        pub name: String,
    }
}

mod v2 {
    use wiremsg::WireMessage;

    #[derive(WireMessage, Debug, PartialEq)]
    #[wire(name = "test.Account", version = 2)]
    pub struct Account {
        pub id: u64,
        pub name: String,
        #[serde(default)]
        pub email: Option<String>,
    }
}

mod v1_reordered {
    use wiremsg::WireMessage;

    /// Fields swapped without a version bump: rkyv alone would misread it. Generic only so
    /// that it is not registered beside `v1::Account`: the same message at the same version,
    /// before and after an edit, are never linked into one program, where they would be two
    /// types claiming one id.
    #[derive(WireMessage, Debug, PartialEq)]
    #[wire(name = "test.Account", version = 1)]
    pub struct Account<Id = u64> {
        pub name: String,
        pub id: Id,
    }
}

#[test]
fn json_frames_migrate_across_schema_versions() {
    let old = v1::Account {
        id: 1,
        name: "ann".into(),
    };
    let frame = JsonCodec::new().encode_frame(&old).unwrap();
    assert_eq!(Header::parse(&frame).unwrap().schema_version(), 1);
    let new = v2::Account::from_wire(&frame).unwrap();
    assert_eq!(
        new,
        v2::Account {
            id: 1,
            name: "ann".into(),
            email: None
        }
    );
}

#[test]
fn rkyv_frames_are_read_only_at_their_own_schema_version() {
    let old = v1::Account {
        id: 1,
        name: "ann".into(),
    };
    let err = v2::Account::from_wire(&old.to_wire().unwrap()).unwrap_err();
    assert!(
        matches!(
            err,
            wiremsg::CodecError::SchemaVersionMismatch {
                type_name: "test.Account",
                expected: 2,
                found: 1
            }
        ),
        "{err:?}"
    );
}

#[test]
fn rkyv_frames_of_another_layout_are_refused_even_at_the_same_version() {
    assert_eq!(v1::Account::TYPE_ID, v1_reordered::Account::<u64>::TYPE_ID);
    assert_ne!(
        v1::Account::LAYOUT_FINGERPRINT,
        v1_reordered::Account::<u64>::LAYOUT_FINGERPRINT
    );
    let frame = v1::Account {
        id: 1,
        name: "ann".into(),
    }
    .to_wire()
    .unwrap();
    let err = v1_reordered::Account::<u64>::from_wire(&frame).unwrap_err();
    assert!(
        matches!(err, wiremsg::CodecError::LayoutMismatch { .. }),
        "{err:?}"
    );
    // JSON frames carry field names, so the reordered type reads them fine.
    let json = JsonCodec::new()
        .encode_frame(&v1::Account {
            id: 1,
            name: "ann".into(),
        })
        .unwrap();
    assert_eq!(
        v1_reordered::Account::from_wire(&json).unwrap(),
        v1_reordered::Account {
            name: "ann".into(),
            id: 1
        }
    );
}

#[test]
fn codecs_are_default_clone_send_sync() {
    fn assert_traits<T: Default + Clone + Send + Sync + 'static>() {}
    assert_traits::<JsonCodec>();
    assert_traits::<RkyvCodec>();
    assert_traits::<HybridCodec>();
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<wiremsg::CodecError>();
}

#[test]
fn custom_ids_and_names() {
    assert_eq!(AuditEvent::TYPE_ID, 0x42);
    assert_eq!(AuditEvent::TYPE_NAME, "AuditEvent");
    assert_eq!(AuditEvent::CODEC, CodecKind::Json);
    assert_eq!(Envelope::<u8>::TYPE_NAME, "test.Envelope");
    assert_eq!(
        Envelope::<u8>::TYPE_ID,
        wiremsg::hash::type_id_of("test.Envelope")
    );
    assert_eq!(ChatMessage::CODEC, CodecKind::Hybrid);
}

/// A type with neither serde nor rkyv support, only `Default`.
#[derive(Debug, Default, PartialEq)]
struct LocalCache {
    hits: std::cell::Cell<u32>,
}

#[derive(WireMessage, Debug, PartialEq)]
struct Session {
    user: String,
    #[wire(skip)]
    cache: LocalCache,
}

#[test]
fn skipped_fields_are_left_out_of_both_formats_and_restored_with_default() {
    let session = Session {
        user: "ann".into(),
        cache: LocalCache {
            hits: std::cell::Cell::new(7),
        },
    };
    assert_eq!(
        JsonCodec::new().encode(&session).unwrap(),
        br#"{"user":"ann"}"#
    );
    for frame in [
        session.to_wire().unwrap(),
        JsonCodec::new().encode_frame(&session).unwrap(),
    ] {
        let back = Session::from_wire(&frame).unwrap();
        assert_eq!(back.user, "ann");
        assert_eq!(back.cache, LocalCache::default());
    }
}

/// Types of one message name and id at different schema versions are versions of one message:
/// registered together (the frame names its version), never a clash. Another type at a version
/// already held still is.
#[test]
fn versions_of_one_message_are_registered_together() {
    wiremsg::registry().check().unwrap();
    let global = wiremsg::registry().get(v2::Account::TYPE_ID).unwrap();
    assert_eq!(
        global.schema_version(),
        2,
        "the newest version is the message's entry"
    );
    let old = v1::Account {
        id: 1,
        name: "ann".into(),
    };
    // An older rkyv frame is transcoded by its own version's type.
    assert_eq!(
        wiremsg::registry()
            .to_json(&old.to_wire().unwrap())
            .unwrap(),
        serde_json::json!({ "id": 1, "name": "ann" })
    );

    let mut local = wiremsg::Registry::new();
    local.register::<v1::Account>().unwrap();
    local.register::<v2::Account>().unwrap();
    local.register::<v1::Account>().unwrap(); // again: nothing changes
    assert_eq!(local.len(), 1);
    assert_eq!(local.get(v1::Account::TYPE_ID).unwrap().schema_version(), 2);
    assert_eq!(
        local.to_json(&old.to_wire().unwrap()).unwrap(),
        serde_json::json!({ "id": 1, "name": "ann" })
    );
    let err = local.register::<v1_reordered::Account<u64>>().unwrap_err();
    assert!(
        matches!(err, wiremsg::CodecError::DuplicateTypeId { .. }),
        "{err:?}"
    );
}

#[test]
fn every_codec_names_its_content_type() {
    assert_eq!(
        Codec::<ChatMessage>::content_type(&HybridCodec::new()),
        "application/x-wiremsg"
    );
    assert_eq!(
        Codec::<ChatMessage>::content_type(&HybridCodec::default()),
        "application/x-wiremsg"
    );
    assert_eq!(
        Codec::<ChatMessage>::content_type(&JsonCodec::new()),
        "application/json"
    );
    assert_eq!(
        Codec::<ChatMessage>::content_type(&RkyvCodec::new()),
        "application/x-wiremsg+rkyv"
    );
    // A compressed codec says what its frames are once decompressed: the inner codec's type.
    assert_eq!(
        Codec::<ChatMessage>::content_type(&CompressedCodec::new(JsonCodec::new())),
        "application/json"
    );
    assert_eq!(
        Codec::<ChatMessage>::content_type(&CompressedCodec::new(RkyvCodec::new())),
        "application/x-wiremsg+rkyv"
    );
}

#[test]
fn hybrid_is_a_strategy_with_no_wire_byte() {
    assert_eq!(CodecKind::Hybrid.wire_byte(), None);
    assert_eq!(CodecKind::Hybrid.name(), "hybrid");
    assert_eq!(CodecKind::Hybrid.to_string(), "hybrid");
    assert_eq!(CodecKind::Json.wire_byte(), Some(1));
    assert_eq!(CodecKind::Rkyv.wire_byte(), Some(2));
    for byte in [0, 3, 0xFF] {
        assert_eq!(CodecKind::from_wire_byte(byte), None, "byte {byte}");
    }
}

#[test]
fn a_header_built_with_the_hybrid_kind_says_rkyv() {
    let header = Header::new(CodecKind::Hybrid, 0xABCD_0123, 4, 0xBEEF, 12);
    assert_eq!(header.codec(), CodecKind::Rkyv);
    let bytes = header.to_bytes();
    assert_eq!(bytes[2], 2, "the rkyv codec byte");
    assert_eq!(Header::parse(&bytes).unwrap(), header);
}

#[test]
fn the_as_json_resolver_debug_prints_the_json_text() {
    let value = serde_json::json!({ "a": [1, 2] });
    let mut arena = Arena::new();
    let mut serializer = Serializer::new(AlignedVec::<16>::new(), arena.acquire(), Share::new());
    let resolver = <AsJson as SerializeWith<serde_json::Value, _>>::serialize_with(
        &value,
        Strategy::<_, wiremsg::rkyv::rancor::Error>::wrap(&mut serializer),
    )
    .unwrap();
    assert_eq!(
        format!("{resolver:?}"),
        r#"AsJsonResolver { json: "{\"a\":[1,2]}", .. }"#
    );
}
