//! [`FrameCodec`]: whole frames of any type, for the router and the registry.

use super::encode::{check_payload_len, MessageWriter};
use super::{FramingError, DEFAULT_MAX_FRAME_LENGTH};
use crate::error::CodecError;
use crate::header::{Header, HEADER_LEN};
use crate::message::WireMessage;
use bytes::{Bytes, BytesMut};
use std::fmt;
use tokio_util::codec::{Decoder, Encoder};

/// A tokio-util codec of whole frames, of any message type: decoding yields each frame
/// (header + payload) as a `BytesMut`, ready for [`Router::dispatch`](crate::Router::dispatch),
/// [`Registry::to_json`](crate::Registry::to_json) or any codec's `decode`; encoding takes
/// messages (`&T`, written as [`to_wire`](WireMessage::to_wire) would) or ready-made frames
/// (`&[u8]`, `Bytes`, checked first).
///
/// Frames are cut at the length their header declares, across any split of the input. A header
/// declaring a payload longer than the [maximum frame length](FrameCodec::max_frame_length) is
/// refused ([`FramingError::FrameTooLong`]) before any of the payload is buffered; a header that
/// does not parse ends the stream with its [`CodecError`], and a stream that ends inside a frame
/// with [`CodecError::TruncatedHeader`] or [`CodecError::TruncatedPayload`].
///
/// Frames in a `BytesMut` carry no alignment guarantee: decoding copies a payload when needed,
/// but a zero-copy view ([`Router::on_view`](crate::Router::on_view),
/// [`HybridCodec::view`](crate::HybridCodec::view)) needs the frame copied into an aligned
/// buffer first, e.g. `wiremsg::rkyv::util::AlignedVec::<16>`.
///
/// ```
/// use wiremsg::framing::bytes::BytesMut;
/// use wiremsg::framing::tokio_util::codec::{Decoder, Encoder};
/// use wiremsg::framing::FrameCodec;
/// use wiremsg::{Router, WireMessage};
///
/// #[derive(WireMessage, Debug)]
/// struct Join {
///     user: String,
/// }
///
/// #[derive(WireMessage, Debug)]
/// #[wire(codec = "json")]
/// struct Leave {
///     user: String,
/// }
///
/// let mut codec = FrameCodec::new();
/// let mut wire = BytesMut::new();
/// codec.encode(&Join { user: "ann".into() }, &mut wire)?;
/// codec.encode(&Leave { user: "ann".into() }, &mut wire)?; // a JSON frame
///
/// let mut router = Router::new()
///     .on::<Join>(|join| Ok(format!("{} joined", join.user)))?
///     .on::<Leave>(|leave| Ok(format!("{} left", leave.user)))?;
/// let mut replies = Vec::new();
/// while let Some(frame) = codec.decode(&mut wire)? {
///     replies.push(router.dispatch(&frame)?);
/// }
/// assert_eq!(replies, ["ann joined", "ann left"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct FrameCodec {
    max_frame_length: usize,
    writer: MessageWriter,
}

impl FrameCodec {
    /// A frame codec with the default maximum frame length, [`DEFAULT_MAX_FRAME_LENGTH`].
    pub fn new() -> FrameCodec {
        FrameCodec::with_max_frame_length(DEFAULT_MAX_FRAME_LENGTH)
    }

    /// A frame codec that refuses frames whose payload is longer than `max_frame_length` bytes,
    /// on both decoding and encoding. Like tokio-util's `LengthDelimitedCodec`, the limit applies
    /// to the header's length field: a frame is at most 16 bytes longer.
    ///
    /// ```
    /// use wiremsg::framing::bytes::BytesMut;
    /// use wiremsg::framing::tokio_util::codec::Encoder;
    /// use wiremsg::framing::{FrameCodec, FramingError};
    /// use wiremsg::WireMessage;
    ///
    /// #[derive(WireMessage)]
    /// struct Blob(Vec<u8>);
    ///
    /// let mut codec = FrameCodec::with_max_frame_length(64);
    /// let error = codec.encode(&Blob(vec![0; 100]), &mut BytesMut::new()).unwrap_err();
    /// assert!(matches!(error, FramingError::FrameTooLong { max: 64, .. }));
    /// ```
    pub fn with_max_frame_length(max_frame_length: usize) -> FrameCodec {
        FrameCodec {
            max_frame_length,
            writer: MessageWriter::default(),
        }
    }

