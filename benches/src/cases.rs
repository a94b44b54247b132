//! The benchmark matrix: for each message, every operation with every implementation, as closures
//! that run a given number of iterations. The criterion bench and the report binary both measure
//! exactly these cases.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;
use std::hint::black_box;
use std::ops::Range;
use wiremsg::rkyv::api::high::to_bytes_in_with_alloc;
use wiremsg::rkyv::ser::allocator::Arena;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    rkyv, BufferPool, Codec, CodecError, CompressedCodec, HybridCodec, JsonCodec, RkyvCodec,
    RkyvError, RkyvMessage, WireEncoder, WireMessage, ZeroCopyBuffer,
};

/// What a case does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// Value to bytes.
    Encode,
    /// Bytes to an owned value, validated.
    Decode,
    /// Bytes to a validated borrowed view, no copy.
    View,
    /// Encode, then decode.
    RoundTrip,
}

impl Operation {
    /// Every operation, in report order.
    pub const ALL: [Operation; 4] = [
        Operation::Encode,
        Operation::Decode,
        Operation::View,
        Operation::RoundTrip,
    ];

    /// The serde_json operation a case of this operation is compared with: a view replaces a
    /// JSON decode, so it is compared with one.
    pub fn json_baseline(self) -> (Operation, &'static str) {
        match self {
            Operation::Encode => (Operation::Encode, impls::SERDE_JSON),
            Operation::Decode | Operation::View => (Operation::Decode, impls::SERDE_JSON),
            Operation::RoundTrip => (Operation::RoundTrip, impls::SERDE_JSON),
        }
    }

    /// The raw rkyv case (best practice) a case of this operation is compared with.
    pub fn rkyv_baseline(self) -> (Operation, &'static str) {
        match self {
            Operation::Encode => (Operation::Encode, impls::RKYV_REUSED),
            Operation::Decode => (Operation::Decode, impls::RKYV_FROM_BYTES),
            Operation::View => (Operation::View, impls::RKYV_ACCESS),
            Operation::RoundTrip => (Operation::RoundTrip, impls::RKYV_REUSED),
        }
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operation::Encode => "encode",
            Operation::Decode => "decode (owned)",
            Operation::View => "view (zero-copy)",
            Operation::RoundTrip => "round trip",
        })
    }
}

/// The names of the implementations, as the report prints them.
pub mod impls {
    /// `serde_json::to_vec` / `serde_json::from_slice`.
    pub const SERDE_JSON: &str = "serde_json";
    /// rkyv serializing into a reused `AlignedVec` and arena (its best practice), no header.
    pub const RKYV_REUSED: &str = "rkyv, reused buffer (raw)";
    /// `rkyv::to_bytes` into a fresh buffer, no header.
    pub const RKYV_TO_BYTES: &str = "rkyv::to_bytes (raw)";
    /// `rkyv::from_bytes`, validated.
    pub const RKYV_FROM_BYTES: &str = "rkyv::from_bytes (raw)";
    /// `rkyv::access`, validated.
    pub const RKYV_ACCESS: &str = "rkyv::access (raw)";
    /// bincode 2 through serde, into a reused slice.
    pub const BINCODE: &str = "bincode 2";
    /// postcard, into a reused slice.
    pub const POSTCARD: &str = "postcard";
    /// `JsonCodec`: bare JSON.
    pub const JSON_CODEC: &str = "wiremsg JsonCodec";
    /// `RkyvCodec`: an rkyv frame in a new `Vec`.
    pub const RKYV_CODEC: &str = "wiremsg RkyvCodec";
    /// `HybridCodec`, which `to_wire` / `from_wire` use.
    pub const HYBRID: &str = "wiremsg HybridCodec (to_wire)";
    /// A copy of the rkyv frame's bytes into a reused buffer: the floor for any encode.
    pub const MEMCPY: &str = "memcpy of the frame";
    /// `encode_into` one reused buffer, cleared after each message, with this thread's arena.
    pub const REUSED: &str = "wiremsg encode_into (reused buffer)";
    /// A `WireEncoder` (an arena of its own) into one reused buffer: raw rkyv's best practice.
    pub const ENCODER: &str = "wiremsg WireEncoder (reused buffer)";
    /// `RkyvCodec::encode_into` one reused buffer: counted by the metrics.
    pub const RKYV_CODEC_INTO: &str = "wiremsg RkyvCodec::encode_into (reused)";
    /// What `RkyvCodec::encode_into` calls, without the metrics: their cost is the difference.
    pub const UNCOUNTED: &str = "same, metrics not counted (internal)";
    /// `encode_into` a buffer from a `BufferPool`, returned after each message.
    pub const POOLED: &str = "wiremsg encode_into (pooled buffer)";
    /// `encode_into` a pooled buffer, then a zero-copy view of the frame.
    pub const POOLED_VIEW: &str = "wiremsg encode_into + view (pooled)";
    /// `CompressedCodec<HybridCodec>` with its defaults (LZ4 above 512 bytes).
    pub const COMPRESSED: &str = "wiremsg CompressedCodec (LZ4)";
    /// `ZeroCopyBuffer`: append to / read by index from one buffer of frames.
    pub const ZERO_COPY_BUFFER: &str = "wiremsg ZeroCopyBuffer";
    /// `from_wire` of a version 1 frame by version 2 of the message, which migrates from it.
    pub const MIGRATED: &str = "wiremsg from_wire, v1 frame into v2 (migrated)";

