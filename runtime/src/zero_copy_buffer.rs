//! [`ZeroCopyBuffer`]: many frames, of any message types, in one aligned byte area.

use crate::codec::{pad_to_align, view, Codec, HybridCodec, PAYLOAD_ALIGN};
use crate::error::CodecError;
use crate::header::{Header, HEADER_LEN};
use crate::limits::Limits;
use crate::message::{RkyvMessage, WireMessage};
use rkyv::util::AlignedVec;
use std::ops::Range;

/// Frames of any message types in one 16-byte aligned byte area, read back zero-copy.
///
/// [`append`](ZeroCopyBuffer::append) encodes a message as [`HybridCodec`] does and returns its
/// index; [`view`](ZeroCopyBuffer::view) validates the frame at an index and borrows its archived
/// value in place (no copy, no allocation); [`get`](ZeroCopyBuffer::get) decodes an owned value.
/// [`as_bytes`](ZeroCopyBuffer::as_bytes) is the whole buffer, ready to send, and
/// [`from_bytes`](ZeroCopyBuffer::from_bytes) reads one received, at any alignment.
///
/// On the wire the buffer is its frames back to back, each followed by zero bytes up to the next
/// multiple of 16, so every frame starts 16-byte aligned (see `docs/FORMAT.md`).
///
/// ```
/// use wiremsg::{CodecError, WireMessage, ZeroCopyBuffer};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Chat {
///     text: String,
/// }
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Join {
///     room: u32,
/// }
///
/// let mut buffer = ZeroCopyBuffer::new();
/// let chat = buffer.append(&Chat { text: "hi".into() })?;
/// let join = buffer.append(&Join { room: 7 })?;
/// assert_eq!((chat, join, buffer.len()), (0, 1, 2));
///
/// // Send the bytes; the receiver validates every frame header once.
/// let received = ZeroCopyBuffer::from_bytes(buffer.as_bytes())?;
/// let view: &ArchivedChat = received.view::<Chat>(0)?; // borrowed, not copied
/// assert_eq!(view.text, "hi");
/// assert_eq!(received.get::<Join>(1)?, Join { room: 7 });
/// assert!(matches!(received.view::<Join>(0), Err(CodecError::WrongType { .. })));
/// assert!(matches!(received.get::<Join>(2), Err(CodecError::IndexOutOfRange { index: 2, len: 2 })));
/// # Ok::<(), CodecError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ZeroCopyBuffer {
    bytes: AlignedVec,
    frames: Vec<FrameRef>,
}

/// Where a frame sits in the buffer, and its parsed header.
#[derive(Debug, Clone, Copy)]
struct FrameRef {
    start: usize,
    header: Header,
}

impl FrameRef {
    fn range(&self) -> Range<usize> {
        self.start..self.start + HEADER_LEN + self.header.payload_len() as usize
    }
}

impl ZeroCopyBuffer {
    /// An empty buffer.
    pub fn new() -> ZeroCopyBuffer {
        ZeroCopyBuffer::default()
    }

    /// An empty buffer with room for `bytes` bytes of frames.
    pub fn with_capacity(bytes: usize) -> ZeroCopyBuffer {
        ZeroCopyBuffer {
            bytes: AlignedVec::with_capacity(bytes),
            frames: Vec::new(),
        }
    }

    /// Appends `message` as [`HybridCodec`] encodes it (the type's codec, JSON fallback) and
    /// returns its index. On error the buffer is left as it was.
    pub fn append<T: WireMessage>(&mut self, message: &T) -> Result<usize, CodecError> {
        self.append_with(&HybridCodec::new(), message)
    }

    /// Appends `message` as `codec` encodes it and returns its index: e.g. an
    /// [`RkyvCodec`](crate::RkyvCodec) frame, or a compressed one.
    ///
    /// The codec must write a frame: bare JSON ([`JsonCodec::encode`](crate::JsonCodec)) has no
    /// header to find it by and is refused with [`CodecError::BadMagic`]. On error the buffer is
    /// left as it was.
    pub fn append_with<T, C: Codec<T>>(
        &mut self,
        codec: &C,
        message: &T,
    ) -> Result<usize, CodecError> {
        let original_len = self.bytes.len();
        let appended = codec
            .encode_into(message, &mut self.bytes)
            .and_then(|range| Ok((range.start, Header::split_frame(&self.bytes[range])?.0)));
        match appended {
            Ok((start, header)) => {
                pad_to_align(&mut self.bytes);
                self.frames.push(FrameRef { start, header });
                Ok(self.frames.len() - 1)
            }
            Err(error) => {
                self.bytes.resize(original_len, 0);
                Err(error)
            }
        }
    }

    /// Validates the rkyv frame at `index` as a `T` and borrows its archived value: no copy, no
    /// allocation.
    ///
    /// Another type at `index` is [`CodecError::WrongType`]; an index past the end is
    /// [`CodecError::IndexOutOfRange`]; a JSON frame is [`CodecError::WrongCodec`] (use
    /// [`get`](ZeroCopyBuffer::get)).
    pub fn view<T: WireMessage + RkyvMessage>(
        &self,
        index: usize,
    ) -> Result<&T::Archived, CodecError> {
        self.view_with::<T>(index, &Limits::DEFAULT)
    }

