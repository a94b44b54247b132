//! [`HybridCodec`]: the type's preferred codec, JSON fallback, reads everything.

use super::archive::{append_rkyv, encode_rkyv, view, EncodedFrame, JsonInstead};
use super::decode::{decode_message, DecodeOptions};
use super::frame_write::{append_json_frame, encode_json_frame, FrameEnd};
use super::metered::{metered_append, metered_frame};
use super::Codec;
use crate::error::CodecError;
use crate::kind::{CodecKind, Encoding};
use crate::limits::Limits;
use crate::message::{RkyvMessage, WireMessage};
use crate::metrics::record_json_fallback;
use rkyv::util::AlignedVec;
use std::ops::Range;

/// The hybrid codec, which `to_wire` and `from_wire` use.
///
/// Encoding follows the type's `CODEC`: `hybrid` writes an rkyv frame and falls back to a JSON
/// frame when rkyv fails to serialize the value at run time; `rkyv` writes an rkyv frame and
/// reports a failure; `json` writes a JSON frame. The header always says which payload follows.
/// Decoding reads rkyv frames, JSON frames and legacy bare JSON, dispatching on the first byte and
/// the header, never on a guess. Content type: `application/x-wiremsg`.
///
/// ```
/// use wiremsg::{Codec, CodecKind, Header, HybridCodec, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Chat {
///     text: String,
/// }
///
/// let codec = HybridCodec::new();
/// let frame = codec.encode(&Chat { text: "hi".into() }).unwrap();
/// assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Rkyv);
/// // Old peers send bare JSON; it still decodes.
/// let legacy: Chat = codec.decode(br#"{"text":"hi"}"#).unwrap();
/// assert_eq!(legacy, Chat { text: "hi".into() });
/// ```
#[derive(Debug, Clone)]
pub struct HybridCodec {
    limits: Limits,
}

impl Default for HybridCodec {
    fn default() -> Self {
        HybridCodec::new()
    }
}

impl HybridCodec {
    /// A hybrid codec that decodes within the default [`Limits`] (compressed frames, see
    /// [`CompressedCodec`](crate::CompressedCodec), up to
    /// [`DEFAULT_MAX_DECOMPRESSED`](crate::DEFAULT_MAX_DECOMPRESSED) bytes uncompressed).
    pub const fn new() -> HybridCodec {
        HybridCodec {
            limits: Limits::DEFAULT,
        }
    }

    /// Decodes within `limits`.
    pub const fn with_limits(mut self, limits: Limits) -> HybridCodec {
        self.limits = limits;
        self
    }

    /// Refuses compressed frames declaring more than `bytes` bytes uncompressed
    /// ([`CodecError::DecompressedTooLarge`]), before allocating.
    pub const fn with_max_decompressed(mut self, bytes: usize) -> HybridCodec {
        self.limits = self.limits.with_max_decompressed(bytes);
        self
    }

    /// The limits this codec decodes within.
    pub const fn limits(&self) -> &Limits {
        &self.limits
    }

    /// [`Codec::encode`]: the frame `to_wire` writes. Callable without importing [`Codec`].
    ///
    /// ```
    /// #[derive(wiremsg::WireMessage, Debug, PartialEq)]
    /// struct Ping {
    ///     seq: u32,
    /// }
    ///
    /// let codec = wiremsg::HybridCodec::new();
    /// let frame = codec.encode(&Ping { seq: 7 })?;
    /// assert_eq!(codec.decode::<Ping>(&frame)?, Ping { seq: 7 });
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    #[inline]
    pub fn encode<T: WireMessage>(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        Codec::<T>::encode(self, message)
    }

    /// [`Codec::decode`]: any frame of `T`, compressed or not, or legacy bare JSON. Callable
    /// without importing [`Codec`].
    #[inline]
    pub fn decode<T: WireMessage>(&self, bytes: &[u8]) -> Result<T, CodecError> {
        Codec::<T>::decode(self, bytes)
    }

    /// A validated zero-copy view of an rkyv frame of `T`; see [`RkyvCodec::view`](crate::RkyvCodec::view).
    pub fn view<'a, T: WireMessage + RkyvMessage>(
        &self,
        bytes: &'a [u8],
    ) -> Result<&'a T::Archived, CodecError> {
        view::<T>(bytes, self.limits.max_depth())
    }
}

impl<T: WireMessage> Codec<T> for HybridCodec {
    fn encode(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        let counted_as = CodecKind::Hybrid;
        match T::CODEC.encoding() {
            Encoding::Json => metered_frame(counted_as, || json_frame(message)),
            Encoding::Rkyv { json_fallback } => {
                let json_instead = |error| encode_json_instead(message, error);
                let json_instead: Option<JsonInstead<'_>> = json_fallback.then_some(&json_instead);
                encode_rkyv(
                    Some(counted_as),
                    message,
                    T::__rkyv_frame_into,
                    json_instead,
                )
            }
        }
    }

