//! Replays the fuzz seed corpus (`fuzz/corpus/<target>/seed-*`) and every committed crash input
//! (`fuzz/regressions/<target>/*`) through the fuzz targets' bodies, on every `cargo test`.

use std::path::Path;
use wiremsg_tests::fuzzing::TARGETS;

fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect()
}

#[test]
fn seed_corpus_and_regressions_replay_cleanly() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut replayed = 0;
    for (name, target) in TARGETS {
        let seeds = inputs(&fuzz.join("corpus").join(name));
        assert!(!seeds.is_empty(), "no seed corpus for fuzz target {name}");
        for (path, bytes) in seeds
            .iter()
            .chain(&inputs(&fuzz.join("regressions").join(name)))
        {
            let outcome = std::panic::catch_unwind(|| target(bytes));
            assert!(outcome.is_ok(), "fuzz target {name} panicked on {path}");
            replayed += 1;
        }
    }
    assert!(replayed >= TARGETS.len());
}

#[test]
fn every_fuzz_target_has_a_binary() {
    let manifest = include_str!("../../fuzz/Cargo.toml");
    for (name, _) in TARGETS {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/Cargo.toml has no [[bin]] for {name}"
        );
    }
}
