//! [`FrameDescription`]: a frame's header and type name, for logs.

use crate::header::Header;
use std::fmt;

/// A frame's header and type name, for logs; see [`Registry::describe`](crate::Registry::describe).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameDescription {
    header: Header,
    type_name: Option<&'static str>,
}

impl FrameDescription {
    pub(super) const fn new(header: Header, type_name: Option<&'static str>) -> FrameDescription {
        FrameDescription { header, type_name }
    }

    /// The frame's header.
    pub const fn header(&self) -> &Header {
        &self.header
    }

    /// The registered name of the frame's type, if known.
    pub const fn type_name(&self) -> Option<&'static str> {
        self.type_name
    }
}

impl fmt::Display for FrameDescription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = &self.header;
        write!(
            f,
            "{} (id {:#010x}), schema v{}, {} payload of {} bytes",
            self.type_name.unwrap_or("unknown type"),
            header.type_id(),
            header.schema_version(),
            header.codec(),
            header.payload_len(),
        )?;
        // Compression is the one flag a parsed header can carry; the others are refused.
        if let Some(algorithm) = header.compression() {
            write!(f, " ({algorithm}-compressed)")?;
        }
        write!(f, ", layout {:#06x}", header.layout_fingerprint())
    }
}
