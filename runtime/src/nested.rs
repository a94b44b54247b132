//! What the derive's code calls while a value decodes: the bound on sequences of zero-sized
//! elements, and the stack guard of types whose values can nest.

use crate::error::CodecError;
use crate::message::WireMessage;
use std::marker::PhantomData;

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

/// A type asked whether its own decode guards the stack: a [`WireMessage`] answers with
/// [`WireMessage::__GUARDS_ITS_DECODE`] ([`ViaMessageType`]), any other type no
/// ([`ViaOtherType`]). Called as `(&&TypeProbe::<T>::NEW).guards_its_decode()`, which method
/// resolution sends to the first when `T` is a message (autoref specialisation); the answer is
/// a constant the compiler folds.
pub struct TypeProbe<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> TypeProbe<T> {
    /// The probe.
    pub const NEW: TypeProbe<T> = TypeProbe(PhantomData);
}

/// [`TypeProbe`] of a message: its own answer.
pub trait ViaMessageType {
    /// Whether the type's decode guards the stack.
    fn guards_its_decode(&self) -> bool;
}

impl<T: WireMessage> ViaMessageType for &TypeProbe<T> {
    #[inline(always)]
    fn guards_its_decode(&self) -> bool {
        T::__GUARDS_ITS_DECODE
    }
}

/// [`TypeProbe`] of any other type: not known to guard anything.
pub trait ViaOtherType {
    /// No.
    #[inline(always)]
    fn guards_its_decode(&self) -> bool {
        false
    }
}

impl<T: ?Sized> ViaOtherType for TypeProbe<T> {}

/// The stack one level of a decode may need before it reaches the next guard, for a level
/// whose largest value (the type being built, or a type it reaches through a pointer) is
/// `largest` bytes: room for a few copies of it (serde keeps each field of a struct as a local,
/// then moves the struct out; debug builds copy more), plus what the decoders in between take.
const fn red_zone(largest: usize) -> usize {
    (128 * 1024usize).saturating_add(largest.saturating_mul(16))
}

/// `<SizeProbe<T>>::SIZE`: `size_of::<T>()` for a sized `T` (the inherent constant, whose
/// implicit `T: Sized` bound path resolution checks first), else, with [`UnsizedSize`] in scope,
/// 0: a `Box<CStr>`'s pointee has no size of its own, and its decode is not recursive.
pub struct SizeProbe<T: ?Sized>(std::marker::PhantomData<T>);

impl<T> SizeProbe<T> {
    /// `size_of::<T>()`.
    pub const SIZE: usize = std::mem::size_of::<T>();
}

/// [`SizeProbe`] of an unsized type.
pub trait UnsizedSize {
    /// 0.
    const SIZE: usize;
}

impl<T: ?Sized> UnsizedSize for SizeProbe<T> {
    const SIZE: usize = 0;
}

/// The largest of `sizes`, for [`with_stack`]'s `largest`.
pub const fn largest(sizes: &[usize]) -> usize {
    let mut largest = 0;
    let mut i = 0;
    while i < sizes.len() {
        if sizes[i] > largest {
            largest = sizes[i];
        }
        i += 1;
    }
    largest
}

/// Runs `decode` with at least a red zone (128 KiB plus 16 times `largest`, the size of the
/// largest value one level builds before the next guard) of stack left: on the thread's stack
/// while it has that much, else on a new stack segment for this and the levels below it (at
/// least 2 MiB, room for 16 red zones). A value nested as deep as the depth limits allow then
/// decodes on any thread, a 2 MiB tokio worker included, whatever the size of a level; the
/// depth limits bound how much stack is added in all.
#[inline]
pub fn with_stack<R>(largest: usize, decode: impl FnOnce() -> R) -> R {
    let red_zone = red_zone(largest);
    stacker::maybe_grow(red_zone, red_zone.saturating_mul(16).max(2 << 20), decode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_is_the_maximum() {
        assert_eq!(largest(&[]), 0);
        assert_eq!(largest(&[3, 9, 4]), 9);
        assert_eq!(largest(&[usize::MAX, 1]), usize::MAX);
    }

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
