//! The `WireMessage` trait that `#[derive(WireMessage)]` implements, and the rkyv bound bundle.

use crate::codec::{Codec, FrameEnd, HybridCodec};
use crate::error::CodecError;
use crate::error::RkyvError;
use crate::kind::CodecKind;
use crate::limits::Limits;
use rkyv::api::high::{HighDeserializer, HighSerializer, HighValidator};
use rkyv::bytecheck::CheckBytes;
use rkyv::rancor::Failure;
use rkyv::ser::allocator::ArenaHandle;
use rkyv::util::AlignedVec;
use rkyv::{Archive, Portable};
use std::ops::Range;

/// A network message: a type with a registered id, a schema version and a preferred codec.
///
/// Implement it with `#[derive(WireMessage)]`; see the crate documentation for the attributes.
///
/// ```
/// use wiremsg::WireMessage;
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// #[wire(name = "chat.Ping", version = 2)]
/// struct Ping {
///     seq: u64,
/// }
///
/// assert_eq!(Ping::TYPE_NAME, "chat.Ping");
/// assert_eq!(Ping::SCHEMA_VERSION, 2);
/// assert_eq!(Ping::TYPE_ID, wiremsg::hash::type_id_of("chat.Ping"));
/// let frame = Ping { seq: 9 }.to_wire().unwrap();
/// assert_eq!(Ping::from_wire(&frame).unwrap(), Ping { seq: 9 });
/// ```
pub trait WireMessage: serde::Serialize + serde::de::DeserializeOwned {
    /// The id written into every frame of this type: `#[wire(id = N)]`, or by default
    /// [`hash::type_id_of`](crate::hash::type_id_of) of [`Self::TYPE_NAME`].
    const TYPE_ID: u32;
    /// The schema version written into every frame (`#[wire(version = N)]`, default 1).
    const SCHEMA_VERSION: u16;
    /// The message's name (`#[wire(name = "...")]`, default the type's identifier).
    const TYPE_NAME: &'static str;
    /// The preferred codec (`#[wire(codec = "...")]`, default [`CodecKind::Hybrid`]).
    const CODEC: CodecKind;
    /// A compile-time hash of the type's shape; rkyv frames of another shape are refused.
    const LAYOUT_FINGERPRINT: u16;

    /// Encodes `self` as a frame with the type's codec, as [`HybridCodec`] does.
    fn to_wire(&self) -> Result<Vec<u8>, CodecError> {
        HybridCodec::new().encode(self)
    }

    /// The frame `Older`, an older version of this message, writes for this value: what a peer
    /// not yet upgraded to this version reads. `Older` is converted from the value with its
    /// `From<&Self>`; naming a type of another message fails to compile.
    ///
    /// ```
    /// use wiremsg::WireMessage;
    ///
    /// #[derive(WireMessage, Debug, PartialEq)]
    /// #[wire(name = "chat.Message", version = 1)]
    /// struct ChatV1 {
    ///     text: String,
    /// }
    ///
    /// #[derive(WireMessage, Debug, PartialEq)]
    /// #[wire(name = "chat.Message", version = 2, migrate_from = ChatV1)]
    /// struct Chat {
    ///     text: String,
    ///     room: u32,
    /// }
    ///
    /// impl From<ChatV1> for Chat {
    ///     fn from(old: ChatV1) -> Chat {
    ///         Chat { text: old.text, room: 0 }
    ///     }
    /// }
    ///
    /// impl From<&Chat> for ChatV1 {
    ///     fn from(new: &Chat) -> ChatV1 {
    ///         ChatV1 { text: new.text.clone() }
    ///     }
    /// }
    ///
    /// let chat = Chat { text: "hi".into(), room: 7 };
    /// let for_old_peer = chat.to_wire_as::<ChatV1>()?;
    /// assert_eq!(ChatV1::from_wire(&for_old_peer)?, ChatV1 { text: "hi".into() });
    /// // And what old peers send reads as the current version.
    /// assert_eq!(Chat::from_wire(&for_old_peer)?, Chat { text: "hi".into(), room: 0 });
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    fn to_wire_as<Older>(&self) -> Result<Vec<u8>, CodecError>
    where
        Older: WireMessage + for<'a> From<&'a Self>,
    {
        const {
            assert!(
                Older::TYPE_ID == Self::TYPE_ID,
                "to_wire_as names a type of another message: give it the same #[wire(name)]"
            )
        };
        Older::from(self).to_wire()
    }

    /// Decodes any frame of this type (rkyv or JSON), or legacy bare JSON, as [`HybridCodec`]
    /// does.
    fn from_wire(bytes: &[u8]) -> Result<Self, CodecError> {
        HybridCodec::new().decode(bytes)
    }

    /// [`from_wire`](WireMessage::from_wire) within `limits` instead of the defaults.
    ///
    /// ```
    /// use wiremsg::{CodecError, Limits, WireMessage};
    ///
    /// #[derive(WireMessage, Debug, PartialEq)]
    /// struct Tally {
    ///     votes: Vec<()>,
    /// }
    ///
    /// let frame = Tally { votes: vec![(); 100] }.to_wire()?;
    /// let strict = Limits::new().with_max_zero_sized_elements(10);
    /// let err = Tally::from_wire_with(&frame, &strict).unwrap_err();
    /// assert!(matches!(err, CodecError::TooManyZeroSized { claimed: 100, limit: 10, .. }));
    /// assert_eq!(Tally::from_wire(&frame)?.votes.len(), 100);
    /// # Ok::<(), CodecError>(())
    /// ```
    fn from_wire_with(bytes: &[u8], limits: &Limits) -> Result<Self, CodecError> {
        HybridCodec::new().with_limits(*limits).decode(bytes)
    }

