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
/// validated rkyv path, anything else the decoder accepts (JSON frames, bare JSON) through serde.
#[inline(never)]
pub(crate) fn decode_message<T: WireMessage>(
    bytes: &[u8],
    decoder: DecodeOptions<'_>,
) -> Result<T, CodecError> {
    let limits = decoder.limits;
    metered_decode(decoder.kind, bytes, |bytes| {
        // A copy, not a reference to the constant: the inlined fast path of `open` then compiles
        // the type's header prefix into immediates.
        let meta = const { TypeMeta::of::<T>() };
        let opened = open(bytes, &meta, decoder.kind, limits.max_decompressed())?;
        let message: T = if opened.is_rkyv() {
            T::__from_rkyv_payload(opened.payload(), limits)?
        } else {
            decode_json(opened.payload())?
        };
        message.__check_zero_sized(limits.max_zero_sized_elements())?;
        Ok(message)
    })
}
