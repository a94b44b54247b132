//! The one owned decode of a message type that every codec and the registry run.
//!
//! Each codec used to compile its own decode per message type (open the frame, pick the payload
//! format, deserialize, count it), and registration compiled the hybrid one once more for
//! `RegistryEntry::to_json`: three or four near-identical copies per type, which every user pays
//! for in build time on each edit. The codecs differ only in which frames they accept and the
//! name they count under, so those are values here and the code is generic over the message
//! type alone.

use super::frame::TypeMeta;
use super::frame_read::{decode_json, open};
use super::metered::metered_decode;
use crate::error::CodecError;
use crate::header::Header;
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::WireMessage;

/// Who decodes: the codec, which decides what is accepted (see [`open`]) and is counted in the
/// metrics, and its limits. Two words, so it travels in registers.
#[derive(Clone, Copy)]
pub(crate) struct DecodeOptions<'a> {
    pub(crate) kind: CodecKind,
    pub(crate) limits: &'a Limits,
}

/// Decodes `bytes` into a `T` as `decoder` reads it: an rkyv payload through the type's
/// validated rkyv path, anything else the decoder accepts (JSON frames, bare JSON) through serde;
/// a frame of an older schema version through the type's declared migrations.
#[inline(never)]
pub(crate) fn decode_message<T: WireMessage>(
    bytes: &[u8],
    decoder: DecodeOptions<'_>,
) -> Result<T, CodecError> {
    metered_decode(decoder.kind, bytes, |bytes| {
        decode_unmetered(bytes, decoder)
    })
}

/// [`decode_message`], not counted: also the decode of an older version inside a migration,
/// which the outer decode counts.
#[inline(always)]
pub(crate) fn decode_unmetered<T: WireMessage>(
    bytes: &[u8],
    decoder: DecodeOptions<'_>,
) -> Result<T, CodecError> {
    let limits = decoder.limits;
    // A copy, not a reference to the constant: the inlined fast path of `open` then compiles
    // the type's header prefix into immediates.
    let meta = const { TypeMeta::of::<T>() };
    let opened = match open(bytes, &meta, decoder.kind, limits.max_decompressed()) {
        Ok(opened) => opened,
        Err(error) => return older_version_or(error, bytes, decoder),
    };
    // `match` rather than `?` and combinators: in a debug build each is one more function
    // compiled per message type (docs/DESIGN.md, "Build cost").
    let decoded = if opened.is_rkyv() {
        T::__from_rkyv_payload(opened.payload(), limits)
    } else {
        match older_json_frame(bytes, &meta) {
            Some(version) => match T::__migrate(bytes, version, decoder.kind, limits) {
                Some(migrated) => migrated,
                None => decode_json(opened.payload()),
            },
            None => decode_json(opened.payload()),
        }
    };
    match decoded {
        Ok(message) => match message.__check_zero_sized(limits.max_zero_sized_elements()) {
            Ok(()) => Ok(message),
            Err(error) => Err(error),
        },
        Err(error) => Err(error),
    }
}

/// An rkyv frame of another schema version of `T`, decoded through `T`'s migrations when that
/// version is declared; otherwise `error` as it was.
#[cold]
fn older_version_or<T: WireMessage>(
    error: CodecError,
    frame: &[u8],
    decoder: DecodeOptions<'_>,
) -> Result<T, CodecError> {
    if let CodecError::SchemaVersionMismatch { found, .. } = error {
        if let Some(migrated) = T::__migrate(frame, found, decoder.kind, decoder.limits) {
            return migrated;
        }
    }
    Err(error)
}

/// The schema version of `bytes` when it is a (checked) frame of another version than `meta`'s;
/// `None` for bare JSON and frames of the type's own version. A JSON frame of a version the type
/// declares no migration from is read across versions through serde, as before.
#[inline]
fn older_json_frame(bytes: &[u8], meta: &TypeMeta) -> Option<u16> {
    let version = Header::claimed_schema_version(bytes)?;
    (Header::is_frame(bytes) && version != meta.schema_version).then_some(version)
}

/// The older version `Older` of a message, decoded from `frame` as a codec of `kind` reads it,
/// then converted to `Newer` with its `TryFrom<Older>`: one step of a declared migration.
pub fn migrate_step<Older, Newer>(
    frame: &[u8],
    kind: CodecKind,
    limits: &Limits,
) -> Result<Newer, CodecError>
where
    Older: WireMessage,
    Newer: WireMessage + TryFrom<Older>,
    <Newer as TryFrom<Older>>::Error: std::fmt::Display,
{
    let older: Older = decode_unmetered(frame, DecodeOptions { kind, limits })?;
    convert(older)
}

/// `older` converted to `Newer`, or the conversion's refusal as a [`CodecError::Migration`].
pub fn convert<Older, Newer>(older: Older) -> Result<Newer, CodecError>
where
    Older: WireMessage,
    Newer: WireMessage + TryFrom<Older>,
    <Newer as TryFrom<Older>>::Error: std::fmt::Display,
{
    Newer::try_from(older).map_err(|error| CodecError::Migration {
        type_name: Newer::TYPE_NAME,
        from: Older::SCHEMA_VERSION,
        to: Newer::SCHEMA_VERSION,
        reason: error.to_string(),
    })
}