    /// Appends the frame [`to_wire`](WireMessage::to_wire) writes to `buf`, at the next 16-byte
    /// boundary, and returns its range in `buf`; see [`Codec::encode_into`]. Reusing `buf`
    /// (clear it between messages) makes encoding allocation-free.
    ///
    /// ```
    /// use wiremsg::rkyv::util::AlignedVec;
    /// use wiremsg::WireMessage;
    ///
    /// #[derive(WireMessage, Debug, PartialEq)]
    /// struct Ping {
    ///     seq: u64,
    /// }
    ///
    /// let mut buf = AlignedVec::<16>::new();
    /// for seq in 0..3 {
    ///     buf.clear(); // keeps the capacity: no allocation after the first round
    ///     let frame = Ping { seq }.encode_into(&mut buf)?;
    ///     assert_eq!(Ping::from_wire(&buf[frame])?, Ping { seq });
    /// }
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    #[inline]
    fn encode_into(&self, buf: &mut AlignedVec) -> Result<Range<usize>, CodecError> {
        HybridCodec::new().encode_into(self, buf)
    }

    /// Appends an rkyv frame to `buf`, serializing with `arena`. Generated by the derive for
    /// types with rkyv support.
    #[doc(hidden)]
    fn __rkyv_frame_into(&self, buf: &mut AlignedVec, arena: ArenaHandle<'_>) -> FrameEnd {
        let _ = (buf, arena);
        Err(Box::new(CodecError::RkyvUnsupported {
            type_name: Self::TYPE_NAME,
        }))
    }

    /// Decodes the aligned payload of an rkyv frame whose header was checked, within `limits`.
    /// Generated by the derive for types with rkyv support.
    #[doc(hidden)]
    fn __from_rkyv_payload(payload: &[u8], limits: &Limits) -> Result<Self, CodecError> {
        let _ = (payload, limits);
        Err(CodecError::RkyvUnsupported {
            type_name: Self::TYPE_NAME,
        })
    }

    /// Decodes `frame`, a frame of this message at the older schema `version`, into this type
    /// through the declared migrations (`#[wire(migrate_from = Older)]`), or `None` when no
    /// older version with that number is declared. Generated by the derive.
    #[doc(hidden)]
    fn __migrate(
        frame: &[u8],
        version: u16,
        kind: CodecKind,
        limits: &Limits,
    ) -> Option<Result<Self, CodecError>> {
        let _ = (frame, version, kind, limits);
        None
    }

    /// Whether decoding a value of this type guards the stack wherever the value can lead back
    /// to itself, so a type holding it inline needs no guard of its own for it. The derive sets
    /// it; a hand-written impl is not assumed to.
    #[doc(hidden)]
    const __GUARDS_ITS_DECODE: bool = false;

    /// The 32-bit layout hash [`LAYOUT_FINGERPRINT`](Self::LAYOUT_FINGERPRINT) folds, which a
    /// type holding this one folds into its own. The derive sets it from the shape and the
    /// nested types; a hand-written impl has its fingerprint.
    #[doc(hidden)]
    const __LAYOUT_HASH: u32 = Self::LAYOUT_FINGERPRINT as u32;

    /// Refuses a decoded value holding a sequence of more than `max` zero-sized elements.
    /// Generated by the derive for types whose fields can hold one; see
    /// [`Limits::with_max_zero_sized_elements`].
    #[doc(hidden)]
    #[inline]
    fn __check_zero_sized(&self, max: usize) -> Result<(), CodecError> {
        let _ = max;
        Ok(())
    }
}

/// The rkyv capabilities wiremsg needs of a message: archive with wiremsg's serializer, validate
/// with bytecheck, deserialize back.
///
/// Every `#[derive(WireMessage)]` type whose codec is not `"json"` has it (blanket impl); it is
/// the bound of [`RkyvCodec`](crate::RkyvCodec) and of zero-copy views.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no rkyv support",
    label = "rkyv cannot archive this type",
    note = "a type with #[wire(codec = \"json\")] has no rkyv impls: use JsonCodec or HybridCodec, or remove codec = \"json\""
)]
pub trait RkyvMessage:
    Sized
    + Archive<
        Archived: Portable
                      + for<'a> CheckBytes<HighValidator<'a, RkyvError>>
                      + for<'a> CheckBytes<HighValidator<'a, Failure>>
                      + rkyv::Deserialize<Self, HighDeserializer<RkyvError>>,
    > + for<'a> rkyv::Serialize<HighSerializer<AlignedVec, ArenaHandle<'a>, RkyvError>>
{
}

impl<T> RkyvMessage for T where
    T: Archive<
            Archived: Portable
                          + for<'a> CheckBytes<HighValidator<'a, RkyvError>>
                          + for<'a> CheckBytes<HighValidator<'a, Failure>>
                          + rkyv::Deserialize<T, HighDeserializer<RkyvError>>,
        > + for<'a> rkyv::Serialize<HighSerializer<AlignedVec, ArenaHandle<'a>, RkyvError>>
{
}
