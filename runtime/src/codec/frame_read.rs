//! Reading frames: checking a frame's header against the type asked for, opening its payload
//! (decompressing, or copying it to alignment, when it must), and the JSON decode.

use super::decompress_frame;
use super::frame::{misalignment, TypeMeta, PAYLOAD_ALIGN};
use crate::error::CodecError;
use crate::header::{Header, HEADER_LEN};
use crate::kind::CodecKind;
use crate::message::WireMessage;
use crate::registry::refuse_shared_id;
use rkyv::util::AlignedVec;

/// Checks that a frame holds the type `meta` describes.
///
/// A frame whose id two types of the global registry claim is refused too
/// ([`CodecError::DuplicateTypeId`]): it could be the other type's.
pub(crate) fn check_type(header: &Header, meta: &TypeMeta) -> Result<(), CodecError> {
    if header.type_id() == meta.id {
        refuse_shared_id(meta.id)
    } else {
        Err(CodecError::WrongType {
            expected: meta.id,
            expected_name: meta.name,
            found: header.type_id(),
            found_name: crate::registry::registry()
                .get(header.type_id())
                .map(|entry| entry.name()),
        })
    }
}

/// Checks that an rkyv frame was written by this very layout of the type.
pub(crate) fn check_rkyv_layout(header: &Header, meta: &TypeMeta) -> Result<(), CodecError> {
    if header.schema_version() != meta.schema_version {
        return Err(CodecError::SchemaVersionMismatch {
            type_name: meta.name,
            expected: meta.schema_version,
            found: header.schema_version(),
        });
    }
    if header.layout_fingerprint() != meta.fingerprint {
        return Err(CodecError::LayoutMismatch {
            type_name: meta.name,
            schema_version: meta.schema_version,
            expected: meta.fingerprint,
            found: header.layout_fingerprint(),
        });
    }
    Ok(())
}

/// Splits a frame and checks that it holds the type `meta` describes.
pub(crate) fn split_typed_frame<'a>(
    bytes: &'a [u8],
    meta: &TypeMeta,
) -> Result<(Header, &'a [u8]), CodecError> {
    let (header, payload) = Header::split_frame(bytes)?;
    check_type(&header, meta)?;
    Ok((header, payload))
}

/// What a codec reads once its input is opened: an rkyv payload of the codec's type, ready for
/// validation, or JSON text.
pub(crate) struct Opened<'a> {
    rkyv: bool,
    body: Body<'a>,
}

enum Body<'a> {
    Borrowed(&'a [u8]),
    /// A decompressed frame (`start` = [`HEADER_LEN`]) or a realigned copy of a payload
    /// (`start` = 0).
    Owned {
        buffer: AlignedVec,
        start: usize,
    },
}

impl Opened<'_> {
    /// Whether the payload is rkyv: of the codec's type, at its schema version and layout, and
    /// at [`PAYLOAD_ALIGN`]. Otherwise it is JSON text (a JSON frame's payload or bare JSON).
    #[inline]
    pub(crate) fn is_rkyv(&self) -> bool {
        self.rkyv
    }

    #[inline]
    pub(crate) fn payload(&self) -> &[u8] {
        match &self.body {
            Body::Borrowed(payload) => payload,
            Body::Owned { buffer, start } => buffer.get(*start..).unwrap_or_default(),
        }
    }
}

/// Reads the input of a `codec` codec: bare JSON where it reads JSON (`Json`, `Hybrid`),
/// otherwise a frame of the type `meta` describes whose payload format the codec reads (`Hybrid`
/// reads both), decompressed (refusing more than `max_decompressed` bytes) when it is compressed.
/// An rkyv payload is checked against the type's schema version and layout, and copied to
/// [`PAYLOAD_ALIGN`] if it is not there: its decode is then validation and deserialization alone.
#[inline]
pub(crate) fn open<'a>(
    bytes: &'a [u8],
    meta: &TypeMeta,
    codec: CodecKind,
    max_decompressed: usize,
) -> Result<Opened<'a>, CodecError> {
    if codec != CodecKind::Json {
        if let Some(payload) = meta.plain_rkyv_payload(bytes) {
            refuse_shared_id(meta.id)?;
            let body = Body::Borrowed(payload);
            return Ok(Opened { rkyv: true, body });
        }
    }
    open_checked(bytes, meta, codec, max_decompressed)
}

