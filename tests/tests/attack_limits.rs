//! Attacks on resources: the stack a deep value takes, the
//! elements a few bytes of zero-sized values claim, what transcoding and decompression may
//! allocate; and every limit settable on every path that decodes.

use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::Decoder;
use wiremsg::framing::{FramingError, WireCodec};
use wiremsg::{
    registry, Codec, CodecError, CodecKind, CompressedCodec, Compression, Header, HybridCodec,
    JsonCodec, Limits, RkyvCodec, Router, WireMessage, ZeroCopyBuffer, HEADER_LEN,
};
use wiremsg_tests::alloc::{measure, CountingAllocator};
use wiremsg_tests::fixtures::aligned;
use wiremsg_tests::{ChatMessage, Expr};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// tokio's default worker stack.
const TOKIO_STACK: usize = 2 << 20;

/// A recursive message whose every level carries 4 KiB inline, so each level of its decode
/// takes kilobytes of stack.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "attack.Heavy")]
struct Heavy {
    pad: [[u64; 32]; 16],
    #[wire(recursive)]
    next: Option<Box<Heavy>>,
}

/// `depth` levels of `Heavy` (built, encoded and dropped on a big stack: encoding trusts the
/// caller's values) as an rkyv frame and a JSON frame.
fn heavy_frames(depth: usize) -> (Vec<u8>, Vec<u8>) {
    on_stack(1 << 30, move || {
        let mut value = None;
        for level in 0..depth {
            let mut pad = [[0u64; 32]; 16];
            pad[0][0] = level as u64;
            value = Some(Box::new(Heavy { pad, next: value }));
        }
        let value = *value.unwrap();
        let frames = (
            value.to_wire().unwrap(),
            JsonCodec::new().encode_frame(&value).unwrap(),
        );
        drop(value);
        frames
    })
}

fn on_stack<R: Send + 'static>(size: usize, f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(size)
        .spawn(f)
        .unwrap()
        .join()
        .expect("the thread ran out of stack or panicked")
}

/// How many levels a decoded `Heavy` has, with each level's marker checked; walked in a loop.
fn levels(value: &Heavy) -> usize {
    let mut node = Some(value);
    let mut count = 0;
    while let Some(heavy) = node {
        count += 1;
        node = heavy.next.as_deref();
    }
    let mut node = Some(value);
    let mut expected = count;
    while let Some(heavy) = node {
        expected -= 1;
        assert_eq!(heavy.pad[0][0], expected as u64);
        node = heavy.next.as_deref();
    }
    count
}

/// Drops a deep value without recursing.
fn unlink(mut value: Heavy) {
    let mut next = value.next.take();
    while let Some(mut node) = next {
        next = node.next.take();
    }
}

/// C1: 80 and 120 levels (under both depth limits: each JSON level is an object, its deepest
/// `pad` two arrays more) decode on a 2 MiB thread through every path that builds an owned
/// value, rkyv and JSON alike; the stack grows on demand.
#[test]
fn deep_values_of_a_heavy_type_decode_on_a_tokio_sized_stack() {
    for depth in [80, 120] {
        let (rkyv, json) = heavy_frames(depth);
        let bare = json[HEADER_LEN..].to_vec();
        on_stack(TOKIO_STACK, move || {
            let mut router = Router::new().on::<Heavy>(Ok).unwrap();
            for (what, frame) in [("rkyv", &rkyv), ("json", &json), ("bare json", &bare)] {
                let decoded = Heavy::from_wire(frame).unwrap_or_else(|e| panic!("{what}: {e}"));
                assert_eq!(levels(&decoded), depth, "{what}");
                unlink(decoded);
                if what == "bare json" {
                    continue; // the router takes frames only
                }
                let routed = router.dispatch(frame).unwrap();
                assert_eq!(levels(&routed), depth, "{what} routed");
                unlink(routed);
            }
            let text = registry().to_json(&rkyv).unwrap();
            assert!(text.get("next").is_some());
            // serde_json's value recurses on drop; its levels are small.
            drop(text);
        });
    }
}

