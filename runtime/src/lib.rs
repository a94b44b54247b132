//! # wiremsg
//!
//! Fast and safe network messages. One `#[derive(WireMessage)]` gives a struct or enum rkyv
//! (zero-copy) and serde (JSON) support, a registered type id and a versioned 16-byte frame
//! header; the codecs pick the format per message, fall back to JSON where rkyv cannot serve, and
//! still read old header-less JSON.
//!
//! ```
//! use wiremsg::{HybridCodec, WireMessage};
//!
//! #[derive(WireMessage, Debug, Clone, PartialEq)]
//! #[wire(name = "chat.Message")]
//! pub struct ChatMessage {
//!     pub id: String,
//!     pub content: String,
//!     pub timestamp: u64,
//! }
//!
//! let msg = ChatMessage { id: "1".into(), content: "hello".into(), timestamp: 7 };
//! let frame = msg.to_wire()?;                     // 16-byte header + rkyv payload
//! assert_eq!(ChatMessage::from_wire(&frame)?, msg);
//!
//! // Old peers send bare JSON: it still decodes.
//! let legacy = br#"{"id":"1","content":"hello","timestamp":7}"#;
//! assert_eq!(ChatMessage::from_wire(legacy)?, msg);
//!
//! // Zero-copy: validate and read in place (the payload must be 16-byte aligned).
//! let mut aligned = wiremsg::rkyv::util::AlignedVec::<16>::new();
//! aligned.extend_from_slice(&frame);
//! let view: &ArchivedChatMessage = HybridCodec::new().view::<ChatMessage>(&aligned)?;
//! assert_eq!(view.content, "hello");
//! # Ok::<(), wiremsg::CodecError>(())
//! ```
//!
//! ## The derive
//!
//! `#[derive(WireMessage)]` works on named, tuple and unit structs and on enums (unit, tuple and
//! struct variants), with generic parameters. It generates:
//!
//! - rkyv `Archive`, `Serialize` and `Deserialize`, with a validated archived type
//!   `Archived<Name>` (same visibility and field names) for zero-copy reads. `#[rkyv(...)]`
//!   attributes are forwarded, e.g. `#[rkyv(derive(Debug), compare(PartialEq))]`.
//! - serde `Serialize` and `Deserialize`, exactly as serde's own derive would write them: every
//!   `#[serde(...)]` attribute is honoured, so existing JSON peers keep working.
//! - [`WireMessage`], with the type id, name, schema version, codec and layout fingerprint.
//!
//! Users depend on `wiremsg` alone: generated code reaches rkyv and serde through this crate.
//!
//! | attribute | where | meaning |
//! |---|---|---|
//! | `id = N` | type | the `u32` type id; default [`hash::type_id_of`] of the name |
//! | `name = "chat.Message"` | type | the message name; default the identifier |
//! | `version = N` | type | the `u16` schema version, default 1 |
//! | `codec = "hybrid" \| "rkyv" \| "json"` | type | preferred codec, default `hybrid`; `json` generates no rkyv code |
//! | `external_serde` / `external_rkyv` | type | the type derives serde / rkyv itself: generate the rest |
//! | `crate = path` | type | where to find wiremsg, default `::wiremsg` |
//! | `as_json` | field | store this field as JSON text inside the rkyv archive |
//! | `skip` | field | leave the field out of both formats; decoding restores `Default::default()` |
//! | `recursive` | field | the field leads back to its own type through another type (`Vec<Node>` in `Edge`, `Edge` in `Node`); fields naming the type itself (`Box<Self>`, `Vec<Tree>`) are marked automatically |
//!
//! ## Registry and router
//!
//! Every non-generic derived type registers itself at link time, from every crate, with no
//! start-up call: [`registry()`] looks types up by id or name, transcodes any registered frame to
//! JSON ([`Registry::to_json`]) and describes it for logs ([`Registry::describe`]). A [`Router`]
//! decodes each frame and calls the handler of its type; [`Frames`] cuts a byte stream into
//! frames. Generic types register explicitly ([`Registry::register`], [`register!`]).
//!
//! Automatic registration is the default feature `auto-register`. It compiles each type's decode
//! and JSON transcoding in the crate that defines the type; a build that never uses the global
//! registry can leave it out (`default-features = false`) and register with [`register!`].
//!
//! ## Codecs and schema versions
//!
//! [`JsonCodec`] writes exactly `serde_json::to_vec` and reads bare JSON and JSON frames;
//! [`RkyvCodec`] writes and reads rkyv frames; [`HybridCodec`] (used by `to_wire` / `from_wire`)
//! writes the type's preferred codec and reads everything. An rkyv frame is read only at its own
//! schema version and layout fingerprint (rkyv has no field names on the wire, so another layout
//! would be misread); a JSON frame is read across versions through serde, so
//! `#[serde(default)]` fields give a migration path. The frame format is specified in
//! `docs/FORMAT.md`.
//!
//! ## Buffers, compression and metrics
//!
//! - [`Codec::encode_into`] (and [`WireMessage::encode_into`]) appends a frame to a reused
//!   16-byte aligned buffer: no heap allocation once the buffer has grown to fit.
//! - [`WireEncoder`] owns its rkyv arena and output buffer (one per connection or encoding loop):
//!   no thread-local look-up, the fastest way to encode.
//! - [`BufferPool`] shares such buffers between threads: bounded, with hit and miss counters.
//! - [`ZeroCopyBuffer`] holds frames of many types in one aligned area, sent as one byte string
//!   and read back by index with validated zero-copy views.
//! - [`CompressedCodec`] compresses payloads above a threshold (LZ4, or zstd with the `zstd`
//!   feature); every codec reads compressed frames, refusing oversized ones before allocating.
//! - [`metrics()`] returns lock-free per-codec counts (encodes, decodes, failures, JSON
//!   fallbacks, bytes, opt-in timing) as a [`PerformanceMetrics`] snapshot.
//!
//! ## Stream framing (feature `tokio`)
//!
//! With the `tokio` feature, the `framing` module gives tokio-util `Encoder` / `Decoder`
//! implementations: `WireCodec<T>` for one message type and `FrameCodec` for whole frames of
//! any type (for a [`Router`]), with a maximum frame length enforced from the header and no
//! allocation per encoded message.

