//! What rkyv's derive archives a field through, so that a field type without rkyv support is
//! reported once, by the derive's own field check (`field_checks.rs`), and not again by every
//! line of rkyv's generated code that names the type.
//!
//! The derive archives each field whose type it checks through [`ProbedField`], whose parameter
//! says whether every type it checks in the item is archivable, as [`ArchiveProbe`] finds out at
//! compile time. When they all are (every build that compiles), `ProbedField<true>` archives the
//! field exactly as the type's own impls do: same archived type, same code once inlined. When one
//! is not, the field check has already failed the build, and `ProbedField<false>` archives
//! anything as `()`, which lets the rest of the derive's code type-check without errors of its
//! own.

use rkyv::rancor::{Fallible, Source};
use rkyv::with::{ArchiveWith, DeserializeWith, SerializeWith};
use rkyv::{Archive, Deserialize, Place, Serialize};
use std::marker::PhantomData;

/// Asks whether `T` is archivable, as `<ArchiveProbe<T>>::ARCHIVES`: the inherent constant
/// (`true`) when `T: Archive`, else (with [`Unarchivable`] in scope) the trait's (`false`). Path
/// resolution prefers the inherent constant whenever its bound holds, so the answer is given per
/// concrete type, at compile time.
pub struct ArchiveProbe<T: ?Sized>(PhantomData<T>);

impl<T: Archive> ArchiveProbe<T> {
    /// `T` is archivable.
    pub const ARCHIVES: bool = true;
}

/// [`ArchiveProbe`]'s answer for a type without an `Archive` impl.
pub trait Unarchivable {
    /// `T` is not archivable.
    const ARCHIVES: bool = false;
}

impl<T: ?Sized> Unarchivable for ArchiveProbe<T> {}

/// The rkyv wrapper of a checked field: the field's own impls when `ARCHIVES`, nothing
/// otherwise (see the module's documentation).
#[derive(Debug)]
pub struct ProbedField<const ARCHIVES: bool>;

impl<T: Archive> ArchiveWith<T> for ProbedField<true> {
    type Archived = T::Archived;
    type Resolver = T::Resolver;

    #[inline]
    fn resolve_with(field: &T, resolver: Self::Resolver, out: Place<Self::Archived>) {
        field.resolve(resolver, out);
    }
}

impl<T: Serialize<S>, S: Fallible + ?Sized> SerializeWith<T, S> for ProbedField<true> {
    #[inline]
    fn serialize_with(field: &T, serializer: &mut S) -> Result<Self::Resolver, S::Error> {
        field.serialize(serializer)
    }
}

impl<T, D> DeserializeWith<T::Archived, T, D> for ProbedField<true>
where
    T: Archive,
    T::Archived: Deserialize<T, D>,
    D: Fallible + ?Sized,
{
    #[inline]
    fn deserialize_with(field: &T::Archived, deserializer: &mut D) -> Result<T, D::Error> {
        field.deserialize(deserializer)
    }
}

impl<T: ?Sized> ArchiveWith<T> for ProbedField<false> {
    type Archived = ();
    type Resolver = ();

    fn resolve_with(_: &T, _: Self::Resolver, _: Place<Self::Archived>) {}
}

impl<T: ?Sized, S: Fallible + ?Sized> SerializeWith<T, S> for ProbedField<false> {
    fn serialize_with(_: &T, _: &mut S) -> Result<Self::Resolver, S::Error> {
        Ok(())
    }
}

impl<T, D> DeserializeWith<(), T, D> for ProbedField<false>
where
    D: Fallible + ?Sized,
    D::Error: Source,
{
    fn deserialize_with(_: &(), _: &mut D) -> Result<T, D::Error> {
        Err(D::Error::new(UnarchivableField))
    }
}

/// What [`ProbedField<false>`] answers a deserialization with, were it ever compiled into a
/// program (the derive's field check fails the build first).
#[derive(Debug, thiserror::Error)]
#[error("this field's type cannot be archived by rkyv")]
struct UnarchivableField;

/// rkyv's copy optimization of a checked field's type, for the derive's `COPY_OPTIMIZATION`: the
/// type's own when it is archivable.
pub trait ProbedCopy<T: ?Sized> {
    /// Whether `T` archives as itself, byte for byte.
    const ENABLED: bool;
}