    /// [`view`](ZeroCopyBuffer::view) within `limits` (of which a view uses the depth).
    pub fn view_with<T: WireMessage + RkyvMessage>(
        &self,
        index: usize,
        limits: &Limits,
    ) -> Result<&T::Archived, CodecError> {
        view::<T>(self.frame(index)?, limits.max_depth())
    }

    /// Decodes the frame at `index` into an owned `T`, as [`HybridCodec`] does (rkyv or JSON).
    pub fn get<T: WireMessage>(&self, index: usize) -> Result<T, CodecError> {
        self.get_with(index, &Limits::DEFAULT)
    }

    /// [`get`](ZeroCopyBuffer::get) within `limits`.
    ///
    /// ```
    /// use wiremsg::{CodecError, CompressedCodec, HybridCodec, Limits, WireMessage, ZeroCopyBuffer};
    ///
    /// #[derive(WireMessage, Debug, PartialEq)]
    /// struct Log {
    ///     lines: Vec<String>,
    /// }
    ///
    /// let log = Log { lines: vec!["GET /index.html 200".to_string(); 1000] };
    /// let mut buffer = ZeroCopyBuffer::new();
    /// buffer.append_with(&CompressedCodec::new(HybridCodec::new()), &log)?;
    /// let strict = Limits::new().with_max_decompressed(1024);
    /// assert!(matches!(
    ///     buffer.get_with::<Log>(0, &strict),
    ///     Err(CodecError::DecompressedTooLarge { limit: 1024, .. })
    /// ));
    /// assert_eq!(buffer.get::<Log>(0)?, log);
    /// # Ok::<(), CodecError>(())
    /// ```
    pub fn get_with<T: WireMessage>(&self, index: usize, limits: &Limits) -> Result<T, CodecError> {
        HybridCodec::new()
            .with_limits(*limits)
            .decode(self.frame(index)?)
    }

    /// The bytes of the frame at `index`: its header and payload, without padding.
    pub fn frame(&self, index: usize) -> Result<&[u8], CodecError> {
        Ok(&self.bytes[self.frame_ref(index)?.range()])
    }

    /// The header of the frame at `index`.
    pub fn header(&self, index: usize) -> Result<Header, CodecError> {
        Ok(self.frame_ref(index)?.header)
    }

    fn frame_ref(&self, index: usize) -> Result<&FrameRef, CodecError> {
        self.frames.get(index).ok_or(CodecError::IndexOutOfRange {
            index,
            len: self.frames.len(),
        })
    }

    /// The headers of all frames, in order: type id, codec, length, ... of each.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Header> + DoubleEndedIterator + '_ {
        self.frames.iter().map(|frame| frame.header)
    }

    /// How many frames the buffer holds.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether the buffer holds no frame.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Removes every frame, keeping the allocated space for reuse.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.frames.clear();
    }

    /// The whole buffer as it goes on the wire: the frames, each padded to 16 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The buffer's bytes, for reuse or sending without a copy.
    pub fn into_bytes(self) -> AlignedVec {
        self.bytes
    }

    /// Reads a received buffer, at any alignment: the bytes are copied into aligned storage,
    /// then read as [`from_aligned`](ZeroCopyBuffer::from_aligned) does.
    pub fn from_bytes(bytes: &[u8]) -> Result<ZeroCopyBuffer, CodecError> {
        let mut aligned = AlignedVec::with_capacity(bytes.len());
        aligned.extend_from_slice(bytes);
        ZeroCopyBuffer::from_aligned(aligned)
    }

    /// Reads a received buffer in place, checking every frame's header, its length and the zero
    /// padding after it.
    ///
    /// A bad frame is [`CodecError::InBuffer`], which says which frame and where, and holds the
    /// error found (e.g. [`CodecError::TruncatedPayload`] or [`CodecError::BadPadding`]).
    /// Payloads are validated when read, by [`view`](ZeroCopyBuffer::view) or
    /// [`get`](ZeroCopyBuffer::get), since only then is the type known.
    pub fn from_aligned(bytes: AlignedVec) -> Result<ZeroCopyBuffer, CodecError> {
        let mut frames = Vec::new();
        let mut start = 0;
        while start < bytes.len() {
            let frame = read_frame(&bytes, start).map_err(|source| CodecError::InBuffer {
                index: frames.len(),
                offset: start,
                source: Box::new(source),
            })?;
            start = frame.range().end.next_multiple_of(PAYLOAD_ALIGN);
            frames.push(frame);
        }
        Ok(ZeroCopyBuffer { bytes, frames })
    }
}

/// Reads the frame at `start`: its header, a payload that fits, and zero padding up to the next
/// multiple of 16.
fn read_frame(bytes: &[u8], start: usize) -> Result<FrameRef, CodecError> {
    let (header, _, _) = Header::split_first_frame(&bytes[start..])?;
    let frame = FrameRef { start, header };
    let end = frame.range().end;
    let padded_end = end.next_multiple_of(PAYLOAD_ALIGN);
    if padded_end > bytes.len() {
        return Err(CodecError::BadPadding {
            offset: bytes.len(),
        });
    }
    if let Some(nonzero) = bytes[end..padded_end].iter().position(|&byte| byte != 0) {
        return Err(CodecError::BadPadding {
            offset: end + nonzero,
        });
    }
    Ok(frame)
}
