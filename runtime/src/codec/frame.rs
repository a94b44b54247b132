//! What the codecs know of a message type's frames: its [`TypeMeta`] and the constant prefix of
//! its headers ([`FramePrefix`]). A message type is described to the codecs by a `TypeMeta`, not
//! a type parameter, so header checks, error construction and frame finishing are compiled once
//! in wiremsg instead of once per message type in every user's crate (which keeps
//! `#[derive(WireMessage)]` cheap to build). Reading frames is `frame_read.rs`, writing them
//! `frame_write.rs`; the rkyv-generic parts are in `archive.rs`.

use crate::header::{check_with_len, prefix_check_state, Header, CHECK_OFFSET, HEADER_LEN};
use crate::kind::CodecKind;
use crate::message::WireMessage;

/// The alignment a payload needs for a zero-copy view, and the alignment of wiremsg's buffers.
pub(crate) const PAYLOAD_ALIGN: usize = 16;

/// What frame checks need to know of a message type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TypeMeta {
    pub(crate) id: u32,
    pub(crate) name: &'static str,
    pub(crate) schema_version: u16,
    pub(crate) fingerprint: u16,
    /// What every uncompressed rkyv frame of the type begins with.
    pub(crate) rkyv_prefix: FramePrefix,
    /// The same for uncompressed JSON frames.
    pub(crate) json_prefix: FramePrefix,
}

impl TypeMeta {
    pub(crate) const fn of<T: WireMessage>() -> TypeMeta {
        let mut meta = TypeMeta {
            id: T::TYPE_ID,
            name: T::TYPE_NAME,
            schema_version: T::SCHEMA_VERSION,
            fingerprint: T::LAYOUT_FINGERPRINT,
            rkyv_prefix: FramePrefix::EMPTY,
            json_prefix: FramePrefix::EMPTY,
        };
        meta.rkyv_prefix = FramePrefix::of(meta.header(CodecKind::Rkyv, 0));
        meta.json_prefix = FramePrefix::of(meta.header(CodecKind::Json, 0));
        meta
    }

    /// The payload of `bytes` if they are an uncompressed rkyv frame of this very type and
    /// schema, with a sound header, complete and 16-byte aligned: one comparison instead of
    /// every header check.
    #[inline]
    pub(crate) fn plain_rkyv_payload<'a>(&self, bytes: &'a [u8]) -> Option<&'a [u8]> {
        let (head, payload) = bytes.split_first_chunk::<HEADER_LEN>()?;
        let declared = self.rkyv_prefix.payload_len_if_match(head)?;
        let exact = payload.len() == declared as usize && misalignment(payload) == 0;
        exact.then_some(payload)
    }

    /// The header of a frame of this type.
    pub(crate) const fn header(&self, codec: CodecKind, payload_len: u32) -> Header {
        Header::new(
            codec,
            self.id,
            self.schema_version,
            self.fingerprint,
            payload_len,
        )
    }
}

/// Everything in the headers of one type's uncompressed frames of one codec but the payload
/// length, and the check byte's CRC state before it: a header is then a few word operations.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FramePrefix {
    /// Header bytes 0..8, little-endian, with the check byte zero.
    head: u64,
    /// Header bytes 8..12: the type id.
    type_id: u32,
    /// The CRC state after the header's first 12 bytes.
    check_state: u8,
}

impl FramePrefix {
    const EMPTY: FramePrefix = FramePrefix {
        head: 0,
        type_id: 0,
        check_state: 0,
    };

    const fn of(header: Header) -> FramePrefix {
        let mut bytes = header.to_bytes();
        let check_state = prefix_check_state(&bytes);
        bytes[CHECK_OFFSET] = 0;
        let [b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, ..] = bytes;
        FramePrefix {
            head: u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]),
            type_id: u32::from_le_bytes([b8, b9, b10, b11]),
            check_state,
        }
    }

    /// The whole header of a frame with this prefix and a `payload_len`-byte payload.
    #[inline(always)]
    pub(crate) fn header(&self, payload_len: u32) -> [u8; HEADER_LEN] {
        let check = check_with_len(self.check_state, payload_len);
        let low = self.head | u64::from(check) << (8 * CHECK_OFFSET);
        let high = u64::from(self.type_id) | u64::from(payload_len) << 32;
        let mut header = [0; HEADER_LEN];
        header[..8].copy_from_slice(&low.to_le_bytes());
        header[8..].copy_from_slice(&high.to_le_bytes());
        header
    }

    /// The payload length `head` declares if it is exactly a header with this prefix, its check
    /// byte included.
    #[inline(always)]
    fn payload_len_if_match(&self, head: &[u8; HEADER_LEN]) -> Option<u32> {
        let declared = u32::from_le_bytes([head[12], head[13], head[14], head[15]]);
        (*head == self.header(declared)).then_some(declared)
    }
}

/// How many bytes `bytes` starts past a [`PAYLOAD_ALIGN`] boundary.
#[inline]
pub(crate) fn misalignment(bytes: &[u8]) -> usize {
    bytes.as_ptr() as usize % PAYLOAD_ALIGN
}
