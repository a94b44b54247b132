//! [`Router`]: sends each frame to the handler of its type.

use crate::codec::{decode_message, view, DecodeOptions};
use crate::error::CodecError;
use crate::header::Header;
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::{RkyvMessage, WireMessage};
use crate::registry::Registry;
use std::collections::HashMap;
use std::fmt;

/// A type's handler, type-erased: it receives the whole frame and the router's limits.
type Handler<R, E> = Box<dyn FnMut(&[u8], &Limits) -> Result<R, E> + Send>;
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
    handlers: HashMap<u32, Handler<R, E>>,
    fallback: Option<Fallback<R, E>>,
    limits: Limits,
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
            handlers: HashMap::new(),
            fallback: None,
            limits: Limits::DEFAULT,
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
        let handler = move |frame: &[u8], limits: &Limits| {
            let decoder = DecodeOptions {
                kind: CodecKind::Hybrid,
                limits,
            };
            handler(decode_message(frame, decoder)?)
        };
        self.handlers.insert(T::TYPE_ID, Box::new(handler));
        Ok(self)
    }

    /// Routes rkyv frames of `T` to `handler` as a validated zero-copy view, borrowed from the
    /// frame: no copy, no allocation.
    ///
    /// The frame's payload must be 16-byte aligned ([`CodecError::Unaligned`] otherwise), and a
    /// JSON frame of `T` is [`CodecError::WrongCodec`]; see
    /// [`RkyvCodec::view`](crate::RkyvCodec::view). Type clashes are refused as in
    /// [`Router::on`].
    ///
    /// ```
    /// use wiremsg::{Router, WireMessage};
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
    /// assert_eq!(router.dispatch(&frame)?, 3.0);
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    pub fn on_view<T: WireMessage + RkyvMessage + 'static>(
        mut self,
        mut handler: impl FnMut(&T::Archived) -> Result<R, E> + Send + 'static,
    ) -> Result<Self, CodecError> {
        self.types.register::<T>()?;
        let handler =
            move |frame: &[u8], limits: &Limits| handler(view::<T>(frame, limits.max_depth())?);
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
        self.limits = limits;
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
    /// with the decoded message, or the fallback.
    ///
    /// Every failure is an error, never a panic: a malformed frame, an unknown type id without
    /// a fallback ([`CodecError::UnknownType`]), an rkyv frame of another schema version
    /// ([`CodecError::SchemaVersionMismatch`]) or layout, an invalid payload, or the handler's
    /// own error.
    pub fn dispatch(&mut self, frame: &[u8]) -> Result<R, E> {
        // A handler's decode or view checks the whole frame itself; only the fallback is
        // handed a payload split off here.
        let header = Header::parse(frame)?;
        if let Some(handler) = self.handlers.get_mut(&header.type_id()) {
            return handler(frame, &self.limits);
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

    /// The types this router has handlers for, e.g. to [`describe`](Registry::describe)
    /// frames in logs.
    pub fn types(&self) -> &Registry {
        &self.types
    }
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
