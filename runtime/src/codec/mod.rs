//! The codecs: [`JsonCodec`], [`RkyvCodec`] and [`HybridCodec`].

mod frame;
mod hybrid;
mod json;
mod rkyv;

pub use self::hybrid::HybridCodec;
pub use self::json::JsonCodec;
pub use self::rkyv::RkyvCodec;
pub use frame::{
    decode_rkyv_payload, encode_rkyv_frame, encode_rkyv_frame_into, MAX_ARCHIVE_DEPTH,
};

use crate::error::CodecError;

/// Encodes and decodes messages of type `T`.
///
/// ```
/// use wiremsg::{Codec, HybridCodec, JsonCodec, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Note {
///     text: String,
/// }
///
/// fn round_trip<C: Codec<Note>>(codec: &C, note: &Note) -> Note {
///     codec.decode(&codec.encode(note).unwrap()).unwrap()
/// }
/// let note = Note { text: "hi".into() };
/// assert_eq!(round_trip(&JsonCodec::new(), &note), note);
/// assert_eq!(round_trip(&HybridCodec::new(), &note), note);
/// ```
pub trait Codec<T> {
    /// Encodes `message`.
    fn encode(&self, message: &T) -> Result<Vec<u8>, CodecError>;
    /// Decodes a message from `bytes`, validating them first.
    fn decode(&self, bytes: &[u8]) -> Result<T, CodecError>;
    /// The MIME type of what [`Codec::encode`] produces.
    fn content_type(&self) -> &'static str;
}
