//! Four realistic datasets, shaped like those of the community's rust_serialization_benchmark:
//! a batch of access-log records (`log`), a triangle mesh (`mesh`), game save data
//! (`minecraft_savedata`) and game updates (`mk48`). The types are this crate's own and the
//! values come from a seeded generator ([`Rng`]), so every run measures the same bytes.
//!
//! Each dataset's types are written once, in the `twins!` macro, which declares them twice with the
//! same shape: in a module `wire` with `#[derive(WireMessage)]`, measured by every wiremsg
//! row, and in a module `plain` with rkyv's and serde's own derives, measured by the raw rkyv,
//! serde_json, bincode and postcard rows. The plain value is the wire value passed through
//! postcard ([`plain_twin`]), so the two are the same data; the benchmark matrix checks that
//! both write the same JSON and the same rkyv archive.

/// Declares each listed type twice with one shape: `pub mod wire` with
/// `#[derive(WireMessage)]` and the given wire name, `pub mod plain` with rkyv's and serde's own
/// derives. Each item is `[wire name] struct Name { .. }` or `[wire name] enum Name { .. }`,
/// with its doc comments before the name.
macro_rules! twins {
    ($($(#[$attr:meta])* [$wire_name:tt] $kind:tt $name:ident $body:tt)*) => {
        /// The types with `#[derive(WireMessage)]`.
        pub mod wire {
            $(
                $(#[$attr])*
                #[derive(wiremsg::WireMessage, Debug, Clone, PartialEq)]
                #[wire(name = $wire_name)]
                pub $kind $name $body
            )*
        }

        /// The same types with rkyv's and serde's own derives.
        pub mod plain {
            $(
                $(#[$attr])*
                #[derive(
                    wiremsg::rkyv::Archive,
                    wiremsg::rkyv::Serialize,
                    wiremsg::rkyv::Deserialize,
                    serde::Serialize,
                    serde::Deserialize,
                    Debug,
                    Clone,
                    PartialEq
                )]
                #[rkyv(crate = wiremsg::rkyv)]
                pub $kind $name $body
            )*
        }
    };
}

pub mod log;
pub mod mesh;
pub mod minecraft;
pub mod mk48;
mod rng;

pub use rng::Rng;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The same value as the other twin's type: through postcard (one serde data model on both
/// sides, exact for floats).
pub fn plain_twin<W: Serialize, P: DeserializeOwned>(value: &W) -> P {
    let bytes = postcard::to_allocvec(value).expect("the dataset serializes");
    postcard::from_bytes(&bytes).expect("the twin has the same shape")
}
