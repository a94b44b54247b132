//! [`WireEncoder`]: encoding with scratch space the caller owns.

use crate::codec::{append_hybrid, OwnedScratch};
use crate::error::CodecError;
use crate::message::WireMessage;
use rkyv::util::AlignedVec;
use std::fmt;
use std::ops::Range;

/// Encodes messages as [`to_wire`](WireMessage::to_wire) does, with an rkyv arena and an output
/// buffer of its own that it reuses from one message to the next.
///
/// [`WireMessage::encode_into`] borrows this thread's arena instead, which costs a thread-local
/// look-up per message; an encoder kept by a connection, a task or a batch loop avoids it, as
/// raw rkyv's best practice of a reused arena does. It is `Send`, so a tokio task can hold it
/// across `.await`. Its output buffer is kept while it serves, so multi-MiB frames in a row do
/// not regrow it; one that grew past 1 MiB is released after 16 encodes in a row that used less
/// than a quarter of it (or at once past 64 MiB), and an arena grown past 1 MiB after the encode
/// that needed it, so one huge message does not pin its memory.
///
/// ```
/// use wiremsg::rkyv::util::AlignedVec;
/// use wiremsg::{WireEncoder, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Tick {
///     seq: u64,
/// }
///
/// let mut encoder = WireEncoder::new();
/// // Into the encoder's own buffer: the frame is borrowed until the next encode.
/// let frame = encoder.encode(&Tick { seq: 1 })?;
/// assert_eq!(Tick::from_wire(frame)?, Tick { seq: 1 });
///
/// // Or appended to a buffer of yours, 16-byte aligned.
/// let mut batch = AlignedVec::<16>::new();
/// let mut frames = Vec::new();
/// for seq in 0..3 {
///     frames.push(encoder.encode_into(&Tick { seq }, &mut batch)?);
/// }
/// assert_eq!(Tick::from_wire(&batch[frames[2].clone()])?, Tick { seq: 2 });
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
#[derive(Default)]
pub struct WireEncoder {
    scratch: OwnedScratch,
}

impl WireEncoder {
    /// An encoder with empty scratch space; it grows to fit the messages it encodes.
    pub fn new() -> WireEncoder {
        WireEncoder::default()
    }

    /// Appends the frame of `message` to `buf` at the next 16-byte boundary and returns its
    /// range, as [`WireMessage::encode_into`] does. On error `buf` is left as it was.
    #[inline]
    pub fn encode_into<T: WireMessage>(
        &mut self,
        message: &T,
        buf: &mut AlignedVec,
    ) -> Result<Range<usize>, CodecError> {
        let scratch = self.scratch.get();
        append_hybrid(message, buf, |message, buf| {
            scratch.append_frame(buf, |buf, arena| T::__rkyv_frame_into(message, buf, arena))
        })
    }

    /// The frame of `message`, in the encoder's own buffer: allocation-free once the buffer has
    /// grown to fit.
    pub fn encode<T: WireMessage>(&mut self, message: &T) -> Result<&[u8], CodecError> {
        let scratch = self.scratch.get();
        scratch.settle_lent_frame();
        let mut buffer = scratch.take_buffer();
        let frame = self.encode_into(message, &mut buffer);
        let scratch = self.scratch.get();
        scratch.lend_buffer(buffer);
        Ok(&scratch.buffer()[frame?])
    }
}

impl fmt::Debug for WireEncoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WireEncoder").finish_non_exhaustive()
    }
}
