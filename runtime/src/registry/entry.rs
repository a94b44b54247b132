//! [`RegistryEntry`]: one message type as the registry knows it, as data (how an entry is made
//! from a type is `registration.rs`).

use crate::error::CodecError;
use crate::kind::CodecKind;
use crate::limits::Limits;
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
    pub(crate) name: &'static str,
    pub(crate) type_id: u32,
    pub(crate) schema_version: u16,
    pub(crate) codec: CodecKind,
    pub(crate) layout_fingerprint: u16,
    // Function pointers rather than values: `TypeId::of` and `type_name` are not yet callable in
    // a `const fn`, and entries are built in constants for `inventory`.
    pub(crate) rust_type: fn() -> TypeId,
    pub(crate) rust_name: fn() -> &'static str,
    pub(crate) to_json: fn(&[u8], &Limits) -> Result<serde_json::Value, CodecError>,
}

inventory::collect!(RegistryEntry);

impl RegistryEntry {
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

    /// Whether `other` is the same version of the same message defined again, as two services'
    /// crates each define it: one name, id, schema version, codec and layout fingerprint (the
    /// fingerprint covers every field's name and type as written). A frame of it reads the same
    /// through either type.
    pub(super) fn is_same_message_version(&self, other: &RegistryEntry) -> bool {
        self.name == other.name
            && self.type_id == other.type_id
            && self.schema_version == other.schema_version
            && self.codec == other.codec
            && self.layout_fingerprint == other.layout_fingerprint
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
