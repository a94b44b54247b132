//! The benchmark matrix: for each message, every operation with every implementation, as closures
//! that run a given number of iterations. The criterion bench and the report binary both measure
//! exactly these cases.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;
use std::hint::black_box;
use wiremsg::rkyv::api::high::to_bytes_in_with_alloc;
use wiremsg::rkyv::ser::allocator::Arena;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{
    rkyv, BufferPool, Codec, CompressedCodec, HybridCodec, JsonCodec, RkyvCodec, RkyvError,
    RkyvMessage, WireMessage, ZeroCopyBuffer,
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
    /// `encode_into` one reused buffer, cleared after each message: like raw rkyv's best practice.
    pub const REUSED: &str = "wiremsg encode_into (reused buffer)";
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
        Case {
            message: sample.message,
            operation,
            implementation,
            encoded_bytes,
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
    fn of<M: WireMessage + RkyvMessage, P: Serialize>(message: &M, peer: &P) -> Encoded {
        let mut frame = AlignedVec::new();
        frame.extend_from_slice(&message.to_wire().unwrap());
        Encoded {
            json: serde_json::to_vec(message).unwrap(),
            rkyv_raw: rkyv::to_bytes::<RkyvError>(message).unwrap(),
            bincode: bincode::serde::encode_to_vec(peer, bincode_config()).unwrap(),
            postcard: postcard::to_allocvec(peer).unwrap(),
            frame,
        }
    }
}

/// Every case for one message. `peer` is the same message as bincode and postcard carry it.
pub fn cases<M, P>(message_name: &'static str, message: M, peer: P) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + Clone + 'static,
    P: Serialize + DeserializeOwned + Clone + 'static,
{
    let names = Names {
        message: message_name,
    };
    let encoded = Encoded::of(&message, &peer);
    let mut cases = encode_cases(&names, &message, &peer, &encoded);
    cases.extend(decode_cases::<M, P>(&names, &encoded));
    cases.extend(view_cases::<M>(&names, &encoded));
    cases.extend(round_trip_cases(&names, &message, &peer, &encoded));
    cases
}

fn encode_cases<M, P>(names: &Names, message: &M, peer: &P, encoded: &Encoded) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + Clone + 'static,
    P: Serialize + Clone + 'static,
{
    use Operation::Encode;
    let frame_len = Some(encoded.frame.len());
    let m = message.clone();
    let mut cases = vec![Case::new(
        names,
        Encode,
        impls::SERDE_JSON,
        Some(encoded.json.len()),
        move || serde_json::to_vec(black_box(&m)).unwrap(),
    )];
    let m = message.clone();
    let (mut buffer, mut arena) = (AlignedVec::new(), Arena::new());
    cases.push(Case::new(
        names,
        Encode,
        impls::RKYV_REUSED,
        Some(encoded.rkyv_raw.len()),
        move || {
            let mut reused = std::mem::take(&mut buffer);
            reused.clear();
            reused =
                to_bytes_in_with_alloc::<_, _, RkyvError>(black_box(&m), reused, arena.acquire())
                    .unwrap();
            let len = reused.len();
            buffer = reused;
            len
        },
    ));
    let m = message.clone();
    cases.push(Case::new(
        names,
        Encode,
        impls::RKYV_TO_BYTES,
        Some(encoded.rkyv_raw.len()),
        move || rkyv::to_bytes::<RkyvError>(black_box(&m)).unwrap(),
    ));
    let p = peer.clone();
    let mut slice = vec![0u8; encoded.bincode.len() * 2 + 64];
    cases.push(Case::new(
        names,
        Encode,
        impls::BINCODE,
        Some(encoded.bincode.len()),
        move || {
            bincode::serde::encode_into_slice(black_box(&p), &mut slice, bincode_config()).unwrap()
        },
    ));
    let p = peer.clone();
    let mut slice = vec![0u8; encoded.postcard.len() * 2 + 64];
    cases.push(Case::new(
        names,
        Encode,
        impls::POSTCARD,
        Some(encoded.postcard.len()),
        move || postcard::to_slice(black_box(&p), &mut slice).unwrap().len(),
    ));
    let m = message.clone();
    cases.push(Case::new(
        names,
        Encode,
        impls::JSON_CODEC,
        Some(encoded.json.len()),
        move || JsonCodec::new().encode(black_box(&m)).unwrap(),
    ));
    let m = message.clone();
    cases.push(Case::new(
        names,
        Encode,
        impls::RKYV_CODEC,
        frame_len,
        move || RkyvCodec::new().encode(black_box(&m)).unwrap(),
    ));
    let m = message.clone();
    cases.push(Case::new(
        names,
        Encode,
        impls::HYBRID,
        frame_len,
        move || black_box(&m).to_wire().unwrap(),
    ));
    let m = message.clone();
    let mut reused = AlignedVec::<16>::new();
    cases.push(Case::new(
        names,
        Encode,
        impls::REUSED,
        frame_len,
        move || {
            reused.clear();
            black_box(&m).encode_into(&mut reused).unwrap().len()
        },
    ));
    let m = message.clone();
    let mut reused = AlignedVec::<16>::new();
    cases.push(Case::new(
        names,
        Encode,
        impls::RKYV_CODEC_INTO,
        frame_len,
        move || {
            reused.clear();
            RkyvCodec::new()
                .encode_into(black_box(&m), &mut reused)
                .unwrap()
                .len()
        },
    ));
    let m = message.clone();
    let mut reused = AlignedVec::<16>::new();
    cases.push(Case::new(
        names,
        Encode,
        impls::UNCOUNTED,
        frame_len,
        move || {
            reused.clear();
            wiremsg::__private::encode_rkyv_frame_into(black_box(&m), &mut reused)
                .unwrap()
                .len()
        },
    ));
    let m = message.clone();
    let pool = BufferPool::new();
    cases.push(Case::new(
        names,
        Encode,
        impls::POOLED,
        frame_len,
        move || {
            let mut buffer = pool.get();
            black_box(&m).encode_into(&mut buffer).unwrap().len()
        },
    ));
    let m = message.clone();
    let codec = CompressedCodec::new(HybridCodec::new());
    let compressed_len = Some(codec.encode(message).unwrap().len());
    cases.push(Case::new(
        names,
        Encode,
        impls::COMPRESSED,
        compressed_len,
        move || codec.encode(black_box(&m)).unwrap(),
    ));
    let m = message.clone();
    let mut batch = ZeroCopyBuffer::new();
    cases.push(Case::new(
        names,
        Encode,
        impls::ZERO_COPY_BUFFER,
        frame_len,
        move || {
            // One reused buffer, emptied every 64 frames as a sender would after sending it.
            if batch.len() == 64 {
                batch.clear();
            }
            batch.append(black_box(&m)).unwrap()
        },
    ));
    let frame = encoded.frame.clone();
    let mut copy = AlignedVec::<16>::with_capacity(frame.len());
    cases.push(Case::new(
        names,
        Encode,
        impls::MEMCPY,
        frame_len,
        move || {
            copy.clear();
            copy.extend_from_slice(black_box(&frame));
            copy.len()
        },
    ));
    cases
}

fn decode_cases<M, P>(names: &Names, encoded: &Encoded) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + 'static,
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
            |json| serde_json::from_slice::<M>(json).unwrap(),
        ),
        on_bytes(
            names,
            Decode,
            impls::RKYV_FROM_BYTES,
            encoded.rkyv_raw.clone(),
            |raw| rkyv::from_bytes::<M, RkyvError>(raw).unwrap(),
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

/// A case that runs `op` on `input`, which it keeps (a frame kept in an `AlignedVec` stays
/// aligned).
fn on_bytes<R>(
    names: &Names,
    operation: Operation,
    implementation: &'static str,
    input: impl AsRef<[u8]> + 'static,
    op: impl Fn(&[u8]) -> R + 'static,
) -> Case {
    Case::new(names, operation, implementation, None, move || {
        op(black_box(input.as_ref()))
    })
}

fn view_cases<M>(names: &Names, encoded: &Encoded) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + 'static,
{
    use Operation::View;
    let batch = one_frame_batch(&encoded.frame);
    vec![
        on_bytes(
            names,
            View,
            impls::RKYV_ACCESS,
            encoded.rkyv_raw.clone(),
            |raw| rkyv::access::<M::Archived, RkyvError>(raw).is_ok(),
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

fn round_trip_cases<M, P>(names: &Names, message: &M, peer: &P, encoded: &Encoded) -> Vec<Case>
where
    M: WireMessage + RkyvMessage + Clone + 'static,
    P: Serialize + DeserializeOwned + Clone + 'static,
{
    use Operation::RoundTrip;
    let m = message.clone();
    let mut cases = vec![Case::new(
        names,
        RoundTrip,
        impls::SERDE_JSON,
        None,
        move || serde_json::from_slice::<M>(&serde_json::to_vec(black_box(&m)).unwrap()).unwrap(),
    )];
    let m = message.clone();
    let (mut buffer, mut arena) = (AlignedVec::new(), Arena::new());
    cases.push(Case::new(
        names,
        RoundTrip,
        impls::RKYV_REUSED,
        None,
        move || {
            let mut reused = std::mem::take(&mut buffer);
            reused.clear();
            reused =
                to_bytes_in_with_alloc::<_, _, RkyvError>(black_box(&m), reused, arena.acquire())
                    .unwrap();
            let decoded = rkyv::from_bytes::<M, RkyvError>(&reused).unwrap();
            buffer = reused;
            decoded
        },
    ));
    let p = peer.clone();
    let mut slice = vec![0u8; encoded.bincode.len() * 2 + 64];
    cases.push(Case::new(
        names,
        RoundTrip,
        impls::BINCODE,
        None,
        move || {
            let len =
                bincode::serde::encode_into_slice(black_box(&p), &mut slice, bincode_config())
                    .unwrap();
            bincode::serde::decode_from_slice::<P, _>(&slice[..len], bincode_config()).unwrap()
        },
    ));
    let p = peer.clone();
    let mut slice = vec![0u8; encoded.postcard.len() * 2 + 64];
    cases.push(Case::new(
        names,
        RoundTrip,
        impls::POSTCARD,
        None,
        move || {
            let len = postcard::to_slice(black_box(&p), &mut slice).unwrap().len();
            postcard::from_bytes::<P>(&slice[..len]).unwrap()
        },
    ));
    let m = message.clone();
    cases.push(Case::new(
        names,
        RoundTrip,
        impls::HYBRID,
        None,
        move || M::from_wire(&black_box(&m).to_wire().unwrap()).unwrap(),
    ));
    let m = message.clone();
    let pool = BufferPool::new();
    cases.push(Case::new(
        names,
        RoundTrip,
        impls::POOLED_VIEW,
        None,
        move || {
            let mut buffer = pool.get();
            let frame = black_box(&m).encode_into(&mut buffer).unwrap();
            HybridCodec::new().view::<M>(&buffer[frame]).is_ok()
        },
    ));
    cases
}

/// A `ZeroCopyBuffer` holding the one frame, as received.
fn one_frame_batch(frame: &[u8]) -> ZeroCopyBuffer {
    let mut bytes = frame.to_vec();
    bytes.resize(frame.len().next_multiple_of(16), 0);
    ZeroCopyBuffer::from_bytes(&bytes).unwrap()
}

/// The whole matrix: the design note's messages, small and large, a batch and an RPC request.
pub fn all() -> Vec<Case> {
    use crate::messages::{batch, chat, chat_4k, rpc, PeerRpcRequest};
    let (batch, rpc) = (batch(), rpc());
    let peer = PeerRpcRequest::from(&rpc);
    [
        cases("ChatMessage", chat(), chat()),
        cases("ChatMessage 4 KiB", chat_4k(), chat_4k()),
        cases("ChatBatch (1,000)", batch.clone(), batch),
        cases("RpcRequest", rpc, peer),
    ]
    .into_iter()
    .flatten()
    .collect()
}
