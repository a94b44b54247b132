//! Which codec a type prefers, and which codec a frame's payload was written with.

use std::fmt;

/// A codec kind.
///
/// On a type (`WireMessage::CODEC`) it is the type's preferred codec, chosen with
/// `#[wire(codec = "...")]`. In a frame header it says what the payload *is*: only
/// [`CodecKind::Json`] and [`CodecKind::Rkyv`] ever appear on the wire, never `Hybrid`.
///
/// ```
/// use wiremsg::CodecKind;
/// assert_eq!(CodecKind::Rkyv.to_string(), "rkyv");
/// assert_eq!(CodecKind::from_wire_byte(1), Some(CodecKind::Json));
/// assert_eq!(CodecKind::Hybrid.wire_byte(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodecKind {
    /// serde_json text. Self-describing: readable across schema versions.
    Json,
    /// An rkyv archive, validated before use and readable zero-copy.
    Rkyv,
    /// rkyv, falling back to JSON when rkyv cannot serialize a value at run time.
    Hybrid,
}

impl CodecKind {
    /// The byte that stands for this kind in a frame header, or `None` for
    /// [`CodecKind::Hybrid`], which names a strategy rather than a payload format.
    pub const fn wire_byte(self) -> Option<u8> {
        match self {
            CodecKind::Json => Some(1),
            CodecKind::Rkyv => Some(2),
            CodecKind::Hybrid => None,
        }
    }

    /// The payload format a header byte stands for, or `None` for an unknown byte.
    pub const fn from_wire_byte(byte: u8) -> Option<CodecKind> {
        match byte {
            1 => Some(CodecKind::Json),
            2 => Some(CodecKind::Rkyv),
            _ => None,
        }
    }

    /// The lower-case name used in `#[wire(codec = "...")]`.
    pub const fn name(self) -> &'static str {
        match self {
            CodecKind::Json => "json",
            CodecKind::Rkyv => "rkyv",
            CodecKind::Hybrid => "hybrid",
        }
    }
}

/// How a value of a type preferring a codec is encoded: the one statement of that rule, which
/// every encode path (whole frames, appended frames, the tokio framing) follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// A JSON frame.
    Json,
    /// An rkyv frame; when rkyv fails and `json_fallback` is set, a JSON frame instead if the
    /// failure is one JSON can serve.
    Rkyv { json_fallback: bool },
}

impl CodecKind {
    /// How a type whose preferred codec is `self` encodes.
    #[inline(always)]
    pub(crate) const fn encoding(self) -> Encoding {
        match self {
            CodecKind::Json => Encoding::Json,
            CodecKind::Rkyv => Encoding::Rkyv {
                json_fallback: false,
            },
            CodecKind::Hybrid => Encoding::Rkyv {
                json_fallback: true,
            },
        }
    }
}

impl fmt::Display for CodecKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
