//! Compression algorithms as the frame header names them, and their raw block functions.

use crate::error::CodecError;
use crate::header::COMPRESSION_FLAGS;
use std::fmt;

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
    /// [`CodecError::CompressionUnavailable`].
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

    /// Compresses `input` (no length prefix).
    pub(crate) fn compress(self, input: &[u8], zstd_level: i32) -> Result<Vec<u8>, CodecError> {
        match self {
            Compression::Lz4 => Ok(lz4_flex::block::compress(input)),
            Compression::Zstd => zstd_compress(input, zstd_level),
        }
    }

    /// The most bytes `compressed_len` compressed bytes can decompress to, by the format: an
    /// LZ4 block yields at most 255 bytes per input byte (a length-extension byte adds 255 to a
    /// match; a bare three-byte sequence yields at most 19). A zstd frame is blocks of at most
    /// 128 KiB each, none shorter than 4 bytes (a 3-byte block header and, for a run-length
    /// block, its one byte), behind a frame header of 6 bytes or more: at most 32 KiB per input
    /// byte.
    pub(crate) const fn max_decompressed(self, compressed_len: usize) -> usize {
        match self {
            Compression::Lz4 => compressed_len.saturating_mul(255),
            Compression::Zstd => compressed_len.saturating_mul(32 << 10),
        }
    }

    /// Whether this build can decompress the algorithm (zstd needs the `zstd` feature).
    pub(crate) const fn available(self) -> bool {
        match self {
            Compression::Lz4 => true,
            Compression::Zstd => cfg!(feature = "zstd"),
        }
    }

    /// Decompresses `input` into `output`, which has exactly the expected length; fails unless
    /// the output fills it exactly.
    pub(crate) fn decompress_exact(
        self,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<(), CodecError> {
        let written = match self {
            Compression::Lz4 => {
                lz4_flex::block::decompress_into(input, output).map_err(|e| self.corrupt(e))?
            }
            Compression::Zstd => zstd_decompress(input, output)?,
        };
        if written == output.len() {
            Ok(())
        } else {
            Err(self.corrupt(format!(
                "it holds {written} bytes, its length prefix says {}",
                output.len()
            )))
        }
    }

    fn corrupt(self, detail: impl fmt::Display) -> CodecError {
        CodecError::Decompress {
            algorithm: self,
            detail: detail.to_string(),
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(feature = "zstd")]
fn zstd_compress(input: &[u8], level: i32) -> Result<Vec<u8>, CodecError> {
    zstd::bulk::compress(input, level).map_err(|e| CodecError::Compress {
        algorithm: Compression::Zstd,
        detail: e.to_string(),
    })
}

#[cfg(feature = "zstd")]
fn zstd_decompress(input: &[u8], output: &mut [u8]) -> Result<usize, CodecError> {
    zstd::bulk::decompress_to_buffer(input, output).map_err(|e| Compression::Zstd.corrupt(e))
}

#[cfg(not(feature = "zstd"))]
fn zstd_compress(_: &[u8], _: i32) -> Result<Vec<u8>, CodecError> {
    Err(CodecError::CompressionUnavailable {
        algorithm: Compression::Zstd,
    })
}

#[cfg(not(feature = "zstd"))]
fn zstd_decompress(_: &[u8], _: &mut [u8]) -> Result<usize, CodecError> {
    Err(CodecError::CompressionUnavailable {
        algorithm: Compression::Zstd,
    })
}
