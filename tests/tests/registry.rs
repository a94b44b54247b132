//! The global registry, local registries, the router and JSON transcoding.
//!
//! Types come from two crates: `wiremsg_tests` (the library) and this test binary.

// Link-time registration must not need unsafe code in the user's crate.
#![forbid(unsafe_code)]

use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    registry, Codec, CodecError, CodecKind, CompressedCodec, Frames, Header, HybridCodec,
    JsonCodec, Registry, RegistryEntry, RkyvCodec, Router, WireMessage,
};
use wiremsg_tests::*;

/// Defined in this binary, not in the library.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "test.Ping", version = 4)]
struct Ping {
    seq: u64,
}

/// Defined in this binary, JSON only.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "test.Note", codec = "json")]
struct Note {
    text: String,
}

/// Never used by any test except through the registry: registration needs no reference.
#[derive(WireMessage)]
#[wire(name = "test.Unused")]
struct Unused;

/// Derived through another path to wiremsg: registration follows `#[wire(crate = ...)]`.
#[derive(WireMessage)]
#[wire(crate = renamed::wm, name = "test.Renamed")]
struct Renamed;

mod renamed {
    pub use wiremsg as wm;
}

/// A generic type of this binary: never registered.
#[derive(WireMessage)]
#[wire(name = "test.Boxed")]
struct Boxed<T> {
    inner: T,
}

// A generic type of the library crate, registered explicitly in the global registry.
wiremsg::register!(Envelope<ChatMessage>);

/// A request whose JSON parameters hold a float and a `null`, which a transcoding must keep.
fn rpc_with_float_and_null_params() -> RpcRequest {
    RpcRequest {
        id: "r1".into(),
        method: "sum".into(),
        params: serde_json::json!({ "terms": [1, 2.5, null], "deep": { "a": "b" } }),
        method_type: RpcMethod::Stream { chunk: 8 },
    }
}

/// An event whose JSON details are an array, not an object.
fn audit_with_array_details() -> AuditEvent {
    AuditEvent {
        details: serde_json::json!(["login", { "ok": true }]),
    }
}

/// Asserts that the global registry's entry for `T` says what `T` says.
fn assert_registered<T: WireMessage>() {
    let by_id = registry()
        .get(T::TYPE_ID)
        .unwrap_or_else(|| panic!("{} is not in registry()", T::TYPE_NAME));
    let by_name = registry().get_by_name(T::TYPE_NAME).unwrap();
    assert_eq!(by_id.type_id(), by_name.type_id());
    assert_eq!(by_id.name(), T::TYPE_NAME);
    assert_eq!(by_id.schema_version(), T::SCHEMA_VERSION);
    assert_eq!(by_id.codec(), T::CODEC);
    assert_eq!(by_id.layout_fingerprint(), T::LAYOUT_FINGERPRINT);
}

#[test]
fn types_of_both_crates_are_in_the_global_registry() {
    registry().check().unwrap();
    // From the library crate.
    assert_registered::<ChatMessage>();
    assert_registered::<RpcRequest>();
    assert_registered::<RpcMethod>();
    assert_registered::<Everything>();
    assert_registered::<Pair>();
    assert_registered::<Heartbeat>();
    assert_registered::<Expr>();
    assert_registered::<AuditEvent>();
    assert_registered::<Profile>();
    // From this binary.
    assert_registered::<Ping>();
    assert_registered::<Note>();
    assert_registered::<Unused>();
    assert_registered::<Renamed>();
    assert!(registry()
        .get_by_name("ChatMessage")
        .unwrap()
        .rust_type_name()
        .ends_with("wiremsg_tests::ChatMessage"));
    // Generic types register explicitly only.
    assert!(registry().get(Boxed::<Ping>::TYPE_ID).is_none());
    assert!(registry().get_by_name("test.Boxed").is_none());
    assert_registered::<Envelope<ChatMessage>>();
    let frame = Envelope {
        seq: 2,
        body: ChatMessage::sample(),
    }
    .to_wire()
    .unwrap();
    assert_eq!(
        registry().to_json(&frame).unwrap(),
        serde_json::json!({ "seq": 2, "body": serde_json::to_value(ChatMessage::sample()).unwrap() })
    );
    // Iteration sees every entry, in id order.
    let ids: Vec<u32> = registry().iter().map(|entry| entry.type_id()).collect();
    assert_eq!(ids.len(), registry().len());
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
    assert!(ids.contains(&Ping::TYPE_ID) && ids.contains(&Profile::TYPE_ID));
}

