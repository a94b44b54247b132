//! The codecs: [`JsonCodec`], [`RkyvCodec`], [`HybridCodec`] and the [`CompressedCodec`] wrapper.

mod archive;
mod block;
mod compressed;
mod decode;
mod frame;
mod frame_read;
mod frame_write;
mod hybrid;
mod json;
mod metered;
mod rkyv_codec;

pub(crate) use self::compressed::decompress_frame;
pub use self::compressed::{CompressedCodec, DEFAULT_COMPRESSION_THRESHOLD, DEFAULT_ZSTD_LEVEL};
pub use self::hybrid::HybridCodec;
pub use self::json::JsonCodec;
pub use self::rkyv_codec::RkyvCodec;
pub use archive::{
    append_rkyv_frame, decode_rkyv_payload, encode_rkyv_frame, encode_rkyv_frame_into,
    from_archived,
};
pub(crate) use archive::{view, OwnedScratch};
pub use decode::{convert, migrate_step};
pub(crate) use decode::{decode_message, DecodeOptions};
pub(crate) use frame::{misalignment, PAYLOAD_ALIGN};
#[cfg(feature = "tokio")]
pub(crate) use frame_write::appended_range;
pub(crate) use frame_write::json_bytes;
#[cfg(feature = "tokio")]
pub(crate) use frame_write::length_field;
pub(crate) use frame_write::pad_to_align;
pub use frame_write::FrameEnd;
#[cfg(feature = "tokio")]
pub(crate) use frame_write::{write_json_frame, FrameBuffer};
pub(crate) use hybrid::append_hybrid;
#[cfg(feature = "tokio")]
pub(crate) use hybrid::{falls_back_to_json, follow_codec};
#[cfg(feature = "tokio")]
pub(crate) use metered::metered_write;

use crate::error::CodecError;
use ::rkyv::util::AlignedVec;
use std::ops::Range;

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

    /// Appends what [`Codec::encode`] writes to `buf`, starting at the next 16-byte boundary
    /// (zero bytes pad `buf` up to it), and returns where it landed in `buf`.
    ///
    /// A frame appended this way has its payload 16-byte aligned, ready for a zero-copy view.
    /// [`RkyvCodec`] and [`HybridCodec`] serialize straight into `buf` with a reused arena: once
    /// `buf` has grown to fit (e.g. after `buf.clear()`), encoding allocates nothing. This
    /// provided version encodes to a `Vec` and copies it. On error `buf` is left as it was.
    ///
    /// ```
    /// use wiremsg::rkyv::util::AlignedVec;
    /// use wiremsg::{Codec, HybridCodec, RkyvCodec, WireMessage};
    ///
    /// #[derive(WireMessage, Debug, PartialEq)]
    /// struct Note {
    ///     text: String,
    /// }
    ///
    /// let mut buf = AlignedVec::<16>::new();
    /// buf.extend_from_slice(b"abc"); // anything already there is kept
    /// let frame = RkyvCodec::new().encode_into(&Note { text: "hi".into() }, &mut buf)?;
    /// assert_eq!(frame.start, 16); // padded to the next 16-byte boundary
    /// let note: Note = HybridCodec::new().decode(&buf[frame.clone()])?;
    /// assert_eq!(note, Note { text: "hi".into() });
    /// let view = HybridCodec::new().view::<Note>(&buf[frame])?; // aligned: zero-copy works
    /// assert_eq!(view.text, "hi");
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    fn encode_into(&self, message: &T, buf: &mut AlignedVec) -> Result<Range<usize>, CodecError> {
        let bytes = self.encode(message)?;
        pad_to_align(buf);
        let start = buf.len();
        buf.extend_from_slice(&bytes);
        Ok(start..buf.len())
    }
}
