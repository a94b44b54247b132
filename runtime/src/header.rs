//! The 16-byte frame header. The byte-by-byte layout is documented in `docs/FORMAT.md`.

use crate::compression::{Compression, COMPRESSION_FLAGS};
use crate::error::CodecError;
use crate::kind::CodecKind;

/// The first byte of every frame. `0xC1` never begins a JSON text, nor valid UTF-8 (it could only
/// start an over-long two-byte sequence), so telling a frame from legacy bare JSON is exact.
pub const MAGIC: u8 = 0xC1;

/// The frame format version this build writes and reads. Version 2 added the header check byte
/// ([`header_check`]); version 1 frames, which have none, are refused.
pub const FORMAT_VERSION: u8 = 2;

/// The length of a frame header in bytes. A payload that follows it stays 16-byte aligned
/// whenever the frame buffer is.
pub const HEADER_LEN: usize = 16;

/// Header flag bits this build understands: the two compression bits
/// ([`COMPRESSION_FLAGS`]). The flags are the top six bits of header byte 2 ([`Header::flags`]
/// shifts them down); the other four are reserved, and a frame that sets one is refused rather
/// than misread.
pub const KNOWN_FLAGS: u8 = COMPRESSION_FLAGS;

/// Where the check byte sits in a header.
pub(crate) const CHECK_OFFSET: usize = 3;

/// The bits of header byte 2 that hold the codec; the flags are above them.
const CODEC_BITS: u8 = 0b11;
const FLAGS_SHIFT: u32 = 2;

/// The check byte of a header: CRC-8 (polynomial `0x1D`, initial value 0, not reflected, no
/// final XOR; "CRC-8/GSM-A") of its other 15 bytes in order, skipping byte 3, where the result
/// goes. Whatever `header[3]` holds is ignored.
///
/// Any change to one byte of a header (or to any two bits) changes its check, so a corrupted
/// codec, flags, length, type id or version byte is refused ([`CodecError::HeaderChecksum`])
/// instead of changing how the payload is read. It is a guard against accidents, not an
/// authenticator: anyone who can change the frame can recompute it (use TLS or a MAC).
///
/// ```
/// use wiremsg::{header_check, CodecKind, Header};
/// let mut bytes = Header::new(CodecKind::Rkyv, 7, 1, 0, 40).to_bytes();
/// assert_eq!(bytes[3], header_check(&bytes));
/// bytes[12] ^= 1; // one bit of the payload length
/// assert_ne!(bytes[3], header_check(&bytes));
/// assert!(Header::parse(&bytes).is_err());
/// ```
pub const fn header_check(header: &[u8; HEADER_LEN]) -> u8 {
    let mut state = 0;
    let mut i = 0;
    while i < HEADER_LEN {
        if i != CHECK_OFFSET {
            state = crc8_step(state, header[i]);
        }
        i += 1;
    }
    state
}

/// What the check byte of a header is made of apart from its payload length: the CRC state after
/// its first 12 bytes (byte 3 skipped), carried through 4 zero bytes. Every header of one type,
/// codec and flags shares it, so a frame of that type needs only [`check_with_len`] for its own
/// length.
pub(crate) const fn prefix_check_state(header: &[u8; HEADER_LEN]) -> u8 {
    let mut state = 0;
    let mut i = 0;
    while i < HEADER_LEN {
        let byte = if i < LEN_OFFSET { header[i] } else { 0 };
        if i != CHECK_OFFSET {
            state = crc8_step(state, byte);
        }
        i += 1;
    }
    state
}

/// The check byte of a header whose other bytes give `prefix_state` ([`prefix_check_state`])
/// and whose payload length is `payload_len`.
///
/// A CRC is linear: the length's part of it is the XOR of one table entry per length byte, and
/// looked up independently rather than byte after byte. A length under 64 KiB (every small
/// message) has two zero bytes, whose part is zero.
#[inline(always)]
pub(crate) fn check_with_len(prefix_state: u8, payload_len: u32) -> u8 {
    let [b12, b13, b14, b15] = payload_len.to_le_bytes();
    let low = prefix_state ^ LEN_TABLES[0][usize::from(b12)] ^ LEN_TABLES[1][usize::from(b13)];
    if payload_len >> 16 == 0 {
        low
    } else {
        low ^ LEN_TABLES[2][usize::from(b14)] ^ LEN_TABLES[3][usize::from(b15)]
    }
}

/// `LEN_TABLES[k][b]`: what byte `b` at offset `12 + k` of a header adds to its check byte
/// (the CRC of `b` followed by `3 - k` zero bytes).
static LEN_TABLES: [[u8; 256]; 4] = {
    let mut tables = [[0; 256]; 4];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 4 {
            let mut state = crc8_step(0, b as u8);
            let mut zeros = 0;
            while zeros < 3 - k {
                state = crc8_step(state, 0);
                zeros += 1;
            }
            tables[k][b] = state;
            k += 1;
        }
        b += 1;
    }
    tables
};

/// Where the payload length starts in a header.
const LEN_OFFSET: usize = 12;

#[inline(always)]
const fn crc8_step(state: u8, byte: u8) -> u8 {
    CRC8_TABLE[(state ^ byte) as usize]
}

const CRC8_POLY: u8 = 0x1D;

