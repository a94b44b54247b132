//! Compression algorithms as the frame header names them (a leaf: what they do to bytes is
//! `codec/block.rs`).

use std::fmt;

/// The flag bits (0 and 1 of [`Header::flags`](crate::Header::flags)) that name a frame's
/// compression: `0b00` none, `0b01` lz4, `0b10` zstd; `0b11` is reserved and refused
/// ([`CodecError::UnknownCompression`](crate::CodecError::UnknownCompression)).
pub const COMPRESSION_FLAGS: u8 = 0b11;

/// A compression algorithm for frame payloads (see
/// [`CompressedCodec`](crate::CompressedCodec)). The header's flag bits 0–1 name it.
///
/// ```
/// use wiremsg::{Compression, CodecKind, Header};
/// let header = Header::new(CodecKind::Rkyv, 1, 1, 0, 10).with_compression(Some(Compression::Lz4));
/// assert_eq!(header.flags(), 0b01);
/// assert_eq!(Header::parse(&header.to_bytes()).unwrap().compression(), Some(Compression::Lz4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Compression {
    /// LZ4 block format (`lz4_flex`, safe Rust): fast, modest ratio. Flag bits `0b01`.
    Lz4,
    /// Zstandard: slower, better ratio. Flag bits `0b10`. Compressing and decompressing need
    /// wiremsg's `zstd` cargo feature; without it such frames are
    /// [`CodecError::CompressionUnavailable`](crate::CodecError::CompressionUnavailable).
    Zstd,
}

impl Compression {
    /// The header flag bits that stand for this algorithm.
    pub const fn flag_bits(self) -> u8 {
        match self {
            Compression::Lz4 => 0b01,
            Compression::Zstd => 0b10,
        }
    }

    /// The algorithm named by a flags byte's compression bits: `Ok(None)` for none, `Err` for
    /// the reserved value `0b11`.
    pub(crate) const fn from_flags(flags: u8) -> Result<Option<Compression>, ()> {
        match flags & COMPRESSION_FLAGS {
            0b00 => Ok(None),
            0b01 => Ok(Some(Compression::Lz4)),
            0b10 => Ok(Some(Compression::Zstd)),
            _ => Err(()),
        }
    }

    /// The lower-case name: `lz4` or `zstd`.
    pub const fn name(self) -> &'static str {
        match self {
            Compression::Lz4 => "lz4",
            Compression::Zstd => "zstd",
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
