//! What [`metrics`](crate::metrics()) returns: per-kind counts, and the rates and differences
//! computed from them.

use crate::kind::CodecKind;
use std::time::Duration;

/// Codec metrics of all threads, per codec kind.
///
/// `json`, `rkyv` and `hybrid` count the work of [`JsonCodec`](crate::JsonCodec),
/// [`RkyvCodec`](crate::RkyvCodec) and [`HybridCodec`](crate::HybridCodec) (which `to_wire` and
/// `from_wire` use); a [`CompressedCodec`](crate::CompressedCodec) counts as the codec it wraps.
/// Zero-copy views are not counted as decodes (they are cheaper than the counting would be);
/// `alignment` counts how frames read through an [`Aligner`](crate::Aligner) were made readable.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PerformanceMetrics {
    /// [`JsonCodec`](crate::JsonCodec).
    pub json: CodecMetrics,
    /// [`RkyvCodec`](crate::RkyvCodec).
    pub rkyv: CodecMetrics,
    /// [`HybridCodec`](crate::HybridCodec), `to_wire` and `from_wire`.
    pub hybrid: CodecMetrics,
    /// Frames read zero-copy at whatever alignment they arrived
    /// ([`Aligner`](crate::Aligner), [`Router::on_view`](crate::Router::on_view)).
    pub alignment: AlignmentMetrics,
}

impl PerformanceMetrics {
    pub(super) const ZERO: PerformanceMetrics = PerformanceMetrics {
        json: CodecMetrics::ZERO,
        rkyv: CodecMetrics::ZERO,
        hybrid: CodecMetrics::ZERO,
        alignment: AlignmentMetrics::ZERO,
    };

    /// The metrics of one codec kind.
    pub fn get(&self, kind: CodecKind) -> &CodecMetrics {
        match kind {
            CodecKind::Json => &self.json,
            CodecKind::Rkyv => &self.rkyv,
            CodecKind::Hybrid => &self.hybrid,
        }
    }

    /// All codecs together.
    pub fn total(&self) -> CodecMetrics {
        self.json.plus(&self.rkyv).plus(&self.hybrid)
    }

    /// The share of encodes and decodes of all codecs that succeeded, from 0 to 1.
    pub fn success_rate(&self) -> f64 {
        self.total().success_rate()
    }

    /// The share of hybrid encodes that fell back to JSON, from 0 to 1.
    pub fn fallback_rate(&self) -> f64 {
        self.hybrid.fallback_rate()
    }

    /// What happened between `earlier` and this snapshot.
    pub fn since(&self, earlier: &PerformanceMetrics) -> PerformanceMetrics {
        PerformanceMetrics {
            json: self.json.minus(&earlier.json),
            rkyv: self.rkyv.minus(&earlier.rkyv),
            hybrid: self.hybrid.minus(&earlier.hybrid),
            alignment: self.alignment.minus(&earlier.alignment),
        }
    }
}

/// How frames were made readable zero-copy: read where they arrived, or copied once into aligned
/// space first because their payload was not 16-byte aligned (websocket and most transports'
/// buffers are not).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AlignmentMetrics {
    /// Frames read in place.
    pub in_place: u64,
    /// Frames copied into aligned space first.
    pub copied: u64,
    /// Bytes those copies moved.
    pub bytes_copied: u64,
}

impl AlignmentMetrics {
    const ZERO: AlignmentMetrics = AlignmentMetrics {
        in_place: 0,
        copied: 0,
        bytes_copied: 0,
    };

    fn minus(&self, earlier: &AlignmentMetrics) -> AlignmentMetrics {
        AlignmentMetrics {
            in_place: self.in_place.wrapping_sub(earlier.in_place),
            copied: self.copied.wrapping_sub(earlier.copied),
            bytes_copied: self.bytes_copied.wrapping_sub(earlier.bytes_copied),
        }
    }
}

/// Counts of one codec kind. Times are zero unless [`set_metrics_timing`](crate::set_metrics_timing) was on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodecMetrics {
    /// Successful encodes.
    pub encodes: u64,
    /// Successful decodes.
    pub decodes: u64,
    /// Encodes that returned an error.
    pub encode_failures: u64,
    /// Decodes that returned an error (bad input of any kind).
    pub decode_failures: u64,
    /// Hybrid encodes that wrote a JSON frame because rkyv failed (counted in `encodes` too).
    pub json_fallbacks: u64,
    /// Bytes written by successful encodes.
    pub bytes_encoded: u64,
    /// Input bytes of successful decodes.
    pub bytes_decoded: u64,
    /// Time spent encoding, while timing was on.
    pub encode_time: Duration,
    /// Time spent decoding, while timing was on.
    pub decode_time: Duration,
}

impl CodecMetrics {
    const ZERO: CodecMetrics = CodecMetrics {
        encodes: 0,
        decodes: 0,
        encode_failures: 0,
        decode_failures: 0,
        json_fallbacks: 0,
        bytes_encoded: 0,
        bytes_decoded: 0,
        encode_time: Duration::ZERO,
        decode_time: Duration::ZERO,
    };

    fn combine(&self, other: &CodecMetrics, op: fn(u64, u64) -> u64) -> CodecMetrics {
        let nanos = |a: Duration, b: Duration| {
            let to_u64 = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
            Duration::from_nanos(op(to_u64(a), to_u64(b)))
        };
        CodecMetrics {
            encodes: op(self.encodes, other.encodes),
            decodes: op(self.decodes, other.decodes),
            encode_failures: op(self.encode_failures, other.encode_failures),
            decode_failures: op(self.decode_failures, other.decode_failures),
            json_fallbacks: op(self.json_fallbacks, other.json_fallbacks),
            bytes_encoded: op(self.bytes_encoded, other.bytes_encoded),
            bytes_decoded: op(self.bytes_decoded, other.bytes_decoded),
            encode_time: nanos(self.encode_time, other.encode_time),
            decode_time: nanos(self.decode_time, other.decode_time),
        }
    }

    fn plus(&self, other: &CodecMetrics) -> CodecMetrics {
        self.combine(other, u64::wrapping_add)
    }

    fn minus(&self, other: &CodecMetrics) -> CodecMetrics {
        self.combine(other, u64::wrapping_sub)
    }

    /// The share of encodes and decodes that succeeded, from 0 to 1 (1 when there were none).
    pub fn success_rate(&self) -> f64 {
        let ok = self.encodes + self.decodes;
        ratio(ok, ok + self.encode_failures + self.decode_failures, 1.0)
    }

    /// The share of successful encodes that fell back to JSON, from 0 to 1 (0 when there were
    /// none).
    pub fn fallback_rate(&self) -> f64 {
        ratio(self.json_fallbacks, self.encodes, 0.0)
    }
}

fn ratio(part: u64, whole: u64, if_none: f64) -> f64 {
    if whole == 0 {
        if_none
    } else {
        part as f64 / whole as f64
    }
}
