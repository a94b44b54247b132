//! [`FramingError`]: what ends a framed stream.

use crate::error::CodecError;
use std::io;

/// Everything that can go wrong while framing messages on a byte stream.
///
/// tokio-util's [`Decoder`](tokio_util::codec::Decoder) and [`Encoder`](tokio_util::codec::Encoder)
/// need an error type that an [`io::Error`] converts into, so the transport's failures and
/// wiremsg's typed [`CodecError`] arrive as one type. A bad header, a frame over the length
/// limit or a stream cut inside a frame ends the stream: with the frame boundary lost, nothing
/// after it can be trusted.
///
/// ```
/// use wiremsg::framing::{FrameCodec, FramingError};
/// use wiremsg::framing::bytes::BytesMut;
/// use wiremsg::framing::tokio_util::codec::Decoder;
/// use wiremsg::CodecError;
///
/// // A legacy peer sending bare JSON is refused at its first byte.
/// let mut input = BytesMut::from(&br#"{"text":"hi"}"#[..]);
/// let error = FrameCodec::new().decode(&mut input).unwrap_err();
/// assert!(matches!(error, FramingError::Codec(CodecError::BadMagic { found: b'{' })));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FramingError {
    /// The transport failed (a socket read or write).
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A header that does not parse (bad magic, unknown version, codec or flags), a stream that
    /// ends inside a frame ([`CodecError::TruncatedHeader`], [`CodecError::TruncatedPayload`]),
    /// a malformed frame given to an encoder, or a message that does not encode or decode.
    #[error(transparent)]
    Codec(#[from] CodecError),
    /// A frame whose payload is longer than the codec's maximum frame length: refused from the
    /// header alone, before any of the payload is buffered.
    #[error("frame payload of {len} bytes exceeds the maximum frame length of {max} bytes")]
    FrameTooLong {
        /// The payload length the header declares (or the encoder produced).
        len: usize,
        /// The codec's maximum frame length.
        max: usize,
    },
}
