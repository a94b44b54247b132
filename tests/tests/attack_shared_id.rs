//! Two types with one type id: `Deposit` and `Withdraw` have the same shape, so
//! the same layout fingerprint, and one id. A typed decode of either's frame could be the
//! other's: every typed entry point refuses it with `DuplicateTypeId`, naming both. A binary of
//! its own, so that the clash stays out of the other tests' global registry.

use wiremsg::framing::bytes::BytesMut;
use wiremsg::framing::tokio_util::codec::Decoder;
use wiremsg::framing::{FramingError, WireCodec};
use wiremsg::{
    registry, Codec, CodecError, CompressedCodec, HybridCodec, JsonCodec, RkyvCodec, Router,
    WireMessage, ZeroCopyBuffer,
};
use wiremsg_tests::fixtures::aligned;

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "bank.Deposit", id = 0x0BA7_0001)]
struct Deposit {
    account: String,
    cents: u64,
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "bank.Withdraw", id = 0x0BA7_0001)]
struct Withdraw {
    account: String,
    cents: u64,
}

/// Another id, but `Deposit`'s name: look-ups by name are ambiguous, frames are not.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "bank.Deposit", id = 0x0BA7_0002)]
struct DepositAgain {
    cents: u64,
}

fn withdraw() -> Withdraw {
    Withdraw {
        account: "alice".into(),
        cents: 1_000_000,
    }
}

fn is_shared_id(error: &CodecError) -> bool {
    matches!(
        error,
        CodecError::DuplicateTypeId {
            type_id: 0x0BA7_0001,
            first_name: "bank.Deposit",
            second_name: "bank.Withdraw",
            ..
        }
    )
}

fn assert_shared_id<T: std::fmt::Debug>(entry: &str, result: Result<T, CodecError>) {
    match result {
        Err(error) => assert!(is_shared_id(&error), "{entry}: {error:?}"),
        Ok(value) => panic!("{entry} read a Withdraw frame as {value:?}"),
    }
}

/// The frames a `Withdraw` can be sent in: rkyv, JSON, and LZ4 compressed.
fn frames() -> Vec<Vec<u8>> {
    let long = Withdraw {
        account: "x".repeat(2000),
        cents: 5,
    };
    vec![
        withdraw().to_wire().unwrap(),
        JsonCodec::new().encode_frame(&withdraw()).unwrap(),
        CompressedCodec::new(HybridCodec::new())
            .encode(&long)
            .unwrap(),
    ]
}

#[test]
fn typed_decodes_refuse_a_frame_whose_id_two_types_claim() {
    for frame in frames() {
        assert_shared_id("from_wire", Deposit::from_wire(&frame));
        assert_shared_id("from_wire of its own type", Withdraw::from_wire(&frame));
        let hybrid: Result<Deposit, _> = HybridCodec::new().decode(&frame);
        assert_shared_id("HybridCodec", hybrid);
        let compressed: Result<Deposit, _> =
            CompressedCodec::new(HybridCodec::new()).decode(&frame);
        assert_shared_id("CompressedCodec", compressed);
    }
    let [rkyv, json, _] = &frames()[..] else {
        unreachable!()
    };
    let rkyv_decode: Result<Deposit, _> = RkyvCodec::new().decode(rkyv);
    assert_shared_id("RkyvCodec", rkyv_decode);
    let json_decode: Result<Deposit, _> = JsonCodec::new().decode(json);
    assert_shared_id("JsonCodec", json_decode);
}

#[test]
fn views_refuse_a_frame_whose_id_two_types_claim() {
    let frame = aligned(&withdraw().to_wire().unwrap());
    assert_shared_id(
        "HybridCodec::view",
        HybridCodec::new().view::<Deposit>(&frame).map(|_| ()),
    );
    assert_shared_id(
        "RkyvCodec::view",
        RkyvCodec::new().view::<Deposit>(&frame).map(|_| ()),
    );
}

#[test]
fn zero_copy_buffers_refuse_a_frame_whose_id_two_types_claim() {
    let mut buffer = ZeroCopyBuffer::new();
    buffer.append(&withdraw()).unwrap();
    buffer
        .append_with(&JsonCodec::new(), &withdraw())
        .unwrap_err(); // bare JSON has no header: refused as before
    let received = ZeroCopyBuffer::from_bytes(buffer.as_bytes()).unwrap();
    assert_shared_id("ZeroCopyBuffer::get", received.get::<Deposit>(0));
    assert_shared_id(
        "ZeroCopyBuffer::view",
        received.view::<Deposit>(0).map(|_| ()),
    );
}

#[test]
fn routers_refuse_a_frame_whose_id_two_types_claim() {
    // Each router knows one of the two types only; the program links both.
    let mut owned = Router::new().on::<Deposit>(|d| Ok(d.cents)).unwrap();
    let mut viewed = Router::new()
        .on_view::<Deposit>(|d| Ok(d.cents.to_native()))
        .unwrap();
    for frame in frames() {
        assert_shared_id("Router::on", owned.dispatch(&frame));
    }
    assert_shared_id(
        "Router::on_view",
        viewed.dispatch(&aligned(&withdraw().to_wire().unwrap())),
    );
}

#[test]
fn wire_codecs_refuse_a_frame_whose_id_two_types_claim() {
    for frame in frames() {
        let mut src = BytesMut::from(&frame[..]);
        match WireCodec::<Deposit>::new().decode(&mut src) {
            Err(FramingError::Codec(error)) => assert!(is_shared_id(&error), "{error:?}"),
            other => panic!("WireCodec: {other:?}"),
        }
    }
}

#[test]
fn registry_transcoding_refuses_a_frame_whose_id_two_types_claim() {
    for frame in frames() {
        assert_shared_id("registry().to_json", registry().to_json(&frame));
    }
}

#[test]
fn a_name_clash_leaves_typed_decodes_of_distinct_ids_alone() {
    // `DepositAgain` shares a name, not an id: its frames say which type wrote them.
    let frame = DepositAgain { cents: 3 }.to_wire().unwrap();
    assert_eq!(
        DepositAgain::from_wire(&frame).unwrap(),
        DepositAgain { cents: 3 }
    );
    let frame = aligned(&frame);
    let view = HybridCodec::new().view::<DepositAgain>(&frame).unwrap();
    assert_eq!(view.cents, 3);
}

#[test]
fn legacy_bare_json_carries_no_id_and_is_still_read() {
    let bare = JsonCodec::new().encode(&withdraw()).unwrap();
    assert_eq!(Withdraw::from_wire(&bare).unwrap(), withdraw());
}
