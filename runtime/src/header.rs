//! The 16-byte frame header. The byte-by-byte layout is documented in `docs/FORMAT.md`.

use crate::compression::Compression;
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::message::WireMessage;

/// The first byte of every frame. `0xC1` never begins a JSON text, nor valid UTF-8 (it could only
/// start an over-long two-byte sequence), so telling a frame from legacy bare JSON is exact.
pub const MAGIC: u8 = 0xC1;

/// The frame format version this build writes and reads.
pub const FORMAT_VERSION: u8 = 1;

/// The length of a frame header in bytes. A payload that follows it stays 16-byte aligned
/// whenever the frame buffer is.
pub const HEADER_LEN: usize = 16;

/// Header flag bits this build understands: the two compression bits
/// ([`COMPRESSION_FLAGS`]). The other six are reserved, and a frame that sets one is refused
/// rather than misread.
pub const KNOWN_FLAGS: u8 = COMPRESSION_FLAGS;

/// The flag bits (0 and 1) that name a frame's compression: `0b00` none, `0b01` lz4, `0b10`
/// zstd; `0b11` is reserved and refused ([`CodecError::UnknownCompression`]).
pub const COMPRESSION_FLAGS: u8 = 0b11;

/// A parsed frame header: what the payload is, for which type and schema, and how long it is.
///
/// ```
/// use wiremsg::{CodecKind, Header};
/// let header = Header::new(CodecKind::Rkyv, 0xDEAD_BEEF, 3, 0x1234, 40);
/// let bytes = header.to_bytes();
/// assert_eq!(bytes.len(), 16);
/// let parsed = Header::parse(&bytes).unwrap();
/// assert_eq!(parsed, header);
/// assert_eq!(parsed.type_id(), 0xDEAD_BEEF);
/// assert_eq!(parsed.codec(), CodecKind::Rkyv);
/// assert_eq!(parsed.payload_len(), 40);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Header {
    format_version: u8,
    codec: CodecKind,
    flags: u8,
    schema_version: u16,
    layout_fingerprint: u16,
    type_id: u32,
    payload_len: u32,
}

impl Header {
    /// A header of the current format version with no flags set.
    ///
    /// `codec` names the payload format; [`CodecKind::Hybrid`], a strategy rather than a format,
    /// is written as [`CodecKind::Rkyv`].
    pub const fn new(
        codec: CodecKind,
        type_id: u32,
        schema_version: u16,
        layout_fingerprint: u16,
        payload_len: u32,
    ) -> Header {
        let codec = match codec {
            CodecKind::Hybrid => CodecKind::Rkyv,
            other => other,
        };
        Header {
            format_version: FORMAT_VERSION,
            codec,
            flags: 0,
            schema_version,
            layout_fingerprint,
            type_id,
            payload_len,
        }
    }

    /// The header of a `T` frame whose payload is `codec` and `payload_len` bytes long.
    pub const fn for_message<T: WireMessage>(codec: CodecKind, payload_len: u32) -> Header {
        Header::new(
            codec,
            T::TYPE_ID,
            T::SCHEMA_VERSION,
            T::LAYOUT_FINGERPRINT,
            payload_len,
        )
    }

    /// Parses the header at the start of `bytes` (which may hold more than the header).
    ///
    /// Checks the magic byte, the format version, the codec kind and the flags; the payload length
    /// is checked against the input by [`Header::split_frame`].
    pub fn parse(bytes: &[u8]) -> Result<Header, CodecError> {
        let Some(head) = bytes.first_chunk::<HEADER_LEN>() else {
            return Err(match bytes.first() {
                None => CodecError::Empty,
                Some(&MAGIC) => CodecError::TruncatedHeader {
                    available: bytes.len(),
                },
                Some(&found) => CodecError::BadMagic { found },
            });
        };
        if head[0] != MAGIC {
            return Err(CodecError::BadMagic { found: head[0] });
        }
        if head[1] != FORMAT_VERSION {
            return Err(CodecError::UnsupportedFormatVersion {
                found: head[1],
                supported: FORMAT_VERSION,
            });
        }
        let codec = CodecKind::from_wire_byte(head[2])
            .ok_or(CodecError::UnknownCodec { found: head[2] })?;
        if head[3] & !KNOWN_FLAGS != 0 {
            return Err(CodecError::UnsupportedFlags {
                found: head[3],
                supported: KNOWN_FLAGS,
            });
        }
        if Compression::from_flags(head[3]).is_err() {
            return Err(CodecError::UnknownCompression {
                found: head[3] & COMPRESSION_FLAGS,
            });
        }
        Ok(Header {
            format_version: head[1],
            codec,
            flags: head[3],
            schema_version: u16::from_le_bytes([head[4], head[5]]),
            layout_fingerprint: u16::from_le_bytes([head[6], head[7]]),
            type_id: u32::from_le_bytes([head[8], head[9], head[10], head[11]]),
            payload_len: u32::from_le_bytes([head[12], head[13], head[14], head[15]]),
        })
    }