    /// Every implementation above: a case's name is `message/operation/implementation` with one
    /// of these, which lets [`matching`](super::matching) skip building a message's cases when
    /// no name of it can match a filter.
    pub const ALL: &[&str] = &[
        SERDE_JSON,
        RKYV_REUSED,
        RKYV_TO_BYTES,
        RKYV_FROM_BYTES,
        RKYV_ACCESS,
        BINCODE,
        POSTCARD,
        JSON_CODEC,
        RKYV_CODEC,
        HYBRID,
        MEMCPY,
        REUSED,
        ENCODER,
        RKYV_CODEC_INTO,
        UNCOUNTED,
        POOLED,
        POOLED_VIEW,
        COMPRESSED,
        MIGRATED,
        ZERO_COPY_BUFFER,
    ];
}

/// One measured operation.
pub struct Case {
    /// The message's name.
    pub message: &'static str,
    /// What the case does.
    pub operation: Operation,
    /// Which implementation does it.
    pub implementation: &'static str,
    /// How many bytes the implementation's encoding of the message takes.
    pub encoded_bytes: Option<usize>,
    /// The two iteration counts `benches/instructions.sh` runs this case at under callgrind:
    /// their difference divides the difference of the instruction counts. Fewer for the
    /// multi-megabyte datasets, whose one operation can take over a billion instructions.
    pub callgrind_iterations: (u64, u64),
    run: Box<dyn FnMut(u64)>,
}

impl Case {
    fn new<R>(
        sample: &Names,
        operation: Operation,
        implementation: &'static str,
        encoded_bytes: Option<usize>,
        mut op: impl FnMut() -> R + 'static,
    ) -> Case {
        debug_assert!(
            impls::ALL.contains(&implementation),
            "{implementation} is missing from impls::ALL"
        );
        Case {
            message: sample.message,
            operation,
            implementation,
            encoded_bytes,
            callgrind_iterations: sample.callgrind_iterations,
            run: Box::new(move |iterations| {
                for _ in 0..iterations {
                    black_box(op());
                }
            }),
        }
    }

    /// Whether `filter` is absent or part of `message/operation/implementation`.
    pub fn matches(&self, filter: Option<&str>) -> bool {
        filter.is_none_or(|filter| self.name().contains(filter))
    }

    /// `message/operation/implementation`.
    pub fn name(&self) -> String {
        format!(
            "{}/{}/{}",
            self.message, self.operation, self.implementation
        )
    }

    /// Runs the operation `iterations` times.
    pub fn run(&mut self, iterations: u64) {
        (self.run)(iterations)
    }
}

struct Names {
    message: &'static str,
    callgrind_iterations: (u64, u64),
}

/// Bytes every implementation produced for one message, made once.
struct Encoded {
    json: Vec<u8>,
    rkyv_raw: AlignedVec,
    bincode: Vec<u8>,
    postcard: Vec<u8>,
    frame: AlignedVec,
}

fn bincode_config() -> bincode::config::Configuration {
    bincode::config::standard()
}

