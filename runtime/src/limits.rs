//! [`Limits`]: how much decoding one untrusted input may cost.

/// The most bytes a compressed payload may expand to by default (64 MiB). A frame declaring more
/// is refused before anything is allocated.
pub const DEFAULT_MAX_DECOMPRESSED: usize = 64 << 20;

/// The deepest nesting of pointers (boxes, vectors, strings inside them, ...) an rkyv payload may
/// have by default. Validation and deserialization recurse once per level; 128 matches
/// serde_json's recursion limit for JSON.
pub const MAX_ARCHIVE_DEPTH: usize = 128;

/// The most elements a sequence of zero-sized values (`Vec<()>`, a vector of unit structs) may
/// claim in an rkyv payload by default. Such elements take no bytes, so a few bytes of archive
/// can claim four billion of them, which cost nothing to decode and gigabytes to print as JSON.
pub const DEFAULT_MAX_ZERO_SIZED_ELEMENTS: usize = 1 << 16;

/// The most bytes of JSON text transcoding one frame may produce by default (16 MiB), in
/// [`Registry::to_json`](crate::Registry::to_json). The `serde_json::Value` built from it takes
/// up to 16 times as much memory (one 32-byte value per two bytes of text in the worst case).
pub const DEFAULT_MAX_TRANSCODED: usize = 16 << 20;

/// Limits on what decoding one input may cost, for every path that decodes: the codecs
/// ([`HybridCodec::with_limits`](crate::HybridCodec::with_limits), ...),
/// [`WireMessage::from_wire_with`](crate::WireMessage::from_wire_with),
/// [`Router::with_limits`](crate::Router::with_limits),
/// [`ZeroCopyBuffer::get_with`](crate::ZeroCopyBuffer::get_with),
/// [`Registry::to_json_with`](crate::Registry::to_json_with) and the tokio codecs. Each limit is
/// checked before anything it bounds is allocated; defaults and reasons are in
/// `docs/SECURITY.md`.
///
/// ```
/// use wiremsg::{Codec, CodecError, CompressedCodec, HybridCodec, Limits, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Log {
///     lines: Vec<String>,
/// }
///
/// let log = Log { lines: vec!["GET /index.html 200".to_string(); 1000] };
/// let frame = CompressedCodec::new(HybridCodec::new()).encode(&log)?;
/// let small = Limits::new().with_max_decompressed(4096);
/// let err = Log::from_wire_with(&frame, &small).unwrap_err();
/// assert!(matches!(err, CodecError::DecompressedTooLarge { limit: 4096, .. }));
/// let plain: Log = HybridCodec::new().with_limits(small).decode(&log.to_wire()?)?;
/// assert_eq!(plain, log);
/// # Ok::<(), CodecError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    max_decompressed: usize,
    max_depth: usize,
    max_zero_sized_elements: usize,
    max_transcoded: usize,
}

impl Limits {
    /// The defaults: [`DEFAULT_MAX_DECOMPRESSED`], [`MAX_ARCHIVE_DEPTH`],
    /// [`DEFAULT_MAX_ZERO_SIZED_ELEMENTS`] and [`DEFAULT_MAX_TRANSCODED`].
    pub const DEFAULT: Limits = Limits {
        max_decompressed: DEFAULT_MAX_DECOMPRESSED,
        max_depth: MAX_ARCHIVE_DEPTH,
        max_zero_sized_elements: DEFAULT_MAX_ZERO_SIZED_ELEMENTS,
        max_transcoded: DEFAULT_MAX_TRANSCODED,
    };

    /// The defaults, [`Limits::DEFAULT`].
    pub const fn new() -> Limits {
        Limits::DEFAULT
    }

    /// Refuses a compressed payload declaring more than `bytes` bytes uncompressed
    /// ([`CodecError::DecompressedTooLarge`](crate::CodecError::DecompressedTooLarge)), before
    /// allocating.
    pub const fn with_max_decompressed(mut self, bytes: usize) -> Limits {
        self.max_decompressed = bytes;
        self
    }

    /// Refuses an rkyv payload nesting pointers more than `levels` deep (at least 1; JSON
    /// nesting is serde_json's, 128 levels, whatever this says).
    pub const fn with_max_depth(mut self, levels: usize) -> Limits {
        self.max_depth = if levels == 0 { 1 } else { levels };
        self
    }

    /// Refuses an rkyv payload in which a sequence of zero-sized elements claims more than
    /// `count` of them
    /// ([`CodecError::TooManyZeroSized`](crate::CodecError::TooManyZeroSized)).
    pub const fn with_max_zero_sized_elements(mut self, count: usize) -> Limits {
        self.max_zero_sized_elements = count;
        self
    }

    /// Refuses to transcode a frame to more than `bytes` bytes of JSON text
    /// ([`CodecError::TranscodedTooLarge`](crate::CodecError::TranscodedTooLarge)).
    pub const fn with_max_transcoded(mut self, bytes: usize) -> Limits {
        self.max_transcoded = bytes;
        self
    }

    /// The most bytes a compressed payload may expand to.
    pub const fn max_decompressed(&self) -> usize {
        self.max_decompressed
    }

    /// The deepest pointer nesting of an rkyv payload.
    pub const fn max_depth(&self) -> usize {
        self.max_depth
    }

    /// The most elements a sequence of zero-sized values may claim.
    pub const fn max_zero_sized_elements(&self) -> usize {
        self.max_zero_sized_elements
    }

    /// The most bytes of JSON text transcoding one frame may produce.
    pub const fn max_transcoded(&self) -> usize {
        self.max_transcoded
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
