//! Frame building blocks the codecs share: header checks, JSON and rkyv payloads.

use crate::error::CodecError;
use crate::error::RkyvError;
use crate::header::{Header, HEADER_LEN};
use crate::kind::CodecKind;
use crate::message::{RkyvMessage, WireMessage};
use rkyv::ser::allocator::Arena;
use rkyv::ser::sharing::Share;
use rkyv::ser::Serializer;
use rkyv::util::AlignedVec;
use rkyv::validation::archive::ArchiveValidator;
use rkyv::validation::shared::SharedValidator;
use rkyv::validation::Validator;
use std::cell::RefCell;
use std::num::NonZeroUsize;
use std::ops::Range;

/// The alignment a payload needs for a zero-copy view, and the alignment of wiremsg's buffers.
pub(crate) const PAYLOAD_ALIGN: usize = 16;

/// The deepest nesting of pointers (boxes, vectors, strings inside them, ...) an rkyv payload may
/// have. Validation and deserialization recurse once per level, so without a limit a small hostile
/// payload could exhaust the stack; 128 matches serde_json's recursion limit for JSON.
pub const MAX_ARCHIVE_DEPTH: usize = 128;

/// Scratch space larger than this is released after an encode instead of kept for the next one,
/// so one huge message does not pin its memory to the thread for ever.
const SCRATCH_KEEP_BYTES: usize = 1 << 20;

/// Checks that a frame holds a `T`.
pub(crate) fn check_type<T: WireMessage>(header: &Header) -> Result<(), CodecError> {
    if header.type_id() == T::TYPE_ID {
        Ok(())
    } else {
        Err(CodecError::WrongType {
            expected: T::TYPE_ID,
            expected_name: T::TYPE_NAME,
            found: header.type_id(),
            found_name: crate::registry::registry()
                .get(header.type_id())
                .map(|entry| entry.name()),
        })
    }
}

/// Checks that an rkyv frame was written by this very layout of `T`.
fn check_rkyv_layout<T: WireMessage>(header: &Header) -> Result<(), CodecError> {
    if header.schema_version() != T::SCHEMA_VERSION {
        return Err(CodecError::SchemaVersionMismatch {
            type_name: T::TYPE_NAME,
            expected: T::SCHEMA_VERSION,
            found: header.schema_version(),
        });
    }
    if header.layout_fingerprint() != T::LAYOUT_FINGERPRINT {
        return Err(CodecError::LayoutMismatch {
            type_name: T::TYPE_NAME,
            schema_version: T::SCHEMA_VERSION,
            expected: T::LAYOUT_FINGERPRINT,
            found: header.layout_fingerprint(),
        });
    }
    Ok(())
}

fn payload_len(len: usize) -> Result<u32, CodecError> {
    u32::try_from(len).map_err(|_| CodecError::PayloadTooLarge { len })
}

/// Splits a frame and checks that it holds a `T`.
pub(crate) fn split_typed_frame<T: WireMessage>(
    bytes: &[u8],
) -> Result<(Header, &[u8]), CodecError> {
    let (header, payload) = Header::split_frame(bytes)?;
    check_type::<T>(&header)?;
    Ok((header, payload))
}

/// A JSON frame: header, then exactly `serde_json::to_vec(message)`.
pub(crate) fn encode_json_frame<T: WireMessage>(message: &T) -> Result<Vec<u8>, CodecError> {
    let mut frame = Vec::with_capacity(128);
    frame.extend_from_slice(&[0; HEADER_LEN]);
    serde_json::to_writer(&mut frame, message).map_err(CodecError::json(T::TYPE_NAME))?;
    let len = payload_len(frame.len() - HEADER_LEN)?;
    frame[..HEADER_LEN].copy_from_slice(&Header::for_message::<T>(CodecKind::Json, len).to_bytes());
    Ok(frame)
}

/// Decodes JSON text, bare or a frame's payload. JSON is self-describing, so it is read across
/// schema versions through serde.
pub(crate) fn decode_json<T: WireMessage>(json: &[u8]) -> Result<T, CodecError> {
    serde_json::from_slice(json).map_err(CodecError::json(T::TYPE_NAME))
}

/// Reusable space for rkyv encoding: the output buffer and rkyv's arena.
#[derive(Default)]
struct Scratch {
    buffer: AlignedVec,
    arena: Arena,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

impl Scratch {
    fn encode_frame<T: WireMessage + RkyvMessage>(
        &mut self,
        message: &T,
    ) -> Result<Vec<u8>, CodecError> {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        buffer.extend_from_slice(&[0; HEADER_LEN]);
        let mut buffer = rkyv::api::high::to_bytes_in_with_alloc::<_, _, RkyvError>(
            message,
            buffer,
            self.arena.acquire(),
        )
        .map_err(|source| CodecError::RkyvEncode {
            type_name: T::TYPE_NAME,
            source,
        })?;
        let len = payload_len(buffer.len() - HEADER_LEN)?;
        buffer[..HEADER_LEN]
            .copy_from_slice(&Header::for_message::<T>(CodecKind::Rkyv, len).to_bytes());
        let frame = buffer.to_vec();
        if buffer.capacity() <= SCRATCH_KEEP_BYTES {
            self.buffer = buffer;
        }
        if self.arena.capacity() > SCRATCH_KEEP_BYTES {
            self.arena = Arena::new();
        }
        Ok(frame)
    }
}

/// An rkyv frame, serialized into this thread's reused scratch space and copied out once at its
/// exact size.
pub fn encode_rkyv_frame<T: WireMessage + RkyvMessage>(message: &T) -> Result<Vec<u8>, CodecError> {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => scratch.encode_frame(message),
        // A message encoded from inside another's serialization: use fresh space.
        Err(_) => Scratch::default().encode_frame(message),
    })
}

