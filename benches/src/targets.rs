//! The performance targets, checked against a run's rows (small
//! `ChatMessage`, frames including the 16-byte header). They are reported, never asserted in
//! `cargo test`: this machine is shared and noisy.

use crate::cases::{impls, Operation};
use crate::report::Row;

/// One target and how the run did against it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Target {
    /// What is promised.
    pub description: &'static str,
    /// The measured figure, if the run measured both sides.
    pub measured: Option<f64>,
    /// The bound.
    pub limit: f64,
    /// Whether the measured figure must be at least (`true`) or at most (`false`) the bound.
    pub at_least: bool,
    /// Whether it was met; `None` when not measured.
    pub met: Option<bool>,
}

const SMALL: &str = "ChatMessage";
const LARGE: &str = "ChatMessage 4 KiB";

struct Lookup<'a>(&'a [Row]);

impl Lookup<'_> {
    fn row(&self, message: &str, operation: Operation, implementation: &str) -> Option<&Row> {
        self.0.iter().find(|row| {
            row.message == message
                && row.operation == operation
                && row.implementation == implementation
        })
    }

    fn ns(&self, message: &str, operation: Operation, implementation: &str) -> Option<f64> {
        self.row(message, operation, implementation)
            .map(|row| row.measurement.ns_per_op)
    }

    /// `a`'s time divided by `b`'s, on the small message.
    fn ratio(&self, a: (Operation, &str), b: (Operation, &str)) -> Option<f64> {
        Some(self.ns(SMALL, a.0, a.1)? / self.ns(SMALL, b.0, b.1)?)
    }
}

fn target(description: &'static str, measured: Option<f64>, limit: f64, at_least: bool) -> Target {
    let met = measured.map(|m| if at_least { m >= limit } else { m <= limit });
    Target {
        description,
        measured,
        limit,
        at_least,
        met,
    }
}

/// Checks every target the rows can answer.
pub fn check(rows: &[Row]) -> Vec<Target> {
    use Operation::{Decode, Encode, View};
    let l = Lookup(rows);
    let json_encode = (Encode, impls::SERDE_JSON);
    let json_decode = (Decode, impls::SERDE_JSON);
    let hybrid = |op| (op, impls::HYBRID);
    let rkyv_codec = |op| (op, impls::RKYV_CODEC);
    let inverse = |ratio: Option<f64>| ratio.map(|r| 1.0 / r);
    let pooled = (Encode, impls::POOLED);
    let mut targets = vec![
        target(
            "encode into a reused buffer ≥ 6× faster than serde_json::to_vec",
            inverse(l.ratio((Encode, impls::REUSED), json_encode)),
            6.0,
            true,
        ),
        target(
            "encode into a pooled buffer ≥ 6× faster than serde_json::to_vec",
            inverse(l.ratio(pooled, json_encode)),
            6.0,
            true,
        ),
        target(
            "encode into a reused buffer within 1.15× of raw rkyv with a reused buffer",
            l.ratio((Encode, impls::REUSED), (Encode, impls::RKYV_REUSED)),
            1.15,
            false,
        ),
        target(
            "same with a WireEncoder (reused arena, as raw rkyv's best practice)",
            l.ratio((Encode, impls::ENCODER), (Encode, impls::RKYV_REUSED)),
            1.15,
            false,
        ),
        target(
            "owned decode (from_wire) ≥ 4× faster than serde_json::from_slice",
            inverse(l.ratio(hybrid(Decode), json_decode)),
            4.0,
            true,
        ),
        target(
            "owned decode (from_wire) within 1.15× of rkyv::from_bytes",
            l.ratio(hybrid(Decode), (Decode, impls::RKYV_FROM_BYTES)),
            1.15,
            false,
        ),
        target(
            "validated view ≥ 10× faster than serde_json::from_slice",
            inverse(l.ratio(hybrid(View), json_decode)),
            10.0,
            true,
        ),
        target(
            "validated view within 1.2× of rkyv::access",
            l.ratio(hybrid(View), (View, impls::RKYV_ACCESS)),
            1.2,
            false,
        ),
        target(
            "allocating encode (to_wire) no slower than rkyv::to_bytes",
            l.ratio(hybrid(Encode), (Encode, impls::RKYV_TO_BYTES)),
            1.0,
            false,
        ),
        target(
            "allocating encode (to_wire) ≥ 2× faster than serde_json::to_vec",
            inverse(l.ratio(hybrid(Encode), json_encode)),
            2.0,
            true,
        ),
        target(
            "encode into a pooled buffer allocates nothing (allocations per encode)",
            l.row(SMALL, Encode, impls::POOLED)
                .map(|row| row.measurement.allocations_per_op),
            0.0,
            false,
        ),
        target(
            "view allocates nothing (allocations per view)",
            l.row(SMALL, View, impls::HYBRID)
                .map(|row| row.measurement.allocations_per_op),
            0.0,
            false,
        ),
        target(
            "owned decode allocates no more than rkyv::from_bytes (allocation ratio)",
            allocation_ratio(
                &l,
                (Decode, impls::HYBRID),
                (Decode, impls::RKYV_FROM_BYTES),
            ),
            1.0,
            false,
        ),
    ];
    for (op, what) in [
        (Encode, "HybridCodec ≤ 10% over RkyvCodec: encode"),
        (Decode, "HybridCodec ≤ 10% over RkyvCodec: decode"),
        (View, "HybridCodec ≤ 10% over RkyvCodec: view"),
    ] {
        targets.push(target(
            what,
            l.ratio(hybrid(op), rkyv_codec(op)),
            1.10,
            false,
        ));
    }
    targets.push(target(
        "metrics counting (timing off) costs ≤ 5% on encode_into",
        l.ratio((Encode, impls::RKYV_CODEC_INTO), (Encode, impls::UNCOUNTED)),
        1.05,
        false,
    ));
    for (implementation, what) in [
        (
            impls::REUSED,
            "4 KiB message: encode (reused buffer) within 2× of a memcpy of the frame",
        ),
        (
            impls::POOLED,
            "4 KiB message: encode (pooled) within 2× of a memcpy of the frame",
        ),
    ] {
        let ratio =
            || Some(l.ns(LARGE, Encode, implementation)? / l.ns(LARGE, Encode, impls::MEMCPY)?);
        targets.push(target(what, ratio(), 2.0, false));
    }
    targets
}

fn allocation_ratio(l: &Lookup, a: (Operation, &str), b: (Operation, &str)) -> Option<f64> {
    let allocations = |(op, name): (Operation, &str)| {
        l.row(SMALL, op, name)
            .map(|row| row.measurement.allocations_per_op)
    };
    Some(allocations(a)? / allocations(b)?.max(f64::MIN_POSITIVE))
}
