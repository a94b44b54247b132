//! Compile-time checks of a message's field types, which the derive asserts before anything else
//! it writes: a field whose type lacks what the codecs need is reported first, on the type,
//! naming it and the fixes in order of fit. The derive's own code then reaches the field through
//! a fallback (`field_fallback.rs`) that adds no errors of its own; only serde's derive, on items
//! that keep it, reports the type again.
//!
//! Each trait holds for every type with the needed impls; they differ only in their message. The
//! derive picks the one that fits the type's name (`Uuid`, `DateTime`, `Value`, ...).

/// Declares a trait implemented by every type rkyv archives, with its diagnostic.
macro_rules! archived_field {
    ($(#[$doc:meta])* $name:ident, message = $message:literal, label = $label:literal, note = $note:literal) => {
        $(#[$doc])*
        #[diagnostic::on_unimplemented(
            message = $message,
            label = $label,
            note = $note
        )]
        pub trait $name {}

        impl<T: rkyv::Archive> $name for T {}
    };
}

archived_field!(
    /// Any field type rkyv must archive.
    ArchivedField,
    message = "rkyv cannot archive `{Self}`, the type of a field of this message",
    label = "a field's type, `{Self}`, has no rkyv `Archive` impl",
    note = "fixes, best first: turn on wiremsg's feature for the type's crate if it has one (uuid, bytes, indexmap, hashbrown, smallvec, arrayvec, smol_str, ...); `#[wire(as_json)]` on the field stores it as JSON text; `#[rkyv(with = Wrapper)]` on the field archives it through a wrapper; `#[wire(codec = \"json\")]` on the type sends the whole message as JSON"
);

archived_field!(
    /// A field type rkyv archives with wiremsg's feature `uuid` (`Uuid`).
    UuidField,
    message = "rkyv archives `{Self}` only with wiremsg's feature `uuid`",
    label = "turn on wiremsg's feature `uuid`",
    note = "in Cargo.toml: `wiremsg = {{ version = \"...\", features = [\"uuid\"] }}` (no rkyv dependency of yours needed); the type needs its own crate's `serde` feature too; otherwise `#[wire(as_json)]` on the field, or `#[wire(codec = \"json\")]` on the type"
);

archived_field!(
    /// A field type rkyv archives with wiremsg's feature `bytes` (`Bytes`).
    BytesField,
    message = "rkyv archives `{Self}` only with wiremsg's feature `bytes`",
    label = "turn on wiremsg's feature `bytes`",
    note = "in Cargo.toml: `wiremsg = {{ version = \"...\", features = [\"bytes\"] }}` (no rkyv dependency of yours needed); the type needs its own crate's `serde` feature too; otherwise `#[wire(as_json)]` on the field, or `#[wire(codec = \"json\")]` on the type"
);

archived_field!(
    /// A field type rkyv archives with wiremsg's feature `indexmap` (`IndexMap`).
    IndexmapField,
    message = "rkyv archives `{Self}` only with wiremsg's feature `indexmap`",
    label = "turn on wiremsg's feature `indexmap`",
    note = "in Cargo.toml: `wiremsg = {{ version = \"...\", features = [\"indexmap\"] }}` (no rkyv dependency of yours needed); the type needs its own crate's `serde` feature too; otherwise `#[wire(as_json)]` on the field, or `#[wire(codec = \"json\")]` on the type"
);

archived_field!(
    /// A field type rkyv archives with wiremsg's feature `smallvec` (`SmallVec`).
    SmallvecField,
    message = "rkyv archives `{Self}` only with wiremsg's feature `smallvec`",
    label = "turn on wiremsg's feature `smallvec`",
    note = "in Cargo.toml: `wiremsg = {{ version = \"...\", features = [\"smallvec\"] }}` (no rkyv dependency of yours needed); the type needs its own crate's `serde` feature too; otherwise `#[wire(as_json)]` on the field, or `#[wire(codec = \"json\")]` on the type"
);

