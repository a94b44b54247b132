//! Runs the benchmark cases whose `message/operation/implementation` contains a filter, a fixed
//! number of times, without timing: for instruction counting under callgrind
//! (`benches/instructions.sh`).
//!
//! ```text
//! run_case FILTER ITERATIONS [--exact]
//! run_case FILTER --plan
//! ```
//!
//! With `--exact`, FILTER must be a whole case name. Only the messages with a matching case are
//! built, so a run on one dataset pays no other dataset's set-up. `--plan` runs nothing and
//! prints, for each matching case, its name and the two iteration counts `instructions.sh`
//! counts it at, tab-separated.

use std::process::ExitCode;
use wiremsg_benches::cases;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [filter, plan] = &args[..] {
        if plan == "--plan" {
            let cases = cases::matching(Some(filter));
            for case in &cases {
                let (low, high) = case.callgrind_iterations;
                println!("{}\t{low}\t{high}", case.name());
            }
            return found(cases.len(), filter);
        }
    }
    let (Some(filter), Some(Ok(iterations))) = (args.first(), args.get(1).map(|n| n.parse()))
    else {
        eprintln!("usage: run_case FILTER ITERATIONS [--exact] | run_case FILTER --plan");
        return ExitCode::from(2);
    };
    let exact = args.get(2).is_some_and(|flag| flag == "--exact");
    let mut matched = 0;
    for mut case in cases::matching(Some(filter)) {
        let name = case.name();
        if name == *filter || !exact {
            case.run(iterations);
            println!("{name}");
            matched += 1;
        }
    }
    found(matched, filter)
}

fn found(matched: usize, filter: &str) -> ExitCode {
    if matched == 0 {
        eprintln!("no case matches {filter:?}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