impl Encoded {
    fn of<M: WireMessage + RkyvMessage, R: RkyvMessage, J: Serialize, P: Serialize>(
        message: &M,
        raw: &R,
        json: &J,
        peer: &P,
    ) -> Encoded {
        let mut frame = AlignedVec::new();
        frame.extend_from_slice(&message.to_wire().unwrap());
        Encoded {
            json: serde_json::to_vec(json).unwrap(),
            rkyv_raw: rkyv::to_bytes::<RkyvError>(raw).unwrap(),
            bincode: bincode::serde::encode_to_vec(peer, bincode_config()).unwrap(),
            postcard: postcard::to_allocvec(peer).unwrap(),
            frame,
        }
    }
}

/// Every case for one message. `raw` is the value the raw rkyv rows measure: the message
/// itself, or a twin with rkyv's own derive that must archive to the same bytes; `json` is the
/// same message with serde's own derive, for the serde_json rows; `peer` is the message as
/// bincode and postcard carry it, also serde-derived. Under callgrind
/// (`benches/instructions.sh`) each case runs at `callgrind_iterations`.
pub fn cases<M, R, J, P>(
    message_name: &'static str,
    callgrind_iterations: (u64, u64),
    message: M,
    raw: R,
    json: J,
    peer: P,
) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + Clone + 'static,
    R: RkyvMessage + Clone + 'static,
    J: Serialize + DeserializeOwned + Clone + 'static,
    P: Serialize + DeserializeOwned + Clone + 'static,
{
    let names = Names {
        message: message_name,
        callgrind_iterations,
    };
    let encoded = Encoded::of(&message, &raw, &json, &peer);
    assert_eq!(
        encoded.json,
        JsonCodec::new().encode(&message).unwrap(),
        "{message_name}: the serde-derived twin writes other JSON"
    );
    assert!(
        encoded.rkyv_raw[..] == rkyv::to_bytes::<RkyvError>(&message).unwrap()[..],
        "{message_name}: the raw rkyv value archives to other bytes than the message"
    );
    let mut cases = encode_cases(&names, &message, &raw, &json, &peer, &encoded);
    cases.extend(decode_cases::<M, R, J, P>(&names, &encoded));
    cases.extend(view_cases::<M, R>(&names, &encoded));
    cases.extend(round_trip_cases(
        &names, &message, &raw, &json, &peer, &encoded,
    ));
    cases
}

fn encode_cases<M, R, J, P>(
    names: &Names,
    message: &M,
    raw_value: &R,
    json: &J,
    peer: &P,
    encoded: &Encoded,
) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + Clone + 'static,
    R: RkyvMessage + Clone + 'static,
    J: Serialize + Clone + 'static,
    P: Serialize + Clone + 'static,
{
    use Operation::Encode;
    let frame_len = Some(encoded.frame.len());
    let json_len = Some(encoded.json.len());
    let raw_len = Some(encoded.rkyv_raw.len());
    let value = || message.clone();
    let mut raw = RawRkyv::default();
    let r = raw_value.clone();
    let (p, mut slice) = (peer.clone(), slice_for(&encoded.bincode));
    let bincode = move || bincode_into(black_box(&p), &mut slice);
    let (p, mut slice) = (peer.clone(), slice_for(&encoded.postcard));
    let postcard = move || postcard_into(black_box(&p), &mut slice);
    let compressed = CompressedCodec::new(HybridCodec::new());
    let compressed_len = Some(compressed.encode(message).unwrap().len());
    vec![
        on_value(
            names,
            Encode,
            impls::SERDE_JSON,
            json_len,
            json.clone(),
            |j| serde_json::to_vec(j).unwrap(),
        ),
        Case::new(names, Encode, impls::RKYV_REUSED, raw_len, move || {
            raw.encode(black_box(&r)).len()
        }),
        on_value(
            names,
            Encode,
            impls::RKYV_TO_BYTES,
            raw_len,
            raw_value.clone(),
            |r| rkyv::to_bytes::<RkyvError>(r).unwrap(),
        ),
        Case::new(
            names,
            Encode,
            impls::BINCODE,
            Some(encoded.bincode.len()),
            bincode,
        ),
        Case::new(
            names,
            Encode,
            impls::POSTCARD,
            Some(encoded.postcard.len()),
            postcard,
        ),
        on_value(names, Encode, impls::JSON_CODEC, json_len, value(), |m| {
            JsonCodec::new().encode(m).unwrap()
        }),
        on_value(names, Encode, impls::RKYV_CODEC, frame_len, value(), |m| {
            RkyvCodec::new().encode(m).unwrap()
        }),
        on_value(names, Encode, impls::HYBRID, frame_len, value(), |m| {
            m.to_wire().unwrap()
        }),
        into_reused(names, impls::REUSED, frame_len, value(), |m, buf| {
            m.encode_into(buf)
        }),
        encoder_reused(names, frame_len, value()),
        into_reused(
            names,
            impls::RKYV_CODEC_INTO,
            frame_len,
            value(),
            |m, buf| RkyvCodec::new().encode_into(m, buf),
        ),
        into_reused(names, impls::UNCOUNTED, frame_len, value(), |m, buf| {
            wiremsg::__unmetered::encode_rkyv_frame_into(m, buf)
        }),
        pooled_encode(names, frame_len, value()),
        on_value(
            names,
            Encode,
            impls::COMPRESSED,
            compressed_len,
            value(),
            move |m| compressed.encode(m).unwrap(),
        ),
        batch_append(names, frame_len, value()),
        memcpy(names, &encoded.frame),
    ]
}

