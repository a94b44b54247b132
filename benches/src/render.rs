//! The report as Markdown tables (one per message) or as JSON.

use crate::cases::Operation;
use crate::report::{Report, Row};
use std::fmt::Write;

/// One Markdown table per message, then the targets.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Run of {} on {}; {}.\n",
        report.date, report.machine, report.settings
    );
    let mut messages: Vec<&str> = report.rows.iter().map(|row| row.message).collect();
    messages.dedup();
    for message in messages {
        let _ = writeln!(out, "### {message}\n");
        out.push_str(
            "| operation | implementation | ns/op | × faster than serde_json | × raw rkyv's time | allocs/op | bytes |\n",
        );
        out.push_str("|---|---|--:|--:|--:|--:|--:|\n");
        for operation in Operation::ALL {
            for row in report
                .rows
                .iter()
                .filter(|r| r.message == message && r.operation == operation)
            {
                out.push_str(&table_row(row));
            }
        }
        out.push('\n');
    }
    out.push_str("### Targets (small ChatMessage, frames include the 16-byte header)\n\n");
    out.push_str("| target | measured | bound | met |\n|---|--:|--:|---|\n");
    for target in &report.targets {
        let (measured, met) = match (target.measured, target.met) {
            (Some(m), Some(true)) => (format!("{m:.2}"), "yes"),
            (Some(m), _) => (format!("{m:.2}"), "**no**"),
            (None, _) => ("—".to_string(), "not measured"),
        };
        let bound = format!(
            "{} {}",
            if target.at_least { "≥" } else { "≤" },
            target.limit
        );
        let _ = writeln!(
            out,
            "| {} | {measured} | {bound} | {met} |",
            target.description
        );
    }
    out
}

fn table_row(row: &Row) -> String {
    let ratio = |r: Option<f64>| r.map_or_else(String::new, |r| format!("{r:.2}×"));
    format!(
        "| {} | {} | {:.1} | {} | {} | {:.2} | {} |\n",
        row.operation,
        row.implementation,
        row.measurement.ns_per_op,
        ratio(row.speedup_vs_serde_json),
        ratio(row.time_vs_raw_rkyv),
        row.measurement.allocations_per_op,
        row.encoded_bytes
            .map_or_else(String::new, |b| b.to_string()),
    )
}

/// The whole report as pretty JSON.
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("the report serializes")
}
