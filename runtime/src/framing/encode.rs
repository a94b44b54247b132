//! Writing a message's frame straight into a `BytesMut`, without allocating per message.

use super::FramingError;
use crate::codec::{
    appended_range, falls_back_to_json, follow_codec, length_field, metered_write,
    write_json_frame, FrameBuffer, OwnedScratch,
};
use crate::header::HEADER_LEN;
use crate::kind::CodecKind;
use crate::message::WireMessage;
use bytes::buf::Writer;
use bytes::{BufMut, BytesMut};

/// Encodes messages as frames appended to a `BytesMut`, enforcing a maximum payload length.
///
/// JSON is written in place and its header patched afterwards. rkyv needs an aligned writer it
/// owns, which `BytesMut` is not: the frame is serialized into a reused aligned scratch buffer,
/// with an rkyv arena the writer also owns (one per connection, no thread-local look-up), and
/// copied once. Once the buffers have grown to fit, neither path allocates.
#[derive(Default)]
pub(super) struct MessageWriter {
    scratch: OwnedScratch,
}

impl MessageWriter {
    /// Appends the frame `message.to_wire()` would give to `dst`, counted in the metrics as
    /// `to_wire` is: the type's preferred codec, with `hybrid` falling back to JSON when rkyv
    /// fails at run time. On error `dst` is left as it was, so no partial frame is ever sent.
    pub(super) fn write<T: WireMessage>(
        &mut self,
        message: &T,
        dst: &mut BytesMut,
        max_payload: usize,
    ) -> Result<(), FramingError> {
        let before = dst.len();
        metered_write(CodecKind::Hybrid, || {
            self.write_frame(message, dst, max_payload)?;
            Ok(dst.len() - before)
        })
        .map(drop)
    }

    fn write_frame<T: WireMessage>(
        &mut self,
        message: &T,
        dst: &mut BytesMut,
        max_payload: usize,
    ) -> Result<(), FramingError> {
        follow_codec(
            message,
            dst,
            |message, dst| self.write_rkyv(message, dst, max_payload),
            |message, dst| write_json(message, dst, max_payload),
            |message, dst, error| match error {
                FramingError::Codec(error) if falls_back_to_json(&error) => {
                    write_json(message, dst, max_payload)
                }
                error => Err(error),
            },
        )
    }

    fn write_rkyv<T: WireMessage>(
        &mut self,
        message: &T,
        dst: &mut BytesMut,
        max_payload: usize,
    ) -> Result<(), FramingError> {
        let scratch = self.scratch.get();
        let mut buffer = scratch.take_buffer();
        let end = scratch.append_frame(&mut buffer, |buf, arena| {
            T::__rkyv_frame_into(message, buf, arena)
        });
        let written = appended_range(0, end)
            .map_err(FramingError::from)
            .and_then(|frame| {
                check_payload_len(frame.len() - HEADER_LEN, max_payload)?;
                dst.extend_from_slice(&buffer[frame]);
                Ok(())
            });
        scratch.return_buffer(buffer);
        written
    }
}

/// A JSON frame written in place, its payload within `max_payload`.
fn write_json<T: WireMessage>(
    message: &T,
    dst: &mut BytesMut,
    max_payload: usize,
) -> Result<(), FramingError> {
    let start = dst.len();
    write_json_frame(message, dst, start, |len| {
        check_payload_len(len, max_payload)
    })?;
    Ok(())
}

impl FrameBuffer for BytesMut {
    type Writer<'a> = Writer<&'a mut BytesMut>;

    fn len(&self) -> usize {
        self.len()
    }
    fn extend(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
    fn writer(&mut self) -> Writer<&mut BytesMut> {
        BufMut::writer(self)
    }
    fn bytes_mut(&mut self) -> &mut [u8] {
        self
    }
    fn truncate(&mut self, len: usize) {
        self.truncate(len);
    }
}

/// Checks a payload length against the limit and the header's 32-bit length field.
pub(super) fn check_payload_len(len: usize, max_payload: usize) -> Result<u32, FramingError> {
    if len > max_payload {
        return Err(FramingError::FrameTooLong {
            len,
            max: max_payload,
        });
    }
    length_field(len).map_err(FramingError::from)
}
