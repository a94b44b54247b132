//! [`JsonCodec`]: serde_json, byte for byte, plus JSON frames.

use super::decode::{decode_message, DecodeOptions};
use super::frame_write::encode_json_frame;
use super::metered::metered_encode;
use super::Codec;
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::WireMessage;

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
    limits: Limits,
}

impl JsonCodec {
    /// A JSON codec that decodes within the default [`Limits`].
    pub const fn new() -> JsonCodec {
        JsonCodec {
            limits: Limits::DEFAULT,
        }
    }

    /// Decodes within `limits`.
    pub const fn with_limits(mut self, limits: Limits) -> JsonCodec {
        self.limits = limits;
        self
    }

    /// Encodes `message` as a JSON frame: the header, then the bytes of `serde_json::to_vec`.
    pub fn encode_frame<T: WireMessage>(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        metered_encode(CodecKind::Json, &|| encode_json_frame(message))
    }

    /// [`Codec::encode`]: exactly `serde_json::to_vec(message)`, bare JSON for a legacy peer.
    /// Callable without importing [`Codec`].
    ///
    /// ```
    /// #[derive(wiremsg::WireMessage)]
    /// struct Joined {
    ///     user: String,
    /// }
    ///
    /// let text = wiremsg::JsonCodec::new().encode(&Joined { user: "ann".into() })?;
    /// assert_eq!(text, br#"{"user":"ann"}"#);
    /// let back: Joined = wiremsg::JsonCodec::new().decode(&text)?;
    /// assert_eq!(back.user, "ann");
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    #[inline]
    pub fn encode<T: WireMessage>(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        Codec::<T>::encode(self, message)
    }

    /// [`Codec::decode`]: bare JSON or a JSON frame of `T`. Callable without importing
    /// [`Codec`].
    #[inline]
    pub fn decode<T: WireMessage>(&self, bytes: &[u8]) -> Result<T, CodecError> {
        Codec::<T>::decode(self, bytes)
    }
}

impl<T: WireMessage> Codec<T> for JsonCodec {
    fn encode(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        metered_encode(CodecKind::Json, &|| unbounded_json(message))
    }

    /// Reads bare JSON or a JSON frame of `T`; an rkyv frame is [`CodecError::WrongCodec`].
    fn decode(&self, bytes: &[u8]) -> Result<T, CodecError> {
        let limits = &self.limits;
        decode_message(
            bytes,
            DecodeOptions {
                kind: CodecKind::Json,
                limits,
            },
        )
    }

    fn content_type(&self) -> &'static str {
        "application/json"
    }
}

/// `serde_json::to_vec(message)`. Release builds use serde_json's own writer, 4% faster than
/// the registry's bounded one; debug builds use the bounded one without a bound, so that each
/// message type compiles one JSON serialization instead of two (build time is what a debug
/// build is for; the bytes are the same).
#[cfg(not(debug_assertions))]
fn unbounded_json<T: WireMessage>(message: &T) -> Result<Vec<u8>, CodecError> {
    serde_json::to_vec(message).map_err(CodecError::json(T::TYPE_NAME))
}

#[cfg(debug_assertions)]
fn unbounded_json<T: WireMessage>(message: &T) -> Result<Vec<u8>, CodecError> {
    crate::codec::json_bytes(message, usize::MAX)
}
