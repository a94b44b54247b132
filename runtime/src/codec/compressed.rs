//! [`CompressedCodec`]: compresses the payloads of another codec's frames.

use super::block;
use super::frame::TypeMeta;
use super::frame_read::split_typed_frame;
use super::Codec;
use crate::compression::Compression;
use crate::error::CodecError;
use crate::header::{Header, HEADER_LEN};
use crate::limits::Limits;
use crate::message::WireMessage;
use rkyv::util::AlignedVec;

/// Payloads up to this many bytes are sent uncompressed by default: below it, LZ4 saves too few
/// bytes to pay for its time (measured in `docs/DESIGN.md`).
pub const DEFAULT_COMPRESSION_THRESHOLD: usize = 512;

/// The zstd level used by default (zstd's own default).
pub const DEFAULT_ZSTD_LEVEL: i32 = 3;

/// The length prefix of a compressed payload: the uncompressed length, `u32` little-endian.
const LEN_PREFIX: usize = 4;

/// Wraps a codec and compresses the payload of each frame it writes, when that pays.
///
/// A payload longer than the [threshold](CompressedCodec::with_threshold) is compressed with the
/// chosen [`Compression`] (LZ4 by default); the frame keeps its header, with the compression flag
/// bits set, and its payload becomes the uncompressed length (`u32` LE) followed by the
/// compressed bytes. If compression does not make the payload smaller, the frame is sent as it
/// was. Bare JSON (`JsonCodec::encode`) has no header to flag and passes through unchanged.
///
/// Decoding reads compressed and plain frames alike. The declared length is checked against the
/// [limit](CompressedCodec::with_max_decompressed) (default 64 MiB) *before* anything is
/// allocated, so a small hostile frame cannot claim gigabytes. [`HybridCodec`](crate::HybridCodec)
/// (and so `from_wire`), [`RkyvCodec`](crate::RkyvCodec) and [`JsonCodec`](crate::JsonCodec) read
/// compressed frames too, with the default limit; a zero-copy `view` cannot
/// ([`CodecError::CompressedView`]).
///
/// ```
/// use wiremsg::{Codec, CompressedCodec, Compression, Header, HybridCodec, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Log {
///     lines: Vec<String>,
/// }
///
/// let log = Log { lines: vec!["GET /index.html 200".to_string(); 100] };
/// let codec = CompressedCodec::new(HybridCodec::new());
/// let frame = codec.encode(&log)?;
/// assert_eq!(Header::parse(&frame)?.compression(), Some(Compression::Lz4));
/// assert!(frame.len() < log.to_wire()?.len() / 4);
/// let decoded: Log = codec.decode(&frame)?;
/// assert_eq!(decoded, log);
/// assert_eq!(Log::from_wire(&frame)?, log); // the header tells: any reader decompresses
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
#[derive(Debug, Clone)]
pub struct CompressedCodec<C> {
    inner: C,
    algorithm: Compression,
    threshold: usize,
    limits: Limits,
    zstd_level: i32,
}

impl<C> CompressedCodec<C> {
    /// Compresses `inner`'s frames with LZ4 above [`DEFAULT_COMPRESSION_THRESHOLD`] bytes.
    pub const fn new(inner: C) -> CompressedCodec<C> {
        CompressedCodec {
            inner,
            algorithm: Compression::Lz4,
            threshold: DEFAULT_COMPRESSION_THRESHOLD,
            limits: Limits::DEFAULT,
            zstd_level: DEFAULT_ZSTD_LEVEL,
        }
    }

    /// Compresses with zstd at `level` instead (needs the `zstd` feature).
    #[cfg(feature = "zstd")]
    pub const fn zstd(inner: C, level: i32) -> CompressedCodec<C> {
        let mut codec = CompressedCodec::new(inner);
        codec.algorithm = Compression::Zstd;
        codec.zstd_level = level;
        codec
    }

    /// Compresses only payloads longer than `bytes` bytes.
    pub const fn with_threshold(mut self, bytes: usize) -> Self {
        self.threshold = bytes;
        self
    }

    /// Refuses to decompress a payload declaring more than `bytes` bytes
    /// ([`CodecError::DecompressedTooLarge`]).
    pub const fn with_max_decompressed(mut self, bytes: usize) -> Self {
        self.limits = self.limits.with_max_decompressed(bytes);
        self
    }

