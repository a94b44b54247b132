//! [`WireCodec`]: one message type, encoded and decoded.

use super::{FrameCodec, FramingError};
use crate::codec::{decode_message, DecodeOptions};
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::WireMessage;
use bytes::BytesMut;
use std::fmt;
use std::marker::PhantomData;
use tokio_util::codec::{Decoder, Encoder};

/// A tokio-util codec of one message type `T`: encodes `T` (or `&T`) as the frame
/// [`to_wire`](WireMessage::to_wire) gives, and decodes frames of `T` (rkyv or JSON payload)
/// to owned values.
///
/// Framing, the maximum frame length and the errors are those of [`FrameCodec`]; a frame of
/// another type is [`CodecError::WrongType`](crate::CodecError::WrongType), an invalid payload
/// its own typed error. For several message types on one stream, use [`FrameCodec`] with a
/// [`Router`](crate::Router).
///
/// ```
/// use wiremsg::framing::tokio_util::codec::Framed;
/// use wiremsg::framing::WireCodec;
/// use wiremsg::WireMessage;
/// use futures_util::{SinkExt, StreamExt};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Chat {
///     text: String,
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let (near, far) = tokio::io::duplex(64); // any AsyncRead + AsyncWrite: a TcpStream, ...
/// let mut sender = Framed::new(near, WireCodec::<Chat>::new());
/// let mut receiver = Framed::new(far, WireCodec::<Chat>::new());
/// sender.send(Chat { text: "hello".into() }).await?;
/// assert_eq!(receiver.next().await.transpose()?, Some(Chat { text: "hello".into() }));
/// # Ok::<(), wiremsg::framing::FramingError>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct WireCodec<T> {
    frames: FrameCodec,
    limits: Limits,
    // `fn() -> T`: the codec holds no `T`, so it is `Send` and `Sync` whatever `T` is.
    message: PhantomData<fn() -> T>,
}

impl<T> WireCodec<T> {
    /// A codec of `T` with the default maximum frame length,
    /// [`DEFAULT_MAX_FRAME_LENGTH`](super::DEFAULT_MAX_FRAME_LENGTH).
    pub fn new() -> WireCodec<T> {
        WireCodec::from_frame_codec(FrameCodec::new())
    }

    /// A codec of `T` refusing payloads longer than `max_frame_length` bytes; see
    /// [`FrameCodec::with_max_frame_length`].
    pub fn with_max_frame_length(max_frame_length: usize) -> WireCodec<T> {
        WireCodec::from_frame_codec(FrameCodec::with_max_frame_length(max_frame_length))
    }

    fn from_frame_codec(frames: FrameCodec) -> WireCodec<T> {
        WireCodec {
            frames,
            limits: Limits::DEFAULT,
            message: PhantomData,
        }
    }

    /// Decodes each frame within `limits` instead of the defaults (the maximum frame length
    /// still bounds what is buffered).
    pub fn with_limits(mut self, limits: Limits) -> WireCodec<T> {
        self.limits = limits;
        self
    }

    /// Decodes one whole frame.
    fn read(&self, frame: &[u8]) -> Result<T, CodecError>
    where
        T: WireMessage,
    {
        let decoder = DecodeOptions {
            kind: CodecKind::Hybrid,
            limits: &self.limits,
        };
        decode_message(frame, decoder)
    }

    /// The longest payload, in bytes, this codec reads or writes.
    pub fn max_frame_length(&self) -> usize {
        self.frames.max_frame_length()
    }
}

impl<T> Default for WireCodec<T> {
    fn default() -> Self {
        WireCodec::new()
    }
}

impl<T> Clone for WireCodec<T> {
    fn clone(&self) -> Self {
        WireCodec::from_frame_codec(self.frames.clone()).with_limits(self.limits)
    }
}

impl<T> fmt::Debug for WireCodec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WireCodec")
            .field("type", &std::any::type_name::<T>())
            .field("max_frame_length", &self.max_frame_length())
            .field("limits", &self.limits)
            .finish()
    }
}

impl<T: WireMessage> Decoder for WireCodec<T> {
    type Item = T;
    type Error = FramingError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<T>, FramingError> {
        match self.frames.decode(src)? {
            Some(frame) => Ok(Some(self.read(&frame)?)),
            None => Ok(None),
        }
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<T>, FramingError> {
        match self.frames.decode_eof(src)? {
            Some(frame) => Ok(Some(self.read(&frame)?)),
            None => Ok(None),
        }
    }
}

impl<T: WireMessage> Encoder<&T> for WireCodec<T> {
    type Error = FramingError;

    fn encode(&mut self, message: &T, dst: &mut BytesMut) -> Result<(), FramingError> {
        self.frames.encode(message, dst)
    }
}

impl<T: WireMessage> Encoder<T> for WireCodec<T> {
    type Error = FramingError;

    fn encode(&mut self, message: T, dst: &mut BytesMut) -> Result<(), FramingError> {
        self.frames.encode(&message, dst)
    }
}
