//! The layout hash of a type that holds other types: its shape string hashed with the layout of
//! every type its archived fields name, in place of that type's spelling (see `docs/FORMAT.md`).
//!
//! The derive splits the shape at those types and asks each through [`LayoutProbe`]: a
//! [`WireMessage`] answers with its own layout hash, any other archivable type with the size and
//! alignment of its archived form. Everything is a constant, evaluated at compile time.

use crate::field_fallback::ProbedField;
use crate::hash::{fnv1a_32_from, FNV_OFFSET};
use crate::WireMessage;
use core::marker::PhantomData;
use rkyv::with::ArchiveWith;

/// What a shape holds where it names another type.
#[derive(Clone, Copy, Debug)]
pub enum NestedLayout {
    /// A [`WireMessage`]: its layout hash, which covers its own nested types. Its name does not
    /// count, so an old version kept under another name (`MoodV1`) hashes as it did.
    Message(u32),
    /// Any other archivable type: only its archived size and alignment can be known here, so
    /// its spelling counts too.
    Foreign {
        /// `size_of` its archived form.
        size: usize,
        /// `align_of` its archived form.
        align: usize,
    },
}

/// A type named in a shape: its spelling (canonical tokens) and its layout.
#[derive(Clone, Copy, Debug)]
pub struct Nested {
    spelled: &'static str,
    layout: NestedLayout,
}

impl Nested {
    /// The type spelled `spelled`, answering `layout` (a [`LayoutProbe`]'s `LAYOUT`).
    pub const fn new(spelled: &'static str, layout: NestedLayout) -> Nested {
        Nested { spelled, layout }
    }
}

/// The 32-bit layout hash of the shape `text[0] nested[0] text[1] ... text[n]`: FNV-1a 32
/// continued over each text's bytes and, for each nested type, over a message's layout hash (four
/// little-endian bytes) or over a foreign type's spelling, archived size and alignment (eight
/// little-endian bytes each). With nothing nested it is `fnv1a_32(text[0])`: a type holding
/// only primitives, strings and standard containers of them keeps the fingerprint it had before
/// nested types counted.
pub const fn nested_layout_hash(text: &[&str], nested: &[Nested]) -> u32 {
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < text.len() {
        hash = fnv1a_32_from(hash, text[i].as_bytes());
        if i < nested.len() {
            hash = match nested[i].layout {
                NestedLayout::Message(layout) => fnv1a_32_from(hash, &layout.to_le_bytes()),
                NestedLayout::Foreign { size, align } => with_archived_layout(
                    fnv1a_32_from(hash, nested[i].spelled.as_bytes()),
                    size,
                    align,
                ),
            };
        }
        i += 1;
    }
    hash
}

/// `hash` continued over an archived size and alignment, each as eight little-endian bytes:
/// what a foreign type adds, and what a generic type adds for `Archived<Self>` so that
/// `Envelope<u32>` and `Envelope<String>` differ.
pub const fn with_archived_layout(hash: u32, size: usize, align: usize) -> u32 {
    let hash = fnv1a_32_from(hash, &(size as u64).to_le_bytes());
    fnv1a_32_from(hash, &(align as u64).to_le_bytes())
}

/// A field's type asked for its layout as `<LayoutProbe<T>>::LAYOUT`: the inherent constant
/// when `T` is a [`WireMessage`], else (with [`ForeignLayout`] in scope) the size and alignment
/// of `T`'s archived form. Path resolution prefers the inherent constant whenever its bound
/// holds, so the choice is made per concrete type, at compile time.
///
/// `W` is the wrapper the derive archives a checked field through (`ProbedField`, which archives
/// `T` as `T` does whenever the build compiles), so that a type without rkyv support is reported
/// by the derive's field check alone.
pub struct LayoutProbe<T: ?Sized, W = ProbedField<true>>(PhantomData<W>, PhantomData<T>);

impl<T: WireMessage, W> LayoutProbe<T, W> {
    /// The message's own layout hash.
    pub const LAYOUT: NestedLayout = NestedLayout::Message(T::__LAYOUT_HASH);
}

/// [`LayoutProbe`] of a type that is not a [`WireMessage`]: what can be known of it without its
/// fields, the size and alignment of its archived form (platform-independent in rkyv's format).
pub trait ForeignLayout {
    /// The layout.
    const LAYOUT: NestedLayout;
}

impl<T: ?Sized, W: ArchiveWith<T>> ForeignLayout for LayoutProbe<T, W> {
    const LAYOUT: NestedLayout = NestedLayout::Foreign {
        size: core::mem::size_of::<W::Archived>(),
        align: core::mem::align_of::<W::Archived>(),
    };
}

/// [`LayoutProbe`] of a `Box`, `Rc` or `Arc` pointee, which may be unsized (`Box<CStr>`): the
/// inherent constant when `T` is a [`WireMessage`], else (with [`ForeignPointee`] in scope) the
/// size and alignment of the metadata an archived pointer to it carries (none for a sized type,
/// a length for `str`-like ones).
pub struct PointeeProbe<T: ?Sized>(PhantomData<T>);

impl<T: WireMessage> PointeeProbe<T> {
    /// The message's own layout hash.
    pub const LAYOUT: NestedLayout = NestedLayout::Message(T::__LAYOUT_HASH);
}

/// [`PointeeProbe`] of a pointee that is not a [`WireMessage`].
pub trait ForeignPointee {
    /// The layout.
    const LAYOUT: NestedLayout;
}

impl<T: ?Sized + rkyv::ArchiveUnsized> ForeignPointee for PointeeProbe<T> {
    const LAYOUT: NestedLayout = NestedLayout::Foreign {
        size: core::mem::size_of::<ArchivedMetadata<T>>(),
        align: core::mem::align_of::<ArchivedMetadata<T>>(),
    };
}

/// What an archived pointer to `T` carries beside its offset.
type ArchivedMetadata<T> =
    <<T as rkyv::ArchiveUnsized>::Archived as rkyv::traits::ArchivePointee>::ArchivedMetadata;