#[test]
fn local_registries_hold_only_what_was_registered() {
    let mut local = Registry::new();
    assert!(local.is_empty());
    local.register::<Envelope<ChatMessage>>().unwrap();
    local.register::<Ping>().unwrap();
    assert_eq!(local.len(), 2);
    assert_eq!(
        local.get_by_name("test.Envelope").unwrap().type_id(),
        Envelope::<ChatMessage>::TYPE_ID
    );
    assert!(local.get(ChatMessage::TYPE_ID).is_none());
    let frame = Envelope {
        seq: 2,
        body: ChatMessage::sample(),
    }
    .to_wire()
    .unwrap();
    assert_eq!(
        local.to_json(&frame).unwrap(),
        serde_json::json!({ "seq": 2, "body": serde_json::to_value(ChatMessage::sample()).unwrap() })
    );
    let names: Vec<&str> = (&local).into_iter().map(|entry| entry.name()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"test.Ping"));
}

/// Every message the router below handles, as one reply type.
#[derive(Debug, PartialEq)]
enum Seen {
    Chat(ChatMessage),
    Rpc(RpcRequest),
    Audit(AuditEvent),
    Ping(u64),
    Other(u32),
}

fn router() -> Router<Seen> {
    Router::new()
        .on::<ChatMessage>(|msg| Ok(Seen::Chat(msg)))
        .unwrap()
        .on::<RpcRequest>(|msg| Ok(Seen::Rpc(msg)))
        .unwrap()
        .on::<AuditEvent>(|msg| Ok(Seen::Audit(msg)))
        .unwrap()
        .on_view::<Ping>(|ping| Ok(Seen::Ping(ping.seq.to_native())))
        .unwrap()
}

#[test]
fn routes_many_types_from_one_byte_stream() {
    let mut stream = Vec::new();
    stream.extend(ChatMessage::sample().to_wire().unwrap());
    stream.extend(rpc_with_float_and_null_params().to_wire().unwrap());
    stream.extend(audit_with_array_details().to_wire().unwrap()); // a JSON frame: codec = "json"
    stream.extend(
        JsonCodec::new()
            .encode_frame(&ChatMessage::sample())
            .unwrap(),
    );
    stream.extend(Heartbeat.to_wire().unwrap());
    let mut router = router().fallback(|header, payload| {
        assert_eq!(payload.len(), header.payload_len() as usize);
        Ok(Seen::Other(header.type_id()))
    });
    let seen: Vec<Seen> = Frames::new(&stream)
        .map(|frame| router.dispatch(frame.unwrap()))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        seen,
        [
            Seen::Chat(ChatMessage::sample()),
            Seen::Rpc(rpc_with_float_and_null_params()),
            Seen::Audit(audit_with_array_details()),
            Seen::Chat(ChatMessage::sample()),
            Seen::Other(Heartbeat::TYPE_ID),
        ]
    );
}

#[test]
fn view_handlers_get_the_archived_value_of_frames_at_any_alignment_and_of_json_frames() {
    let mut router = router();
    let frame = Ping { seq: 41 }.to_wire().unwrap();
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    assert_eq!(router.dispatch(&aligned).unwrap(), Seen::Ping(41));

    // Unaligned: copied into the router's aligned space (tests/router_reading.rs counts it).
    let mut shifted = AlignedVec::<16>::new();
    shifted.push(0);
    shifted.extend_from_slice(&frame);
    assert_eq!(router.dispatch(&shifted[1..]).unwrap(), Seen::Ping(41));
    // A JSON frame of the type: decoded, archived, viewed.
    let json = JsonCodec::new().encode_frame(&Ping { seq: 42 }).unwrap();
    assert_eq!(router.dispatch(&json).unwrap(), Seen::Ping(42));
}

