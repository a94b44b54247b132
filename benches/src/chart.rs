//! An SVG bar chart of every implementation's speed-up over serde_json on one message.

use crate::cases::impls;
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
    // Drawn bottom-up, so reversed to read top-down in report order.
    let bars: Vec<(String, f64, bool)> = report
        .rows
        .iter()
        .rev()
        .filter(|row| {
            // serde_json is the 1× line; a memcpy (the table's floor) and the internal uncounted
            // encode are not encoders a user calls.
            row.message == message
                && ![impls::SERDE_JSON, impls::MEMCPY, impls::UNCOUNTED]
                    .contains(&row.implementation)
        })
        .filter_map(|row| {
            let label = format!("{}: {}", row.operation, row.implementation);
            let ours = row.implementation.starts_with("wiremsg");
            Some((label, row.speedup_vs_serde_json?, ours))
        })
        .collect();
    let longest = bars.iter().map(|(_, s, _)| *s).fold(1.0, f64::max);
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
            SegmentValue::CenterOf(i) => {
                bars.get(*i).map_or_else(String::new, |(l, _, _)| l.clone())
            }
            _ => String::new(),
        })
        .x_desc("× faster than serde_json (line: 1×, as fast); orange: wiremsg, blue: others")
        .draw()?;
    let wiremsg = RGBColor(0xe0, 0x7b, 0x1f);
    let others = RGBColor(0x2a, 0x6f, 0xb0);
    for (ours, color) in [(false, others), (true, wiremsg)] {
        let series = bars
            .iter()
            .enumerate()
            .filter(move |(_, (_, _, is_ours))| *is_ours == ours)
            .map(|(i, (_, speedup, _))| (i, *speedup));
        chart.draw_series(
            Histogram::horizontal(&chart)
                .style(color.filled())
                .margin(3)
                .data(series),
        )?;
    }
    let one = vec![(1.0, SegmentValue::Exact(0)), (1.0, SegmentValue::Last)];
    chart.draw_series(std::iter::once(PathElement::new(one, BLACK)))?;
    root.present()?;
    Ok(())
}