/// `CRC8_TABLE[i]` is the CRC of the single byte `i`.
const CRC8_TABLE: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u8;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 0x80 != 0 {
                (crc << 1) ^ CRC8_POLY
            } else {
                crc << 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
};

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

    /// Parses the header at the start of `bytes` (which may hold more than the header).
    ///
    /// Checks the magic byte, the format version, the check byte (a header with any one byte
    /// changed is [`CodecError::HeaderChecksum`]), the codec kind and the flags; the payload
    /// length is checked against the input by [`Header::split_frame`].
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
        let expected = header_check(head);
        if head[CHECK_OFFSET] != expected {
            return Err(CodecError::HeaderChecksum {
                found: head[CHECK_OFFSET],
                expected,
            });
        }
        let codec_bits = head[2] & CODEC_BITS;
        let codec = CodecKind::from_wire_byte(codec_bits)
            .ok_or(CodecError::UnknownCodec { found: codec_bits })?;
        let flags = head[2] >> FLAGS_SHIFT;
        if flags & !KNOWN_FLAGS != 0 {
            return Err(CodecError::UnsupportedFlags {
                found: flags,
                supported: KNOWN_FLAGS,
            });
        }
        if Compression::from_flags(flags).is_err() {
            return Err(CodecError::UnknownCompression {
                found: flags & COMPRESSION_FLAGS,
            });
        }
        Ok(Header {
            format_version: head[1],
            codec,
            flags,
            schema_version: u16::from_le_bytes([head[4], head[5]]),
            layout_fingerprint: u16::from_le_bytes([head[6], head[7]]),
            type_id: u32::from_le_bytes([head[8], head[9], head[10], head[11]]),
            payload_len: u32::from_le_bytes([head[12], head[13], head[14], head[15]]),
        })
    }

    /// The type id `bytes`' header claims, unchecked (`None` for input shorter than a header):
    /// enough to pick a handler, never to trust. Whoever then reads the frame checks the whole
    /// header, check byte first, so a corrupted id reaches a handler that refuses the frame.
    pub(crate) fn claimed_type_id(bytes: &[u8]) -> Option<u32> {
        let id = bytes.get(8..12)?;
        Some(u32::from_le_bytes([id[0], id[1], id[2], id[3]]))
    }

    /// The schema version `bytes`' header claims, unchecked, as [`Header::claimed_type_id`];
    /// for input a decoder has already checked.
    pub(crate) fn claimed_schema_version(bytes: &[u8]) -> Option<u16> {
        let version = bytes.get(4..6)?;
        Some(u16::from_le_bytes([version[0], version[1]]))
    }

    /// Whether `bytes`' header claims a JSON payload, unchecked, as
    /// [`Header::claimed_type_id`]: enough to pick between a view and a decode, both of which
    /// check the whole header.
    pub(crate) fn claims_json(bytes: &[u8]) -> bool {
        bytes.get(2).is_some_and(|&byte| {
            CodecKind::from_wire_byte(byte & CODEC_BITS) == Some(CodecKind::Json)
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

    /// The header's 16 bytes, with its check byte.
    pub const fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let schema = self.schema_version.to_le_bytes();
        let fingerprint = self.layout_fingerprint.to_le_bytes();
        let id = self.type_id.to_le_bytes();
        let len = self.payload_len.to_le_bytes();
        let codec = match self.codec.wire_byte() {
            Some(byte) => byte,
            None => 0,
        };
        let mut bytes = [
            MAGIC,
            self.format_version,
            codec | self.flags << FLAGS_SHIFT,
            0,
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
        ];
        bytes[CHECK_OFFSET] = header_check(&bytes);
        bytes
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

    /// The flag bits: bits 2–7 of header byte 2, shifted down (bits 0–1 name the compression).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bad_magic_error_names_the_magic_byte() {
        let message = Header::parse(&[0x7B; HEADER_LEN]).unwrap_err().to_string();
        assert!(
            message.ends_with(&format!("(expected {MAGIC:#04x})")),
            "{message}"
        );
    }

    #[test]
    fn the_check_of_a_length_agrees_with_the_whole_header_check() {
        let lengths = (0..70_000).step_by(7).chain([
            u32::MAX,
            u32::MAX - 1,
            1 << 16,
            1 << 24,
            0x0102_0304,
            0x00FF_FFFF,
        ]);
        for codec in [CodecKind::Json, CodecKind::Rkyv] {
            let prefix = Header::new(codec, 0xAE70_2C12, 3, 0xD23B, 0).to_bytes();
            let state = prefix_check_state(&prefix);
            for len in lengths.clone() {
                let whole = Header::new(codec, 0xAE70_2C12, 3, 0xD23B, len).to_bytes();
                assert_eq!(check_with_len(state, len), header_check(&whole), "{len}");
            }
        }
    }

    #[test]
    fn every_one_byte_change_of_a_header_changes_its_check() {
        let header = Header::new(CodecKind::Rkyv, 0x1234_5678, 1, 0xBEEF, 72).to_bytes();
        for offset in (0..HEADER_LEN).filter(|&i| i != CHECK_OFFSET) {
            for delta in 1..=u8::MAX {
                let mut changed = header;
                changed[offset] ^= delta;
                assert_ne!(
                    header_check(&changed),
                    header[CHECK_OFFSET],
                    "{offset} ^ {delta}"
                );
            }
        }
    }
}
