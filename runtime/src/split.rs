//! [`Frames`]: cuts a byte stream of concatenated frames into single frames.

use crate::error::CodecError;
use crate::header::{Header, HEADER_LEN};

/// An iterator over the frames of a byte stream of concatenated frames, each cut at the length
/// its header declares.
///
/// Each item is one whole frame, ready for [`Router::dispatch`](crate::Router::dispatch) or a
/// codec. A stream that ends inside a header or a payload yields one typed error
/// ([`CodecError::TruncatedHeader`], [`CodecError::TruncatedPayload`]) and then ends, with
/// [`Frames::remainder`] holding the incomplete tail (on a socket: keep it, read more, resume).
/// A header that fails to parse (bad magic, unknown codec, ...) likewise ends the stream: with
/// the frame boundary lost, nothing after it can be trusted.
///
/// Frames in the middle of a stream are generally not 16-byte aligned: decoding copies them as
/// needed, but a zero-copy view needs each frame in an aligned buffer of its own.
///
/// ```
/// use wiremsg::{CodecError, Frames, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Tick(u32);
///
/// let mut stream = Vec::new();
/// for n in 0..3 {
///     stream.extend_from_slice(&Tick(n).to_wire()?);
/// }
/// let ticks: Vec<Tick> = Frames::new(&stream)
///     .map(|frame| Tick::from_wire(frame?))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(ticks, [Tick(0), Tick(1), Tick(2)]);
///
/// let mut cut = Frames::new(&stream[..stream.len() - 1]);
/// assert!(cut.next().unwrap().is_ok());
/// assert!(cut.next().unwrap().is_ok());
/// assert!(matches!(cut.next(), Some(Err(CodecError::TruncatedPayload { .. }))));
/// assert!(cut.next().is_none());
/// assert_eq!(cut.remainder().len(), stream.len() / 3 - 1);
/// # Ok::<(), CodecError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Frames<'a> {
    rest: &'a [u8],
    failed: bool,
}

impl<'a> Frames<'a> {
    /// The frames of `stream`, in order.
    pub const fn new(stream: &'a [u8]) -> Frames<'a> {
        Frames {
            rest: stream,
            failed: false,
        }
    }

    /// The bytes not yet yielded as frames: after an error, the frame that failed and
    /// everything after it.
    pub const fn remainder(&self) -> &'a [u8] {
        self.rest
    }

    fn cut(&self) -> Result<(&'a [u8], &'a [u8]), CodecError> {
        let (_, payload, rest) = Header::split_first_frame(self.rest)?;
        Ok((&self.rest[..HEADER_LEN + payload.len()], rest))
    }
}

impl<'a> Iterator for Frames<'a> {
    type Item = Result<&'a [u8], CodecError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() || self.failed {
            return None;
        }
        match self.cut() {
            Ok((frame, rest)) => {
                self.rest = rest;
                Some(Ok(frame))
            }
            Err(error) => {
                self.failed = true;
                Some(Err(error))
            }
        }
    }
}

impl std::iter::FusedIterator for Frames<'_> {}