/// A case that runs `op` on `value`, which it keeps.
fn on_value<V: 'static, R>(
    names: &Names,
    operation: Operation,
    implementation: &'static str,
    encoded_bytes: Option<usize>,
    value: V,
    op: impl Fn(&V) -> R + 'static,
) -> Case {
    Case::new(names, operation, implementation, encoded_bytes, move || {
        op(black_box(&value))
    })
}

/// A case that encodes `message` with `encode` into one buffer it keeps, cleared every time.
fn into_reused<M: 'static>(
    names: &Names,
    implementation: &'static str,
    encoded_bytes: Option<usize>,
    message: M,
    encode: impl Fn(&M, &mut AlignedVec) -> Result<Range<usize>, CodecError> + 'static,
) -> Case {
    let mut reused = AlignedVec::new();
    Case::new(
        names,
        Operation::Encode,
        implementation,
        encoded_bytes,
        move || {
            reused.clear();
            encode(black_box(&message), &mut reused).unwrap().len()
        },
    )
}

fn encoder_reused<M: WireMessage + 'static>(names: &Names, len: Option<usize>, m: M) -> Case {
    let (mut encoder, mut reused) = (WireEncoder::new(), AlignedVec::new());
    Case::new(names, Operation::Encode, impls::ENCODER, len, move || {
        reused.clear();
        encoder
            .encode_into(black_box(&m), &mut reused)
            .unwrap()
            .len()
    })
}

fn pooled_encode<M: WireMessage + 'static>(names: &Names, len: Option<usize>, m: M) -> Case {
    let pool = BufferPool::new();
    Case::new(names, Operation::Encode, impls::POOLED, len, move || {
        let mut buffer = pool.get();
        black_box(&m).encode_into(&mut buffer).unwrap().len()
    })
}

fn batch_append<M: WireMessage + 'static>(names: &Names, len: Option<usize>, m: M) -> Case {
    let mut batch = ZeroCopyBuffer::new();
    Case::new(
        names,
        Operation::Encode,
        impls::ZERO_COPY_BUFFER,
        len,
        move || {
            // One reused buffer, emptied every 64 frames as a sender would after sending it (or
            // once it holds 64 MiB: the datasets' frames take megabytes).
            if batch.len() == 64 || batch.as_bytes().len() >= 64 << 20 {
                batch.clear();
            }
            batch.append(black_box(&m)).unwrap()
        },
    )
}

fn memcpy(names: &Names, frame: &AlignedVec) -> Case {
    let frame = frame.clone();
    let mut copy = AlignedVec::<16>::with_capacity(frame.len());
    Case::new(
        names,
        Operation::Encode,
        impls::MEMCPY,
        Some(frame.len()),
        move || {
            copy.clear();
            copy.extend_from_slice(black_box(&frame));
            copy.len()
        },
    )
}

/// Raw rkyv at its best: serializing into one reused buffer with one reused arena.
#[derive(Default)]
struct RawRkyv {
    buffer: AlignedVec,
    arena: Arena,
}

impl RawRkyv {
    fn encode<M: RkyvMessage>(&mut self, message: &M) -> &AlignedVec {
        let mut reused = std::mem::take(&mut self.buffer);
        reused.clear();
        self.buffer =
            to_bytes_in_with_alloc::<_, _, RkyvError>(message, reused, self.arena.acquire())
                .unwrap();
        &self.buffer
    }
}

