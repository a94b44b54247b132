//! The one owned decode of a message type that every codec and the registry run.
//!
//! Each codec used to compile its own decode per message type (open the frame, pick the payload
//! format, deserialize, count it), and registration compiled the hybrid one once more for
//! `RegistryEntry::to_json`: three or four near-identical copies per type, which every user pays
//! for in build time on each edit. The codecs differ only in which frames they accept and the
//! name they count under, so those are values here and the code is generic over the message
//! type alone.

use super::frame::{decode_json, open, TypeMeta};
use super::DEFAULT_MAX_DECOMPRESSED;
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::message::WireMessage;
use crate::metrics::metered_decode;

/// Who decodes: the codec, which decides what is accepted (see [`open`]) and is counted in the
/// metrics, and its limit on a decompressed frame. Two words, so it travels in registers.
#[derive(Clone, Copy)]
pub(crate) struct Decoder {
    pub(crate) kind: CodecKind,
    pub(crate) max_decompressed: usize,
}

impl Decoder {
    /// A `kind` codec with the default limit on a decompressed frame.
    pub(crate) const fn with_default_limit(kind: CodecKind) -> Decoder {
        Decoder {
            kind,
            max_decompressed: DEFAULT_MAX_DECOMPRESSED,
        }
    }
}

/// Decodes `bytes` into a `T` as `decoder` reads it: an rkyv payload through the type's
/// validated rkyv path, anything else the decoder accepts (JSON frames, bare JSON) through serde.
#[inline(never)]
pub(crate) fn decode_message<T: WireMessage>(
    bytes: &[u8],
    decoder: Decoder,
) -> Result<T, CodecError> {
    metered_decode(decoder.kind, bytes, |bytes| {
        // A copy, not a reference to the constant: the inlined fast path of `open` then compiles
        // the type's header prefix into immediates.
        let meta = const { TypeMeta::of::<T>() };
        let opened = open(bytes, &meta, decoder.kind, decoder.max_decompressed)?;
        if opened.is_rkyv() {
            T::__from_rkyv_payload(opened.payload())
        } else {
            decode_json(opened.payload())
        }
    })
}
