//! Frame building blocks the codecs share. A message type is described to them by a
//! [`TypeMeta`], not a type parameter, so header checks, error construction and frame finishing
//! are compiled once in wiremsg instead of once per message type in every user's crate (which
//! keeps `#[derive(WireMessage)]` cheap to build). The rkyv-generic parts are in `archive.rs`.

use super::decompress_frame;
use crate::error::CodecError;
use crate::header::{check_with_len, prefix_check_state, Header, CHECK_OFFSET, HEADER_LEN};
use crate::kind::CodecKind;
use crate::message::WireMessage;
use crate::registry::refuse_shared_id;
use rkyv::util::AlignedVec;
use std::ops::Range;

/// The alignment a payload needs for a zero-copy view, and the alignment of wiremsg's buffers.
pub(crate) const PAYLOAD_ALIGN: usize = 16;

/// What frame checks need to know of a message type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TypeMeta {
    pub(crate) id: u32,
    pub(crate) name: &'static str,
    schema_version: u16,
    fingerprint: u16,
    /// What every uncompressed rkyv frame of the type begins with.
    pub(crate) rkyv_prefix: FramePrefix,
    /// The same for uncompressed JSON frames.
    pub(crate) json_prefix: FramePrefix,
}

impl TypeMeta {
    pub(crate) const fn of<T: WireMessage>() -> TypeMeta {
        let mut meta = TypeMeta {
            id: T::TYPE_ID,
            name: T::TYPE_NAME,
            schema_version: T::SCHEMA_VERSION,
            fingerprint: T::LAYOUT_FINGERPRINT,
            rkyv_prefix: FramePrefix::EMPTY,
            json_prefix: FramePrefix::EMPTY,
        };
        meta.rkyv_prefix = FramePrefix::of(meta.header(CodecKind::Rkyv, 0));
        meta.json_prefix = FramePrefix::of(meta.header(CodecKind::Json, 0));
        meta
    }

    /// The payload of `bytes` if they are an uncompressed rkyv frame of this very type and
    /// schema, with a sound header, complete and 16-byte aligned: one comparison instead of
    /// every header check.
    #[inline]
    fn plain_rkyv_payload<'a>(&self, bytes: &'a [u8]) -> Option<&'a [u8]> {
        let (head, payload) = bytes.split_first_chunk::<HEADER_LEN>()?;
        let declared = self.rkyv_prefix.payload_len_if_match(head)?;
        let exact = payload.len() == declared as usize && misalignment(payload) == 0;
        exact.then_some(payload)
    }

    /// The header of a frame of this type.
    pub(crate) const fn header(&self, codec: CodecKind, payload_len: u32) -> Header {
        Header::new(
            codec,
            self.id,
            self.schema_version,
            self.fingerprint,
            payload_len,
        )
    }
}

/// Everything in the headers of one type's uncompressed frames of one codec but the payload
/// length, and the check byte's CRC state before it: a header is then a few word operations.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FramePrefix {
    /// Header bytes 0..8, little-endian, with the check byte zero.
    head: u64,
    /// Header bytes 8..12: the type id.
    type_id: u32,
    /// The CRC state after the header's first 12 bytes.
    check_state: u8,
}

impl FramePrefix {
    const EMPTY: FramePrefix = FramePrefix {
        head: 0,
        type_id: 0,
        check_state: 0,
    };

    const fn of(header: Header) -> FramePrefix {
        let mut bytes = header.to_bytes();
        let check_state = prefix_check_state(&bytes);
        bytes[CHECK_OFFSET] = 0;
        let [b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, ..] = bytes;
        FramePrefix {
            head: u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]),
            type_id: u32::from_le_bytes([b8, b9, b10, b11]),
            check_state,
        }
    }

    /// The whole header of a frame with this prefix and a `payload_len`-byte payload.
    #[inline(always)]
    pub(crate) fn header(&self, payload_len: u32) -> [u8; HEADER_LEN] {
        let check = check_with_len(self.check_state, payload_len);
        let low = self.head | u64::from(check) << (8 * CHECK_OFFSET);
        let high = u64::from(self.type_id) | u64::from(payload_len) << 32;
        let mut header = [0; HEADER_LEN];
        header[..8].copy_from_slice(&low.to_le_bytes());
        header[8..].copy_from_slice(&high.to_le_bytes());
        header
    }

    /// The payload length `head` declares if it is exactly a header with this prefix, its check
    /// byte included.
    #[inline(always)]
    fn payload_len_if_match(&self, head: &[u8; HEADER_LEN]) -> Option<u32> {
        let declared = u32::from_le_bytes([head[12], head[13], head[14], head[15]]);
        (*head == self.header(declared)).then_some(declared)
    }
}

/// Checks that a frame holds the type `meta` describes.
///
/// A frame whose id two types of the global registry claim is refused too
/// ([`CodecError::DuplicateTypeId`]): it could be the other type's.
pub(crate) fn check_type(header: &Header, meta: &TypeMeta) -> Result<(), CodecError> {
    if header.type_id() == meta.id {
        refuse_shared_id(meta.id)
    } else {
        Err(CodecError::WrongType {
            expected: meta.id,
            expected_name: meta.name,
            found: header.type_id(),
            found_name: crate::registry::registry()
                .get(header.type_id())
                .map(|entry| entry.name()),
        })
    }
}