/// [`open`] for anything but an uncompressed, aligned rkyv frame of the type: every check,
/// naming what is wrong.
fn open_checked<'a>(
    bytes: &'a [u8],
    meta: &TypeMeta,
    codec: CodecKind,
    max_decompressed: usize,
) -> Result<Opened<'a>, CodecError> {
    if codec != CodecKind::Rkyv && !Header::is_frame(bytes) {
        if bytes.is_empty() {
            return Err(CodecError::Empty);
        }
        let body = Body::Borrowed(bytes);
        return Ok(Opened { rkyv: false, body });
    }
    let (header, payload) = split_typed_frame(bytes, meta)?;
    let (header, body) = match header.compression() {
        None => (header, Body::Borrowed(payload)),
        Some(algorithm) => {
            let (plain_header, plain) =
                decompress_frame(&header, algorithm, payload, max_decompressed)?;
            let body = Body::Owned {
                buffer: plain,
                start: HEADER_LEN,
            };
            (plain_header, body)
        }
    };
    let refused = match codec {
        CodecKind::Json if header.codec() != CodecKind::Json => Some("JsonCodec"),
        CodecKind::Rkyv if header.codec() != CodecKind::Rkyv => Some("RkyvCodec"),
        _ => None,
    };
    if let Some(codec) = refused {
        return Err(CodecError::WrongCodec {
            codec,
            found: header.codec(),
        });
    }
    if header.codec() != CodecKind::Rkyv {
        return Ok(Opened { rkyv: false, body });
    }
    check_rkyv_layout(&header, meta)?;
    let body = match body {
        Body::Borrowed(payload) if misalignment(payload) != 0 => Body::Owned {
            buffer: aligned_copy(payload),
            start: 0,
        },
        aligned => aligned,
    };
    Ok(Opened { rkyv: true, body })
}

/// The payload of an uncompressed rkyv frame of the type `meta` describes, checked for a
/// zero-copy view: a frame whose header is exactly the type's needs one comparison, and any
/// other input takes the full checks, which name what is wrong.
pub(crate) fn view_payload<'a>(bytes: &'a [u8], meta: &TypeMeta) -> Result<&'a [u8], CodecError> {
    match meta.plain_rkyv_payload(bytes) {
        Some(payload) => refuse_shared_id(meta.id).map(|()| payload),
        None => checked_view_payload(bytes, meta),
    }
}

#[cold]
fn checked_view_payload<'a>(bytes: &'a [u8], meta: &TypeMeta) -> Result<&'a [u8], CodecError> {
    let (header, payload) = split_typed_frame(bytes, meta)?;
    if header.compression().is_some() {
        return Err(CodecError::CompressedView {
            type_name: meta.name,
        });
    }
    if header.codec() != CodecKind::Rkyv {
        return Err(CodecError::WrongCodec {
            codec: "a zero-copy view",
            found: header.codec(),
        });
    }
    check_rkyv_layout(&header, meta)?;
    match misalignment(payload) {
        0 => Ok(payload),
        misalignment => Err(CodecError::Unaligned {
            required: PAYLOAD_ALIGN,
            misalignment,
        }),
    }
}

/// `payload` copied to [`PAYLOAD_ALIGN`], for rkyv to validate in place.
fn aligned_copy(payload: &[u8]) -> AlignedVec {
    let mut copy = AlignedVec::with_capacity(payload.len());
    copy.extend_from_slice(payload);
    copy
}

/// Decodes JSON text, bare or a frame's payload. JSON is self-describing, so it is read across
/// schema versions through serde.
pub(crate) fn decode_json<T: WireMessage>(json: &[u8]) -> Result<T, CodecError> {
    // `match` rather than `map_err`: in a debug build each combinator is one more function
    // compiled per message type (docs/DESIGN.md, "Build cost").
    match serde_json::from_slice(json) {
        Ok(message) => Ok(message),
        Err(source) => Err(CodecError::json(T::TYPE_NAME)(source)),
    }
}