    /// Parses a whole frame: the header, then exactly the payload it declares.
    ///
    /// A shorter input is [`CodecError::TruncatedPayload`], a longer one
    /// [`CodecError::TrailingBytes`]: rkyv finds its root at the end of the bytes it is given, so
    /// a payload must never be guessed.
    ///
    /// ```
    /// use wiremsg::{CodecError, CodecKind, Header};
    /// let mut frame = Header::new(CodecKind::Json, 7, 1, 0, 2).to_bytes().to_vec();
    /// frame.extend_from_slice(b"{}");
    /// let (header, payload) = Header::split_frame(&frame).unwrap();
    /// assert_eq!((header.type_id(), payload), (7, &b"{}"[..]));
    /// frame.push(b' ');
    /// assert!(matches!(Header::split_frame(&frame), Err(CodecError::TrailingBytes { extra: 1, .. })));
    /// ```
    pub fn split_frame(bytes: &[u8]) -> Result<(Header, &[u8]), CodecError> {
        let (header, payload, rest) = Header::split_first_frame(bytes)?;
        if !rest.is_empty() {
            return Err(CodecError::TrailingBytes {
                declared: header.payload_len,
                extra: rest.len(),
            });
        }
        Ok((header, payload))
    }

    /// Splits the frame at the start of `bytes` off what follows it: its header, exactly the
    /// payload the header declares, and the rest of the input (a stream, a padded buffer).
    pub(crate) fn split_first_frame(bytes: &[u8]) -> Result<(Header, &[u8], &[u8]), CodecError> {
        let header = Header::parse(bytes)?;
        let body = &bytes[HEADER_LEN..];
        let declared = header.payload_len;
        // Compared without adding to the header length: 16 + u32::MAX overflows a 32-bit usize.
        if body.len() < declared as usize {
            return Err(CodecError::TruncatedPayload {
                declared,
                available: body.len(),
            });
        }
        let (payload, rest) = body.split_at(declared as usize);
        Ok((header, payload, rest))
    }

    /// Whether `bytes` begins like a frame (its first byte is [`MAGIC`]). Exact, not a guess:
    /// no JSON text can begin with that byte.
    pub fn is_frame(bytes: &[u8]) -> bool {
        bytes.first() == Some(&MAGIC)
    }

    /// The header's 16 bytes.
    pub const fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let schema = self.schema_version.to_le_bytes();
        let fingerprint = self.layout_fingerprint.to_le_bytes();
        let id = self.type_id.to_le_bytes();
        let len = self.payload_len.to_le_bytes();
        let codec = match self.codec.wire_byte() {
            Some(byte) => byte,
            None => 0,
        };
        [
            MAGIC,
            self.format_version,
            codec,
            self.flags,
            schema[0],
            schema[1],
            fingerprint[0],
            fingerprint[1],
            id[0],
            id[1],
            id[2],
            id[3],
            len[0],
            len[1],
            len[2],
            len[3],
        ]
    }

    /// Returns this header with another payload length.
    pub const fn with_payload_len(mut self, payload_len: u32) -> Header {
        self.payload_len = payload_len;
        self
    }

    /// The message type id.
    pub const fn type_id(&self) -> u32 {
        self.type_id
    }

    /// The schema version of the type that wrote the frame.
    pub const fn schema_version(&self) -> u16 {
        self.schema_version
    }

    /// What the payload is: [`CodecKind::Json`] or [`CodecKind::Rkyv`].
    pub const fn codec(&self) -> CodecKind {
        self.codec
    }

    /// The frame format version.
    pub const fn format_version(&self) -> u8 {
        self.format_version
    }

    /// The flags byte.
    pub const fn flags(&self) -> u8 {
        self.flags
    }

    /// How the payload is compressed, or `None` (see
    /// [`CompressedCodec`](crate::CompressedCodec)).
    pub const fn compression(&self) -> Option<Compression> {
        match Compression::from_flags(self.flags) {
            Ok(compression) => compression,
            // `parse` refuses the reserved value and `with_compression` cannot write it.
            Err(()) => None,
        }
    }

    /// Returns this header with its compression bits set to `compression`.
    pub const fn with_compression(mut self, compression: Option<Compression>) -> Header {
        let bits = match compression {
            Some(compression) => compression.flag_bits(),
            None => 0,
        };
        self.flags = (self.flags & !COMPRESSION_FLAGS) | bits;
        self
    }

    /// The layout fingerprint of the type that wrote the frame.
    pub const fn layout_fingerprint(&self) -> u16 {
        self.layout_fingerprint
    }

    /// The payload length in bytes.
    pub const fn payload_len(&self) -> u32 {
        self.payload_len
    }
}
