//! [`JsonCodec`]: serde_json, byte for byte, plus JSON frames.

use super::decode::{decode_message, Decoder};
use super::frame::{encode_json_frame, json_bytes};
use super::Codec;
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::message::WireMessage;
use crate::metrics::metered_encode;

/// The JSON codec: [`Codec::encode`] gives exactly the bytes of `serde_json::to_vec` (the old,
/// header-less wire format), [`Codec::decode`] reads that and JSON frames.
///
/// ```
/// use wiremsg::{Codec, JsonCodec, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Greeting {
///     text: String,
/// }
///
/// let codec = JsonCodec::new();
/// let bytes = codec.encode(&Greeting { text: "hi".into() }).unwrap();
/// assert_eq!(bytes, br#"{"text":"hi"}"#);
/// let frame = codec.encode_frame(&Greeting { text: "hi".into() }).unwrap();
/// let (from_frame, from_bare): (Greeting, Greeting) =
///     (codec.decode(&frame).unwrap(), codec.decode(&bytes).unwrap());
/// assert_eq!(from_frame, from_bare);
/// ```
#[derive(Debug, Default, Clone)]
pub struct JsonCodec {
    _private: (),
}

impl JsonCodec {
    /// A JSON codec.
    pub const fn new() -> JsonCodec {
        JsonCodec { _private: () }
    }

    /// Encodes `message` as a JSON frame: the header, then the bytes of `serde_json::to_vec`.
    pub fn encode_frame<T: WireMessage>(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        metered_encode(CodecKind::Json, &|| encode_json_frame(message))
    }
}

impl<T: WireMessage> Codec<T> for JsonCodec {
    fn encode(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        metered_encode(CodecKind::Json, &|| {
            json_bytes(message).map_err(CodecError::json(T::TYPE_NAME))
        })
    }

    /// Reads bare JSON or a JSON frame of `T`; an rkyv frame is [`CodecError::WrongCodec`].
    fn decode(&self, bytes: &[u8]) -> Result<T, CodecError> {
        decode_message(bytes, Decoder::with_default_limit(CodecKind::Json))
    }

    fn content_type(&self) -> &'static str {
        "application/json"
    }
}
