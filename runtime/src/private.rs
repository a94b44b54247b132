//! What generated code reaches through `::wiremsg::__private`. Not a public API.

/// Without the `auto-register` feature, the derive's registration is nothing.
#[cfg(not(feature = "auto-register"))]
pub use crate::__no_auto_register as auto_register;
pub use crate::as_json::{AsJson, AsJsonField};
pub use crate::codec::{append_rkyv_frame, convert, decode_rkyv_payload, migrate_step, FrameEnd};
pub use crate::field_checks::{
    ArchivedField, ArrayvecField, BytesField, ChronoNaiveDateField, ChronoUtcField, IndexmapField,
    JsonValueField, SerdeField, SmallvecField, SmolStrField, TimeOffsetDateTimeField, UuidField,
};
pub use crate::field_fallback::{
    ArchiveProbe, AsJsonSlot, ProbedCopy, ProbedField, SerdeProbe, SerdeProbed, SerdeSlot,
    Unarchivable, Unreadable, WithoutSerde,
};
pub use crate::fingerprint::{
    nested_layout_hash, with_archived_layout, ForeignLayout, ForeignPointee, LayoutProbe, Nested,
    NestedLayout, PointeeProbe,
};
pub use crate::hash::{fold_to_fingerprint, type_id_of};
pub use crate::kind::CodecKind;
pub use crate::limits::Limits;
pub use crate::nested::{
    check_zero_sized_len, largest, with_stack, Probe, SizeProbe, TypeProbe, UnsizedSize,
    ViaMessage, ViaMessageType, ViaNothing, ViaOtherType,
};
/// The derive's registration of a type: [`register!`](crate::register) with the `auto-register`
/// feature (on by default), nothing without it.
#[cfg(feature = "auto-register")]
pub use crate::register as auto_register;
pub use crate::serde_struct::{missing_field, FieldSeed, VariantSeed};
pub use inventory;
pub use rkyv;
pub use serde;
pub use std::result::Result;

/// Fails to compile, on the field, when `#[wire(as_json)]` is given a type without serde support.
pub const fn assert_as_json_field<T: AsJsonField>() {}

/// Implemented by every type serde's own traits are implemented for; the derive asserts it for
/// an item with `#[serde(crate = "...")]`, on that attribute, because wiremsg's JSON codecs need
/// serde itself.
#[diagnostic::on_unimplemented(
    message = "`{Self}` implements the serde traits at its `#[serde(crate = \"...\")]` path, but wiremsg's JSON codecs need serde's own",
    label = "this path must lead to serde itself",
    note = "name serde under another path (`extern crate serde as name;` or `pub use serde;` in a module), or drop the attribute"
)]
pub trait SerdeCratePath: serde::Serialize + serde::de::DeserializeOwned {}

impl<T: serde::Serialize + serde::de::DeserializeOwned> SerdeCratePath for T {}

/// Fails to compile, on `#[serde(crate = "...")]`, when that path is not serde's.
pub const fn assert_serde_crate_path<T: SerdeCratePath>() {}