impl<T: Archive> ProbedCopy<T> for ProbedField<true> {
    const ENABLED: bool = T::COPY_OPTIMIZATION.is_enabled();
}

impl<T: ?Sized> ProbedCopy<T> for ProbedField<false> {
    const ENABLED: bool = false;
}

/// Asks whether serde writes and reads `T`, as `<SerdeProbe<T>>::SERDE`: the inherent constant
/// (`true`) when `T: Serialize + DeserializeOwned`, else (with [`WithoutSerde`] in scope) the
/// trait's (`false`), as [`ArchiveProbe`] does for rkyv.
pub struct SerdeProbe<T: ?Sized>(PhantomData<T>);

impl<T: serde::Serialize + serde::de::DeserializeOwned> SerdeProbe<T> {
    /// serde writes and reads `T`.
    pub const SERDE: bool = true;
}

/// [`SerdeProbe`]'s answer for a type without serde's impls.
pub trait WithoutSerde {
    /// serde does not write and read `T`.
    const SERDE: bool = false;
}

impl<T: ?Sized> WithoutSerde for SerdeProbe<T> {}

/// What the derive's serde impls write and read a checked field as: the field itself when
/// `SERDE` (every checked type has serde's impls), a stand-in otherwise, which the field check
/// has already reported. The same alias picks the rkyv wrapper of an `as_json` field.
#[derive(Debug)]
pub struct SerdeProbed<const SERDE: bool>;

/// serde's `serialize_with` for a checked field of an item that keeps serde's own derive: the
/// field's own `Serialize` (the derive adds `#[serde(serialize_with = "...")]`, which changes
/// nothing in what is written).
impl SerdeProbed<true> {
    /// Writes the field as its type does.
    #[inline]
    pub fn serialize<T, S>(field: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        T: serde::Serialize + ?Sized,
        S: serde::Serializer,
    {
        field.serialize(serializer)
    }
}

/// The same function when a checked type has no serde support (the check has failed the build).
impl SerdeProbed<false> {
    /// Fails.
    pub fn serialize<T: ?Sized, S: serde::Serializer>(_: &T, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(NO_SERDE))
    }
}

const NO_SERDE: &str = "this field's type has no serde support";

/// A field of type `T` as the derive's serde impls see it (see [`SerdeProbed`]).
pub trait SerdeSlot<T> {
    /// What is written in the field's place.
    type Write: ?Sized;
    /// What is read in the field's place.
    type Read;
    /// The field, as written.
    fn write(field: &T) -> &Self::Write;
    /// The field, from what was read.
    fn into_field(read: Self::Read) -> T;
    /// What is read, from the field (a container `default`, read into the second shadow).
    fn from_field(field: T) -> Self::Read;
}

impl<T> SerdeSlot<T> for SerdeProbed<true> {
    type Write = T;
    type Read = T;

    #[inline(always)]
    fn write(field: &T) -> &T {
        field
    }

    #[inline(always)]
    fn into_field(read: T) -> T {
        read
    }

    #[inline(always)]
    fn from_field(field: T) -> T {
        field
    }
}

impl<T> SerdeSlot<T> for SerdeProbed<false> {
    type Write = ();
    type Read = Unreadable<T>;

    fn write(_: &T) -> &() {
        &()
    }

    fn into_field(read: Unreadable<T>) -> T {
        read.0
    }

    fn from_field(field: T) -> Unreadable<T> {
        Unreadable(field)
    }
}

/// What [`SerdeProbed<false>`] reads: nothing, ever (deserializing it fails).
pub struct Unreadable<T>(T);

impl<'de, T> serde::Deserialize<'de> for Unreadable<T> {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom(NO_SERDE))
    }
}

/// The rkyv wrapper of an `#[wire(as_json)]` field: [`AsJson`](crate::__private::AsJson) when
/// its type has serde's impls, [`ProbedField<false>`] (nothing) otherwise.
pub trait AsJsonSlot {
    /// The wrapper.
    type With;
}

impl AsJsonSlot for SerdeProbed<true> {
    type With = crate::as_json::AsJson;
}

impl AsJsonSlot for SerdeProbed<false> {
    type With = ProbedField<false>;
}
