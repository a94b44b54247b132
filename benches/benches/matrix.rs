//! The benchmark matrix under criterion: the very cases the report binary measures, one
//! criterion group per message and operation. Run a subset with a filter, e.g.
//! `cargo bench -p wiremsg-benches --bench matrix -- 'ChatMessage/encode'`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Instant;

fn matrix(c: &mut Criterion) {
    for mut case in wiremsg_benches::cases::all() {
        let group_name = format!("{}/{}", case.message, case.operation);
        let mut group = c.benchmark_group(group_name);
        group.bench_function(case.implementation, |b| {
            b.iter_custom(|iterations| {
                let start = Instant::now();
                case.run(iterations);
                start.elapsed()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, matrix);
criterion_main!(benches);
