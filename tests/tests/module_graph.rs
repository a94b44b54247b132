//! The runtime reads bottom-up: its top-level modules import each other without cycles, except
//! `codec` and `message`, where the message trait and the codecs that implement its methods
//! belong together. A `use` (or path) that closes a new cycle fails here, naming the modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ALLOWED_CYCLE: [&str; 2] = ["codec", "message"];

/// Top-level module name → the crate's other top-level modules its files name as `crate::x`.
fn edges(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).unwrap();
        let first = relative.components().next().unwrap();
        let module = first.as_os_str().to_str().unwrap().trim_end_matches(".rs");
        if module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for line in code.lines() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for (at, _) in line.match_indices("crate::") {
                if line[..at].ends_with('$') {
                    continue; // `$crate::` in a macro is the user's path to wiremsg
                }
                let rest = &line[at + "crate::".len()..];
                let target: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let is_module =
                    src.join(format!("{target}.rs")).exists() || src.join(&target).is_dir();
                if is_module && target != module {
                    edges.entry(module.to_string()).or_default().insert(target);
                }
            }
        }
        edges.entry(module.to_string()).or_default();
    }
    edges
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// The modules reachable from `start` (itself included only through a cycle).
fn reachable(edges: &BTreeMap<String, BTreeSet<String>>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = edges[start].iter().map(String::as_str).collect();
    while let Some(module) = stack.pop() {
        if seen.insert(module.to_string()) {
            stack.extend(edges.get(module).into_iter().flatten().map(String::as_str));
        }
    }
    seen
}

#[test]
fn the_runtime_modules_have_no_import_cycle_but_codec_and_message() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
    let edges = edges(&src);
    assert!(edges.len() > 10, "{edges:?}");
    let mut cycles = BTreeSet::new();
    for module in edges.keys() {
        let from_here = reachable(&edges, module);
        if from_here.contains(module) {
            let cycle: BTreeSet<&str> = edges
                .keys()
                .map(String::as_str)
                .filter(|other| {
                    other == module
                        || (from_here.contains(*other) && reachable(&edges, other).contains(module))
                })
                .collect();
            cycles.insert(cycle);
        }
    }
    let allowed: BTreeSet<&str> = ALLOWED_CYCLE.into_iter().collect();
    assert_eq!(
        cycles.into_iter().collect::<Vec<_>>(),
        vec![allowed],
        "import cycles among runtime modules (edges: {edges:#?})"
    );
}