/// Checks that an rkyv frame was written by this very layout of the type.
pub(crate) fn check_rkyv_layout(header: &Header, meta: &TypeMeta) -> Result<(), CodecError> {
    if header.schema_version() != meta.schema_version {
        return Err(CodecError::SchemaVersionMismatch {
            type_name: meta.name,
            expected: meta.schema_version,
            found: header.schema_version(),
        });
    }
    if header.layout_fingerprint() != meta.fingerprint {
        return Err(CodecError::LayoutMismatch {
            type_name: meta.name,
            schema_version: meta.schema_version,
            expected: meta.fingerprint,
            found: header.layout_fingerprint(),
        });
    }
    Ok(())
}

#[inline]
pub(crate) fn payload_len(len: usize) -> Result<u32, CodecError> {
    u32::try_from(len).map_err(|_| CodecError::PayloadTooLarge { len })
}

/// Splits a frame and checks that it holds the type `meta` describes.
pub(crate) fn split_typed_frame<'a>(
    bytes: &'a [u8],
    meta: &TypeMeta,
) -> Result<(Header, &'a [u8]), CodecError> {
    let (header, payload) = Header::split_frame(bytes)?;
    check_type(&header, meta)?;
    Ok((header, payload))
}

/// What a codec reads once its input is opened: an rkyv payload of the codec's type, ready for
/// validation, or JSON text.
pub(crate) struct Opened<'a> {
    rkyv: bool,
    body: Body<'a>,
}

enum Body<'a> {
    Borrowed(&'a [u8]),
    /// A decompressed frame (`start` = [`HEADER_LEN`]) or a realigned copy of a payload
    /// (`start` = 0).
    Owned {
        buffer: AlignedVec,
        start: usize,
    },
}

impl Opened<'_> {
    /// Whether the payload is rkyv: of the codec's type, at its schema version and layout, and
    /// at [`PAYLOAD_ALIGN`]. Otherwise it is JSON text (a JSON frame's payload or bare JSON).
    #[inline]
    pub(crate) fn is_rkyv(&self) -> bool {
        self.rkyv
    }

    #[inline]
    pub(crate) fn payload(&self) -> &[u8] {
        match &self.body {
            Body::Borrowed(payload) => payload,
            Body::Owned { buffer, start } => buffer.get(*start..).unwrap_or_default(),
        }
    }
}

/// Reads the input of a `codec` codec: bare JSON where it reads JSON (`Json`, `Hybrid`),
/// otherwise a frame of the type `meta` describes whose payload format the codec reads (`Hybrid`
/// reads both), decompressed (refusing more than `max_decompressed` bytes) when it is compressed.
/// An rkyv payload is checked against the type's schema version and layout, and copied to
/// [`PAYLOAD_ALIGN`] if it is not there: its decode is then validation and deserialization alone.
#[inline]
pub(crate) fn open<'a>(
    bytes: &'a [u8],
    meta: &TypeMeta,
    codec: CodecKind,
    max_decompressed: usize,
) -> Result<Opened<'a>, CodecError> {
    if codec != CodecKind::Json {
        if let Some(payload) = meta.plain_rkyv_payload(bytes) {
            refuse_shared_id(meta.id)?;
            let body = Body::Borrowed(payload);
            return Ok(Opened { rkyv: true, body });
        }
    }
    open_checked(bytes, meta, codec, max_decompressed)
}

/// [`open`] for anything but an uncompressed, aligned rkyv frame of the type: every check,
/// naming what is wrong.
fn open_checked<'a>(
    bytes: &'a [u8],
    meta: &TypeMeta,
    codec: CodecKind,
    max_decompressed: usize,
) -> Result<Opened<'a>, CodecError> {
    if codec != CodecKind::Rkyv && !Header::is_frame(bytes) {
        if bytes.is_empty() {
            return Err(CodecError::Empty);
        }
        let body = Body::Borrowed(bytes);
        return Ok(Opened { rkyv: false, body });
    }
    let (header, payload) = split_typed_frame(bytes, meta)?;
    let (header, body) = match header.compression() {
        None => (header, Body::Borrowed(payload)),
        Some(algorithm) => {
            let (plain_header, plain) =
                decompress_frame(&header, algorithm, payload, max_decompressed)?;
            let body = Body::Owned {
                buffer: plain,
                start: HEADER_LEN,
            };
            (plain_header, body)
        }
    };
    let refused = match codec {
        CodecKind::Json if header.codec() != CodecKind::Json => Some("JsonCodec"),
        CodecKind::Rkyv if header.codec() != CodecKind::Rkyv => Some("RkyvCodec"),
        _ => None,
    };
    if let Some(codec) = refused {
        return Err(CodecError::WrongCodec {
            codec,
            found: header.codec(),
        });
    }
    if header.codec() != CodecKind::Rkyv {
        return Ok(Opened { rkyv: false, body });
    }
    check_rkyv_layout(&header, meta)?;
    let body = match body {
        Body::Borrowed(payload) if misalignment(payload) != 0 => Body::Owned {
            buffer: aligned_copy(payload),
            start: 0,
        },
        aligned => aligned,
    };
    Ok(Opened { rkyv: true, body })
}

