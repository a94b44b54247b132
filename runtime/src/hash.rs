//! The stable hashes behind default type ids and layout fingerprints.
//!
//! Both are FNV-1a (32-bit) over UTF-8 bytes, evaluated at compile time. They are part of the wire
//! format (see `docs/FORMAT.md`): changing them changes every default type id.

pub(crate) const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// FNV-1a, 32-bit, over `bytes`.
///
/// ```
/// // Test vectors from the FNV reference.
/// assert_eq!(wiremsg::hash::fnv1a_32(b""), 0x811c_9dc5);
/// assert_eq!(wiremsg::hash::fnv1a_32(b"a"), 0xe40c_292c);
/// assert_eq!(wiremsg::hash::fnv1a_32(b"foobar"), 0xbf9c_f968);
/// ```
pub const fn fnv1a_32(bytes: &[u8]) -> u32 {
    fnv1a_32_from(FNV_OFFSET, bytes)
}

/// FNV-1a 32 continued from `hash` over `bytes`.
pub(crate) const fn fnv1a_32_from(mut hash: u32, bytes: &[u8]) -> u32 {
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

/// The default type id of a message named `name`: `fnv1a_32(name)`.
///
/// Only the name counts, never the module path, so moving a type does not change its id; renaming
/// it does, unless `#[wire(name = "...")]` or `#[wire(id = N)]` pins it.
///
/// ```
/// assert_eq!(wiremsg::hash::type_id_of("ChatMessage"), wiremsg::hash::fnv1a_32(b"ChatMessage"));
/// ```
pub const fn type_id_of(name: &str) -> u32 {
    fnv1a_32(name.as_bytes())
}

/// The 16-bit layout fingerprint of a shape description: the two halves of `fnv1a_32(shape)`
/// XOR-ed together.
///
/// The derive builds `shape` from the type's kind, field and variant names, field types as written
/// and the attributes that change the archived layout; see `docs/FORMAT.md`.
pub const fn layout_fingerprint(shape: &str) -> u16 {
    fold_to_fingerprint(fnv1a_32(shape.as_bytes()))
}

/// The 16-bit fingerprint written in headers: the two halves of a 32-bit layout hash XOR-ed.
///
/// ```
/// use wiremsg::hash::{fnv1a_32, fold_to_fingerprint, layout_fingerprint};
/// assert_eq!(fold_to_fingerprint(0x1234_5678), 0x444c);
/// assert_eq!(fold_to_fingerprint(fnv1a_32(b"struct{}")), layout_fingerprint("struct{}"));
/// ```
pub const fn fold_to_fingerprint(hash: u32) -> u16 {
    ((hash >> 16) ^ (hash & 0xffff)) as u16
}