/// The same on a quarter of that stack: the guard does not depend on tokio's size.
#[test]
fn deep_values_decode_on_a_small_stack_too() {
    let (rkyv, _) = heavy_frames(127);
    let (_, json) = heavy_frames(120);
    on_stack(512 << 10, move || {
        for (frame, depth) in [(&rkyv, 127), (&json, 120)] {
            let decoded = Heavy::from_wire(frame).unwrap();
            assert_eq!(levels(&decoded), depth);
            unlink(decoded);
        }
    });
}

/// A cycle through a message held inline: `Shell` holds a `Core` by value, and the `Core`
/// points back to a `Shell`. `Shell` itself is not guarded (a message it holds inline guards
/// its own decode); `Core` is, for its pointer, with a red zone sized by what it points to.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "attack.Shell")]
struct Shell {
    pad: [[u64; 32]; 16],
    core: Core,
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "attack.Core")]
struct Core {
    level: u64,
    #[wire(recursive)]
    next: Option<Box<Shell>>,
}

/// A cycle the derive cannot read from the syntax: the pointer hides behind an alias, so the
/// field names a type that is not a message and `Aliased` guards its decode.
type Chain = Option<Box<Aliased>>;

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "attack.Aliased")]
struct Aliased {
    pad: [[u64; 32]; 16],
    #[wire(recursive)]
    next: Chain,
}

/// `depth` levels of a value, linked by `wrap`, as an rkyv and a JSON frame, built on a big stack.
fn nested_frames<T: WireMessage + Send + 'static>(
    depth: usize,
    wrap: fn(u64, Option<Box<T>>) -> T,
) -> (Vec<u8>, Vec<u8>) {
    on_stack(1 << 30, move || {
        let mut value = None;
        for level in 0..depth {
            value = Some(Box::new(wrap(level as u64, value)));
        }
        let value = *value.unwrap();
        let frames = (
            value.to_wire().unwrap(),
            JsonCodec::new().encode_frame(&value).unwrap(),
        );
        std::mem::forget(value); // a deep drop recurses; the process ends soon anyway
        frames
    })
}

/// Decodes each frame on a 512 KiB thread, then forgets the value (its drop recurses).
fn decodes_on_a_small_stack<T: WireMessage + 'static>(frames: (Vec<u8>, Vec<u8>)) {
    on_stack(512 << 10, move || {
        for frame in [&frames.0, &frames.1] {
            std::mem::forget(T::from_wire(frame).unwrap());
        }
    });
}

/// Cycles through a message held inline and through an alias are guarded too.
#[test]
fn cycles_through_inline_messages_and_aliases_are_guarded() {
    let shell = |level, next| Shell {
        pad: [[level; 32]; 16],
        core: Core { level, next },
    };
    // Two JSON objects a level: 50 levels stay under serde_json's depth limit.
    decodes_on_a_small_stack::<Shell>(nested_frames(50, shell));
    let aliased = |level, next| Aliased {
        pad: [[level; 32]; 16],
        next,
    };
    decodes_on_a_small_stack::<Aliased>(nested_frames(120, aliased));
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "attack.Units")]
struct Units(Vec<()>);

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "attack.Marker")]
struct Marker;

/// Zero-sized elements reached through containers and variants.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "attack.Nested")]
enum Nested {
    Empty,
    Markers {
        label: String,
        items: Option<Vec<Marker>>,
    },
    Rows(u8, Vec<Vec<()>>),
    Boxed(Box<[()]>),
}

/// A frame of `Units` whose vector's length word (the last four payload bytes: the archive's
/// root is the vector) says `claimed`; no header byte changes.
fn units_claiming(claimed: u32) -> Vec<u8> {
    let mut frame = Units(vec![(); 3]).to_wire().unwrap();
    let end = frame.len();
    assert_eq!(
        &frame[end - 4..],
        &3u32.to_le_bytes(),
        "the root is the vector"
    );
    frame[end - 4..].copy_from_slice(&claimed.to_le_bytes());
    frame
}

