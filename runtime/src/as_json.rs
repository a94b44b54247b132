//! [`AsJson`]: the rkyv wrapper behind `#[wire(as_json)]`.

use rkyv::rancor::{Fallible, Source};
use rkyv::ser::Writer;
use rkyv::string::{ArchivedString, StringResolver};
use rkyv::with::{ArchiveWith, DeserializeWith, SerializeWith};
use rkyv::Place;

/// Stores a field inside the rkyv archive as JSON text, so any `Serialize + DeserializeOwned` type
/// (`serde_json::Value`, a map with non-string keys, a foreign type without rkyv support) can live
/// in an rkyv message. `#[wire(as_json)]` applies it; a zero-copy view shows the field as an
/// `ArchivedString` holding the JSON text.
///
/// A value serde_json cannot encode makes rkyv serialization fail, which `HybridCodec` answers
/// with a JSON frame.
#[derive(Debug)]
pub struct AsJson;

/// The resolver of an [`AsJson`] field: the JSON text and where rkyv stored it.
pub struct AsJsonResolver {
    json: String,
    string: StringResolver,
}

impl std::fmt::Debug for AsJsonResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsJsonResolver")
            .field("json", &self.json)
            .finish_non_exhaustive()
    }
}

impl<T: serde::Serialize> ArchiveWith<T> for AsJson {
    type Archived = ArchivedString;
    type Resolver = AsJsonResolver;

    fn resolve_with(_: &T, resolver: Self::Resolver, out: Place<Self::Archived>) {
        ArchivedString::resolve_from_str(&resolver.json, resolver.string, out);
    }
}

impl<T, S> SerializeWith<T, S> for AsJson
where
    T: serde::Serialize,
    S: Fallible + Writer + ?Sized,
    S::Error: Source,
{
    fn serialize_with(field: &T, serializer: &mut S) -> Result<Self::Resolver, S::Error> {
        let json = serde_json::to_string(field).map_err(S::Error::new)?;
        let string = ArchivedString::serialize_from_str(&json, serializer)?;
        Ok(AsJsonResolver { json, string })
    }
}

impl<T, D> DeserializeWith<ArchivedString, T, D> for AsJson
where
    T: serde::de::DeserializeOwned,
    D: Fallible + ?Sized,
    D::Error: Source,
{
    fn deserialize_with(field: &ArchivedString, _: &mut D) -> Result<T, D::Error> {
        serde_json::from_str(field.as_str()).map_err(D::Error::new)
    }
}

/// Implemented by every type `#[wire(as_json)]` can store; a compile-time check the derive emits
/// on the field, so a missing impl is reported there with the fix.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored with #[wire(as_json)]: it does not implement serde's Serialize and DeserializeOwned",
    label = "this field's type needs serde support",
    note = "derive serde::Serialize and serde::Deserialize (or WireMessage) for it, or remove #[wire(as_json)]"
)]
pub trait AsJsonField {}

impl<T: serde::Serialize + serde::de::DeserializeOwned> AsJsonField for T {}
