//! Writing frames: JSON frames whole or appended to a buffer, the header filled in last, and the
//! bookkeeping of frames appended to a caller's aligned buffer.

use super::frame::{FramePrefix, TypeMeta, PAYLOAD_ALIGN};
use crate::error::CodecError;
use crate::header::HEADER_LEN;
use crate::message::WireMessage;
use rkyv::util::AlignedVec;
use std::ops::Range;

/// The header's 32-bit length field for a payload of `len` bytes, or
/// [`CodecError::PayloadTooLarge`].
#[inline]
pub(crate) fn length_field(len: usize) -> Result<u32, CodecError> {
    u32::try_from(len).map_err(|_| CodecError::PayloadTooLarge { len })
}

/// A byte buffer a frame can be written at the end of: `Vec<u8>`, wiremsg's `AlignedVec` and
/// tokio's `BytesMut`, so that one JSON frame writer serves them all.
pub(crate) trait FrameBuffer {
    /// How serde_json writes into the buffer.
    type Writer<'a>: std::io::Write
    where
        Self: 'a;

    /// The buffer's length.
    fn len(&self) -> usize;
    /// Appends `bytes`.
    fn extend(&mut self, bytes: &[u8]);
    /// A writer appending to the buffer.
    fn writer(&mut self) -> Self::Writer<'_>;
    /// The buffer's bytes.
    fn bytes_mut(&mut self) -> &mut [u8];
    /// Cuts the buffer back to `len` bytes.
    fn truncate(&mut self, len: usize);
}

impl FrameBuffer for Vec<u8> {
    type Writer<'a> = &'a mut Vec<u8>;

    fn len(&self) -> usize {
        self.len()
    }
    fn extend(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
    fn writer(&mut self) -> &mut Vec<u8> {
        self
    }
    fn bytes_mut(&mut self) -> &mut [u8] {
        self
    }
    fn truncate(&mut self, len: usize) {
        self.truncate(len);
    }
}

impl FrameBuffer for AlignedVec {
    type Writer<'a> = &'a mut AlignedVec;

