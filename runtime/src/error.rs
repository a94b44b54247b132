//! The one error type of wiremsg.

use crate::compression::Compression;
use crate::kind::CodecKind;
use rkyv::rancor::{Source, Trace};
use std::fmt;

/// Everything that can go wrong while encoding or decoding a message.
///
/// Every variant says what was wrong and where; bad input of any kind ends in one of these, never
/// in a panic.
///
/// ```
/// use wiremsg::{CodecError, Header};
/// let err = Header::parse(&[0xC1, 1, 2]).unwrap_err();
/// assert!(matches!(err, CodecError::TruncatedHeader { available: 3 }));
/// assert_eq!(err.to_string(), "truncated frame header: a header is 16 bytes, the input holds 3");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodecError {
    /// The input holds no bytes at all.
    #[error("empty input: expected a wiremsg frame or a JSON text")]
    Empty,
    /// The input begins with the frame magic but is shorter than a header.
    #[error("truncated frame header: a header is 16 bytes, the input holds {available}")]
    TruncatedHeader {
        /// How many bytes the input holds.
        available: usize,
    },
    /// The first byte is not the frame magic.
    // 0xc1 is `MAGIC`, written out so the error type needs nothing of the header module (a
    // header test pins the two together).
    #[error("bad magic byte {found:#04x} at offset 0: not a wiremsg frame (expected 0xc1)")]
    BadMagic {
        /// The byte found at offset 0.
        found: u8,
    },
    /// The frame was written by a newer (or unknown) version of the wire format.
    #[error("unsupported frame format version {found} at offset 1 (this build reads version {supported})")]
    UnsupportedFormatVersion {
        /// The version byte found.
        found: u8,
        /// The version this build reads.
        supported: u8,
    },
    /// The header's check byte does not match its other bytes: one of them was changed on the
    /// way (see [`header_check`](crate::header_check)). Nothing the header says is trusted.
    #[error("corrupt frame header: its check byte at offset 3 is {found:#04x}, its other bytes give {expected:#04x}; the header was changed in transit")]
    HeaderChecksum {
        /// The check byte found.
        found: u8,
        /// The check byte the header's other bytes give.
        expected: u8,
    },
    /// The header's codec bits name no known payload format.
    #[error("unknown codec kind {found} in bits 0-1 of header byte 2 (known: 1 = json, 2 = rkyv)")]
    UnknownCodec {
        /// The codec bits found.
        found: u8,
    },
    /// The header's flags set bits this build does not understand.
    #[error("unsupported header flags {found:#08b} in bits 2-7 of header byte 2 (this build understands {supported:#08b})")]
    UnsupportedFlags {
        /// The flags found ([`Header::flags`](crate::Header::flags)).
        found: u8,
        /// The flag bits this build understands.
        supported: u8,
    },
    /// The header's compression bits hold the reserved value `0b11`.
    #[error("unknown compression {found:#04b} in bits 2-3 of header byte 2 (known: 0b00 none, 0b01 lz4, 0b10 zstd)")]
    UnknownCompression {
        /// The compression bits found.
        found: u8,
    },
    /// The frame is compressed with an algorithm this build was compiled without.
    #[error("the frame is {algorithm}-compressed, but this build has no {algorithm} support (enable wiremsg's `{algorithm}` cargo feature)")]
    CompressionUnavailable {
        /// The algorithm.
        algorithm: Compression,
    },
    /// A compressed payload declares an uncompressed length above the decompression limit.
    #[error("the {algorithm}-compressed payload declares {declared} bytes uncompressed, above the limit of {limit} bytes; refused before allocating")]
    DecompressedTooLarge {
        /// The algorithm.
        algorithm: Compression,
        /// The uncompressed length the payload declares.
        declared: u32,
        /// The limit in force.
        limit: usize,
    },
    /// A compressed payload is corrupt: it does not decompress to exactly its declared length.
    #[error("corrupt {algorithm}-compressed payload: {detail}")]
    Decompress {
        /// The algorithm.
        algorithm: Compression,
        /// What the decompressor found.
        detail: String,
    },
    /// The compressor failed (zstd reports errors such as an invalid level).
    #[error("{algorithm} compression failed: {detail}")]
    Compress {
        /// The algorithm.
        algorithm: Compression,
        /// The compressor's message.
        detail: String,
    },
    /// A zero-copy view was asked of a compressed frame: its archive exists only once
    /// decompressed.
    #[error("a zero-copy view of {type_name} cannot read a compressed frame: decode it instead")]
    CompressedView {
        /// The message type.
        type_name: &'static str,
    },
    /// The header declares more payload than the input holds.
    #[error("truncated payload: the header declares {declared} bytes, the input holds {available} after the header")]
    TruncatedPayload {
        /// Payload length from the header.
        declared: u32,
        /// Bytes available after the header.
        available: usize,
    },
    /// Bytes follow the payload the header declares.
    #[error("{extra} trailing bytes after the {declared}-byte payload the header declares")]
    TrailingBytes {
        /// Payload length from the header.
        declared: u32,
        /// How many bytes follow it.
        extra: usize,
    },
    /// An encoded payload does not fit the header's 32-bit length field.
    #[error("payload of {len} bytes is too large for a frame (at most {max} bytes)", max = u32::MAX)]
    PayloadTooLarge {
        /// The payload's length.
        len: usize,
    },
    /// The frame holds a different message type than the one asked for.
    #[error("wrong message type: expected {expected_name} (id {expected:#010x}), found id {found:#010x}{}", found_name.map(|n| format!(" ({n})")).unwrap_or_default())]
    WrongType {
        /// The type id asked for.
        expected: u32,
        /// The name of the type asked for.
        expected_name: &'static str,
        /// The type id in the frame.
        found: u32,
        /// The name of the type in the frame, where the global [`registry()`](crate::registry())
        /// knows it.
        found_name: Option<&'static str>,
    },
    /// Bare JSON, with no frame header, reached a [`Router`](crate::Router) that was not told
    /// which type old peers' JSON is.
    #[error("bare JSON (first byte {first_byte:#04x}) reached a Router that has no type for it: declare the type old peers send with Router::legacy_json::<T>()")]
    UnroutedLegacyJson {
        /// The input's first byte.
        first_byte: u8,
    },
    /// A frame's type id belongs to no registered type (and a router has no fallback).
    #[error("unknown message type id {type_id:#010x}: no registered type has it")]
    UnknownType {
        /// The type id in the frame.
        type_id: u32,
    },
    /// Two different types claim one type id, so a frame of that id could be either: it is
    /// refused rather than routed to a guess.
    #[error("type id {type_id:#010x} is claimed by two types: {first_name} ({first_type}) and {second_name} ({second_type}); give one of them another #[wire(name = \"...\")] or #[wire(id = N)]")]
    DuplicateTypeId {
        /// The contested id.
        type_id: u32,
        /// The message name of the type registered first.
        first_name: &'static str,
        /// Its Rust type, as `std::any::type_name` prints it.
        first_type: &'static str,
        /// The message name of the other type.
        second_name: &'static str,
        /// Its Rust type.
        second_type: &'static str,
    },
    /// Two different types, with different ids, claim one message name, so a look-up by name
    /// could be either.
    #[error("message name {name:?} is claimed by two types: {first_type} (id {first_id:#010x}) and {second_type} (id {second_id:#010x}); rename one with #[wire(name = \"...\")]")]
    DuplicateName {
        /// The contested name.
        name: &'static str,
        /// The type id of the type registered first.
        first_id: u32,
        /// Its Rust type, as `std::any::type_name` prints it.
        first_type: &'static str,
        /// The type id of the other type.
        second_id: u32,
        /// Its Rust type.
        second_type: &'static str,
    },
    /// An rkyv frame was written with another schema version of the type, and the type declares
    /// no migration from it.
    #[error("schema version mismatch for {type_name}: this build reads version {expected}, the rkyv frame holds version {found} (rkyv frames are read at their own version, or an older one the type declares #[wire(migrate_from = ...)] for; or send JSON frames across versions)")]
    SchemaVersionMismatch {
        /// The message type.
        type_name: &'static str,
        /// The receiver's schema version.
        expected: u16,
        /// The frame's schema version.
        found: u16,
    },
    /// A frame of an older version of the message decoded, but its conversion to the current
    /// version (the type's `TryFrom` of the older one) refused it.
    #[error("migration of {type_name} from version {from} to version {to} failed: {reason}")]
    Migration {
        /// The message type.
        type_name: &'static str,
        /// The version converted from.
        from: u16,
        /// The version converted to.
        to: u16,
        /// The conversion's error, as text.
        reason: String,
    },
    /// An rkyv frame was written by a type of a different shape under the same schema version.
    #[error("layout fingerprint mismatch for {type_name} at schema version {schema_version}: expected {expected:#06x}, found {found:#06x} (the type's fields changed without a version bump)")]
    LayoutMismatch {
        /// The message type.
        type_name: &'static str,
        /// The schema version both sides claim.
        schema_version: u16,
        /// The receiver's fingerprint.
        expected: u16,
        /// The frame's fingerprint.
        found: u16,
    },
    /// The codec asked cannot read a frame of this payload format.
    #[error("{codec} cannot read a {found} frame")]
    WrongCodec {
        /// The codec that was asked.
        codec: &'static str,
        /// The payload format in the frame.
        found: CodecKind,
    },
    /// An rkyv frame was asked of, or arrived for, a type without rkyv support (`codec = "json"`).
    #[error("{type_name} has no rkyv support (codec = \"json\"): it cannot be written or read as an rkyv frame")]
    RkyvUnsupported {
        /// The message type.
        type_name: &'static str,
    },
    /// A zero-copy view was asked of a payload that is not 16-byte aligned.
    #[error("unaligned input: a zero-copy view needs the payload at a multiple of {required} bytes, it sits {misalignment} bytes past one (read frames into an aligned buffer, or use decode, which copies)")]
    Unaligned {
        /// The alignment required.
        required: usize,
        /// The payload address modulo `required`.
        misalignment: usize,
    },
    /// rkyv validation rejected the payload: it is corrupt, hostile or of another layout.
    #[error("invalid rkyv payload for {type_name}: {source}")]
    Validation {
        /// The message type.
        type_name: &'static str,
        /// What the validator found.
        #[source]
        source: RkyvError,
    },
    /// rkyv could not serialize the value.
    #[error("rkyv could not serialize {type_name}: {source}")]
    RkyvEncode {
        /// The message type.
        type_name: &'static str,
        /// rkyv's error.
        #[source]
        source: RkyvError,
    },
    /// rkyv could not rebuild an owned value from a valid archive.
    #[error("rkyv could not deserialize {type_name}: {source}")]
    RkyvDecode {
        /// The message type.
        type_name: &'static str,
        /// rkyv's error.
        #[source]
        source: RkyvError,
    },
    /// A decoded value holds a sequence of zero-sized elements (`Vec<()>`, a vector of unit
    /// structs) longer than the limit: such elements take no bytes in an archive, so a few bytes
    /// can claim billions of them.
    #[error("{type_name} holds a sequence of {claimed} zero-sized elements, more than the limit of {limit} (Limits::with_max_zero_sized_elements)")]
    TooManyZeroSized {
        /// The message type.
        type_name: &'static str,
        /// How many elements the sequence claims.
        claimed: usize,
        /// The limit in force.
        limit: usize,
    },
    /// Transcoding a frame to JSON would produce more text than the limit.
    #[error("transcoding {type_name} to JSON stopped at the limit of {limit} bytes of text (Limits::with_max_transcoded)")]
    TranscodedTooLarge {
        /// The message type.
        type_name: &'static str,
        /// The limit in force.
        limit: usize,
    },
    /// A [`ZeroCopyBuffer`](crate::ZeroCopyBuffer) was asked for a frame past its end.
    #[error("frame index {index} is out of range: the buffer holds {len} frames")]
    IndexOutOfRange {
        /// The index asked for.
        index: usize,
        /// How many frames the buffer holds.
        len: usize,
    },
    /// The bytes after a frame in a buffer are not zero padding up to the next multiple of 16.
    #[error("bad padding at byte {offset} of the buffer: each frame is followed by zero bytes up to the next multiple of 16")]
    BadPadding {
        /// Where the first non-zero or missing padding byte is, from the buffer's start.
        offset: usize,
    },
    /// A frame of a received [`ZeroCopyBuffer`](crate::ZeroCopyBuffer) is bad.
    #[error("frame {index} at byte {offset} of the buffer: {source}")]
    InBuffer {
        /// The frame's index.
        index: usize,
        /// Where the frame starts, from the buffer's start.
        offset: usize,
        /// What is wrong with it.
        #[source]
        source: Box<CodecError>,
    },
    /// serde_json could not encode or decode the value.
    #[error("JSON error for {type_name}: {source}")]
    Json {
        /// The message type.
        type_name: &'static str,
        /// serde_json's error, with line and column for decoding errors.
        #[source]
        source: serde_json::Error,
    },
}