archived_field!(
    /// A field type rkyv archives with wiremsg's feature `arrayvec` (`ArrayVec`).
    ArrayvecField,
    message = "rkyv archives `{Self}` only with wiremsg's feature `arrayvec`",
    label = "turn on wiremsg's feature `arrayvec`",
    note = "in Cargo.toml: `wiremsg = {{ version = \"...\", features = [\"arrayvec\"] }}` (no rkyv dependency of yours needed); the type needs its own crate's `serde` feature too; otherwise `#[wire(as_json)]` on the field, or `#[wire(codec = \"json\")]` on the type"
);

archived_field!(
    /// A field type rkyv archives with wiremsg's feature `smol_str` (`SmolStr`).
    SmolStrField,
    message = "rkyv archives `{Self}` only with wiremsg's feature `smol_str`",
    label = "turn on wiremsg's feature `smol_str`",
    note = "in Cargo.toml: `wiremsg = {{ version = \"...\", features = [\"smol_str\"] }}` (no rkyv dependency of yours needed); the type needs its own crate's `serde` feature too; otherwise `#[wire(as_json)]` on the field, or `#[wire(codec = \"json\")]` on the type"
);

archived_field!(
    /// A timestamp field (`chrono::DateTime<Utc>`) archived through `wiremsg::with::ChronoUtc`.
    ChronoUtcField,
    message = "rkyv cannot archive `{Self}` as it is: it needs a wrapper",
    label = "add `#[rkyv(with = wiremsg::with::ChronoUtc)]` to the field of type `{Self}` (wiremsg's feature `chrono`)",
    note = "the wrapper stores the instant compactly, readable in place; the JSON stays what serde writes (RFC 3339); otherwise `#[wire(as_json)]` on the field stores the JSON text"
);

archived_field!(
    /// A timestamp field (`chrono::NaiveDate`) archived through `wiremsg::with::ChronoNaiveDate`.
    ChronoNaiveDateField,
    message = "rkyv cannot archive `{Self}` as it is: it needs a wrapper",
    label = "add `#[rkyv(with = wiremsg::with::ChronoNaiveDate)]` to the field of type `{Self}` (wiremsg's feature `chrono`)",
    note = "the wrapper stores the instant compactly, readable in place; the JSON stays what serde writes (RFC 3339); otherwise `#[wire(as_json)]` on the field stores the JSON text"
);

archived_field!(
    /// A timestamp field (`time::OffsetDateTime`) archived through `wiremsg::with::TimeOffsetDateTime`.
    TimeOffsetDateTimeField,
    message = "rkyv cannot archive `{Self}` as it is: it needs a wrapper",
    label = "add `#[rkyv(with = wiremsg::with::TimeOffsetDateTime)]` to the field of type `{Self}` (wiremsg's feature `time`)",
    note = "the wrapper stores the instant compactly, readable in place; the JSON stays what serde writes (RFC 3339); otherwise `#[wire(as_json)]` on the field stores the JSON text"
);

archived_field!(
    /// A `serde_json::Value` field, which only JSON can hold.
    JsonValueField,
    message = "rkyv cannot archive `{Self}`: it is JSON, whatever its shape",
    label = "add `#[wire(as_json)]` to the field of type `{Self}`: it is stored as JSON text",
    note = "or `#[wire(codec = \"json\")]` on the type, to send the whole message as JSON"
);

/// Any field type serde must write and read.
#[diagnostic::on_unimplemented(
    message = "`{Self}`, the type of a field of this message, does not implement serde's `Serialize` and `Deserialize`",
    label = "the JSON codecs need serde support for a field's type, `{Self}`",
    note = "derive `serde::Serialize` and `serde::Deserialize` (or `WireMessage`) for it, turn on its crate's `serde` feature, or give the field `#[serde(with = ...)]`",
    note = "any error from serde's derive about `{Self}` that follows comes from the same field"
)]
pub trait SerdeField {}

impl<T: serde::Serialize + serde::de::DeserializeOwned> SerdeField for T {}