/// A reused output slice with room for what a peer format encodes the message to.
fn slice_for(encoded: &[u8]) -> Vec<u8> {
    vec![0u8; encoded.len() * 2 + 64]
}

fn bincode_into<P: Serialize>(value: &P, slice: &mut [u8]) -> usize {
    bincode::serde::encode_into_slice(value, slice, bincode_config()).unwrap()
}

fn postcard_into<P: Serialize>(value: &P, slice: &mut [u8]) -> usize {
    postcard::to_slice(value, slice).unwrap().len()
}

fn decode_cases<M, R, J, P>(names: &Names, encoded: &Encoded) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + 'static,
    R: RkyvMessage + 'static,
    J: DeserializeOwned + 'static,
    P: DeserializeOwned + 'static,
{
    use Operation::Decode;
    let compressed = CompressedCodec::new(HybridCodec::new())
        .encode(&M::from_wire(&encoded.frame).unwrap())
        .unwrap();
    let batch = one_frame_batch(&encoded.frame);
    vec![
        on_bytes(
            names,
            Decode,
            impls::SERDE_JSON,
            encoded.json.clone(),
            |json| serde_json::from_slice::<J>(json).unwrap(),
        ),
        on_bytes(
            names,
            Decode,
            impls::RKYV_FROM_BYTES,
            encoded.rkyv_raw.clone(),
            |raw| rkyv::from_bytes::<R, RkyvError>(raw).unwrap(),
        ),
        on_bytes(
            names,
            Decode,
            impls::BINCODE,
            encoded.bincode.clone(),
            |bytes| bincode::serde::decode_from_slice::<P, _>(bytes, bincode_config()).unwrap(),
        ),
        on_bytes(
            names,
            Decode,
            impls::POSTCARD,
            encoded.postcard.clone(),
            |bytes| postcard::from_bytes::<P>(bytes).unwrap(),
        ),
        on_bytes(
            names,
            Decode,
            impls::JSON_CODEC,
            encoded.json.clone(),
            |json| Codec::<M>::decode(&JsonCodec::new(), json).unwrap(),
        ),
        on_bytes(
            names,
            Decode,
            impls::RKYV_CODEC,
            encoded.frame.clone(),
            |frame| Codec::<M>::decode(&RkyvCodec::new(), frame).unwrap(),
        ),
        on_bytes(
            names,
            Decode,
            impls::HYBRID,
            encoded.frame.clone(),
            |frame| M::from_wire(frame).unwrap(),
        ),
        on_bytes(names, Decode, impls::COMPRESSED, compressed, |frame| {
            Codec::<M>::decode(&CompressedCodec::new(HybridCodec::new()), frame).unwrap()
        }),
        Case::new(names, Decode, impls::ZERO_COPY_BUFFER, None, move || {
            black_box(&batch).get::<M>(0).unwrap()
        }),
    ]
}

/// A case that runs `op` on the bytes of `input`, which it keeps (a frame kept in an
/// `AlignedVec` stays aligned).
fn on_bytes<B: AsRef<[u8]> + 'static, R>(
    names: &Names,
    operation: Operation,
    implementation: &'static str,
    input: B,
    op: impl Fn(&[u8]) -> R + 'static,
) -> Case {
    on_value(
        names,
        operation,
        implementation,
        None,
        input,
        move |input| op(input.as_ref()),
    )
}

fn view_cases<M, R>(names: &Names, encoded: &Encoded) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + 'static,
    R: RkyvMessage + 'static,
{
    use Operation::View;
    let batch = one_frame_batch(&encoded.frame);
    vec![
        on_bytes(
            names,
            View,
            impls::RKYV_ACCESS,
            encoded.rkyv_raw.clone(),
            |raw| rkyv::access::<R::Archived, RkyvError>(raw).is_ok(),
        ),
        on_bytes(
            names,
            View,
            impls::RKYV_CODEC,
            encoded.frame.clone(),
            |frame| RkyvCodec::new().view::<M>(frame).is_ok(),
        ),
        on_bytes(names, View, impls::HYBRID, encoded.frame.clone(), |frame| {
            HybridCodec::new().view::<M>(frame).is_ok()
        }),
        Case::new(names, View, impls::ZERO_COPY_BUFFER, None, move || {
            black_box(&batch).view::<M>(0).is_ok()
        }),
    ]
}

