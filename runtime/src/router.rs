//! [`Router`]: sends each frame to the handler of its type.

use crate::aligner::Aligner;
use crate::codec::{decode_message, view, Codec, DecodeOptions, RkyvCodec};
use crate::error::CodecError;
use crate::header::Header;
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::{RkyvMessage, WireMessage};
use crate::registry::Registry;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;

/// A type's handler, type-erased: it receives the whole frame (or bare JSON) and the router's
/// limits and aligned space.
type Handler<R, E> = Box<dyn FnMut(&[u8], &mut Reading) -> Result<R, E> + Send>;

/// Hashes a type id for the handler map. Type ids are already hashes of the type's name, so
/// SipHash's protection is not needed: a Fibonacci multiply spreads the id over the 64 bits the
/// map's buckets and tags read (a view dispatch took 463 instructions with SipHash, 380 with
/// this; callgrind). The ids in the map are the program's own, so a peer's choice of id can only
/// miss.
#[derive(Default)]
struct TypeIdHasher(u64);

impl std::hash::Hasher for TypeIdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u8(byte);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write_u32(u32::from(byte));
    }

    fn write_u32(&mut self, id: u32) {
        self.0 = (self.0 ^ u64::from(id)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Handlers<R, E> = HashMap<u32, Handler<R, E>, BuildHasherDefault<TypeIdHasher>>;

/// What a handler reads a frame with, besides the frame.
#[derive(Debug, Default)]
struct Reading {
    limits: Limits,
    aligner: Aligner,
}

impl Reading {
    fn decoder(&self) -> DecodeOptions<'_> {
        DecodeOptions {
            kind: CodecKind::Hybrid,
            limits: &self.limits,
        }
    }
}
/// The handler of frames no type handler claims: the header and the payload.
type Fallback<R, E> = Box<dyn FnMut(&Header, &[u8]) -> Result<R, E> + Send>;

/// Routes frames of many message types to one handler per type, by the header's type id.
///
/// Every handler of a router returns `Result<R, E>`: `R` is what handling a message produces
/// (a reply, a status, `()`), `E` the error type, [`CodecError`] by default. A custom `E` must
/// be `From<CodecError>`, so that decoding errors and the handlers' own errors arrive as one
/// type from [`Router::dispatch`]. Handlers are `FnMut + Send`: they may keep state, and a
/// router can move to another thread.
///
/// ```
/// use wiremsg::{CodecError, Frames, Router, WireMessage};
///
/// #[derive(WireMessage, Debug)]
/// #[wire(name = "chat.Message")]
/// struct ChatMessage {
///     text: String,
/// }
///
/// #[derive(WireMessage, Debug)]
/// #[wire(name = "chat.Join")]
/// struct Join {
///     user: String,
/// }
///
/// let mut seen = 0;
/// let mut router = Router::new()
///     .on::<ChatMessage>(move |msg| {
///         seen += 1;
///         Ok(format!("message {seen}: {}", msg.text))
///     })?
///     .on::<Join>(|join| Ok(format!("{} joined", join.user)))?
///     .fallback(|header, _payload| Ok(format!("skipped type {:#x}", header.type_id())));
///
/// let mut stream = Join { user: "ann".into() }.to_wire()?;
/// stream.extend(ChatMessage { text: "hi".into() }.to_wire()?);
/// let replies = Frames::new(&stream)
///     .map(|frame| router.dispatch(frame?))
///     .collect::<Result<Vec<_>, CodecError>>()?;
/// assert_eq!(replies, ["ann joined", "message 1: hi"]);
/// # Ok::<(), CodecError>(())
/// ```
pub struct Router<R, E = CodecError> {
    types: Registry,
    handlers: Handlers<R, E>,
    fallback: Option<Fallback<R, E>>,
    /// The type id bare JSON is routed as ([`Router::legacy_json`]).
    legacy_json: Option<u32>,
    reading: Reading,
}

impl<R> Router<R> {
    /// A router with no handlers whose errors are [`CodecError`]. For another error type use
    /// `Router::<R, MyError>::default()`.
    pub fn new() -> Router<R> {
        Router::default()
    }
}

impl<R, E> Default for Router<R, E> {
    fn default() -> Self {
        Router {
            types: Registry::new(),
            handlers: Handlers::default(),
            fallback: None,
            legacy_json: None,
            reading: Reading::default(),
        }
    }
}

impl<R, E: From<CodecError>> Router<R, E> {
    /// Routes frames of `T` to `handler`, decoded to an owned `T` (rkyv or JSON payload).
    ///
    /// A later handler for the same `T` replaces the earlier one. Another type with `T`'s type
    /// id (or name) is [`CodecError::DuplicateTypeId`] ([`CodecError::DuplicateName`]), naming
    /// both types.
    pub fn on<T: WireMessage + 'static>(
        mut self,
        mut handler: impl FnMut(T) -> Result<R, E> + Send + 'static,
    ) -> Result<Self, CodecError> {
        self.types.register::<T>()?;
        let handler = move |frame: &[u8], reading: &mut Reading| {
            handler(decode_message(frame, reading.decoder())?)
        };
        self.handlers.insert(T::TYPE_ID, Box::new(handler));
        Ok(self)
    }

    /// Routes rkyv frames of `T` to `handler` as a validated zero-copy view.
    ///
    /// A frame at a 16-byte boundary is read where it is: no copy, no allocation. Any other
    /// (websocket and stream buffers are rarely aligned) is copied once into the router's own
    /// aligned space, reused from frame to frame; [`metrics().alignment`](crate::AlignmentMetrics)
    /// counts each choice. A JSON frame of `T`, or bare JSON routed to `T`
    /// ([`Router::legacy_json`]), as peers send during a migration, reaches the same handler: it is
    /// decoded, archived into that space and viewed there (counted as a decode and an rkyv
    /// encode). Type clashes are refused as in [`Router::on`].
    ///
    /// ```
    /// use wiremsg::{JsonCodec, Router, WireMessage};
    /// use wiremsg::rkyv::util::AlignedVec;
    ///
    /// #[derive(WireMessage)]
    /// struct Position {
    ///     x: f32,
    ///     y: f32,
    /// }
    ///
    /// let mut router =
    ///     Router::new().on_view::<Position>(|pos: &ArchivedPosition| Ok(pos.x + pos.y))?;
    /// let mut frame = AlignedVec::<16>::new();
    /// frame.extend_from_slice(&Position { x: 1.0, y: 2.0 }.to_wire()?);
    /// assert_eq!(router.dispatch(&frame)?, 3.0); // read in place
    /// assert_eq!(router.dispatch(&frame.to_vec()[..])?, 3.0); // at any alignment
    /// let json = JsonCodec::new().encode_frame(&Position { x: 2.0, y: 2.0 })?;
    /// assert_eq!(router.dispatch(&json)?, 4.0); // a JSON frame of the type
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    pub fn on_view<T: WireMessage + RkyvMessage + 'static>(
        mut self,
        mut handler: impl FnMut(&T::Archived) -> Result<R, E> + Send + 'static,
    ) -> Result<Self, CodecError> {
        self.types.register::<T>()?;
        let handler = move |frame: &[u8], reading: &mut Reading| {
            // JSON goes to the decode before any aligning copy; the view and the decode each
            // check the whole header.
            if Header::is_frame(frame) && !Header::claims_json(frame) {
                let max_depth = reading.limits.max_depth();
                return handler(view::<T>(reading.aligner.align(frame), max_depth)?);
            }
            handler(view_of_json::<T>(frame, reading)?)
        };
        self.handlers.insert(T::TYPE_ID, Box::new(handler));
        Ok(self)
    }

    /// Decodes every frame within `limits` instead of the defaults.
    ///
    /// ```
    /// use wiremsg::{CodecError, Limits, Router, WireMessage};
    ///
    /// #[derive(WireMessage)]
    /// struct Tally {
    ///     votes: Vec<()>,
    /// }
    ///
    /// let strict = Limits::new().with_max_zero_sized_elements(3);
    /// let mut router = Router::new()
    ///     .with_limits(strict)
    ///     .on::<Tally>(|tally| Ok(tally.votes.len()))?;
    /// assert_eq!(router.dispatch(&Tally { votes: vec![(); 3] }.to_wire()?)?, 3);
    /// let err = router.dispatch(&Tally { votes: vec![(); 4] }.to_wire()?).unwrap_err();
    /// assert!(matches!(err, CodecError::TooManyZeroSized { claimed: 4, limit: 3, .. }));
    /// # Ok::<(), CodecError>(())
    /// ```
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.reading.limits = limits;
        self
    }

    /// Routes bare JSON (input without a frame header, what peers that predate wiremsg send) as
    /// a message of `T`, to `T`'s handler like any frame of `T`; typically `T` is an enum of the
    /// commands old clients send. Without it, bare JSON is
    /// [`CodecError::UnroutedLegacyJson`]. `T` needs a handler ([`Router::on`] or
    /// [`Router::on_view`]) by the time such input arrives ([`CodecError::UnknownType`]
    /// otherwise).
    ///
    /// ```
    /// use wiremsg::{Router, WireMessage};
    ///
    /// #[derive(WireMessage, Debug)]
    /// enum Command {
    ///     Say { text: String },
    ///     Leave,
    /// }
    ///
    /// let mut router = Router::new()
    ///     .on::<Command>(|command| Ok(format!("{command:?}")))?
    ///     .legacy_json::<Command>();
    /// assert_eq!(router.dispatch(br#"{"Say":{"text":"hi"}}"#)?, r#"Say { text: "hi" }"#);
    /// assert_eq!(router.dispatch(&Command::Leave.to_wire()?)?, "Leave");
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    pub fn legacy_json<T: WireMessage>(mut self) -> Self {
        self.legacy_json = Some(T::TYPE_ID);
        self
    }

    /// Sends frames of types without a handler to `handler`, with their header and payload,
    /// instead of failing with [`CodecError::UnknownType`].
    pub fn fallback(
        mut self,
        handler: impl FnMut(&Header, &[u8]) -> Result<R, E> + Send + 'static,
    ) -> Self {
        self.fallback = Some(Box::new(handler));
        self
    }

    /// Checks `frame` (header, exact payload length), then calls the handler of its type id
    /// with the decoded message, or the fallback. Input without a frame header is bare JSON of
    /// the [`legacy_json`](Router::legacy_json) type.
    ///
    /// Every failure is an error, never a panic: a malformed frame, an unknown type id without
    /// a fallback ([`CodecError::UnknownType`]), an rkyv frame of another schema version
    /// ([`CodecError::SchemaVersionMismatch`]) or layout, an invalid payload, or the handler's
    /// own error.
    pub fn dispatch(&mut self, frame: &[u8]) -> Result<R, E> {
        if !Header::is_frame(frame) {
            return self.dispatch_bare(frame);
        }
        // A handler's decode or view checks the whole frame itself, check byte first, so the
        // id is read unchecked to pick it (a header parse here cost a quarter of a small view's
        // dispatch); the fallback and the errors get a checked header.
        let claimed = Header::claimed_type_id(frame);
        if let Some(handler) = claimed.and_then(|id| self.handlers.get_mut(&id)) {
            return handler(frame, &mut self.reading);
        }
        let (header, payload) = Header::split_frame(frame)?;
        match &mut self.fallback {
            Some(fallback) => fallback(&header, payload),
            None => Err(CodecError::UnknownType {
                type_id: header.type_id(),
            }
            .into()),
        }
    }

    /// Input without a frame header: bare JSON of the [`legacy_json`](Router::legacy_json) type,
    /// or an error naming what is wrong.
    fn dispatch_bare(&mut self, text: &[u8]) -> Result<R, E> {
        let Some(type_id) = self.legacy_json else {
            return Err(unframed(text).into());
        };
        match self.handlers.get_mut(&type_id) {
            Some(handler) => handler(text, &mut self.reading),
            None => Err(CodecError::UnknownType { type_id }.into()),
        }
    }

    /// The types this router has handlers for, e.g. to [`describe`](Registry::describe)
    /// frames in logs.
    pub fn types(&self) -> &Registry {
        &self.types
    }
}

