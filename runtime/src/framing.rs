//! Stream framing for tokio (feature `tokio`): tokio-util [`Encoder`](tokio_util::codec::Encoder)
//! and [`Decoder`](tokio_util::codec::Decoder) implementations for wiremsg frames, to use with
//! `Framed`, `FramedRead` and `FramedWrite` on any `AsyncRead` / `AsyncWrite` (TCP, Unix
//! sockets, pipes, WebSocket byte streams).
//!
//! - [`WireCodec<T>`]: one message type; encodes `T` and `&T`, decodes owned `T`.
//! - [`FrameCodec`]: any types; decodes whole frames (header + payload, as `BytesMut`) for
//!   [`Router::dispatch`](crate::Router::dispatch) or
//!   [`Registry::to_json`](crate::Registry::to_json), encodes `&T` of any message type and
//!   ready-made frames.
//!
//! The frame header already carries the payload length, so no extra length prefix is added:
//! the bytes on the stream are exactly the frames `to_wire` gives, back to back, readable by
//! [`Frames`](crate::Frames). Transports that delimit messages themselves (a WebSocket binary
//! message, a datagram) need no codec: send one frame per message with `to_wire` and read it
//! with `from_wire` or [`Router::dispatch`](crate::Router::dispatch).
//!
//! **Limits and errors.** A header declaring a payload longer than the maximum frame length
//! ([`DEFAULT_MAX_FRAME_LENGTH`], 8 MiB, like tokio-util's `LengthDelimitedCodec`; set it with
//! `with_max_frame_length`) is refused from the header alone, before the payload is buffered.
//! Errors are [`FramingError`]: the transport's `io::Error`, the limit, or wiremsg's typed
//! [`CodecError`](crate::CodecError). A bad header or a stream cut inside a frame ends the
//! stream (tokio-util's `Framed` yields the error, then `None`); a frame of the wrong type or
//! with an invalid payload is an error for that frame.
//!
//! **Encoding allocates nothing per message** once the buffers have grown: JSON is written
//! straight into the `BytesMut`, rkyv into a reused aligned scratch buffer and copied once.
//! (A field with `#[wire(as_json)]` still builds its JSON text, as it does everywhere.)
//!
//! **Zero-copy.** A frame in a `BytesMut` has no alignment guarantee, so [`WireCodec`] decodes
//! to owned values (copying an unaligned payload once). For a validated zero-copy view, read
//! frames with [`FrameCodec`] and copy each into an aligned buffer kept across frames:
//!
//! ```
//! use wiremsg::framing::bytes::BytesMut;
//! use wiremsg::framing::tokio_util::codec::{Decoder, Encoder};
//! use wiremsg::framing::FrameCodec;
//! use wiremsg::rkyv::util::AlignedVec;
//! use wiremsg::{HybridCodec, WireMessage};
//!
//! #[derive(WireMessage)]
//! struct Position {
//!     x: f32,
//!     y: f32,
//! }
//!
//! let mut codec = FrameCodec::new();
//! let mut wire = BytesMut::new();
//! codec.encode(&Position { x: 1.0, y: 2.0 }, &mut wire)?;
//! let mut aligned = AlignedVec::<16>::new(); // reused: no allocation once grown
//! while let Some(frame) = codec.decode(&mut wire)? {
//!     aligned.clear();
//!     aligned.extend_from_slice(&frame);
//!     let view: &ArchivedPosition = HybridCodec::new().view::<Position>(&aligned)?;
//!     assert_eq!(view.y, 2.0);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Legacy bare JSON is not framable.** Bare JSON carries no length and no type, so on a stream
//! nothing marks where one message ends; its first byte (`{`, `[`, ...) is refused at once with
//! [`CodecError::BadMagic`](crate::CodecError::BadMagic). To migrate a JSON protocol, send JSON
//! *frames*: `#[wire(codec = "json")]` types (or [`JsonCodec::encode_frame`](crate::JsonCodec::encode_frame)
//! for one-off frames) put exactly `serde_json::to_vec`'s bytes behind a header, are read across
//! schema versions through serde, and can switch to rkyv later without changing the framing.

mod encode;
mod error;
mod frame_codec;
mod wire_codec;

pub use self::error::FramingError;
pub use self::frame_codec::FrameCodec;
pub use self::wire_codec::WireCodec;

/// bytes, as the codecs use it: frames are `bytes::BytesMut`.
pub use bytes;
/// tokio-util, as the codecs implement it: `codec::{Framed, FramedRead, FramedWrite}`.
pub use tokio_util;

/// The default maximum payload length of a frame, 8 MiB, as tokio-util's `LengthDelimitedCodec`.
pub const DEFAULT_MAX_FRAME_LENGTH: usize = 8 * 1024 * 1024;
