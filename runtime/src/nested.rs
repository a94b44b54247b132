//! What the derive's code calls while a value decodes: the bound on sequences of zero-sized
//! elements, and the stack guard of types whose values can nest.

use crate::error::CodecError;
use crate::message::WireMessage;

/// Refuses a sequence of `len` elements of type `E` when `E` is zero-sized and `len` is over
/// `max`. For any other `E` this is a constant `Ok(())`.
#[inline(always)]
pub fn check_zero_sized_len<E>(
    len: usize,
    max: usize,
    type_name: &'static str,
) -> Result<(), CodecError> {
    if std::mem::size_of::<E>() == 0 && len > max {
        Err(too_many_zero_sized(type_name, len, max))
    } else {
        Ok(())
    }
}

#[cold]
fn too_many_zero_sized(type_name: &'static str, claimed: usize, limit: usize) -> CodecError {
    CodecError::TooManyZeroSized {
        type_name,
        claimed,
        limit,
    }
}

/// A field value whose type the derive cannot see into: a [`WireMessage`] checks itself
/// ([`ViaMessage`]); anything else is taken as it is ([`ViaNothing`]). Called as
/// `(&Probe(value)).check_zero_sized(max)`, which method resolution sends to the first when
/// the type is a message (autoref specialisation).
pub struct Probe<'a, T: ?Sized>(pub &'a T);

/// [`Probe`] of a message: its own check.
pub trait ViaMessage {
    /// Checks the value.
    fn check_zero_sized(&self, max: usize) -> Result<(), CodecError>;
}

impl<T: WireMessage> ViaMessage for Probe<'_, T> {
    #[inline(always)]
    fn check_zero_sized(&self, max: usize) -> Result<(), CodecError> {
        self.0.__check_zero_sized(max)
    }
}

/// [`Probe`] of anything else: nothing to check.
pub trait ViaNothing {
    /// Accepts the value.
    #[inline(always)]
    fn check_zero_sized(&self, max: usize) -> Result<(), CodecError> {
        let _ = max;
        Ok(())
    }
}

impl<T: ?Sized> ViaNothing for &Probe<'_, T> {}

/// The stack one level of a decode may need before it reaches the next guard: room for a few
/// copies of the value being built (serde keeps each field of a struct as a local, then moves
/// the struct out; debug builds copy more), plus what the decoders in between take.
const fn red_zone<T>() -> usize {
    128 * 1024 + 16 * std::mem::size_of::<T>()
}

/// Runs `decode`, which builds a `T`, with at least a red zone (128 KiB plus 16 times the size
/// of `T`) of stack left: on the thread's stack while it has that much, else on a new stack
/// segment for this and the levels below it (at least 2 MiB, room for 16 red zones). A value nested as deep as the depth limits
/// allow then decodes on any thread, a 2 MiB tokio worker included, whatever the size of a
/// level; the depth limits bound how much stack is added in all.
#[inline]
pub fn with_stack<T, R>(decode: impl FnOnce() -> R) -> R {
    let red_zone = const { red_zone::<T>() };
    stacker::maybe_grow(red_zone, (16 * red_zone).max(2 << 20), decode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_zero_sized_sequences_over_the_limit_are_refused() {
        assert!(check_zero_sized_len::<()>(4, 4, "t").is_ok());
        let refused = check_zero_sized_len::<()>(usize::MAX, 4, "t");
        assert!(matches!(
            refused,
            Err(CodecError::TooManyZeroSized {
                type_name: "t",
                claimed: usize::MAX,
                limit: 4
            })
        ));
        assert!(check_zero_sized_len::<u8>(usize::MAX, 4, "t").is_ok());
    }
}