/// What C2's frames claim: 256 times the default limit. The attack suite's `ffffffff` meets the
/// same comparison, but a debug build's validation visits every zero-sized element (release
/// builds optimise that loop away), which for four billion takes a minute per call here.
const HUGE_CLAIM: u32 = 1 << 24;

/// C2: a 24-byte frame claiming millions of `()`s is refused at decode, by every path.
#[test]
fn a_vector_of_units_claiming_millions_is_refused_at_decode() {
    let frame = units_claiming(HUGE_CLAIM);
    assert_eq!(frame.len(), 24);
    let is_refused = |result: Result<Units, CodecError>| {
        matches!(
            result,
            Err(CodecError::TooManyZeroSized {
                type_name: "attack.Units",
                claimed,
                limit: wiremsg::DEFAULT_MAX_ZERO_SIZED_ELEMENTS,
            }) if claimed == HUGE_CLAIM as usize
        )
    };
    assert!(is_refused(Units::from_wire(&frame)));
    assert!(is_refused(RkyvCodec::new().decode(&frame)));
    assert!(is_refused(
        ZeroCopyBuffer::from_bytes(&padded(&frame)).unwrap().get(0)
    ));
    assert!(is_refused(
        Router::new().on::<Units>(Ok).unwrap().dispatch(&frame)
    ));
    let mut src = BytesMut::from(&frame[..]);
    match WireCodec::<Units>::new().decode(&mut src) {
        Err(FramingError::Codec(error)) => assert!(is_refused(Err(error))),
        other => panic!("{other:?}"),
    }
    // Transcoding decodes first: nothing is printed.
    let (result, stats) = measure(|| registry().to_json(&frame));
    assert!(matches!(result, Err(CodecError::TooManyZeroSized { .. })));
    assert!(stats.bytes_allocated < 64 << 10, "{stats:?}");
    // A view is read in place: its length is what the archive says, and costs nothing.
    let huge = aligned(&frame);
    let view = HybridCodec::new().view::<Units>(&huge).unwrap();
    assert_eq!(view.0.len(), HUGE_CLAIM as usize);
    // Keeping the view as an owned value is a decode, and refused like one.
    assert!(is_refused(wiremsg::from_archived::<Units>(view)));
    let small = aligned(&Units(vec![(); 3]).to_wire().unwrap());
    let small_view = HybridCodec::new().view::<Units>(&small).unwrap();
    assert_eq!(
        wiremsg::from_archived::<Units>(small_view).unwrap(),
        Units(vec![(); 3])
    );
}

#[test]
fn the_limit_on_zero_sized_elements_is_exact_and_settable() {
    let limit = wiremsg::DEFAULT_MAX_ZERO_SIZED_ELEMENTS;
    let at = units_claiming(limit as u32);
    assert_eq!(Units::from_wire(&at).unwrap().0.len(), limit);
    let over = units_claiming(limit as u32 + 1);
    assert!(Units::from_wire(&over).is_err());
    let wide = Limits::new().with_max_zero_sized_elements(limit + 1);
    assert_eq!(
        Units::from_wire_with(&over, &wide).unwrap().0.len(),
        limit + 1
    );
    // JSON is held to the same limit (each element costs input bytes there).
    let json = format!("[{}]", vec!["null"; limit + 1].join(","));
    assert!(matches!(
        Units::from_wire(json.as_bytes()),
        Err(CodecError::TooManyZeroSized { .. })
    ));
    assert!(Units::from_wire_with(json.as_bytes(), &wide).is_ok());
}

