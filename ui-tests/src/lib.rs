//! trybuild tests of `#[derive(WireMessage)]` live in `tests/`: `tests/ui/<category>/*.rs`
//! must fail to compile with the committed `.stderr`, `tests/ui/pass/*.rs` must compile and run.