    fn len(&self) -> usize {
        self.len()
    }
    fn extend(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
    fn writer(&mut self) -> &mut AlignedVec {
        self
    }
    fn bytes_mut(&mut self) -> &mut [u8] {
        self
    }
    fn truncate(&mut self, len: usize) {
        self.resize(len, 0);
    }
}

/// Writes a JSON frame of `message` at the end of `buf`: a zeroed header, exactly
/// `serde_json::to_vec(message)`, then the header, once `length` has accepted the payload's
/// length (and turned it into the header's length field). Returns where the frame ends; on
/// error `buf` is cut back to `original_len`, so no partial frame is ever left. The one JSON
/// frame writer: whole frames, frames appended to an aligned buffer, and tokio framing.
pub(crate) fn write_json_frame<T: WireMessage, B: FrameBuffer, E: From<CodecError>>(
    message: &T,
    buf: &mut B,
    original_len: usize,
    length: impl FnOnce(usize) -> Result<u32, E>,
) -> Result<usize, E> {
    let start = buf.len();
    buf.extend(&[0; HEADER_LEN]);
    let written = serde_json::to_writer(buf.writer(), message)
        .map_err(|source| E::from(CodecError::json(T::TYPE_NAME)(source)))
        .and_then(|()| length(buf.len() - start - HEADER_LEN));
    match written {
        Ok(len) => {
            let header = const { &TypeMeta::of::<T>() }.json_prefix.header(len);
            buf.bytes_mut()[start..start + HEADER_LEN].copy_from_slice(&header);
            Ok(buf.len())
        }
        Err(error) => {
            buf.truncate(original_len);
            Err(error)
        }
    }
}

/// A JSON frame: header, then exactly `serde_json::to_vec(message)`.
pub(crate) fn encode_json_frame<T: WireMessage>(message: &T) -> Result<Vec<u8>, CodecError> {
    let mut frame = Vec::with_capacity(128);
    write_json_frame(message, &mut frame, 0, length_field)?;
    Ok(frame)
}

/// `serde_json::to_vec(message)`, stopped with [`CodecError::TranscodedTooLarge`] once the text
/// would pass `limit` bytes: the registry's transcoding of a frame, whose value may stand for
/// far more text than the frame's bytes.
pub(crate) fn json_bytes<T: WireMessage>(message: &T, limit: usize) -> Result<Vec<u8>, CodecError> {
    // Only the serialization is compiled per message type; the rest is `bounded_json`'s.
    bounded_json(limit, T::TYPE_NAME, &mut |text| {
        serde_json::to_writer(text, message)
    })
}

fn bounded_json(
    limit: usize,
    type_name: &'static str,
    write: &mut dyn FnMut(&mut BoundedText) -> serde_json::Result<()>,
) -> Result<Vec<u8>, CodecError> {
    let mut text = BoundedText {
        text: Vec::with_capacity(128.min(limit)),
        limit,
        exceeded: false,
    };
    match write(&mut text) {
        Ok(()) => Ok(text.text),
        Err(_) if text.exceeded => Err(CodecError::TranscodedTooLarge { type_name, limit }),
        Err(source) => Err(CodecError::json(type_name)(source)),
    }
}

/// A `Vec<u8>` writer that refuses to grow past `limit` bytes. The limit is checked only where
/// the vector has to grow anyway, so an unlimited writer costs what a plain `Vec` does.
struct BoundedText {
    text: Vec<u8>,
    limit: usize,
    exceeded: bool,
}

impl std::io::Write for BoundedText {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if self.text.capacity() - self.text.len() < bytes.len() {
            self.grow(bytes.len())?;
        }
        self.text.extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl BoundedText {
    #[cold]
    fn grow(&mut self, additional: usize) -> std::io::Result<()> {
        let needed = self.text.len().saturating_add(additional);
        if needed > self.limit {
            self.exceeded = true;
            return Err(std::io::ErrorKind::FileTooLarge.into());
        }
        let doubled = self.text.capacity().saturating_mul(2);
        self.text
            .reserve_exact(doubled.clamp(needed, self.limit) - self.text.len());
        Ok(())
    }
}

/// Appends zero bytes until `buf`'s length is a multiple of [`PAYLOAD_ALIGN`], so that a frame
/// appended next has its payload aligned for a zero-copy view.
#[inline]
pub(crate) fn pad_to_align(buf: &mut AlignedVec) {
    let padded = frame_start(buf.len());
    if padded != buf.len() {
        buf.resize(padded, 0);
    }
}

/// Where a frame appended to a buffer ends, or why it could not be appended.
///
/// The error is boxed so that the result fits in two registers: an encode hands it up through
/// several calls, and copying a 72-byte [`CodecError`] at each of them cost more instructions
/// than building the frame's header (`benches/instructions.sh`). Failed encodes are rare, and
/// the box is opened once, where the public API returns.
pub type FrameEnd = Result<usize, Box<CodecError>>;

/// Where a frame appended to a buffer `original_len` bytes long starts: at the next multiple of
/// [`PAYLOAD_ALIGN`].
#[inline]
pub(crate) fn frame_start(original_len: usize) -> usize {
    original_len.next_multiple_of(PAYLOAD_ALIGN)
}

/// The range of the frame appended to a buffer that was `original_len` bytes long.
#[inline]
pub(crate) fn appended_range(
    original_len: usize,
    end: FrameEnd,
) -> Result<Range<usize>, CodecError> {
    match end {
        Ok(end) => Ok(frame_start(original_len)..end),
        Err(error) => Err(*error),
    }
}

/// Reserves a frame at the end of `buf`: padding to [`PAYLOAD_ALIGN`], then a zeroed header that
/// [`finish_frame`] fills in. Returns where the frame starts.
#[inline]
pub(crate) fn begin_frame(buf: &mut AlignedVec) -> usize {
    pad_to_align(buf);
    let start = buf.len();
    // A constant-length extend is a single store; `resize` would call `memset`.
    buf.extend_from_slice(&[0; HEADER_LEN]);
    start
}

/// Ends the frame that starts at `start` and runs to the end of `buf`: fills in its header,
/// `prefix` with the payload's length. A payload too long for the header is cut off again, with
/// everything after `original_len`, so that a failed append leaves the buffer as it was.
#[inline]
pub(crate) fn finish_frame(
    buf: &mut AlignedVec,
    original_len: usize,
    start: usize,
    prefix: &FramePrefix,
) -> FrameEnd {
    let end = buf.len();
    // The header and payload split off one slice: their bounds are checked once.
    let Some((head, payload)) = buf[start..].split_first_chunk_mut::<HEADER_LEN>() else {
        unreachable!("begin_frame reserved the header")
    };
    match length_field(payload.len()) {
        Ok(len) => {
            *head = prefix.header(len);
            Ok(end)
        }
        Err(error) => Err(abandon_frame(buf, original_len, error)),
    }
}

/// Cuts `buf` back to `original_len` after an append failed with `error`.
#[cold]
pub(crate) fn abandon_frame(
    buf: &mut AlignedVec,
    original_len: usize,
    error: CodecError,
) -> Box<CodecError> {
    buf.resize(original_len, 0);
    Box::new(error)
}

/// Appends a JSON frame of `message` to `buf`, 16-byte aligned; see
/// [`append_rkyv_frame`](super::archive::append_rkyv_frame).
pub(crate) fn append_json_frame<T: WireMessage>(message: &T, buf: &mut AlignedVec) -> FrameEnd {
    let original_len = buf.len();
    pad_to_align(buf);
    write_json_frame(message, buf, original_len, |len| {
        length_field(len).map_err(Box::new)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_lengths_beyond_u32_are_refused() {
        assert_eq!(length_field(u32::MAX as usize).unwrap(), u32::MAX);
        let too_long = u32::MAX as usize + 1;
        assert!(matches!(
            length_field(too_long),
            Err(CodecError::PayloadTooLarge { len }) if len == too_long
        ));
    }
}
