//! An SVG bar chart of every implementation's speed-up over serde_json on one message.

use crate::report::Report;
use plotters::prelude::*;
use std::path::Path;

/// Draws, for `message`, one horizontal bar per (operation, implementation): how many times
/// faster than serde_json it is at the same work.
pub fn speedups(
    report: &Report,
    message: &str,
    path: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let bars: Vec<(String, f64)> = report
        .rows
        .iter()
        .filter(|row| {
            row.message == message && row.implementation != crate::cases::impls::SERDE_JSON
        })
        .filter_map(|row| {
            let speedup = row.speedup_vs_serde_json?;
            Some((
                format!("{}: {}", row.operation, row.implementation),
                speedup,
            ))
        })
        .collect();
    let longest = bars.iter().map(|(_, s)| *s).fold(1.0, f64::max);
    let height = 60 + 22 * bars.len() as u32;
    let root = SVGBackend::new(path, (900, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("{message}: times faster than serde_json ({})", report.date),
            ("sans-serif", 18),
        )
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(330)
        .build_cartesian_2d(0.0..longest * 1.1, (0..bars.len()).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(bars.len())
        .y_label_formatter(&|value| match value {
            SegmentValue::CenterOf(i) => bars.get(*i).map_or_else(String::new, |(l, _)| l.clone()),
            _ => String::new(),
        })
        .x_desc("× faster than serde_json (1× = as fast)")
        .draw()?;
    chart.draw_series(
        Histogram::horizontal(&chart)
            .style(RGBColor(0x2a, 0x6f, 0xb0).filled())
            .margin(3)
            .data(
                bars.iter()
                    .enumerate()
                    .map(|(i, (_, speedup))| (i, *speedup)),
            ),
    )?;
    root.present()?;
    Ok(())
}
