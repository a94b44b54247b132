//! A careful in-process measurement: warm-up, calibrated iterations, the median of many samples,
//! and heap allocations counted per operation.

use crate::cases::Case;
use std::time::{Duration, Instant};
use wiremsg_tests::alloc::measure as count_allocations;

/// How long and how often to measure.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Time spent running a case before any sample is taken.
    pub warm_up: Duration,
    /// The time one sample should take; iterations are calibrated to it.
    pub sample_time: Duration,
    /// Samples per case; the median is reported.
    pub samples: usize,
}

impl Settings {
    /// The default run: about 40 seconds for the whole matrix.
    pub const FULL: Settings = Settings {
        warm_up: Duration::from_millis(40),
        sample_time: Duration::from_millis(12),
        samples: 15,
    };
    /// A short run for CI and quick checks.
    pub const QUICK: Settings = Settings {
        warm_up: Duration::from_millis(5),
        sample_time: Duration::from_millis(2),
        samples: 11,
    };
}

/// What one case costs.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Measurement {
    /// Median nanoseconds per operation.
    pub ns_per_op: f64,
    /// Heap allocations per operation.
    pub allocations_per_op: f64,
    /// Heap bytes asked for per operation.
    pub allocated_bytes_per_op: f64,
}

/// Measures one case.
pub fn measure(case: &mut Case, settings: &Settings) -> Measurement {
    warm_up(case, settings.warm_up);
    let iterations = calibrate(case, settings.sample_time);
    let mut samples: Vec<f64> = (0..settings.samples)
        .map(|_| {
            let start = Instant::now();
            case.run(iterations);
            start.elapsed().as_nanos() as f64 / iterations as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let ((), allocations) = count_allocations(|| case.run(iterations));
    Measurement {
        ns_per_op: samples[samples.len() / 2],
        allocations_per_op: allocations.allocations as f64 / iterations as f64,
        allocated_bytes_per_op: allocations.bytes_allocated as f64 / iterations as f64,
    }
}

fn warm_up(case: &mut Case, time: Duration) {
    let start = Instant::now();
    let mut iterations = 1;
    while start.elapsed() < time {
        case.run(iterations);
        iterations = (iterations * 2).min(1 << 16);
    }
}

/// The iteration count whose run takes at least `time`.
fn calibrate(case: &mut Case, time: Duration) -> u64 {
    let mut iterations = 1u64;
    loop {
        let start = Instant::now();
        case.run(iterations);
        let elapsed = start.elapsed();
        if elapsed >= time || iterations >= 1 << 30 {
            return iterations;
        }
        let scale = time.as_secs_f64() / elapsed.as_secs_f64().max(1e-9);
        iterations = ((iterations as f64 * scale.clamp(1.5, 100.0)) as u64).max(iterations + 1);
    }
}