#[test]
fn zero_sized_elements_are_found_inside_containers_and_variants() {
    let strict = Limits::new().with_max_zero_sized_elements(2);
    let refused = [
        Nested::Markers {
            label: "m".into(),
            items: Some(vec![Marker; 3]),
        },
        Nested::Rows(1, vec![vec![(); 2], vec![(); 3]]),
        Nested::Boxed(vec![(); 3].into_boxed_slice()),
    ];
    let accepted = [
        Nested::Empty,
        Nested::Markers {
            label: "m".into(),
            items: None,
        },
        Nested::Markers {
            label: "m".into(),
            items: Some(vec![Marker; 2]),
        },
        Nested::Rows(1, vec![vec![(); 2]; 50]),
        Nested::Boxed(vec![(); 2].into_boxed_slice()),
    ];
    for value in refused {
        for frame in [
            value.to_wire().unwrap(),
            JsonCodec::new().encode_frame(&value).unwrap(),
        ] {
            let err = Nested::from_wire_with(&frame, &strict).unwrap_err();
            assert!(
                matches!(
                    err,
                    CodecError::TooManyZeroSized {
                        claimed: 3,
                        limit: 2,
                        ..
                    }
                ),
                "{value:?}: {err:?}"
            );
        }
    }
    for value in accepted {
        let frame = value.to_wire().unwrap();
        assert_eq!(Nested::from_wire_with(&frame, &strict).unwrap(), value);
    }
}

/// A message whose JSON is far larger than its archive.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "attack.Samples")]
struct Samples(Vec<u8>);

/// C3: a small zstd frame of 32 MiB of samples: transcoding stops at the text limit instead of
/// building gigabytes of JSON values, and a lower decompression limit refuses it outright.
#[cfg(feature = "zstd")]
#[test]
fn transcoding_a_small_frame_of_a_huge_value_is_bounded() {
    let frame = CompressedCodec::zstd(HybridCodec::new(), 3)
        .encode(&Samples(vec![200; 32 << 20]))
        .unwrap();
    assert!(frame.len() < 8 << 10, "{} bytes", frame.len());
    let (result, stats) = measure(|| registry().to_json(&frame));
    assert!(
        matches!(
            result,
            Err(CodecError::TranscodedTooLarge {
                type_name: "attack.Samples",
                limit: wiremsg::DEFAULT_MAX_TRANSCODED,
            })
        ),
        "{result:?}"
    );
    // The payload and the vector (32 MiB each) and at most the text limit, not 2 GiB.
    assert!(stats.bytes_allocated < 128 << 20, "{stats:?}");
    let strict = Limits::new().with_max_decompressed(1 << 20);
    let (result, stats) = measure(|| registry().to_json_with(&frame, &strict));
    assert!(matches!(
        result,
        Err(CodecError::DecompressedTooLarge { .. })
    ));
    assert!(stats.bytes_allocated < 64 << 10, "{stats:?}");
}

/// A compressed `ChatMessage` frame: `compressed` bytes after a length prefix declaring
/// `declared`.
fn compressed_frame(algorithm: Compression, declared: u32, compressed: &[u8]) -> Vec<u8> {
    let payload_len = (4 + compressed.len()) as u32;
    let header = Header::new(
        CodecKind::Rkyv,
        ChatMessage::TYPE_ID,
        ChatMessage::SCHEMA_VERSION,
        ChatMessage::LAYOUT_FINGERPRINT,
        payload_len,
    )
    .with_compression(Some(algorithm));
    let mut frame = header.to_bytes().to_vec();
    frame.extend_from_slice(&declared.to_le_bytes());
    frame.extend_from_slice(compressed);
    frame
}

