//! The raw block functions of each [`Compression`] algorithm, for
//! [`CompressedCodec`](super::CompressedCodec): payloads compressed without a length prefix and
//! decompressed into a buffer of exactly the declared length.

use crate::compression::Compression;
use crate::error::CodecError;
use std::fmt;

/// Compresses `input` (no length prefix).
pub(super) fn compress(
    algorithm: Compression,
    input: &[u8],
    zstd_level: i32,
) -> Result<Vec<u8>, CodecError> {
    match algorithm {
        Compression::Lz4 => Ok(lz4_flex::block::compress(input)),
        Compression::Zstd => zstd_compress(input, zstd_level),
    }
}

/// The most bytes `compressed_len` compressed bytes can decompress to, by the format: an LZ4
/// block yields at most 255 bytes per input byte (a length-extension byte adds 255 to a match; a
/// bare three-byte sequence yields at most 19). A zstd frame is blocks of at most 128 KiB each,
/// none shorter than 4 bytes (a 3-byte block header and, for a run-length block, its one byte),
/// behind a frame header of 6 bytes or more: at most 32 KiB per input byte.
pub(super) const fn max_decompressed(algorithm: Compression, compressed_len: usize) -> usize {
    match algorithm {
        Compression::Lz4 => compressed_len.saturating_mul(255),
        Compression::Zstd => compressed_len.saturating_mul(32 << 10),
    }
}

/// Whether this build can decompress the algorithm (zstd needs the `zstd` feature).
pub(super) const fn available(algorithm: Compression) -> bool {
    match algorithm {
        Compression::Lz4 => true,
        Compression::Zstd => cfg!(feature = "zstd"),
    }
}

/// Decompresses `input` into `output`, which has exactly the expected length; fails unless the
/// output fills it exactly.
pub(super) fn decompress_exact(
    algorithm: Compression,
    input: &[u8],
    output: &mut [u8],
) -> Result<(), CodecError> {
    let written = match algorithm {
        Compression::Lz4 => {
            lz4_flex::block::decompress_into(input, output).map_err(|e| corrupt(algorithm, e))?
        }
        Compression::Zstd => zstd_decompress(input, output)?,
    };
    if written == output.len() {
        Ok(())
    } else {
        Err(corrupt(
            algorithm,
            format!(
                "it holds {written} bytes, its length prefix says {}",
                output.len()
            ),
        ))
    }
}

fn corrupt(algorithm: Compression, detail: impl fmt::Display) -> CodecError {
    CodecError::Decompress {
        algorithm,
        detail: detail.to_string(),
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
    zstd::bulk::decompress_to_buffer(input, output).map_err(|e| corrupt(Compression::Zstd, e))
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