fn round_trip_cases<M, R, J, P>(
    names: &Names,
    message: &M,
    raw_value: &R,
    json: &J,
    peer: &P,
    encoded: &Encoded,
) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + Clone + 'static,
    R: RkyvMessage + Clone + 'static,
    J: Serialize + DeserializeOwned + Clone + 'static,
    P: Serialize + DeserializeOwned + Clone + 'static,
{
    use Operation::RoundTrip;
    let (r, mut raw) = (raw_value.clone(), RawRkyv::default());
    let (p, mut slice) = (peer.clone(), slice_for(&encoded.bincode));
    let bincode = move || {
        let len = bincode_into(black_box(&p), &mut slice);
        bincode::serde::decode_from_slice::<P, _>(&slice[..len], bincode_config()).unwrap()
    };
    let (p, mut slice) = (peer.clone(), slice_for(&encoded.postcard));
    let postcard = move || {
        let len = postcard_into(black_box(&p), &mut slice);
        postcard::from_bytes::<P>(&slice[..len]).unwrap()
    };
    let (pooled, pool) = (message.clone(), BufferPool::new());
    vec![
        on_value(
            names,
            RoundTrip,
            impls::SERDE_JSON,
            None,
            json.clone(),
            |j| serde_json::from_slice::<J>(&serde_json::to_vec(j).unwrap()).unwrap(),
        ),
        Case::new(names, RoundTrip, impls::RKYV_REUSED, None, move || {
            rkyv::from_bytes::<R, RkyvError>(raw.encode(black_box(&r))).unwrap()
        }),
        Case::new(names, RoundTrip, impls::BINCODE, None, bincode),
        Case::new(names, RoundTrip, impls::POSTCARD, None, postcard),
        on_value(
            names,
            RoundTrip,
            impls::HYBRID,
            None,
            message.clone(),
            |m| M::from_wire(&m.to_wire().unwrap()).unwrap(),
        ),
        Case::new(names, RoundTrip, impls::POOLED_VIEW, None, move || {
            let mut buffer = pool.get();
            let frame = black_box(&pooled).encode_into(&mut buffer).unwrap();
            HybridCodec::new().view::<M>(&buffer[frame]).is_ok()
        }),
    ]
}

/// A `ZeroCopyBuffer` holding the one frame, as received.
fn one_frame_batch(frame: &[u8]) -> ZeroCopyBuffer {
    let mut bytes = frame.to_vec();
    bytes.resize(frame.len().next_multiple_of(16), 0);
    ZeroCopyBuffer::from_bytes(&bytes).unwrap()
}

/// The iteration counts of a small message under callgrind.
const SMALL_CALLGRIND: (u64, u64) = (1_000, 11_000);

/// A message of the matrix and how to build its cases.
struct Group {
    message: &'static str,
    build: fn() -> Vec<Case>,
}

/// The matrix, message by message: the sample messages, small and large, a batch and an RPC
/// request, then the realistic datasets.
const GROUPS: &[Group] = &[
    Group {
        message: "ChatMessage",
        build: chat_cases,
    },
    Group {
        message: "ChatMessage 4 KiB",
        build: chat_4k_cases,
    },
    Group {
        message: "ChatBatch (1,000)",
        build: batch_cases,
    },
    Group {
        message: "RpcRequest",
        build: rpc_cases,
    },
    Group {
        message: "log",
        build: log_cases,
    },
    Group {
        message: "mesh",
        build: mesh_cases,
    },
    Group {
        message: "minecraft_savedata",
        build: minecraft_cases,
    },
    Group {
        message: "mk48",
        build: mk48_cases,
    },
];

/// The whole matrix.
pub fn all() -> Vec<Case> {
    matching(None)
}

/// The cases whose `message/operation/implementation` contains `filter` (all of them without
/// one). Only the messages that have such a name are built: a dataset's set-up (generating it,
/// encoding it in every format) is not paid for the cases of another.
pub fn matching(filter: Option<&str>) -> Vec<Case> {
    let mut cases = Vec::new();
    for group in GROUPS
        .iter()
        .filter(|group| may_match(group.message, filter))
    {
        let built = (group.build)();
        debug_assert!(built.iter().all(|case| case.message == group.message));
        cases.extend(built.into_iter().filter(|case| case.matches(filter)));
    }
    cases
}

