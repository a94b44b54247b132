//! [`RkyvCodec`]: rkyv frames, validated before use, readable zero-copy.

use super::archive::{append_rkyv, append_rkyv_frame, encode_rkyv, view};
use super::decode::{decode_message, DecodeOptions};
use super::metered::metered_append;
use super::Codec;
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::{RkyvMessage, WireMessage};
use rkyv::util::AlignedVec;
use std::ops::Range;

/// The rkyv codec: a header and an rkyv archive, validated (bytecheck) before anything is read.
///
/// It serves only types with rkyv support: using it with a `codec = "json"` type is a compile
/// error. Content type: `application/x-wiremsg+rkyv`.
///
/// ```
/// use wiremsg::{Codec, RkyvCodec, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Position {
///     x: f32,
///     y: f32,
/// }
///
/// let codec = RkyvCodec::new();
/// let frame = codec.encode(&Position { x: 1.0, y: 2.0 }).unwrap();
/// let position: Position = codec.decode(&frame).unwrap();
/// assert_eq!(position, Position { x: 1.0, y: 2.0 });
/// ```
#[derive(Debug, Default, Clone)]
pub struct RkyvCodec {
    limits: Limits,
}

impl RkyvCodec {
    /// An rkyv codec that decodes within the default [`Limits`].
    pub const fn new() -> RkyvCodec {
        RkyvCodec {
            limits: Limits::DEFAULT,
        }
    }

    /// Decodes and views within `limits`.
    pub const fn with_limits(mut self, limits: Limits) -> RkyvCodec {
        self.limits = limits;
        self
    }

    /// Validates an rkyv frame of `T` and returns its archived value, borrowed from `bytes`: no
    /// copy, no allocation.
    ///
    /// The payload must be 16-byte aligned (frames in a 16-byte aligned buffer are): unaligned
    /// input is [`CodecError::Unaligned`]; [`Codec::decode`] accepts any alignment.
    ///
    /// ```
    /// use wiremsg::{Codec, RkyvCodec, WireMessage};
    /// use wiremsg::rkyv::util::AlignedVec;
    ///
    /// #[derive(WireMessage)]
    /// struct Position {
    ///     x: f32,
    ///     y: f32,
    /// }
    ///
    /// let codec = RkyvCodec::new();
    /// let mut frame = AlignedVec::<16>::new();
    /// frame.extend_from_slice(&codec.encode(&Position { x: 1.0, y: 2.0 }).unwrap());
    /// let view: &ArchivedPosition = codec.view::<Position>(&frame).unwrap();
    /// assert_eq!(view.y, 2.0);
    /// ```
    pub fn view<'a, T: WireMessage + RkyvMessage>(
        &self,
        bytes: &'a [u8],
    ) -> Result<&'a T::Archived, CodecError> {
        view::<T>(bytes, self.limits.max_depth())
    }
}

impl<T: WireMessage + RkyvMessage> Codec<T> for RkyvCodec {
    fn encode(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        encode_rkyv(Some(CodecKind::Rkyv), message, append_rkyv_frame::<T>, None)
    }

    /// Reads an rkyv frame of `T`; a JSON frame or bare JSON is [`CodecError::WrongCodec`] or
    /// [`CodecError::BadMagic`].
    fn decode(&self, bytes: &[u8]) -> Result<T, CodecError> {
        let limits = &self.limits;
        decode_message(
            bytes,
            DecodeOptions {
                kind: CodecKind::Rkyv,
                limits,
            },
        )
    }

    fn content_type(&self) -> &'static str {
        "application/x-wiremsg+rkyv"
    }

    /// Serializes straight into `buf` with this thread's reused arena: allocation-free once `buf`
    /// has room.
    #[inline]
    fn encode_into(&self, message: &T, buf: &mut AlignedVec) -> Result<Range<usize>, CodecError> {
        metered_append(CodecKind::Rkyv, buf, |buf| {
            append_rkyv(message, buf, append_rkyv_frame::<T>)
        })
    }
}
