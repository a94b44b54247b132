//! How a `Router` and an `Aligner` read what a transport delivers: frames at any alignment (read
//! in place when aligned, else copied once into reused aligned space, counted in the metrics,
//! allocation-free once warm), JSON frames and legacy bare JSON for zero-copy handlers, and bare
//! JSON routed as the type old peers send. A test binary of its own, for its counting global
//! allocator; the tests that read the metrics run one at a time.

use std::sync::{Mutex, MutexGuard, PoisonError};
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{Aligner, CodecError, JsonCodec, Router, WireMessage};
use wiremsg_tests::alloc::{measure, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Held by the tests that read the process-wide alignment metrics.
static METRICS: Mutex<()> = Mutex::new(());

fn metrics_lock() -> MutexGuard<'static, ()> {
    METRICS.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "reading.Command")]
enum Command {
    Say { text: String },
    Move { x: f32, y: f32 },
}

/// What a handler of views makes of a command: the same text for a view and for the value.
fn describe(command: &ArchivedCommand) -> String {
    match command {
        ArchivedCommand::Say { text } => format!("say {text}"),
        ArchivedCommand::Move { x, y } => format!("move {x} {y}"),
    }
}

fn view_router() -> Router<String> {
    Router::new()
        .on_view::<Command>(|command| Ok(describe(command)))
        .unwrap()
}

fn say(text: &str) -> Command {
    Command::Say { text: text.into() }
}

/// `frame` copied to start `offset` bytes past a 16-byte boundary.
fn at_offset(frame: &[u8], offset: usize) -> AlignedVec<16> {
    let mut buffer = AlignedVec::<16>::new();
    buffer.extend_from_slice(&vec![0; offset]);
    buffer.extend_from_slice(frame);
    buffer
}

#[test]
fn views_are_read_at_every_alignment_in_place_only_when_aligned() {
    let _metrics = metrics_lock();
    let frame = say("hello").to_wire().unwrap();
    let mut router = view_router();
    let before = wiremsg::metrics();
    for offset in 0..16 {
        let buffer = at_offset(&frame, offset);
        assert_eq!(
            router.dispatch(&buffer[offset..]).unwrap(),
            "say hello",
            "offset {offset}"
        );
    }
    let alignment = wiremsg::metrics().since(&before).alignment;
    assert_eq!((alignment.in_place, alignment.copied), (1, 15));
    assert_eq!(alignment.bytes_copied, 15 * frame.len() as u64);
}

#[test]
fn unaligned_dispatch_allocates_nothing_once_warm() {
    let _metrics = metrics_lock();
    let frames: Vec<AlignedVec<16>> = (1..16)
        .map(|offset| at_offset(&say(&"x".repeat(offset * 10)).to_wire().unwrap(), offset))
        .collect();
    let mut router = Router::new()
        .on_view::<Command>(|command| match command {
            ArchivedCommand::Say { text } => Ok(text.len()),
            ArchivedCommand::Move { .. } => Ok(0),
        })
        .unwrap();
    let dispatch_all = |router: &mut Router<usize>| {
        for (index, buffer) in frames.iter().enumerate() {
            let reply = router.dispatch(&buffer[index + 1..]).unwrap();
            assert_eq!(reply, (index + 1) * 10);
        }
    };
    dispatch_all(&mut router); // warm: the router's space grows to the largest frame
    let ((), stats) = measure(|| dispatch_all(&mut router));
    assert_eq!(stats.allocations, 0, "{stats:?}");
}

#[test]
fn an_aligner_views_a_vec_or_bytes_from_any_transport() {
    let _metrics = metrics_lock();
    let frame = Command::Move { x: 1.0, y: 2.5 }.to_wire().unwrap();
    let mut aligner = Aligner::new();
    for offset in 0..16 {
        let buffer = at_offset(&frame, offset);
        let received: &[u8] = &buffer[offset..];
        let view = aligner.view::<Command>(received).unwrap();
        assert_eq!(describe(view), "move 1 2.5");
    }
    let warm = at_offset(&frame, 3);
    let (described, stats) = measure(|| {
        let view = aligner.view::<Command>(&warm[3..]).unwrap();
        matches!(view, ArchivedCommand::Move { .. })
    });
    assert!(described);
    assert_eq!(stats.allocations, 0, "{stats:?}");
    // A broken frame is the view's error, copied or not.
    let truncated = at_offset(&frame[..frame.len() - 1], 5);
    assert!(matches!(
        aligner.view::<Command>(&truncated[5..]),
        Err(CodecError::TruncatedPayload { .. })
    ));
}

#[test]
fn a_view_handler_reads_json_frames_and_legacy_json_of_its_type() {
    let _metrics = metrics_lock();
    let mut router = view_router().legacy_json::<Command>();
    let json_frame = JsonCodec::new().encode_frame(&say("from json")).unwrap();
    assert_eq!(router.dispatch(&json_frame).unwrap(), "say from json");
    assert_eq!(
        router.dispatch(br#"{"Move":{"x":3.0,"y":4.0}}"#).unwrap(),
        "move 3 4"
    );
    // And rkyv frames between them, read as before.
    assert_eq!(
        router.dispatch(&say("rkyv").to_wire().unwrap()).unwrap(),
        "say rkyv"
    );
    // JSON that is not a command is the decode's error, naming the type.
    let error = router.dispatch(br#"{"Jump":{}}"#).unwrap_err();
    assert!(
        matches!(
            error,
            CodecError::Json {
                type_name: "reading.Command",
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn bare_json_needs_a_declared_type() {
    let mut owned = Router::new()
        .on::<Command>(|command| Ok(format!("{command:?}")))
        .unwrap();
    let legacy = br#"{"Say":{"text":"old"}}"#;
    let error = owned.dispatch(legacy).unwrap_err();
    assert!(
        matches!(error, CodecError::UnroutedLegacyJson { first_byte: b'{' }),
        "{error}"
    );
    assert!(
        error.to_string().contains("Router::legacy_json::<T>()"),
        "{error}"
    );
    // Not JSON, not a frame: the header's own error, as before.
    assert!(matches!(
        owned.dispatch(&[0xFF; 20]),
        Err(CodecError::BadMagic { .. })
    ));
    assert!(matches!(owned.dispatch(&[]), Err(CodecError::Empty)));

    let mut owned = owned.legacy_json::<Command>();
    assert_eq!(owned.dispatch(legacy).unwrap(), r#"Say { text: "old" }"#);

    // A declared type without a handler is an unknown type.
    #[derive(WireMessage)]
    struct Other;
    let mut unhandled = Router::<String>::new().legacy_json::<Other>();
    assert!(matches!(
        unhandled.dispatch(b"null"),
        Err(CodecError::UnknownType { type_id }) if type_id == Other::TYPE_ID
    ));
}
