//! Every attribute the derive reads, in one place: `#[wire(...)]` parsed into typed values
//! (`wire.rs`), the parts of the user's `#[rkyv(...)]` it must know about (`rkyv.rs`), serde's
//! `crate = "..."` (`serde.rs`), and the
//! token-level splitting that forwarded `#[serde(...)]` and `#[rkyv(...)]` arguments share
//! (`tokens.rs`).

pub mod rkyv;
pub mod serde;
pub mod tokens;
mod wire;

pub use self::wire::*;