    fn decode(&self, bytes: &[u8]) -> Result<T, CodecError> {
        decode_message(bytes, self.decoder())
    }

    fn content_type(&self) -> &'static str {
        "application/x-wiremsg"
    }

    /// Appends the frame [`Codec::encode`] would write, serialized straight into `buf`:
    /// allocation-free for rkyv frames once `buf` has room. A JSON fallback frame replaces a
    /// failed rkyv attempt in place.
    #[inline]
    fn encode_into(&self, message: &T, buf: &mut AlignedVec) -> Result<Range<usize>, CodecError> {
        append_hybrid(message, buf, |message, buf| {
            append_rkyv(message, buf, T::__rkyv_frame_into)
        })
    }
}

/// The frame [`HybridCodec`] encodes, appended to `buf` and counted as its encode; `rkyv_frame`
/// appends an rkyv frame with an arena (the thread's, or a [`WireEncoder`](crate::WireEncoder)'s).
#[inline]
pub(crate) fn append_hybrid<T: WireMessage>(
    message: &T,
    buf: &mut AlignedVec,
    rkyv_frame: impl FnOnce(&T, &mut AlignedVec) -> FrameEnd,
) -> Result<Range<usize>, CodecError> {
    metered_append(CodecKind::Hybrid, buf, |buf| {
        encode_hybrid_into(message, buf, rkyv_frame)
    })
}

/// [`HybridCodec`]'s encode, appending to `buf`.
#[inline]
fn encode_hybrid_into<T: WireMessage>(
    message: &T,
    buf: &mut AlignedVec,
    rkyv_frame: impl FnOnce(&T, &mut AlignedVec) -> FrameEnd,
) -> FrameEnd {
    follow_codec(
        message,
        buf,
        rkyv_frame,
        append_json_frame,
        append_json_instead,
    )
}

/// What an encode that follows the type's codec writes into `buf`: a `json` type a JSON frame,
/// an `rkyv` type an rkyv frame, and a `hybrid` type an rkyv frame or, when that fails,
/// whatever `json_instead` makes of the failure (a JSON frame when [`falls_back_to_json`] says
/// so, else the error). The one copy of that rule for frames appended to a buffer: the codecs'
/// `encode_into`, [`WireEncoder`](crate::WireEncoder) and the tokio framing give it their
/// buffer's writers. `HybridCodec::encode` reads the same [`Encoding`] inside its one
/// type-erased encode, which also counts the fallback as part of the encode.
#[inline(always)]
pub(crate) fn follow_codec<T: WireMessage, B: ?Sized, O, E>(
    message: &T,
    buf: &mut B,
    rkyv: impl FnOnce(&T, &mut B) -> Result<O, E>,
    json: impl FnOnce(&T, &mut B) -> Result<O, E>,
    json_instead: impl FnOnce(&T, &mut B, E) -> Result<O, E>,
) -> Result<O, E> {
    match T::CODEC.encoding() {
        Encoding::Json => json(message, buf),
        Encoding::Rkyv { json_fallback } => match rkyv(message, buf) {
            Err(error) if json_fallback => json_instead(message, buf, error),
            written => written,
        },
    }
}

/// A JSON frame in place of the rkyv frame that failed with `error`, if rkyv could not serve
/// the value. Kept out of line: the fallback is rare, and the encode path stays small enough to
/// inline.
#[cold]
#[inline(never)]
fn encode_json_instead<T: WireMessage>(message: &T, error: Box<CodecError>) -> EncodedFrame {
    json_fallback(error)?;
    json_frame(message)
}

fn json_frame<T: WireMessage>(message: &T) -> EncodedFrame {
    encode_json_frame(message).map_err(Box::new)
}

/// [`encode_json_instead`], appending to `buf`.
#[cold]
#[inline(never)]
fn append_json_instead<T: WireMessage>(
    message: &T,
    buf: &mut AlignedVec,
    error: Box<CodecError>,
) -> FrameEnd {
    json_fallback(error)?;
    append_json_frame(message, buf)
}

/// [`falls_back_to_json`], with the error handed back when it does not.
fn json_fallback(error: Box<CodecError>) -> Result<(), Box<CodecError>> {
    if falls_back_to_json(&error) {
        Ok(())
    } else {
        Err(error)
    }
}

/// Whether a hybrid encode whose rkyv attempt failed with `error` writes a JSON frame instead
/// (rkyv could not serve the value), counting the fallback when it does. The one place that
/// decides it, for the codecs and the tokio framing alike.
pub(crate) fn falls_back_to_json(error: &CodecError) -> bool {
    let falls_back = error.calls_for_json_fallback();
    if falls_back {
        record_json_fallback();
    }
    falls_back
}

impl HybridCodec {
    /// How this codec decodes: any frame of the type, compressed or not, or bare JSON.
    pub(crate) const fn decoder(&self) -> DecodeOptions<'_> {
        DecodeOptions {
            kind: CodecKind::Hybrid,
            limits: &self.limits,
        }
    }
}
