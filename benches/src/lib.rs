//! wiremsg's benchmarks: one matrix of cases (message × operation × implementation) measured by
//! the criterion bench (`cargo bench -p wiremsg-benches`) and by the comparison report
//! (`cargo run --release -p wiremsg-benches --bin report`).

pub mod cases;
pub mod chart;
pub mod datasets;
pub mod loopback;
pub mod measure;
pub mod messages;
pub mod render;
pub mod report;
pub mod targets;