/// Every reader of a `ChatMessage` frame, each answering the input's error.
fn every_reader(frame: &[u8]) -> Vec<(&'static str, Option<CodecError>)> {
    let err = |result: Result<ChatMessage, CodecError>| result.err();
    let mut src = BytesMut::from(frame);
    let framed = match WireCodec::<ChatMessage>::new().decode(&mut src) {
        Err(FramingError::Codec(error)) => Some(error),
        _ => None,
    };
    vec![
        ("from_wire", err(ChatMessage::from_wire(frame))),
        ("RkyvCodec", err(RkyvCodec::new().decode(frame))),
        ("JsonCodec", err(JsonCodec::new().decode(frame))),
        (
            "CompressedCodec",
            err(CompressedCodec::new(HybridCodec::new()).decode(frame)),
        ),
        (
            "ZeroCopyBuffer::get",
            ZeroCopyBuffer::from_bytes(&padded(frame))
                .and_then(|buffer| buffer.get::<ChatMessage>(0))
                .err(),
        ),
        (
            "Router::on",
            err(Router::new().on::<ChatMessage>(Ok).unwrap().dispatch(frame)),
        ),
        ("WireCodec", framed),
        ("registry to_json", registry().to_json(frame).err()),
    ]
}

/// Amplification: a 20-byte zstd frame claiming 64 MiB makes no reader allocate it, in builds
/// with zstd and without.
#[test]
fn a_tiny_compressed_frame_claiming_megabytes_allocates_nothing_first() {
    for algorithm in [Compression::Zstd, Compression::Lz4] {
        let frame = compressed_frame(algorithm, 64 << 20, &[0x28, 0xB5, 0x2F, 0xFD]);
        assert_eq!(frame.len(), 24);
        let (outcomes, stats) = measure(|| every_reader(&frame));
        for (reader, error) in outcomes {
            let error = error.unwrap_or_else(|| panic!("{reader} read it"));
            let expected = match &error {
                CodecError::Decompress { detail, .. } => detail.contains("before allocating"),
                CodecError::CompressionUnavailable { .. } => !cfg!(feature = "zstd"),
                _ => false,
            };
            assert!(expected, "{algorithm} through {reader}: {error}");
        }
        assert!(stats.bytes_allocated < 64 << 10, "{algorithm}: {stats:?}");
    }
}

fn padded(frame: &[u8]) -> Vec<u8> {
    let mut padded = frame.to_vec();
    padded.resize(frame.len().next_multiple_of(16), 0);
    padded
}

/// `depth` nested `Expr::Add`s, encoded on a big stack.
fn deep_expr(depth: usize) -> Vec<u8> {
    on_stack(64 << 20, move || {
        let mut expr = Expr::Num(0);
        for _ in 0..depth {
            expr = Expr::Add(Box::new(expr), Box::new(Expr::Num(1)));
        }
        expr.to_wire().unwrap()
    })
}

/// Every limit can be lowered on every path that decodes: each accepts a frame by default and
/// refuses it with the lowered limit.
#[test]
fn every_limit_is_settable_on_every_decoding_path() {
    let compressed = CompressedCodec::new(HybridCodec::new())
        .encode(&ChatMessage {
            content: "all work and no play. ".repeat(100),
            ..ChatMessage::sample()
        })
        .unwrap();
    assert!(Header::parse(&compressed).unwrap().compression().is_some());
    let deep = deep_expr(40);
    let units = Units(vec![(); 10]).to_wire().unwrap();

    let cases: [LimitCase; 3] = [
        (
            "decompressed",
            Limits::new().with_max_decompressed(256),
            &compressed,
            |e| matches!(e, CodecError::DecompressedTooLarge { limit: 256, .. }),
        ),
        ("depth", Limits::new().with_max_depth(20), &deep, |e| {
            matches!(e, CodecError::Validation { .. })
        }),
        (
            "zero-sized",
            Limits::new().with_max_zero_sized_elements(5),
            &units,
            |e| matches!(e, CodecError::TooManyZeroSized { limit: 5, .. }),
        ),
    ];
    for (what, limits, frame, refused) in cases {
        let paths = decode_paths(frame, &limits);
        assert!(paths.len() >= 10);
        for (path, default, lowered) in paths {
            // A view reads in place: of the limits it applies the depth alone.
            if path == "views" && what != "depth" {
                continue;
            }
            let default = default.map_err(|e| format!("{path}, {what}, default limits: {e}"));
            if let Err(message) = default {
                // A path that cannot read this frame kind at all (a JSON-only reader of an
                // rkyv frame, a view of a compressed frame) has nothing to limit.
                assert!(message.contains("cannot read"), "{message}");
                continue;
            }
            let error = lowered.expect_err(&format!("{path}: {what} limit not applied"));
            assert!(refused(&error), "{path}, {what}: {error:?}");
        }
    }
}

