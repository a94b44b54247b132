//! [`RegistryEntry`]: one message type as the registry knows it, and [`register!`](crate::register)
//! for generic types.

use crate::codec::{decode_message, json_bytes, DecodeOptions};
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::WireMessage;
use std::any::TypeId;
use std::fmt;

/// What the registry knows of one message type: its name, id, schema version, codec and layout
/// fingerprint, and a type-erased way to turn its frames into JSON.
///
/// ```
/// use wiremsg::{CodecKind, RegistryEntry, WireMessage};
///
/// #[derive(WireMessage)]
/// #[wire(name = "chat.Ping", version = 2)]
/// struct Ping {
///     seq: u64,
/// }
///
/// let entry = RegistryEntry::of::<Ping>();
/// assert_eq!(entry.name(), "chat.Ping");
/// assert_eq!(entry.type_id(), Ping::TYPE_ID);
/// assert_eq!(entry.schema_version(), 2);
/// assert_eq!(entry.codec(), CodecKind::Hybrid);
/// let json = entry.to_json(&Ping { seq: 3 }.to_wire()?)?;
/// assert_eq!(json, serde_json::json!({ "seq": 3 }));
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
#[derive(Clone, Copy)]
pub struct RegistryEntry {
    name: &'static str,
    type_id: u32,
    schema_version: u16,
    codec: CodecKind,
    layout_fingerprint: u16,
    // Function pointers rather than values: `TypeId::of` and `type_name` are not yet callable in
    // a `const fn`, and entries are built in constants for `inventory`.
    rust_type: fn() -> TypeId,
    rust_name: fn() -> &'static str,
    to_json: fn(&[u8], &Limits) -> Result<serde_json::Value, CodecError>,
}

inventory::collect!(RegistryEntry);

impl RegistryEntry {
    /// The entry of `T`. A constant, so it can be submitted to [`inventory`] at link time.
    pub const fn of<T: WireMessage + 'static>() -> RegistryEntry {
        RegistryEntry {
            name: T::TYPE_NAME,
            type_id: T::TYPE_ID,
            schema_version: T::SCHEMA_VERSION,
            codec: T::CODEC,
            layout_fingerprint: T::LAYOUT_FINGERPRINT,
            rust_type: TypeId::of::<T>,
            rust_name: std::any::type_name::<T>,
            to_json: frame_to_json::<T>,
        }
    }

    /// The message name (`#[wire(name = "...")]`).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The type id written into every frame of the type.
    pub const fn type_id(&self) -> u32 {
        self.type_id
    }

    /// The schema version the type writes and reads rkyv frames at.
    pub const fn schema_version(&self) -> u16 {
        self.schema_version
    }

    /// The type's preferred codec.
    pub const fn codec(&self) -> CodecKind {
        self.codec
    }

    /// The layout fingerprint of the type's rkyv frames.
    pub const fn layout_fingerprint(&self) -> u16 {
        self.layout_fingerprint
    }

    /// The Rust type's path, as [`std::any::type_name`] prints it (for diagnostics only: the
    /// text is not stable across compiler versions).
    pub fn rust_type_name(&self) -> &'static str {
        (self.rust_name)()
    }

    /// Decodes a frame of this type (rkyv or JSON payload, fully validated; or legacy bare JSON)
    /// and re-encodes the value as JSON, exactly as `serde_json::to_value` of the decoded
    /// message.
    pub fn to_json(&self, frame: &[u8]) -> Result<serde_json::Value, CodecError> {
        self.to_json_with(frame, &Limits::DEFAULT)
    }

    /// [`to_json`](RegistryEntry::to_json) within `limits`, which bound the decode and the JSON
    /// text ([`Limits::with_max_transcoded`]).
    pub fn to_json_with(
        &self,
        frame: &[u8],
        limits: &Limits,
    ) -> Result<serde_json::Value, CodecError> {
        (self.to_json)(frame, limits)
    }

    pub(super) fn is_same_type(&self, other: &RegistryEntry) -> bool {
        (self.rust_type)() == (other.rust_type)()
    }
}

impl fmt::Debug for RegistryEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistryEntry")
            .field("name", &self.name)
            .field("type_id", &format_args!("{:#010x}", self.type_id))
            .field("schema_version", &self.schema_version)
            .field("codec", &self.codec)
            .field(
                "layout_fingerprint",
                &format_args!("{:#06x}", self.layout_fingerprint),
            )
            .field("rust_type", &self.rust_type_name())
            .finish()
    }
}

fn frame_to_json<T: WireMessage>(
    frame: &[u8],
    limits: &Limits,
) -> Result<serde_json::Value, CodecError> {
    // The decode every codec of `T` shares, so registration compiles no decode of its own.
    let decoder = DecodeOptions {
        kind: CodecKind::Hybrid,
        limits,
    };
    let message: T = decode_message(frame, decoder)?;
    // Through JSON text rather than `serde_json::to_value`: text can be bounded as it grows,
    // and the value built from bounded text is bounded too. The value is the same (floats
    // round-trip exactly: see docs/DESIGN.md).
    json_value(json_bytes(&message, limits.max_transcoded())?, T::TYPE_NAME)
}

fn json_value(text: Vec<u8>, type_name: &'static str) -> Result<serde_json::Value, CodecError> {
    serde_json::from_slice(&text).map_err(CodecError::json(type_name))
}

/// Registers concrete instantiations of generic message types in the global
/// [`registry()`](crate::registry()), at link time like the derive does for non-generic types.
/// Place it at item level (outside any function), anywhere in the program.
///
/// Every instantiation of a generic type shares its name and so, by default, its type id: a
/// frame does not say which `T` it holds. Register one instantiation per generic type (two
/// would clash), or give each its own type with its own name.
///
/// ```
/// use wiremsg::WireMessage;
///
/// #[derive(WireMessage, Debug, PartialEq)]
/// #[wire(name = "docs.Envelope")]
/// struct Envelope<T> {
///     seq: u32,
///     body: T,
/// }
///
/// wiremsg::register!(Envelope<String>);
///
/// let frame = Envelope { seq: 1, body: "hi".to_string() }.to_wire()?;
/// let entry = wiremsg::registry().get_by_name("docs.Envelope").expect("registered");
/// assert_eq!(entry.type_id(), Envelope::<String>::TYPE_ID);
/// assert_eq!(entry.to_json(&frame)?, serde_json::json!({ "seq": 1, "body": "hi" }));
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
#[macro_export]
macro_rules! register {
    ($($message:ty),+ $(,)?) => {
        $(
            $crate::__private::inventory::submit! {
                $crate::RegistryEntry::of::<$message>()
            }
        )+
    };
}

/// What the derive's registration expands to without the `auto-register` feature.
#[cfg(not(feature = "auto-register"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __no_auto_register {
    ($($message:ty),+ $(,)?) => {};
}