impl CodecError {
    /// Whether rkyv could not serve the value: it failed to serialize it, or the type has no rkyv
    /// support. Then a hybrid type sends a JSON frame instead.
    pub(crate) fn calls_for_json_fallback(&self) -> bool {
        matches!(
            self,
            CodecError::RkyvEncode { .. } | CodecError::RkyvUnsupported { .. }
        )
    }

    pub(crate) fn json(type_name: &'static str) -> impl FnOnce(serde_json::Error) -> CodecError {
        move |source| CodecError::Json { type_name, source }
    }
}

/// An error reported by rkyv, with every trace rkyv attached to it.
///
/// rkyv explains a failure as a base error plus traces ("while checking field `content`", "pushed
/// a subtree range that exceeded the maximum subtree depth"); this type keeps and prints them all,
/// in release builds too.
pub struct RkyvError {
    source: Box<dyn std::error::Error + Send + Sync + 'static>,
    traces: Vec<String>,
}

impl Source for RkyvError {
    fn new<T: std::error::Error + Send + Sync + 'static>(source: T) -> Self {
        RkyvError {
            source: Box::new(source),
            traces: Vec::new(),
        }
    }
}

impl Trace for RkyvError {
    fn trace<R>(mut self, trace: R) -> Self
    where
        R: fmt::Debug + fmt::Display + Send + Sync + 'static,
    {
        self.traces.push(trace.to_string());
        self
    }
}

impl fmt::Display for RkyvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        // A deep path repeats one trace per level: print each run once, with its count.
        let mut traces = self.traces.iter().peekable();
        while let Some(trace) = traces.next() {
            let mut repeats = 1;
            while traces.next_if_eq(&trace).is_some() {
                repeats += 1;
            }
            write!(f, "; {trace}")?;
            if repeats > 1 {
                write!(f, " (x{repeats})")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for RkyvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RkyvError")
            .field("source", &self.source)
            .field("traces", &self.traces)
            .finish()
    }
}

impl std::error::Error for RkyvError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}
