//! Codec calls wrapped so that each is counted in the [metrics](crate::metrics()): the
//! operation, its bytes or its failure, and its time when timing is on.

use super::archive::EncodedFrame;
use super::frame_write::{appended_range, frame_start, FrameEnd};
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::metrics::{record_decode, record_encode, start_clock};
use rkyv::util::AlignedVec;
use std::ops::Range;

/// Runs an encode of a `kind` codec and records it. Not generic, reached through `encode`: its
/// callers (JSON encodes) take microseconds, and one copy then serves every message type in a
/// user's build.
pub(crate) fn metered_encode(
    kind: CodecKind,
    encode: &dyn Fn() -> Result<Vec<u8>, CodecError>,
) -> Result<Vec<u8>, CodecError> {
    let started = start_clock();
    let encoded = encode();
    record_encode(kind, encoded.as_ref().ok().map(Vec::len), started);
    encoded
}

/// Runs an encode of a whole frame by a `kind` codec and records it.
#[inline]
pub(crate) fn metered_frame(
    kind: CodecKind,
    encode: impl FnOnce() -> EncodedFrame,
) -> Result<Vec<u8>, CodecError> {
    let started = start_clock();
    let frame = encode();
    record_encode(kind, frame.as_ref().ok().map(Vec::len), started);
    frame.map_err(|error| *error)
}

/// Runs an append of a frame to `buf` by a `kind` codec and records it; returns the frame's
/// range.
#[inline]
pub(crate) fn metered_append(
    kind: CodecKind,
    buf: &mut AlignedVec,
    append: impl FnOnce(&mut AlignedVec) -> FrameEnd,
) -> Result<Range<usize>, CodecError> {
    let started = start_clock();
    let original_len = buf.len();
    let end = append(buf);
    let start = frame_start(original_len);
    record_encode(kind, end.as_ref().ok().map(|end| end - start), started);
    // Built last, straight into the caller's return slot, not copied there after the call.
    appended_range(original_len, end)
}

/// Runs an encode by a `kind` codec that writes its frame elsewhere (a `BytesMut`) and returns
/// the frame's length, and records it.
#[cfg(feature = "tokio")]
#[inline]
pub(crate) fn metered_write<E>(
    kind: CodecKind,
    write: impl FnOnce() -> Result<usize, E>,
) -> Result<usize, E> {
    let started = start_clock();
    let written = write();
    record_encode(kind, written.as_ref().ok().copied(), started);
    written
}

/// Runs a decode of `bytes` by a `kind` codec and records it.
#[inline]
pub(crate) fn metered_decode<T>(
    kind: CodecKind,
    bytes: &[u8],
    decode: impl FnOnce(&[u8]) -> Result<T, CodecError>,
) -> Result<T, CodecError> {
    let started = start_clock();
    let result = decode(bytes);
    record_decode(kind, result.is_ok().then_some(bytes.len()), started);
    result
}