/// Appends an rkyv frame to `buf` at the next 16-byte boundary, with this thread's reused arena;
/// returns the frame's range in `buf`. On error `buf` is left as it was.
pub fn encode_rkyv_frame_into<T: WireMessage + RkyvMessage>(
    message: &T,
    buf: &mut AlignedVec,
) -> Result<Range<usize>, CodecError> {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => append_rkyv_frame(message, buf, &mut scratch.arena),
        // A message encoded from inside another's serialization: use a fresh arena.
        Err(_) => append_rkyv_frame(message, buf, &mut Arena::new()),
    })
}

/// Serializes an rkyv frame in place at the end of `buf`: once `buf` and `arena` have grown to
/// fit, this allocates nothing.
fn append_rkyv_frame<T: WireMessage + RkyvMessage>(
    message: &T,
    buf: &mut AlignedVec,
    arena: &mut Arena,
) -> Result<Range<usize>, CodecError> {
    let original_len = buf.len();
    let start = original_len.next_multiple_of(PAYLOAD_ALIGN);
    buf.resize(start + HEADER_LEN, 0);
    // The serializer owns its writer: take `buf` and put it back even when serialization fails,
    // so the caller's earlier bytes are never lost.
    let mut serializer = Serializer::new(std::mem::take(buf), arena.acquire(), Share::new());
    let serialized = rkyv::api::serialize_using::<_, RkyvError>(message, &mut serializer);
    *buf = serializer.into_raw_parts().0;
    if arena.capacity() > SCRATCH_KEEP_BYTES {
        *arena = Arena::new();
    }
    let len = serialized
        .map_err(|source| CodecError::RkyvEncode {
            type_name: T::TYPE_NAME,
            source,
        })
        .and_then(|_| payload_len(buf.len() - start - HEADER_LEN));
    match len {
        Ok(len) => {
            buf[start..start + HEADER_LEN]
                .copy_from_slice(&Header::for_message::<T>(CodecKind::Rkyv, len).to_bytes());
            Ok(start..buf.len())
        }
        Err(error) => {
            buf.resize(original_len, 0);
            Err(error)
        }
    }
}

fn misalignment(bytes: &[u8]) -> usize {
    bytes.as_ptr() as usize % PAYLOAD_ALIGN
}

/// Validates an aligned rkyv payload, nesting at most [`MAX_ARCHIVE_DEPTH`] deep, and returns its
/// root, borrowed.
fn access<T: WireMessage + RkyvMessage>(payload: &[u8]) -> Result<&T::Archived, CodecError> {
    let mut validator = Validator::new(
        ArchiveValidator::with_max_depth(payload, NonZeroUsize::new(MAX_ARCHIVE_DEPTH)),
        SharedValidator::new(),
    );
    rkyv::api::access_with_context::<T::Archived, _, RkyvError>(payload, &mut validator).map_err(
        |source| CodecError::Validation {
            type_name: T::TYPE_NAME,
            source,
        },
    )
}

/// Decodes the payload of an rkyv frame whose type was checked: layout, validation, then an
/// owned value. Unaligned input is first copied into an aligned buffer.
pub fn decode_rkyv_payload<T: WireMessage + RkyvMessage>(
    header: &Header,
    payload: &[u8],
) -> Result<T, CodecError> {
    check_rkyv_layout::<T>(header)?;
    let deserialize = |aligned: &[u8]| {
        rkyv::deserialize::<T, RkyvError>(access::<T>(aligned)?).map_err(|source| {
            CodecError::RkyvDecode {
                type_name: T::TYPE_NAME,
                source,
            }
        })
    };
    if misalignment(payload) == 0 {
        deserialize(payload)
    } else {
        let mut aligned = AlignedVec::<PAYLOAD_ALIGN>::with_capacity(payload.len());
        aligned.extend_from_slice(payload);
        deserialize(&aligned)
    }
}

/// A validated zero-copy view of an rkyv frame of `T`.
pub(crate) fn view<T: WireMessage + RkyvMessage>(bytes: &[u8]) -> Result<&T::Archived, CodecError> {
    let (header, payload) = split_typed_frame::<T>(bytes)?;
    if header.codec() != CodecKind::Rkyv {
        return Err(CodecError::WrongCodec {
            codec: "a zero-copy view",
            found: header.codec(),
        });
    }
    check_rkyv_layout::<T>(&header)?;
    match misalignment(payload) {
        0 => access::<T>(payload),
        misalignment => Err(CodecError::Unaligned {
            required: PAYLOAD_ALIGN,
            misalignment,
        }),
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
