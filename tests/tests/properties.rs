//! Property tests: for generated values of the design note's messages, an enum with every variant
//! shape, a recursive type and a nested generic type, every codec round-trips to the identity,
//! JSON is byte-identical to serde_json, and any mutation, truncation or extension of a valid
//! frame decodes to a typed error or a valid value, never a panic.

use proptest::collection::{hash_map, vec};
use proptest::prelude::*;
use std::fmt::Debug;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::{Codec, CodecError, HybridCodec, JsonCodec, RkyvCodec, RkyvMessage, WireMessage};
use wiremsg_tests::{
    ChatMessage, Envelope, Everything, Expr, Heartbeat, Pair, RpcMethod, RpcRequest,
};

fn chat() -> impl Strategy<Value = ChatMessage> {
    (
        any::<String>(),
        any::<String>(),
        any::<u64>(),
        any::<String>(),
        any::<String>(),
    )
        .prop_map(|(id, content, timestamp, sender, room_id)| ChatMessage {
            id,
            content,
            timestamp,
            sender,
            room_id,
        })
}

/// JSON values that survive a serde_json round trip unchanged (no floats: `NaN` has no JSON).
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            hash_map(any::<String>(), inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

fn rpc_method() -> impl Strategy<Value = RpcMethod> {
    prop_oneof![
        Just(RpcMethod::Call),
        Just(RpcMethod::Notify),
        any::<u32>().prop_map(|chunk| RpcMethod::Stream { chunk }),
    ]
}

fn rpc() -> impl Strategy<Value = RpcRequest> {
    (any::<String>(), any::<String>(), json_value(), rpc_method()).prop_map(
        |(id, method, params, method_type)| RpcRequest {
            id,
            method,
            params,
            method_type,
        },
    )
}

fn expr() -> impl Strategy<Value = Expr> {
    any::<i64>()
        .prop_map(Expr::Num)
        .prop_recursive(5, 48, 4, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Expr::Add(Box::new(a), Box::new(b))),
                (any::<String>(), vec(inner, 0..4))
                    .prop_map(|(name, args)| Expr::Call { name, args }),
            ]
        })
}

fn everything() -> impl Strategy<Value = Everything> {
    (
        any::<Option<String>>(),
        vec(any::<u32>(), 0..8),
        hash_map(any::<String>(), any::<i64>(), 0..4),
        any::<u64>(),
        vec(chat(), 0..3),
        any::<(u8, bool)>(),
        // Finite floats only: JSON cannot carry NaN or infinities.
        -1e300f64..1e300,
        any::<[u8; 4]>(),
    )
        .prop_map(
            |(maybe, list, map, boxed, nested, pair, ratio, bytes)| Everything {
                maybe,
                list,
                map,
                boxed: Box::new(boxed),
                nested,
                pair,
                ratio,
                bytes,
            },
        )
}

fn envelope() -> impl Strategy<Value = Envelope<Vec<Pair>>> {
    (
        any::<u32>(),
        vec(
            (any::<u32>(), any::<String>()).prop_map(|(n, s)| Pair(n, s)),
            0..4,
        ),
    )
        .prop_map(|(seq, body)| Envelope { seq, body })
}

fn aligned(bytes: &[u8]) -> AlignedVec<16> {
    let mut buffer = AlignedVec::<16>::with_capacity(bytes.len());
    buffer.extend_from_slice(bytes);
    buffer
}

/// Every codec gives back the value it was given; JSON is exactly serde_json's bytes.
fn round_trips<T>(value: &T)
where
    T: WireMessage + RkyvMessage + PartialEq + Debug,
{
    let json = JsonCodec::new().encode(value).unwrap();
    assert_eq!(json, serde_json::to_vec(value).unwrap());
    let decoded: T = JsonCodec::new().decode(&json).unwrap();
    assert_eq!(&decoded, value);

    let json_frame = JsonCodec::new().encode_frame(value).unwrap();
    assert_eq!(&json_frame[wiremsg::HEADER_LEN..], &json[..]);
    assert_eq!(&T::from_wire(&json_frame).unwrap(), value);

    let rkyv_frame = RkyvCodec::new().encode(value).unwrap();
    let decoded: T = RkyvCodec::new().decode(&rkyv_frame).unwrap();
    assert_eq!(&decoded, value);
    let decoded: T = HybridCodec::new().decode(&rkyv_frame).unwrap();
    assert_eq!(&decoded, value);
    assert_eq!(&T::from_wire(&value.to_wire().unwrap()).unwrap(), value);
    HybridCodec::new().view::<T>(&aligned(&rkyv_frame)).unwrap();
}

