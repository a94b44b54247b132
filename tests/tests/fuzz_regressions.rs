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

/// The seed corpus of the `zero_copy_buffer` and `compressed` targets: valid buffers and
/// compressed frames (and raw compressed payloads, for the target's second mode: a selector byte,
/// then the payload). Written by `WIREMSG_BLESS=1 cargo test -p wiremsg-tests --all-features
/// --test fuzz_regressions`; otherwise each committed seed is checked to be what its name says.
mod seeds {
    use std::collections::HashMap;
    use wiremsg::{Codec, Header, WireMessage, ZeroCopyBuffer};
    use wiremsg_tests::fixtures::{chat_saying, lz4_without_threshold};
    use wiremsg_tests::*;

    /// The long chat message of the committed seeds, shorter than the shared `long_chat`.
    fn long_chat_seed() -> ChatMessage {
        chat_saying(&"the meeting is moved to tomorrow at ten, bring your notes. ".repeat(20))
    }

    fn rpc() -> RpcRequest {
        RpcRequest {
            id: "req-7".into(),
            method: "math.sum".into(),
            params: serde_json::json!({ "values": [1, 2, 3], "note": "sum these, then sum again. ".repeat(20) }),
            method_type: RpcMethod::Stream { chunk: 16 },
        }
    }

    fn expr() -> Expr {
        let leaf = |n| Expr::Call {
            name: "f".into(),
            args: vec![Expr::Num(n), Expr::Num(n + 1)],
        };
        (0..60).fold(Expr::Num(0), |acc, n| {
            Expr::Add(Box::new(acc), Box::new(leaf(n)))
        })
    }

    fn everything() -> Everything {
        Everything {
            maybe: Some("maybe".into()),
            list: (0..64).collect(),
            // One entry at most: a map's archived order must not vary between runs.
            map: HashMap::from([("one".to_string(), 1)]),
            boxed: Box::new(7),
            nested: vec![chat_saying("a"), chat_saying("b")],
            pair: (3, true),
            ratio: 0.5,
            bytes: [1, 2, 3, 4],
        }
    }

    fn audit() -> AuditEvent {
        AuditEvent {
            details: serde_json::json!({ "log": "user logged in from the office; ".repeat(30) }),
        }
    }

    /// The payload of a compressed frame, after a selector byte naming (algorithm, codec, type)
    /// as `wiremsg_tests::fuzzing::compressed` reads it.
    fn selected(selector: u8, frame: &[u8]) -> Vec<u8> {
        assert!(Header::parse(frame).unwrap().compression().is_some());
        let mut bytes = vec![selector];
        bytes.extend_from_slice(&frame[wiremsg::HEADER_LEN..]);
        bytes
    }

    /// `(target, file name, bytes)` of every seed this build can make.
    pub fn all() -> Vec<(&'static str, String, Vec<u8>)> {
        let mut seeds = Vec::new();
        let mut add = |target, name: &str, bytes: Vec<u8>| {
            seeds.push((target, format!("seed-{name}"), bytes));
        };

        let mut mixed = ZeroCopyBuffer::new();
        mixed.append(&chat_saying("Hello, World!")).unwrap();
        mixed.append(&rpc()).unwrap();
        mixed.append(&expr()).unwrap();
        mixed.append(&audit()).unwrap();
        mixed
            .append_with(&lz4_without_threshold(), &long_chat_seed())
            .unwrap();
        add("zero_copy_buffer", "mixed", mixed.as_bytes().to_vec());
        let mut single = ZeroCopyBuffer::new();
        single.append(&chat_saying("Hello, World!")).unwrap();
        add("zero_copy_buffer", "chat", single.as_bytes().to_vec());
        let mut nested = ZeroCopyBuffer::new();
        nested.append(&everything()).unwrap();
        nested.append(&everything()).unwrap();
        add("zero_copy_buffer", "everything", nested.as_bytes().to_vec());

        let chat_lz4 = lz4_without_threshold().encode(&long_chat_seed()).unwrap();
        add("compressed", "chat.lz4", chat_lz4.clone());
        add(
            "compressed",
            "chat.plain",
            chat_saying("Hello, World!").to_wire().unwrap(),
        );
        add(
            "compressed",
            "rpc.lz4",
            lz4_without_threshold().encode(&rpc()).unwrap(),
        );
        add(
            "compressed",
            "expr.lz4",
            lz4_without_threshold().encode(&expr()).unwrap(),
        );
        add(
            "compressed",
            "audit.lz4",
            lz4_without_threshold().encode(&audit()).unwrap(),
        );
        // Raw payloads: selector 0 is (LZ4, rkyv, ChatMessage), 4 RpcRequest, 8 Expr.
        add("compressed", "payload-chat.lz4", selected(0, &chat_lz4));
        add(
            "compressed",
            "payload-rpc.lz4",
            selected(4, &lz4_without_threshold().encode(&rpc()).unwrap()),
        );
        add(
            "compressed",
            "payload-expr.lz4",
            selected(8, &lz4_without_threshold().encode(&expr()).unwrap()),
        );
        #[cfg(feature = "zstd")]
        {
            let zstd =
                wiremsg::CompressedCodec::zstd(wiremsg::HybridCodec::new(), 3).with_threshold(0);
            let chat_zstd = zstd.encode(&long_chat_seed()).unwrap();
            add("compressed", "chat.zstd", chat_zstd.clone());
            // Selector 1 is (zstd, rkyv, ChatMessage).
            add("compressed", "payload-chat.zstd", selected(1, &chat_zstd));
            let mut buffer = ZeroCopyBuffer::new();
            buffer.append_with(&zstd, &long_chat_seed()).unwrap();
            buffer.append(&chat_saying("after")).unwrap();
            add("zero_copy_buffer", "zstd", buffer.as_bytes().to_vec());
        }
        seeds
    }
}

#[test]
fn seed_corpus_of_buffers_and_compression_is_valid() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    let blessing = std::env::var_os("WIREMSG_BLESS").is_some_and(|value| value == "1");
    for (target, name, bytes) in seeds::all() {
        let path = fuzz.join(target).join(&name);
        assert!(!bytes.is_empty());
        if blessing {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; bless the seeds", path.display()));
        // Valid, whatever the exact bytes of this build's compressors.
        match target {
            "zero_copy_buffer" => {
                let buffer = wiremsg::ZeroCopyBuffer::from_bytes(&committed).unwrap();
                assert!(!buffer.is_empty(), "{name}");
                for index in 0..buffer.len() {
                    assert!(buffer.frame(index).is_ok());
                }
            }
            _ => {
                let frame = if name.starts_with("seed-payload-") {
                    wiremsg_tests::fuzzing::selected_frame(&committed).unwrap()
                } else {
                    committed
                };
                if let Err(error) = wiremsg::registry().to_json(&frame) {
                    // A zstd seed read by a build without zstd.
                    assert!(
                        !cfg!(feature = "zstd")
                            && matches!(error, wiremsg::CodecError::CompressionUnavailable { .. }),
                        "{name}: {error}"
                    );
                }
            }
        }
    }
}