/// The payload of an uncompressed rkyv frame of the type `meta` describes, checked for a
/// zero-copy view: a frame whose header is exactly the type's needs one comparison, and any
/// other input takes the full checks, which name what is wrong.
pub(crate) fn view_payload<'a>(bytes: &'a [u8], meta: &TypeMeta) -> Result<&'a [u8], CodecError> {
    match meta.plain_rkyv_payload(bytes) {
        Some(payload) => refuse_shared_id(meta.id).map(|()| payload),
        None => checked_view_payload(bytes, meta),
    }
}

#[cold]
fn checked_view_payload<'a>(bytes: &'a [u8], meta: &TypeMeta) -> Result<&'a [u8], CodecError> {
    let (header, payload) = split_typed_frame(bytes, meta)?;
    if header.compression().is_some() {
        return Err(CodecError::CompressedView {
            type_name: meta.name,
        });
    }
    if header.codec() != CodecKind::Rkyv {
        return Err(CodecError::WrongCodec {
            codec: "a zero-copy view",
            found: header.codec(),
        });
    }
    check_rkyv_layout(&header, meta)?;
    match misalignment(payload) {
        0 => Ok(payload),
        misalignment => Err(CodecError::Unaligned {
            required: PAYLOAD_ALIGN,
            misalignment,
        }),
    }
}

#[inline]
pub(crate) fn misalignment(bytes: &[u8]) -> usize {
    bytes.as_ptr() as usize % PAYLOAD_ALIGN
}

/// `payload` copied to [`PAYLOAD_ALIGN`], for rkyv to validate in place.
fn aligned_copy(payload: &[u8]) -> AlignedVec {
    let mut copy = AlignedVec::with_capacity(payload.len());
    copy.extend_from_slice(payload);
    copy
}

/// A JSON frame: header, then exactly `serde_json::to_vec(message)`.
pub(crate) fn encode_json_frame<T: WireMessage>(message: &T) -> Result<Vec<u8>, CodecError> {
    let mut frame = Vec::with_capacity(128);
    frame.extend_from_slice(&[0; HEADER_LEN]);
    serde_json::to_writer(&mut frame, message).map_err(CodecError::json(T::TYPE_NAME))?;
    write_header(&mut frame, const { &TypeMeta::of::<T>() })?;
    Ok(frame)
}

/// Fills in the header of the JSON frame that is all of `frame`.
fn write_header(frame: &mut [u8], meta: &TypeMeta) -> Result<(), CodecError> {
    let len = payload_len(frame.len() - HEADER_LEN)?;
    frame[..HEADER_LEN].copy_from_slice(&meta.json_prefix.header(len));
    Ok(())
}

/// `serde_json::to_vec(message)`, stopped with [`CodecError::TranscodedTooLarge`] once the text
/// would pass `limit` bytes: the registry's transcoding of a frame, whose value may stand for
/// far more text than the frame's bytes.
pub(crate) fn json_bytes<T: WireMessage>(message: &T, limit: usize) -> Result<Vec<u8>, CodecError> {
    let mut text = BoundedText {
        text: Vec::with_capacity(128.min(limit)),
        limit,
        exceeded: false,
    };
    match serde_json::to_writer(&mut text, message) {
        Ok(()) => Ok(text.text),
        Err(_) if text.exceeded => Err(CodecError::TranscodedTooLarge {
            type_name: T::TYPE_NAME,
            limit,
        }),
        Err(source) => Err(CodecError::json(T::TYPE_NAME)(source)),
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

/// Decodes JSON text, bare or a frame's payload. JSON is self-describing, so it is read across
/// schema versions through serde.
pub(crate) fn decode_json<T: WireMessage>(json: &[u8]) -> Result<T, CodecError> {
    serde_json::from_slice(json).map_err(CodecError::json(T::TYPE_NAME))
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
    match payload_len(payload.len()) {
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
    let start = begin_frame(buf);
    match serde_json::to_writer(&mut *buf, message) {
        Ok(()) => finish_frame(
            buf,
            original_len,
            start,
            &const { &TypeMeta::of::<T>() }.json_prefix,
        ),
        Err(source) => Err(abandon_frame(
            buf,
            original_len,
            CodecError::json(T::TYPE_NAME)(source),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_lengths_beyond_u32_are_refused() {
        assert_eq!(payload_len(u32::MAX as usize).unwrap(), u32::MAX);
        let too_long = u32::MAX as usize + 1;
        assert!(matches!(
            payload_len(too_long),
            Err(CodecError::PayloadTooLarge { len }) if len == too_long
        ));
    }
}
