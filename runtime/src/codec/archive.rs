//! The rkyv side of frames: serializing into reused scratch space, validating, viewing and
//! deserializing archives. Only what needs the message type stays generic here; the checks
//! around it are in `frame.rs`.

use super::frame::TypeMeta;
use super::frame_read::view_payload;
use super::frame_write::{abandon_frame, appended_range, begin_frame, finish_frame, FrameEnd};
use super::metered::metered_frame;
use crate::error::{CodecError, RkyvError};
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::{RkyvMessage, WireMessage};
use crate::retention::{Retention, KEEP_BYTES};
#[cfg(not(debug_assertions))]
use rkyv::rancor::{Failure, Source};
use rkyv::ser::allocator::{Arena, ArenaHandle};
use rkyv::ser::sharing::Share;
use rkyv::ser::Serializer;
use rkyv::util::AlignedVec;
use rkyv::validation::archive::ArchiveValidator;
use rkyv::validation::shared::SharedValidator;
use rkyv::validation::Validator;
use std::cell::Cell;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

/// Frames larger than this, or failed encodes, are followed by a check of the arena's size.
const ARENA_CHECK_BYTES: usize = 64 << 10;

/// Appends an rkyv frame of `message` to `buf`, serializing in place with `arena` as rkyv's
/// scratch space: once `buf` and the arena have grown to fit, this allocates nothing. On error
/// `buf` is left as it was.
///
/// The derive's `__rkyv_frame_into` calls this for its type: it is the one function that needs
/// both the type and rkyv, so the only serialization code each message type adds to a build.
#[inline]
pub fn append_rkyv_frame<T: WireMessage + RkyvMessage>(
    message: &T,
    buf: &mut AlignedVec,
    arena: ArenaHandle<'_>,
) -> FrameEnd {
    let meta = const { &TypeMeta::of::<T>() };
    let serialize = |serializer: &mut FrameSerializer<'_>| {
        rkyv::api::serialize_using::<_, RkyvError>(message, serializer)
    };
    // Debug builds reach the frame's bookkeeping through a `&dyn Fn`: `append_with` is then one
    // copy for all types, and each type adds only its serialization (docs/DESIGN.md, "Build
    // cost"). Release builds inline it around each type's serialization.
    #[cfg(debug_assertions)]
    let serialize = &serialize as &dyn Fn(&mut FrameSerializer<'_>) -> Result<usize, RkyvError>;
    append_with(meta, buf, arena, serialize)
}

/// rkyv's serializer of a frame: the output buffer, the arena, and shared pointers.
type FrameSerializer<'a> = Serializer<AlignedVec, ArenaHandle<'a>, Share>;

