//! Runs the benchmark cases whose `message/operation/implementation` contains a filter, a fixed
//! number of times, without timing: for instruction counting under callgrind
//! (`benches/instructions.sh`).
//!
//! ```text
//! run_case FILTER ITERATIONS [--exact]
//! ```
//!
//! With `--exact`, FILTER must be a whole case name.

use std::process::ExitCode;
use wiremsg_benches::cases;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(filter), Some(Ok(iterations))) = (args.first(), args.get(1).map(|n| n.parse()))
    else {
        eprintln!("usage: run_case FILTER ITERATIONS [--exact]");
        return ExitCode::from(2);
    };
    let exact = args.get(2).is_some_and(|flag| flag == "--exact");
    let mut matched = 0;
    for mut case in cases::all() {
        let name = format!(
            "{}/{}/{}",
            case.message, case.operation, case.implementation
        );
        if name == *filter || (!exact && name.contains(filter.as_str())) {
            case.run(iterations);
            println!("{name}");
            matched += 1;
        }
    }
    if matched == 0 {
        eprintln!("no case matches {filter:?}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
