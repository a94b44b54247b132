//! Property tests: for generated values of the sample messages, an enum with every variant
//! shape, a recursive type and a nested generic type, every codec round-trips to the identity,
//! JSON is byte-identical to serde_json, and any mutation, truncation or extension of a valid
//! frame decodes to a typed error or a valid value, never a panic.

mod strategies;

use proptest::collection::vec;
use proptest::prelude::*;
use std::fmt::Debug;
use strategies::{chat, envelope, everything, expr, rpc, rpc_method};
use wiremsg::{Codec, CodecError, HybridCodec, JsonCodec, RkyvCodec, RkyvMessage, WireMessage};
use wiremsg_tests::fixtures::aligned;
use wiremsg_tests::{ChatMessage, Expr, Heartbeat, RpcRequest};

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