#[test]
fn unknown_type_ids_need_a_fallback() {
    let mut router = router();
    let frame = Heartbeat.to_wire().unwrap();
    assert!(matches!(
        router.dispatch(&frame),
        Err(CodecError::UnknownType { type_id }) if type_id == Heartbeat::TYPE_ID
    ));
    let mut local = Registry::new();
    local.register::<Ping>().unwrap();
    let err = local.to_json(&frame).unwrap_err();
    assert!(matches!(err, CodecError::UnknownType { type_id } if type_id == Heartbeat::TYPE_ID));
    assert_eq!(
        err.to_string(),
        format!(
            "unknown message type id {:#010x}: no registered type has it",
            Heartbeat::TYPE_ID
        )
    );
}

#[test]
fn older_rkyv_frames_of_a_known_type_are_a_schema_version_mismatch() {
    let mut frame = Ping { seq: 1 }.to_wire().unwrap();
    // What a peer still on version 3 of test.Ping sends (bytes 4..6: schema version).
    frame[4..6].copy_from_slice(&3u16.to_le_bytes());
    reseal(&mut frame);
    let mut aligned = AlignedVec::<16>::new();
    aligned.extend_from_slice(&frame);
    let err = router().dispatch(&aligned).unwrap_err();
    assert!(matches!(
        err,
        CodecError::SchemaVersionMismatch {
            type_name: "test.Ping",
            expected: 4,
            found: 3
        }
    ));
    let mut frame = ChatMessage::sample().to_wire().unwrap();
    frame[4..6].copy_from_slice(&0u16.to_le_bytes());
    reseal(&mut frame);
    assert!(matches!(
        router().dispatch(&frame),
        Err(CodecError::SchemaVersionMismatch {
            type_name: "ChatMessage",
            expected: 1,
            found: 0
        })
    ));
    assert!(matches!(
        registry().to_json(&frame),
        Err(CodecError::SchemaVersionMismatch { .. })
    ));
}