/// What a limit is named, the limits lowering it, a frame it refuses, and how it refuses it.
type LimitCase<'a> = (&'static str, Limits, &'a [u8], fn(&CodecError) -> bool);

type PathOutcome = (&'static str, Result<(), CodecError>, Result<(), CodecError>);

/// `frame` through every decoding path, with the default limits and with `limits`.
fn decode_paths(frame: &[u8], limits: &Limits) -> Vec<PathOutcome> {
    let header = Header::parse(frame).unwrap();
    let id = header.type_id();
    let run =
        |read: &dyn Fn(&Limits) -> Result<(), CodecError>| (read(&Limits::DEFAULT), read(limits));
    let mut out = Vec::new();
    let mut add = |path, (default, lowered)| out.push((path, default, lowered));
    macro_rules! typed {
        ($ty:ty) => {
            if id == <$ty>::TYPE_ID {
                add(
                    "from_wire_with",
                    run(&|l| <$ty>::from_wire_with(frame, l).map(drop)),
                );
                add(
                    "HybridCodec",
                    run(&|l| {
                        Codec::<$ty>::decode(&HybridCodec::new().with_limits(*l), frame).map(drop)
                    }),
                );
                add(
                    "RkyvCodec",
                    run(&|l| {
                        Codec::<$ty>::decode(&RkyvCodec::new().with_limits(*l), frame).map(drop)
                    }),
                );
                add(
                    "CompressedCodec",
                    run(&|l| {
                        let codec = CompressedCodec::new(HybridCodec::new().with_limits(*l))
                            .with_limits(*l);
                        Codec::<$ty>::decode(&codec, frame).map(drop)
                    }),
                );
                add(
                    "views",
                    run(&|l| {
                        let aligned = aligned(frame);
                        HybridCodec::new().with_limits(*l).view::<$ty>(&aligned)?;
                        RkyvCodec::new()
                            .with_limits(*l)
                            .view::<$ty>(&aligned)
                            .map(drop)
                    }),
                );
                add(
                    "ZeroCopyBuffer",
                    run(&|l| {
                        let buffer = ZeroCopyBuffer::from_bytes(&padded(frame))?;
                        buffer.get_with::<$ty>(0, l)?;
                        buffer.view_with::<$ty>(0, l).map(drop)
                    }),
                );
                add(
                    "ZeroCopyBuffer::get_with",
                    run(&|l| {
                        ZeroCopyBuffer::from_bytes(&padded(frame))?
                            .get_with::<$ty>(0, l)
                            .map(drop)
                    }),
                );
                add(
                    "Router::on",
                    run(&|l| {
                        let mut router = Router::new().with_limits(*l).on::<$ty>(|_| Ok(()))?;
                        router.dispatch(frame)
                    }),
                );
                add(
                    "WireCodec",
                    run(&|l| {
                        let mut src = BytesMut::from(frame);
                        match WireCodec::<$ty>::new().with_limits(*l).decode(&mut src) {
                            Ok(Some(_)) => Ok(()),
                            Ok(None) => panic!("a whole frame"),
                            Err(FramingError::Codec(error)) => Err(error),
                            Err(other) => panic!("{other}"),
                        }
                    }),
                );
            }
        };
    }
    typed!(ChatMessage);
    typed!(Expr);
    typed!(Units);
    add(
        "Registry::to_json_with",
        run(&|l| registry().to_json_with(frame, l).map(drop)),
    );
    add(
        "RegistryEntry::to_json_with",
        run(&|l| registry().get(id).unwrap().to_json_with(frame, l).map(drop)),
    );
    out
}