/// Whether some case of `message` may have a name containing `filter`.
fn may_match(message: &str, filter: Option<&str>) -> bool {
    let Some(filter) = filter else { return true };
    Operation::ALL.iter().any(|operation| {
        impls::ALL.iter().any(|implementation| {
            format!("{message}/{operation}/{implementation}").contains(filter)
        })
    })
}

fn chat_cases() -> Vec<Case> {
    use crate::messages::{chat, SerdeChatMessage};
    let chat = chat();
    let twin = SerdeChatMessage::from(&chat);
    let frame = chat.to_wire().unwrap();
    let mut all = cases(
        "ChatMessage",
        SMALL_CALLGRIND,
        chat.clone(),
        chat,
        twin.clone(),
        twin,
    );
    all.push(migration_case(frame));
    all
}

/// A version 1 `ChatMessage` frame decoded by version 2, which migrates from it: the cost of a
/// rolling upgrade's conversions, beside the same frame's decode by its own version.
fn migration_case(v1_frame: Vec<u8>) -> Case {
    use crate::messages::ChatMessageV2;
    let names = Names {
        message: "ChatMessage",
        callgrind_iterations: SMALL_CALLGRIND,
    };
    on_bytes(
        &names,
        Operation::Decode,
        impls::MIGRATED,
        v1_frame,
        |frame| ChatMessageV2::from_wire(frame).unwrap(),
    )
}

fn chat_4k_cases() -> Vec<Case> {
    use crate::messages::{chat_4k, SerdeChatMessage};
    let large = chat_4k();
    let twin = SerdeChatMessage::from(&large);
    let name = "ChatMessage 4 KiB";
    cases(
        name,
        SMALL_CALLGRIND,
        large.clone(),
        large,
        twin.clone(),
        twin,
    )
}

fn batch_cases() -> Vec<Case> {
    use crate::messages::{batch, SerdeChatBatch};
    let batch = batch();
    let twin = SerdeChatBatch::from(&batch);
    let name = "ChatBatch (1,000)";
    cases(
        name,
        SMALL_CALLGRIND,
        batch.clone(),
        batch,
        twin.clone(),
        twin,
    )
}

fn rpc_cases() -> Vec<Case> {
    use crate::messages::{rpc, PeerRpcRequest, SerdeRpcRequest};
    let rpc = rpc();
    let (json, peer) = (SerdeRpcRequest::from(&rpc), PeerRpcRequest::from(&rpc));
    cases("RpcRequest", SMALL_CALLGRIND, rpc.clone(), rpc, json, peer)
}

/// A dataset's cases: the wiremsg value, and its plain twin (rkyv's and serde's own derives) for
/// the raw rkyv, serde_json, bincode and postcard rows.
fn dataset_cases<M, T>(name: &'static str, callgrind_iterations: (u64, u64), value: M) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + Clone + 'static,
    T: RkyvMessage + Serialize + DeserializeOwned + Clone + 'static,
{
    let twin: T = crate::datasets::plain_twin(&value);
    let (raw, json, peer) = (twin.clone(), twin.clone(), twin);
    cases(name, callgrind_iterations, value, raw, json, peer)
}

// Under callgrind one operation on a dataset takes from about 160 instructions (a view of
// `mesh`) to about 1.7 billion (serde_json's round trip on `mesh`), so 10 extra iterations (2
// against 12), or 2 on `mesh` (1 against 3); the first iteration, which grows the reused
// buffers, is never in the difference.

fn log_cases() -> Vec<Case> {
    use crate::datasets::log::{generate, plain};
    dataset_cases::<_, plain::Logs>("log", (2, 12), generate())
}

fn mesh_cases() -> Vec<Case> {
    use crate::datasets::mesh::{generate, plain};
    let mut cases = dataset_cases::<_, plain::Mesh>("mesh", (1, 3), generate());
    // A view of the mesh checks no float: a few hundred instructions, which a difference of 2
    // iterations cannot tell from the hundred or so a run's counts vary by.
    for case in cases.iter_mut().filter(|c| c.operation == Operation::View) {
        case.callgrind_iterations = SMALL_CALLGRIND;
    }
    cases
}

fn minecraft_cases() -> Vec<Case> {
    use crate::datasets::minecraft::{generate, plain};
    dataset_cases::<_, plain::Players>("minecraft_savedata", (2, 12), generate())
}

fn mk48_cases() -> Vec<Case> {
    use crate::datasets::mk48::{generate, plain};
    dataset_cases::<_, plain::Updates>("mk48", (2, 12), generate())
}
