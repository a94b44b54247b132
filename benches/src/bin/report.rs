//! The comparison report: measures the whole matrix in-process and prints one table per message
//! (ns/op, speed-up over serde_json, time relative to raw rkyv, allocations per op, encoded
//! bytes), the targets, and writes an SVG chart (`target/bench-chat.svg` unless `--svg PATH`).
//!
//! ```text
//! cargo run --release -p wiremsg-benches --bin report -- [--quick] [--format markdown|json]
//!     [--svg PATH | --no-svg] [--filter TEXT]
//! ```
//!
//! `--filter` measures only the cases whose `message/operation/implementation` contains TEXT.

use std::path::PathBuf;
use std::process::ExitCode;
use wiremsg_benches::measure::Settings;
use wiremsg_benches::{chart, render, report};
use wiremsg_tests::alloc::CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const USAGE: &str =
    "usage: report [--quick] [--format markdown|json] [--svg PATH | --no-svg] [--filter TEXT]";

struct Options {
    settings: Settings,
    filter: Option<String>,
    json: bool,
    svg: Option<PathBuf>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        settings: Settings::FULL,
        filter: None,
        json: false,
        // Under `target/`: a run never rewrites the committed chart unless asked to
        // (`--svg docs/bench-chat.svg`).
        svg: Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-chat.svg")),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => options.settings = Settings::QUICK,
            "--format" => match args.next().as_deref() {
                Some("markdown") => options.json = false,
                Some("json") => options.json = true,
                other => return Err(format!("--format takes markdown or json, not {other:?}")),
            },
            "--svg" => options.svg = Some(args.next().ok_or("--svg takes a path")?.into()),
            "--no-svg" => options.svg = None,
            "--filter" => options.filter = Some(args.next().ok_or("--filter takes a text")?),
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(error) => {
            if !error.is_empty() {
                eprintln!("{error}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let report = report::run(&options.settings, options.filter.as_deref(), |row| {
        eprintln!(
            "{:<20} {:<18} {:<32} {:>12.1} ns/op",
            row.message,
            row.operation.to_string(),
            row.implementation,
            row.measurement.ns_per_op
        );
    });
    if options.json {
        println!("{}", render::json(&report));
    } else {
        println!("{}", render::markdown(&report));
    }
    if let Some(path) = options.svg {
        if let Err(error) = chart::speedups(&report, "ChatMessage", &path) {
            eprintln!("could not write the chart {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("chart written to {}", path.display());
    }
    ExitCode::SUCCESS
}
