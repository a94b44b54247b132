// Type, lifetime and const parameters, with where-clauses and defaults.
use std::borrow::Cow;
use std::fmt::Debug;
use wiremsg::{Codec, JsonCodec, WireMessage};

#[derive(WireMessage, Debug, PartialEq)]
struct Envelope<T, const N: usize>
where
    T: Debug,
{
    tags: Vec<u8>,
    body: T,
}

impl<T: Debug, const N: usize> Envelope<T, N> {
    const MAX_TAGS: usize = N;
}

#[derive(WireMessage, Debug, PartialEq)]
enum Either<L, R = String> {
    Left(L),
    Right { value: R },
}

// A borrowing type has serde impls exactly as serde's derive writes them ('de: 'a included). It
// cannot be decoded into an owned value, so it uses JSON and is read with serde_json directly.
#[derive(WireMessage, Debug, PartialEq)]
#[wire(codec = "json")]
struct Borrowed<'a> {
    name: &'a str,
    #[serde(borrow)]
    note: Cow<'a, str>,
}

fn main() {
    let envelope: Envelope<String, 3> = Envelope { tags: vec![1, 2, 3], body: "x".to_string() };
    assert_eq!(envelope.tags.len(), Envelope::<String, 3>::MAX_TAGS);
    let frame = envelope.to_wire().unwrap();
    assert_eq!(Envelope::<String, 3>::from_wire(&frame).unwrap(), envelope);

    let either: Either<u8> = Either::Right { value: "r".into() };
    let frame = either.to_wire().unwrap();
    assert_eq!(Either::<u8>::from_wire(&frame).unwrap(), either);
    assert_eq!(
        JsonCodec::new().encode(&Either::<u8, u8>::Left(4)).unwrap(),
        br#"{"Left":4}"#
    );

    let text = r#"{"name":"ada","note":"hi"}"#;
    let borrowed: Borrowed = serde_json::from_str(text).unwrap();
    assert_eq!(borrowed, Borrowed { name: "ada", note: Cow::Borrowed("hi") });
    assert_eq!(serde_json::to_string(&borrowed).unwrap(), text);
}