#![deny(missing_docs)]

mod aligner;
mod as_json;
mod codec;
mod compression;
mod encoder;
mod error;
mod field_checks;
mod field_fallback;
mod fingerprint;
#[cfg(feature = "tokio")]
pub mod framing;
pub mod hash;
mod header;
mod kind;
mod limits;
mod message;
mod metrics;
mod nested;
mod pool;
mod registration;
mod registry;
mod retention;
mod router;
mod serde_struct;
mod split;
#[cfg(any(feature = "axum", feature = "tungstenite"))]
pub mod websocket;
#[cfg(any(feature = "chrono", feature = "time"))]
pub mod with;
mod zero_copy_buffer;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// Encodes that skip the metrics, which the benchmarks and tests measure the metrics' cost
/// against. Not a public API.
#[doc(hidden)]
pub mod __unmetered {
    pub use crate::codec::{encode_rkyv_frame, encode_rkyv_frame_into};
}

pub use crate::aligner::Aligner;
pub use crate::as_json::{AsJson, AsJsonResolver};
pub use crate::codec::{
    from_archived, Codec, CompressedCodec, HybridCodec, JsonCodec, RkyvCodec,
    DEFAULT_COMPRESSION_THRESHOLD, DEFAULT_ZSTD_LEVEL,
};
pub use crate::compression::{Compression, COMPRESSION_FLAGS};
pub use crate::encoder::WireEncoder;
pub use crate::error::{CodecError, RkyvError};
pub use crate::header::{header_check, Header, FORMAT_VERSION, HEADER_LEN, KNOWN_FLAGS, MAGIC};
pub use crate::kind::CodecKind;
pub use crate::limits::{
    Limits, DEFAULT_MAX_DECOMPRESSED, DEFAULT_MAX_TRANSCODED, DEFAULT_MAX_ZERO_SIZED_ELEMENTS,
    MAX_ARCHIVE_DEPTH,
};
pub use crate::message::{RkyvMessage, WireMessage};
pub use crate::metrics::{
    metrics, metrics_timing, reset_metrics, set_metrics_timing, AlignmentMetrics, CodecMetrics,
    PerformanceMetrics,
};
pub use crate::pool::{BufferPool, BufferPoolBuilder, PoolStats, PooledBuffer};
pub use crate::registry::{registry, FrameDescription, Registry, RegistryEntry};
pub use crate::router::Router;
pub use crate::split::Frames;
pub use crate::zero_copy_buffer::ZeroCopyBuffer;
pub use wiremsg_derive::WireMessage;

/// rkyv, as wiremsg uses it: for `AlignedVec`, archived types and `#[rkyv(...)]` wrappers.
pub use rkyv;

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
