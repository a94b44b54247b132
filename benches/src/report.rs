//! A measured run of the matrix: one row per case, with its ratios to serde_json and raw rkyv.

use crate::cases::{self, Case, Operation};
use crate::measure::{measure, Measurement, Settings};
use crate::targets::{self, Target};

/// One measured case.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    /// The message's name.
    pub message: &'static str,
    /// What was measured.
    pub operation: Operation,
    /// Which implementation.
    pub implementation: &'static str,
    /// Time and allocations.
    #[serde(flatten)]
    pub measurement: Measurement,
    /// Encoded size in bytes, for encodings.
    pub encoded_bytes: Option<usize>,
    /// serde_json's time for the same work divided by this one's: above 1 is faster than JSON.
    pub speedup_vs_serde_json: Option<f64>,
    /// This case's time divided by raw rkyv's for the same work: 1.10 is 10% slower than rkyv.
    pub time_vs_raw_rkyv: Option<f64>,
}

/// A whole run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// The day of the run (UTC).
    pub date: String,
    /// CPU model and core count.
    pub machine: String,
    /// The measurement settings, in words.
    pub settings: String,
    /// Every measured case.
    pub rows: Vec<Row>,
    /// The performance targets, checked against the rows.
    pub targets: Vec<Target>,
}

/// Measures every case (or those whose `message/operation/implementation` contains `filter`),
/// calling `progress` after each.
pub fn run(settings: &Settings, filter: Option<&str>, mut progress: impl FnMut(&Row)) -> Report {
    let mut measured: Vec<(Case, Measurement)> = Vec::new();
    for mut case in cases::matching(filter) {
        let measurement = measure(&mut case, settings);
        measured.push((case, measurement));
    }
    let rows: Vec<Row> = measured
        .iter()
        .map(|(case, measurement)| {
            let time_of = |(operation, implementation): (Operation, &str)| {
                measured
                    .iter()
                    .find(|(c, _)| {
                        c.message == case.message
                            && c.operation == operation
                            && c.implementation == implementation
                    })
                    .map(|(_, m)| m.ns_per_op)
            };
            let json = time_of(case.operation.json_baseline());
            let rkyv = time_of(case.operation.rkyv_baseline());
            let row = Row {
                message: case.message,
                operation: case.operation,
                implementation: case.implementation,
                measurement: *measurement,
                encoded_bytes: case.encoded_bytes,
                speedup_vs_serde_json: json.map(|json| json / measurement.ns_per_op),
                time_vs_raw_rkyv: rkyv.map(|rkyv| measurement.ns_per_op / rkyv),
            };
            progress(&row);
            row
        })
        .collect();
    Report {
        date: today(),
        machine: machine(),
        settings: format!(
            "warm-up {:?}, median of {} samples of ≥{:?} each, one process",
            settings.warm_up, settings.samples, settings.sample_time
        ),
        targets: targets::check(&rows),
        rows,
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split(':').nth(1))
                .map(|model| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("{cpu}, {cores} cores")
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the Unix day count (Howard Hinnant's algorithm).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