#[test]
fn malformed_frames_are_errors_not_panics() {
    let mut router = router();
    let frame = ChatMessage::sample().to_wire().unwrap();
    assert!(matches!(
        router.dispatch(&frame[..frame.len() - 1]),
        Err(CodecError::TruncatedPayload { .. })
    ));
    assert!(matches!(
        router.dispatch(&frame[..5]),
        Err(CodecError::TruncatedHeader { available: 5 })
    ));
    assert!(matches!(router.dispatch(&[]), Err(CodecError::Empty)));
    assert!(matches!(
        router.dispatch(br#"{"id":"m1"}"#),
        Err(CodecError::UnroutedLegacyJson { first_byte: b'{' })
    ));
    assert!(matches!(
        router.dispatch(b"\x00\x01"),
        Err(CodecError::BadMagic { found: 0 })
    ));
    // An enum tag no variant has: rkyv validation refuses it before the handler runs.
    let mut router = Router::<()>::new()
        .on::<RpcMethod>(|_| panic!("the handler must not see an invalid message"))
        .unwrap();
    let mut corrupt = RpcMethod::Call.to_wire().unwrap();
    let tag_at = corrupt.len() - std::mem::size_of::<ArchivedRpcMethod>();
    corrupt[tag_at] = 0x7f;
    assert!(matches!(
        router.dispatch(&corrupt),
        Err(CodecError::Validation {
            type_name: "RpcMethod",
            ..
        })
    ));
}

#[test]
fn truncated_streams_end_with_a_typed_error() {
    let first = ChatMessage::sample().to_wire().unwrap();
    let second = rpc_with_float_and_null_params().to_wire().unwrap();
    let stream = [first.as_slice(), second.as_slice()].concat();

    let mut frames = Frames::new(&stream[..first.len() + 7]);
    assert_eq!(frames.next().unwrap().unwrap(), first.as_slice());
    assert!(matches!(
        frames.next(),
        Some(Err(CodecError::TruncatedHeader { available: 7 }))
    ));
    assert!(frames.next().is_none());
    assert_eq!(frames.remainder(), &second[..7]);

    let mut frames = Frames::new(&stream[..stream.len() - 3]);
    frames.next().unwrap().unwrap();
    assert!(matches!(
        frames.next(),
        Some(Err(CodecError::TruncatedPayload { declared, available }))
            if declared as usize == second.len() - 16 && available == second.len() - 19
    ));
    assert!(frames.next().is_none());

    let garbage = [first.as_slice(), b"not a frame"].concat();
    let results: Vec<_> = Frames::new(&garbage).collect();
    assert_eq!(results.len(), 2);
    assert!(matches!(
        results[1],
        Err(CodecError::BadMagic { found: b'n' })
    ));
    assert_eq!(Frames::new(&[]).count(), 0);

    // A hostile header declaring the largest payload: an error, no overflow, no allocation.
    let huge = Header::new(CodecKind::Rkyv, ChatMessage::TYPE_ID, 1, 0, u32::MAX).to_bytes();
    let mut frames = Frames::new(&huge);
    assert!(matches!(
        frames.next(),
        Some(Err(CodecError::TruncatedPayload {
            declared: u32::MAX,
            available: 0
        }))
    ));
    assert_eq!(frames.remainder(), huge.as_slice());
}

/// An application error type: decoding errors and the handlers' own.
#[derive(Debug)]
enum AppError {
    Codec(CodecError),
    Rejected(String),
}

impl From<CodecError> for AppError {
    fn from(err: CodecError) -> Self {
        AppError::Codec(err)
    }
}

#[test]
fn handlers_keep_state_and_return_their_own_errors() {
    let mut count = 0;
    let mut router = Router::<u32, AppError>::default()
        .on::<ChatMessage>(move |msg| {
            if msg.sender == "mallory" {
                return Err(AppError::Rejected(msg.sender));
            }
            count += 1;
            Ok(count)
        })
        .unwrap();
    let frame = ChatMessage::sample().to_wire().unwrap();
    assert_eq!(router.dispatch(&frame).unwrap(), 1);
    assert_eq!(router.dispatch(&frame).unwrap(), 2);
    let bad = ChatMessage {
        sender: "mallory".into(),
        ..ChatMessage::sample()
    };
    assert!(matches!(
        router.dispatch(&bad.to_wire().unwrap()),
        Err(AppError::Rejected(who)) if who == "mallory"
    ));
    assert!(matches!(
        router.dispatch(&Heartbeat.to_wire().unwrap()),
        Err(AppError::Codec(CodecError::UnknownType { .. }))
    ));
    assert_eq!(router.dispatch(&frame).unwrap(), 3);
    // A router with its handlers can move to another thread.
    std::thread::spawn(move || router.dispatch(&frame).unwrap())
        .join()
        .map(|n| assert_eq!(n, 4))
        .unwrap();
}

/// Asserts that `to_json` of every frame of `value` equals `serde_json::to_value` of the message
/// decoded from that frame, and of `value` itself.
fn assert_transcodes<T: WireMessage + PartialEq + std::fmt::Debug>(value: &T, frames: &[Vec<u8>]) {
    let expected = serde_json::to_value(value).unwrap();
    for frame in frames {
        let decoded = T::from_wire(frame).unwrap();
        assert_eq!(&decoded, value);
        let json = registry().to_json(frame).unwrap();
        assert_eq!(json, serde_json::to_value(&decoded).unwrap());
        assert_eq!(json, expected);
    }
}

fn every_frame<T: WireMessage + wiremsg::RkyvMessage>(value: &T) -> Vec<Vec<u8>> {
    let rkyv = RkyvCodec::new().encode(value).unwrap();
    assert_eq!(Header::parse(&rkyv).unwrap().codec(), CodecKind::Rkyv);
    let json = JsonCodec::new().encode_frame(value).unwrap();
    assert_eq!(Header::parse(&json).unwrap().codec(), CodecKind::Json);
    vec![rkyv, json, value.to_wire().unwrap()]
}

#[test]
fn to_json_equals_serde_json_of_the_decoded_message_for_every_codec() {
    assert_transcodes(&ChatMessage::sample(), &every_frame(&ChatMessage::sample()));
    assert_transcodes(
        &rpc_with_float_and_null_params(),
        &every_frame(&rpc_with_float_and_null_params()),
    );
    let everything = Everything {
        maybe: Some("x".into()),
        list: vec![1, 2],
        map: [("k".to_string(), -5)].into(),
        boxed: Box::new(9),
        nested: vec![ChatMessage::sample()],
        pair: (7, true),
        ratio: 0.25,
        bytes: [1, 2, 3, 4],
    };
    assert_transcodes(&everything, &every_frame(&everything));
    let expr = Expr::Add(Box::new(Expr::Num(1)), Box::new(Expr::Num(-2)));
    assert_transcodes(&expr, &every_frame(&expr));
    assert_transcodes(&Heartbeat, &every_frame(&Heartbeat));
    assert_transcodes(&Pair(3, "p".into()), &every_frame(&Pair(3, "p".into())));
    let profile = Profile {
        user_id: 5,
        display_name: "Ann".into(),
        avatar_url: None,
    };
    assert_transcodes(&profile, &every_frame(&profile));
    assert_eq!(
        registry().to_json(&profile.to_wire().unwrap()).unwrap(),
        serde_json::json!({ "userId": 5, "displayName": "Ann" })
    );
    // JSON-only types have JSON frames only.
    let note = Note { text: "n".into() };
    assert_transcodes(&note, &[note.to_wire().unwrap()]);
    assert_transcodes(
        &audit_with_array_details(),
        &[JsonCodec::new()
            .encode_frame(&audit_with_array_details())
            .unwrap()],
    );
    assert_transcodes(&Ping { seq: 3 }, &every_frame(&Ping { seq: 3 }));
}

#[test]
fn to_json_refuses_what_it_cannot_read() {
    assert!(matches!(
        registry().to_json(br#"{"seq":1}"#),
        Err(CodecError::BadMagic { .. })
    ));
    let frame = ChatMessage::sample().to_wire().unwrap();
    assert!(matches!(
        registry().to_json(&frame[..frame.len() - 2]),
        Err(CodecError::TruncatedPayload { .. })
    ));
}

#[test]
fn describe_names_the_type_and_every_header_field() {
    let frame = Ping { seq: 1 }.to_wire().unwrap();
    let description = registry().describe(&frame).unwrap();
    assert_eq!(description.type_name(), Some("test.Ping"));
    assert_eq!(description.header(), &Header::parse(&frame).unwrap());
    assert_eq!(
        description.to_string(),
        format!(
            "test.Ping (id {:#010x}), schema v4, rkyv payload of {} bytes, layout {:#06x}",
            Ping::TYPE_ID,
            frame.len() - 16,
            Ping::LAYOUT_FINGERPRINT
        )
    );
    let json = JsonCodec::new()
        .encode_frame(&Note { text: "n".into() })
        .unwrap();
    let unknown = Registry::new().describe(&json).unwrap();
    assert_eq!(unknown.type_name(), None);
    assert!(
        unknown.to_string().starts_with("unknown type (id 0x"),
        "{unknown}"
    );
    assert!(
        unknown.to_string().contains("json payload of 12 bytes"),
        "{unknown}"
    );
    assert!(matches!(
        registry().describe(&[0xC1, 1]),
        Err(CodecError::TruncatedHeader { available: 2 })
    ));
}

#[test]
fn describe_says_a_payload_is_compressed() {
    let note = Note {
        text: "compress me ".repeat(100),
    };
    let frame = CompressedCodec::new(HybridCodec::new())
        .encode(&note)
        .unwrap();
    let description = registry().describe(&frame).unwrap().to_string();
    assert!(
        description.contains(&format!(
            "payload of {} bytes (lz4-compressed), layout",
            frame.len() - 16
        )),
        "{description}"
    );
    let plain = registry().describe(&note.to_wire().unwrap()).unwrap();
    assert!(!plain.to_string().contains("compressed"), "{plain}");
}

#[test]
fn wrong_type_errors_name_the_registered_type_found() {
    let err = ChatMessage::from_wire(&Ping { seq: 1 }.to_wire().unwrap()).unwrap_err();
    assert!(matches!(
        err,
        CodecError::WrongType {
            expected_name: "ChatMessage",
            found_name: Some("test.Ping"),
            ..
        }
    ));
}

#[test]
fn a_registry_entry_debug_prints_every_field() {
    let entry = RegistryEntry::of::<AuditEvent>();
    assert_eq!(
        format!("{entry:?}"),
        format!(
            "RegistryEntry {{ name: \"AuditEvent\", type_id: 0x00000042, schema_version: 3, \
             codec: Json, layout_fingerprint: {:#06x}, rust_type: \"wiremsg_tests::AuditEvent\" }}",
            AuditEvent::LAYOUT_FINGERPRINT
        )
    );
    assert_eq!(entry.rust_type_name(), "wiremsg_tests::AuditEvent");
}

#[test]
fn a_router_lists_its_types_and_debug_prints_them() {
    let router = Router::<&'static str>::new()
        .on::<ChatMessage>(|_| Ok("chat"))
        .unwrap()
        .on::<Heartbeat>(|_| Ok("beat"))
        .unwrap();
    let types = router.types();
    assert_eq!(types.len(), 2);
    assert_eq!(
        types.get(ChatMessage::TYPE_ID).map(RegistryEntry::name),
        Some("ChatMessage")
    );
    assert_eq!(
        types.get(Heartbeat::TYPE_ID).map(RegistryEntry::name),
        Some("Heartbeat")
    );
    assert!(types.get(AuditEvent::TYPE_ID).is_none());

    // Types are listed in type id order.
    let mut names = [
        (ChatMessage::TYPE_ID, "ChatMessage"),
        (Heartbeat::TYPE_ID, "Heartbeat"),
    ];
    names.sort();
    let names = names.map(|(_, name)| name);
    assert_eq!(
        format!("{router:?}"),
        format!("Router {{ types: {names:?}, fallback: false }}")
    );
    let router = router.fallback(|_, _| Ok("other"));
    assert_eq!(
        format!("{router:?}"),
        format!("Router {{ types: {names:?}, fallback: true }}")
    );
}

/// One message version defined twice, as two services' crates each hold it.
mod service_a {
    #[derive(wiremsg::WireMessage)]
    #[wire(name = "test.Shared", version = 3)]
    pub struct Shared {
        pub text: String,
    }
}

mod service_b {
    #[derive(wiremsg::WireMessage)]
    #[wire(name = "test.Shared", version = 3)]
    pub struct Shared {
        pub text: String,
    }

    /// The same name and version with other fields: not the same message. (Generic, so that
    /// it stays out of the global registry, which the other tests check.)
    #[derive(wiremsg::WireMessage)]
    #[wire(name = "test.Shared", version = 3)]
    pub struct Impostor<T> {
        pub text: T,
    }
}

#[test]
fn one_message_version_defined_twice_is_one_message_and_another_shape_still_clashes() {
    let mut registry = Registry::new();
    registry.register::<service_a::Shared>().unwrap();
    registry.register::<service_b::Shared>().unwrap();
    assert_eq!(registry.iter().count(), 1);
    assert!(matches!(
        registry.register::<service_b::Impostor<u64>>(),
        Err(CodecError::DuplicateTypeId { .. })
    ));
    // Both definitions are in the global registry: frames of the version read through either.
    let frame = service_a::Shared { text: "x".into() }.to_wire().unwrap();
    assert_eq!(service_b::Shared::from_wire(&frame).unwrap().text, "x");
}