    /// Decompresses within `limits` (the wrapped codec keeps its own for the rest of the decode).
    pub const fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The wrapped codec.
    pub const fn inner(&self) -> &C {
        &self.inner
    }

    /// Compresses the payload of `frame`, if it is a plain frame over the threshold and
    /// compression makes it smaller; otherwise returns it unchanged.
    fn compress_frame(&self, frame: Vec<u8>) -> Result<Vec<u8>, CodecError> {
        let Ok((header, payload)) = Header::split_frame(&frame) else {
            return Ok(frame); // bare JSON: nothing to flag
        };
        if header.compression().is_some() || payload.len() <= self.threshold {
            return Ok(frame);
        }
        let compressed = block::compress(self.algorithm, payload, self.zstd_level)?;
        let compressed_len = LEN_PREFIX + compressed.len();
        if compressed_len >= payload.len() {
            return Ok(frame); // incompressible: keep the plain frame
        }
        // A plain frame's payload fits in u32, and the compressed one is smaller still.
        let (plain_len, compressed_len) = (header.payload_len(), compressed_len as u32);
        let header = header
            .with_compression(Some(self.algorithm))
            .with_payload_len(compressed_len);
        let mut out = Vec::with_capacity(HEADER_LEN + compressed_len as usize);
        out.extend_from_slice(&header.to_bytes());
        out.extend_from_slice(&plain_len.to_le_bytes());
        out.extend_from_slice(&compressed);
        Ok(out)
    }
}

impl<T: WireMessage, C: Codec<T>> Codec<T> for CompressedCodec<C> {
    /// Encodes with the inner codec, then compresses the payload when it pays.
    fn encode(&self, message: &T) -> Result<Vec<u8>, CodecError> {
        self.compress_frame(self.inner.encode(message)?)
    }

    /// Decompresses a compressed frame of `T` (within the limit), then decodes with the inner
    /// codec; anything else goes to the inner codec as it is.
    fn decode(&self, bytes: &[u8]) -> Result<T, CodecError> {
        if !Header::is_frame(bytes) {
            return self.inner.decode(bytes);
        }
        let (header, payload) = split_typed_frame(bytes, const { &TypeMeta::of::<T>() })?;
        match header.compression() {
            None => self.inner.decode(bytes),
            Some(algorithm) => {
                let (_, plain) =
                    decompress_frame(&header, algorithm, payload, self.limits.max_decompressed())?;
                self.inner.decode(&plain)
            }
        }
    }

    fn content_type(&self) -> &'static str {
        self.inner.content_type()
    }
}

/// Rebuilds the plain frame of a compressed one: its header without the compression bits, then
/// the decompressed payload, in an aligned buffer (so it can be viewed); returns that header and
/// the frame. The declared length is checked against `limit` before anything is allocated.
pub(crate) fn decompress_frame(
    header: &Header,
    algorithm: Compression,
    payload: &[u8],
    limit: usize,
) -> Result<(Header, AlignedVec), CodecError> {
    let Some((prefix, compressed)) = payload.split_first_chunk::<LEN_PREFIX>() else {
        return Err(CodecError::Decompress {
            algorithm,
            detail: format!(
                "the payload is {} bytes, shorter than its 4-byte length prefix",
                payload.len()
            ),
        });
    };
    let declared = u32::from_le_bytes(*prefix);
    // Every check that can refuse the frame comes before anything is allocated for it.
    if !block::available(algorithm) {
        return Err(CodecError::CompressionUnavailable { algorithm });
    }
    if declared as usize > limit {
        return Err(CodecError::DecompressedTooLarge {
            algorithm,
            declared,
            limit,
        });
    }
    let max = block::max_decompressed(algorithm, compressed.len());
    if declared as usize > max {
        // A small frame must not make the decoder allocate what it cannot possibly fill.
        return Err(CodecError::Decompress {
            algorithm,
            detail: format!(
                "{} compressed bytes declare {declared} bytes uncompressed, more than {algorithm} can expand to ({max}); refused before allocating",
                compressed.len()
            ),
        });
    }
    let plain_header = header.with_compression(None).with_payload_len(declared);
    let mut plain = AlignedVec::with_capacity(HEADER_LEN + declared as usize);
    plain.extend_from_slice(&plain_header.to_bytes());
    plain.resize(HEADER_LEN + declared as usize, 0);
    block::decompress_exact(algorithm, compressed, &mut plain[HEADER_LEN..])?;
    Ok((plain_header, plain))
}