/// Why input without a frame header cannot be routed: bare JSON without a declared type, or
/// whatever the header's parse says is wrong with anything else.
fn unframed(input: &[u8]) -> CodecError {
    match input.first() {
        Some(&first_byte @ (b'{' | b'[' | b'"' | b' ' | b'\t' | b'\r' | b'\n')) => {
            CodecError::UnroutedLegacyJson { first_byte }
        }
        _ => Header::parse(input).err().unwrap_or(CodecError::Empty),
    }
}

/// A view of `T` for a JSON frame or bare JSON: decoded, archived into the router's aligned
/// space, and viewed there.
#[cold]
fn view_of_json<'a, T: WireMessage + RkyvMessage>(
    json: &[u8],
    reading: &'a mut Reading,
) -> Result<&'a T::Archived, CodecError> {
    let value: T = decode_message(json, reading.decoder())?;
    let max_depth = reading.limits.max_depth();
    let space = reading.aligner.space();
    let frame = Codec::<T>::encode_into(&RkyvCodec::new(), &value, space)?;
    view::<T>(&space[frame], max_depth)
}

impl<R, E> fmt::Debug for Router<R, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Router")
            .field(
                "types",
                &self.types.iter().map(|t| t.name()).collect::<Vec<_>>(),
            )
            .field("fallback", &self.fallback.is_some())
            .finish()
    }
}