/// Serializes a frame with `serialize` at the end of `buf`: header reserved, then filled in, or
/// `buf` cut back on error.
#[cfg_attr(not(debug_assertions), inline(always))]
fn append_with(
    meta: &TypeMeta,
    buf: &mut AlignedVec,
    arena: ArenaHandle<'_>,
    serialize: impl Fn(&mut FrameSerializer<'_>) -> Result<usize, RkyvError>,
) -> FrameEnd {
    let original_len = buf.len();
    let start = begin_frame(buf);
    // The serializer owns its writer (`RkyvMessage` names it): lend it the buffer and take it
    // back whether or not serialization succeeded, so the caller's earlier frames are kept.
    let mut serializer = Serializer::new(std::mem::take(buf), arena, Share::new());
    let written = serialize(&mut serializer);
    *buf = serializer.into_raw_parts().0;
    match written {
        Ok(_) => finish_frame(buf, original_len, start, &meta.rkyv_prefix),
        Err(source) => Err(abandon_frame(
            buf,
            original_len,
            encode_failed(meta, source),
        )),
    }
}

#[cold]
fn encode_failed(meta: &TypeMeta, source: RkyvError) -> CodecError {
    CodecError::RkyvEncode {
        type_name: meta.name,
        source,
    }
}

/// Serializes a `T` as an rkyv frame appended to a buffer, with an arena: [`append_rkyv_frame`],
/// or the type's `__rkyv_frame_into` where `T: RkyvMessage` is not known.
pub(crate) trait AppendRkyv<T>:
    Fn(&T, &mut AlignedVec, ArenaHandle<'_>) -> FrameEnd
{
}

impl<T, F: Fn(&T, &mut AlignedVec, ArenaHandle<'_>) -> FrameEnd> AppendRkyv<T> for F {}

/// Serializes a message as an rkyv frame appended to a buffer, with an arena.
pub(crate) trait AppendFrame: FnOnce(&mut AlignedVec, ArenaHandle<'_>) -> FrameEnd {}

impl<F: FnOnce(&mut AlignedVec, ArenaHandle<'_>) -> FrameEnd> AppendFrame for F {}

/// What the hybrid codec sends when rkyv fails: a JSON frame instead, or the error.
pub(crate) type JsonInstead<'a> = &'a dyn Fn(Box<CodecError>) -> EncodedFrame;

/// An rkyv frame of `message` at its exact size, counted as an encode by a `kind` codec (`None`:
/// not counted); on a failure `json_instead`, when given, decides what is sent instead.
///
/// Only the serialization is compiled per message type; the scratch space, the copy out, the
/// metrics and the fallback are one copy for all types, reached through a `&dyn Fn` (release
/// build of a 100-type crate: 2.3 s less CPU for its encodes). The type's code acquires the arena
/// and the shared code returns the caller's result type and serializes into the scratch buffer in
/// place: handles and results passed across the call by value were stored in words and reloaded
/// whole, a store-forwarding stall each that made `to_wire` 15–25% slower.
#[inline]
pub(crate) fn encode_rkyv<T>(
    kind: Option<CodecKind>,
    message: &T,
    append: impl AppendRkyv<T>,
    json_instead: Option<JsonInstead<'_>>,
) -> Result<Vec<u8>, CodecError> {
    let append = |buf: &mut AlignedVec, arena: &mut Arena| append(message, buf, arena.acquire());
    encode_rkyv_erased(kind, &append, json_instead)
}

#[inline(never)]
fn encode_rkyv_erased(
    kind: Option<CodecKind>,
    append: &dyn Fn(&mut AlignedVec, &mut Arena) -> FrameEnd,
    json_instead: Option<JsonInstead<'_>>,
) -> Result<Vec<u8>, CodecError> {
    let encode = || match with_scratch(|scratch| scratch.encode_frame(append)) {
        Err(error) => match json_instead {
            Some(json_instead) => json_instead(error),
            None => Err(error),
        },
        frame => frame,
    };
    match kind {
        Some(kind) => metered_frame(kind, encode),
        None => encode().map_err(|error| *error),
    }
}

/// Appends an rkyv frame of `message` to `buf` at the next 16-byte boundary with `append`, which
/// gets this thread's reused arena; returns where the frame ends. On error `buf` is left as it
/// was.
#[inline]
pub(crate) fn append_rkyv<T>(
    message: &T,
    buf: &mut AlignedVec,
    append: impl AppendRkyv<T>,
) -> FrameEnd {
    with_scratch(|scratch| scratch.append_frame(buf, |buf, arena| append(message, buf, arena)))
}

/// A whole frame, or why it could not be encoded; boxed for the reason [`FrameEnd`] is.
pub(crate) type EncodedFrame = Result<Vec<u8>, Box<CodecError>>;

/// Reusable space for rkyv encoding: the output buffer and rkyv's arena. Each thread has one,
/// and each [`WireEncoder`](crate::WireEncoder) owns one.
#[derive(Default)]
pub(crate) struct Scratch {
    buffer: AlignedVec,
    arena: Arena,
    /// Whether the output buffer is kept after an encode.
    retention: Retention,
}

/// A [`Scratch`] for a value that owns one ([`WireEncoder`](crate::WireEncoder), the tokio
/// codecs). rkyv's arena is `Send` but not `Sync`; reached only through `&mut`, the mutex is
/// never locked and costs nothing, and it keeps its owner `Sync`.
#[derive(Default)]
pub(crate) struct OwnedScratch(Mutex<Scratch>);

impl OwnedScratch {
    #[inline]
    pub(crate) fn get(&mut self) -> &mut Scratch {
        self.0.get_mut().unwrap_or_else(PoisonError::into_inner)
    }
}

thread_local! {
    // Taken out while in use, so a message encoded from inside another's serialization finds
    // `None` and gets fresh space. Const-initialised: each access is a few inline instructions,
    // where a lazily initialised `RefCell` cost a call through the key's accessor.
    static SCRATCH: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

impl Scratch {
    /// The reused output buffer, emptied.
    pub(crate) fn take_buffer(&mut self) -> AlignedVec {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        buffer
    }

    /// Gives the output buffer back, holding a frame the caller still reads
    /// ([`buffer`](Scratch::buffer)); it is settled at the next [`settle_lent_frame`](Scratch::settle_lent_frame).
    pub(crate) fn lend_buffer(&mut self, buffer: AlignedVec) {
        self.buffer = buffer;
    }

    /// Settles the buffer after the frame last lent out of it, which is no longer borrowed.
    pub(crate) fn settle_lent_frame(&mut self) {
        self.settle_buffer(self.buffer.len());
    }

    /// Gives the output buffer back after an encode that used its first `buffer.len()` bytes.
    #[cfg(feature = "tokio")]
    pub(crate) fn return_buffer(&mut self, buffer: AlignedVec) {
        let used = buffer.len();
        self.buffer = buffer;
        self.settle_buffer(used);
    }

    /// Keeps or releases the output buffer after an encode that used `used` bytes of it
    /// ([`Retention`]).
    #[inline]
    fn settle_buffer(&mut self, used: usize) {
        self.retention.settle(&mut self.buffer, used);
    }

    /// The output buffer as the last encode left it.
    pub(crate) fn buffer(&self) -> &AlignedVec {
        &self.buffer
    }

    /// Serializes into the reused buffer with `append`, then copies the frame out once at its
    /// exact size. The buffer stays in place (the type's code serializes into it through the
    /// reference), and is then settled.
    fn encode_frame(
        &mut self,
        append: &dyn Fn(&mut AlignedVec, &mut Arena) -> FrameEnd,
    ) -> EncodedFrame {
        self.buffer.clear();
        let end = append(&mut self.buffer, &mut self.arena);
        self.check_arena(0, &end);
        let frame = end.map(|end| self.buffer[..end].to_vec());
        self.settle_buffer(self.buffer.len());
        frame
    }

    /// Appends a frame to `buf` with `append`, which serializes with this arena.
    #[inline]
    pub(crate) fn append_frame(
        &mut self,
        buf: &mut AlignedVec,
        append: impl AppendFrame,
    ) -> FrameEnd {
        let original_len = buf.len();
        let end = append(buf, self.arena.acquire());
        self.check_arena(original_len, &end);
        end
    }

    /// Trims the arena after a frame that ended at `end` (from `original_len`) if that frame
    /// may have grown it: rkyv's scratch space grows with what it serializes, so only a large
    /// frame can have, and checking it costs about as much as a small encode's framing.
    #[inline]
    fn check_arena(&mut self, original_len: usize, end: &FrameEnd) {
        match end {
            Ok(end) if end - original_len <= ARENA_CHECK_BYTES => {}
            _ => self.trim_arena(),
        }
    }

    /// Frees what an encode grew the arena by, and the arena itself if it is still huge: its
    /// capacity counts only the newest block until it is shrunk.
    fn trim_arena(&mut self) {
        if self.arena.shrink() > KEEP_BYTES {
            self.arena = Arena::new();
        }
    }
}

/// Runs `f` with this thread's scratch space, or fresh space when a message is encoded from
/// inside another's serialization (the thread's space is then in use) or after the thread's
/// space was destroyed (an encode from another thread-local's destructor; the fresh space is
/// then dropped, not kept).
///
/// `try_with` and `Cell` methods rather than `LocalKey::take`/`set`: those panic once the key is
/// destroyed, and `set` goes through the key's initialiser (21 more instructions per encode).
#[inline]
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut scratch = take_thread_scratch();
    let result = f(&mut scratch);
    put_thread_scratch(scratch);
    result
}

// Not generic: the thread-local access (its closures, the drop of a replaced space) is compiled
// once for all message types before it is inlined into each type's encode.
#[inline]
fn take_thread_scratch() -> Box<Scratch> {
    SCRATCH
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_default()
}

#[inline]
fn put_thread_scratch(scratch: Box<Scratch>) {
    // Err only once the key is destroyed: the closure, and the space with it, is then dropped.
    let _ = SCRATCH.try_with(|cell| cell.set(Some(scratch)));
}

/// An rkyv frame of `message`, without the metrics [`RkyvCodec`](crate::RkyvCodec) keeps: the
/// benchmarks measure their cost against it.
pub fn encode_rkyv_frame<T: WireMessage + RkyvMessage>(message: &T) -> Result<Vec<u8>, CodecError> {
    encode_rkyv(None, message, append_rkyv_frame::<T>, None)
}

/// [`encode_rkyv_frame`], appended to `buf`.
pub fn encode_rkyv_frame_into<T: WireMessage + RkyvMessage>(
    message: &T,
    buf: &mut AlignedVec,
) -> Result<Range<usize>, CodecError> {
    let original_len = buf.len();
    appended_range(
        original_len,
        append_rkyv(message, buf, append_rkyv_frame::<T>),
    )
}

/// Validates an aligned rkyv payload, nesting at most `max_depth` deep, and returns its root,
/// borrowed.
///
/// Release builds check valid payloads once, with rkyv's zero-sized error [`Failure`]: with
/// wiremsg's [`RkyvError`] (a boxed source and a vector of traces), the error paths inlined into
/// rkyv's subtree bookkeeping kept it from being inlined itself, and a view of the small
/// `ChatMessage` took more instructions. Only a payload that fails is validated again, with
/// `RkyvError`, for the message users see.
#[cfg(not(debug_assertions))]
fn access<T: WireMessage + RkyvMessage>(
    payload: &[u8],
    max_depth: usize,
) -> Result<&T::Archived, CodecError> {
    let mut validator = validator(payload, max_depth);
    match rkyv::api::access_with_context::<T::Archived, _, Failure>(payload, &mut validator) {
        Ok(archived) => Ok(archived),
        Err(Failure) => Err(explain_invalid::<T>(payload, max_depth)),
    }
}

/// Debug builds validate once, with `RkyvError`: the zero-sized first pass buys instructions
/// that only an optimized build has, and costs every message type a second validation to
/// compile, which is what a debug build waits on (docs/DESIGN.md, "Build cost").
#[cfg(debug_assertions)]
fn access<T: WireMessage + RkyvMessage>(
    payload: &[u8],
    max_depth: usize,
) -> Result<&T::Archived, CodecError> {
    access_explained::<T>(payload, max_depth)
}

/// Validation with rkyv's traces in the error.
fn access_explained<T: WireMessage + RkyvMessage>(
    payload: &[u8],
    max_depth: usize,
) -> Result<&T::Archived, CodecError> {
    let mut validator = validator(payload, max_depth);
    match rkyv::api::access_with_context::<T::Archived, _, RkyvError>(payload, &mut validator) {
        Ok(archived) => Ok(archived),
        Err(source) => Err(validation_failed(T::TYPE_NAME, source)),
    }
}

fn validator(payload: &[u8], max_depth: usize) -> Validator<ArchiveValidator<'_>, SharedValidator> {
    Validator::new(
        ArchiveValidator::with_max_depth(payload, NonZeroUsize::new(max_depth)),
        SharedValidator::new(),
    )
}

/// Why `payload` failed validation, with rkyv's traces.
#[cfg(not(debug_assertions))]
#[cold]
#[inline(never)]
fn explain_invalid<T: WireMessage + RkyvMessage>(payload: &[u8], max_depth: usize) -> CodecError {
    match access_explained::<T>(payload, max_depth) {
        Err(error) => error,
        // Validation is deterministic; kept total rather than trusted to be.
        Ok(_) => validation_failed(T::TYPE_NAME, RkyvError::new(InvalidOnce)),
    }
}

/// A payload that failed validation once and passed the second time.
#[cfg(not(debug_assertions))]
#[derive(Debug, thiserror::Error)]
#[error("the payload failed validation")]
struct InvalidOnce;

// The errors are built out of line, once for all message types, not in each type's decode.
#[cold]
fn validation_failed(type_name: &'static str, source: RkyvError) -> CodecError {
    CodecError::Validation { type_name, source }
}

#[cold]
fn decode_failed(type_name: &'static str, source: RkyvError) -> CodecError {
    CodecError::RkyvDecode { type_name, source }
}

/// Decodes the payload of an rkyv frame of `T` whose header was checked (type, schema version,
/// layout): validation, then an owned value. The frame checks are the caller's, once for every
/// message type, so that this function, compiled per type, is only what needs the type. A
/// payload off a 16-byte boundary fails validation (never undefined behaviour): the caller
/// copies it first.
pub fn decode_rkyv_payload<T: WireMessage + RkyvMessage>(
    payload: &[u8],
    limits: &Limits,
) -> Result<T, CodecError> {
    // `match` rather than `?` and `map_err`: each is one more function per message type in a
    // debug build (docs/DESIGN.md, "Build cost").
    match access::<T>(payload, limits.max_depth()) {
        Ok(archived) => match rkyv::deserialize::<T, RkyvError>(archived) {
            Ok(message) => Ok(message),
            Err(source) => Err(decode_failed(T::TYPE_NAME, source)),
        },
        Err(error) => Err(error),
    }
}

/// The owned value of a validated view (from [`HybridCodec::view`](crate::HybridCodec::view),
/// `Router::on_view`, [`ZeroCopyBuffer::view`](crate::ZeroCopyBuffer::view)), with wiremsg's
/// error type: what a reader of views calls to keep a message. The view's lengths are claims of
/// the sender, so the value is checked as `from_wire` checks it (sequences of zero-sized
/// elements within [`Limits::DEFAULT`]).
///
/// ```
/// use wiremsg::{from_archived, HybridCodec, WireMessage};
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// struct Note {
///     text: String,
/// }
///
/// let frame = Note { text: "kept".into() }.to_wire()?;
/// let mut aligned = wiremsg::rkyv::util::AlignedVec::<16>::new();
/// aligned.extend_from_slice(&frame);
/// let view = HybridCodec::new().view::<Note>(&aligned)?;
/// assert_eq!(from_archived::<Note>(view)?, Note { text: "kept".into() });
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
pub fn from_archived<T: WireMessage + RkyvMessage>(
    archived: &T::Archived,
) -> Result<T, CodecError> {
    let value: T = rkyv::deserialize::<T, RkyvError>(archived)
        .map_err(|source| decode_failed(T::TYPE_NAME, source))?;
    value.__check_zero_sized(Limits::DEFAULT.max_zero_sized_elements())?;
    Ok(value)
}

/// A validated zero-copy view of an rkyv frame of `T`, nesting at most `max_depth` deep.
pub(crate) fn view<T: WireMessage + RkyvMessage>(
    bytes: &[u8],
    max_depth: usize,
) -> Result<&T::Archived, CodecError> {
    access::<T>(
        view_payload(bytes, const { &TypeMeta::of::<T>() })?,
        max_depth,
    )
}
