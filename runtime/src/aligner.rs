//! [`Aligner`]: zero-copy reads of frames received at any alignment.

use crate::codec::{misalignment, view};
use crate::error::CodecError;
use crate::limits::Limits;
use crate::message::{RkyvMessage, WireMessage};
use crate::metrics::record_alignment;
use crate::retention::Retention;
use rkyv::util::AlignedVec;

/// Reused 16-byte-aligned space for reading frames zero-copy wherever they were received.
///
/// A validated view needs its payload 16-byte aligned, and the buffers of websocket libraries,
/// `bytes::Bytes` and most transports give no such promise (a received message is usually a few
/// bytes off). An aligner hands a frame back as it is when it is aligned and otherwise copies it
/// once into space it keeps for the next frame: no allocation per frame once that space has
/// grown to the largest frame, and each choice is counted in
/// [`metrics().alignment`](crate::AlignmentMetrics). Keep one per connection or task; a
/// [`Router`](crate::Router) keeps its own.
///
/// ```
/// use wiremsg::{Aligner, WireMessage};
///
/// #[derive(WireMessage)]
/// struct Position {
///     x: f32,
///     y: f32,
/// }
///
/// let frame = Position { x: 1.0, y: 2.0 }.to_wire()?;
/// // A frame one byte into a buffer, as a transport may deliver it.
/// let mut received = vec![0u8];
/// received.extend_from_slice(&frame);
///
/// let mut aligner = Aligner::new();
/// let position = aligner.view::<Position>(&received[1..])?;
/// assert_eq!(position.x + position.y, 3.0);
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
#[derive(Debug, Default)]
pub struct Aligner {
    buffer: AlignedVec,
    retention: Retention,
}

impl Aligner {
    /// An aligner with no space yet; it grows to the largest frame it copies.
    pub fn new() -> Aligner {
        Aligner::default()
    }

    /// `frame` itself when it starts at a 16-byte boundary (so its payload does too), else a
    /// copy of it in this aligner's space, valid until the next call.
    pub fn align<'a>(&'a mut self, frame: &'a [u8]) -> &'a [u8] {
        if misalignment(frame) == 0 {
            record_alignment(None);
            return frame;
        }
        record_alignment(Some(frame.len()));
        self.retention.settle(&mut self.buffer, frame.len());
        self.buffer.clear();
        self.buffer.extend_from_slice(frame);
        &self.buffer
    }

    /// A validated zero-copy view of the rkyv frame of `T` in `frame`, at any alignment:
    /// [`align`](Aligner::align), then [`HybridCodec::view`](crate::HybridCodec::view) within the
    /// default [`Limits`].
    pub fn view<'a, T: WireMessage + RkyvMessage>(
        &'a mut self,
        frame: &'a [u8],
    ) -> Result<&'a T::Archived, CodecError> {
        self.view_with::<T>(frame, &Limits::DEFAULT)
    }

    /// [`view`](Aligner::view) within `limits`.
    pub fn view_with<'a, T: WireMessage + RkyvMessage>(
        &'a mut self,
        frame: &'a [u8],
        limits: &Limits,
    ) -> Result<&'a T::Archived, CodecError> {
        view::<T>(self.align(frame), limits.max_depth())
    }

    /// Space for a frame this aligner writes itself (a JSON frame archived for a view), emptied.
    pub(crate) fn space(&mut self) -> &mut AlignedVec {
        self.buffer.clear();
        &mut self.buffer
    }
}
