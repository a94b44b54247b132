//! See `wiremsg_tests::fuzzing::compressed`, which `cargo test` also runs on the corpus.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| wiremsg_tests::fuzzing::compressed(bytes));
