//! How a message type enters a registry: [`RegistryEntry::of`] (its entry, a constant that
//! link-time registration submits), the transcoding the entry carries, [`Registry::register`],
//! and [`register!`](crate::register) for generic types.
//!
//! Kept apart from `registry`, which knows entries only as data: the frame checks in `codec` ask
//! the global registry whether two types claim an id, and the registry must not need the codecs
//! (or the message trait, which is built on them) for that.

use crate::codec::{decode_message, json_bytes, DecodeOptions};
use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::limits::Limits;
use crate::message::WireMessage;
use crate::registry::{Registry, RegistryEntry};
use std::any::TypeId;

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
}

impl Registry {
    /// Adds `T`. Registering a type again does nothing; a *different* type with the same type id
    /// is [`CodecError::DuplicateTypeId`], and one with the same name (under another id) is
    /// [`CodecError::DuplicateName`], naming both types. The registry is unchanged on error.
    ///
    /// ```
    /// use wiremsg::{CodecError, Registry, WireMessage};
    ///
    /// #[derive(WireMessage)]
    /// #[wire(id = 7)]
    /// struct Login;
    /// #[derive(WireMessage)]
    /// #[wire(id = 7)]
    /// struct Logout;
    ///
    /// let mut registry = Registry::new();
    /// registry.register::<Login>()?;
    /// registry.register::<Login>()?; // idempotent
    /// let err = registry.register::<Logout>().unwrap_err();
    /// assert!(matches!(err, CodecError::DuplicateTypeId { type_id: 7, .. }));
    /// assert!(err.to_string().contains("Login") && err.to_string().contains("Logout"));
    /// # Ok::<(), CodecError>(())
    /// ```
    pub fn register<T: WireMessage + 'static>(&mut self) -> Result<(), CodecError> {
        self.register_entry(RegistryEntry::of::<T>())
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
    // `match` rather than `?`, as in `decode_message`: fewer functions per message type.
    let text = match decode_message::<T>(frame, decoder) {
        Ok(message) => json_bytes(&message, limits.max_transcoded()),
        Err(error) => return Err(error),
    };
    // Through JSON text rather than `serde_json::to_value`: text can be bounded as it grows,
    // and the value built from bounded text is bounded too. The value is the same (floats
    // round-trip exactly: see docs/DESIGN.md).
    json_value(text, T::TYPE_NAME)
}

fn json_value(
    text: Result<Vec<u8>, CodecError>,
    type_name: &'static str,
) -> Result<serde_json::Value, CodecError> {
    serde_json::from_slice(&text?).map_err(CodecError::json(type_name))
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