/// Every decoder answers `bytes` with a value or a typed error; a value it returns re-encodes.
fn decoders_survive<T>(bytes: &[u8]) -> [Result<(), CodecError>; 4]
where
    T: WireMessage + RkyvMessage,
{
    let reencodes = |value: T| value.to_wire().map(drop);
    [
        T::from_wire(bytes).and_then(reencodes),
        Codec::<T>::decode(&RkyvCodec::new(), bytes).and_then(reencodes),
        Codec::<T>::decode(&JsonCodec::new(), bytes).and_then(reencodes),
        HybridCodec::new().view::<T>(&aligned(bytes)).map(drop),
    ]
}

/// Mutations, every truncation and extensions of valid rkyv and JSON frames of `value`.
fn hostile_variants<T>(value: &T, mutations: &[(usize, u8)], tail: &[u8])
where
    T: WireMessage + RkyvMessage,
{
    let frames = [
        value.to_wire().unwrap(),
        JsonCodec::new().encode_frame(value).unwrap(),
    ];
    for frame in &frames {
        for &(index, byte) in mutations {
            let mut mutated = frame.clone();
            let index = index % mutated.len();
            mutated[index] ^= byte.max(1);
            let _ = decoders_survive::<T>(&mutated);
        }
        for len in 0..frame.len() {
            for result in decoders_survive::<T>(&frame[..len]) {
                assert!(result.is_err(), "a frame cut to {len} bytes decoded");
            }
        }
        let mut extended = frame.clone();
        extended.extend_from_slice(tail);
        for result in decoders_survive::<T>(&extended) {
            assert!(
                matches!(result, Err(CodecError::TrailingBytes { .. })),
                "an extended frame gave {result:?}"
            );
        }
    }
}

fn mutations() -> impl Strategy<Value = Vec<(usize, u8)>> {
    vec((any::<usize>(), any::<u8>()), 1..48)
}

fn tail() -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 1..16)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn chat_messages_round_trip(value in chat()) {
        round_trips(&value);
    }

    #[test]
    fn rpc_requests_round_trip(value in rpc()) {
        round_trips(&value);
    }

    #[test]
    fn every_variant_shape_round_trips(value in rpc_method()) {
        round_trips(&value);
    }

    #[test]
    fn recursive_messages_round_trip(value in expr()) {
        round_trips(&value);
    }

    #[test]
    fn nested_and_generic_messages_round_trip(value in everything(), envelope in envelope()) {
        round_trips(&value);
        round_trips(&envelope);
        round_trips(&Heartbeat);
    }

    #[test]
    fn hostile_chat_frames_never_panic(value in chat(), mutations in mutations(), tail in tail()) {
        hostile_variants(&value, &mutations, &tail);
    }

    #[test]
    fn hostile_rpc_frames_never_panic(value in rpc(), mutations in mutations(), tail in tail()) {
        hostile_variants(&value, &mutations, &tail);
    }

    #[test]
    fn hostile_recursive_frames_never_panic(value in expr(), mutations in mutations(), tail in tail()) {
        hostile_variants(&value, &mutations, &tail);
    }

    #[test]
    fn hostile_nested_frames_never_panic(value in everything(), mutations in mutations(), tail in tail()) {
        hostile_variants(&value, &mutations, &tail);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..256)) {
        let _ = decoders_survive::<ChatMessage>(&bytes);
        let _ = decoders_survive::<RpcRequest>(&bytes);
        let _ = decoders_survive::<Expr>(&bytes);
        let _ = wiremsg::Header::split_frame(&bytes);
    }
}