    /// The longest payload, in bytes, this codec reads or writes.
    pub fn max_frame_length(&self) -> usize {
        self.max_frame_length
    }

    /// The length of the whole frame at the start of `src`, once its header has arrived, with
    /// the payload length checked against the limit before anything more is buffered.
    fn next_frame_len(&self, src: &[u8]) -> Result<Option<usize>, FramingError> {
        let header = match Header::parse(src) {
            Ok(header) => header,
            // Not a whole header yet; a first byte other than the magic is refused at once.
            Err(CodecError::Empty | CodecError::TruncatedHeader { .. }) => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        let payload = header.payload_len() as usize;
        check_payload_len(payload, self.max_frame_length)?;
        // Checked: a limit near usize::MAX on a 32-bit target must not overflow.
        let frame_len = HEADER_LEN
            .checked_add(payload)
            .ok_or(FramingError::FrameTooLong {
                len: payload,
                max: self.max_frame_length,
            })?;
        Ok(Some(frame_len))
    }
}

impl Default for FrameCodec {
    fn default() -> Self {
        FrameCodec::new()
    }
}

impl Clone for FrameCodec {
    /// A codec with the same limit and scratch space of its own.
    fn clone(&self) -> Self {
        FrameCodec::with_max_frame_length(self.max_frame_length)
    }
}

impl fmt::Debug for FrameCodec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FrameCodec")
            .field("max_frame_length", &self.max_frame_length)
            .finish_non_exhaustive()
    }
}

/// Why a stream that ended inside a frame was cut short.
fn truncation(rest: &[u8]) -> CodecError {
    match Header::parse(rest) {
        Ok(header) => CodecError::TruncatedPayload {
            declared: header.payload_len(),
            available: rest.len() - HEADER_LEN,
        },
        Err(error) => error,
    }
}

impl Decoder for FrameCodec {
    type Item = BytesMut;
    type Error = FramingError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<BytesMut>, FramingError> {
        let Some(frame_len) = self.next_frame_len(src)? else {
            return Ok(None);
        };
        if src.len() < frame_len {
            // The header passed the limit: make room for the rest in one step.
            src.reserve(frame_len - src.len());
            return Ok(None);
        }
        Ok(Some(src.split_to(frame_len)))
    }

    /// As [`decode`](Decoder::decode); a stream that ends inside a frame is
    /// [`CodecError::TruncatedHeader`] or [`CodecError::TruncatedPayload`], not data dropped
    /// in silence.
    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<BytesMut>, FramingError> {
        match self.decode(src)? {
            Some(frame) => Ok(Some(frame)),
            None if src.is_empty() => Ok(None),
            None => Err(truncation(src).into()),
        }
    }
}

impl<T: WireMessage> Encoder<&T> for FrameCodec {
    type Error = FramingError;

    /// Appends the frame [`to_wire`](WireMessage::to_wire) would give, serialized straight into
    /// `dst`: no allocation per message once the buffers have grown. On error `dst` is left as
    /// it was.
    fn encode(&mut self, message: &T, dst: &mut BytesMut) -> Result<(), FramingError> {
        self.writer.write(message, dst, self.max_frame_length)
    }
}

impl Encoder<&[u8]> for FrameCodec {
    type Error = FramingError;

    /// Appends a ready-made frame (from [`to_wire`](WireMessage::to_wire), or one received and
    /// forwarded), after checking its header, its exact length and the limit.
    fn encode(&mut self, frame: &[u8], dst: &mut BytesMut) -> Result<(), FramingError> {
        let (header, _) = Header::split_frame(frame)?;
        check_payload_len(header.payload_len() as usize, self.max_frame_length)?;
        dst.extend_from_slice(frame);
        Ok(())
    }
}

impl Encoder<Bytes> for FrameCodec {
    type Error = FramingError;

    /// As `Encoder<&[u8]>`.
    fn encode(&mut self, frame: Bytes, dst: &mut BytesMut) -> Result<(), FramingError> {
        self.encode(&frame[..], dst)
    }
}
