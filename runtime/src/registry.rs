//! The registry of message types: which types exist, found by type id or by name, and how to show
//! any frame of them as JSON.
//!
//! Every non-generic `#[derive(WireMessage)]` type submits a [`RegistryEntry`] to
//! [`inventory`] at link time; [`registry()`] collects them on first use.

mod description;
mod entry;

pub use self::description::FrameDescription;
pub use self::entry::RegistryEntry;

use crate::error::CodecError;
use crate::header::Header;
use crate::limits::Limits;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The error for two different types that claim one id (or, with different ids, one name).
fn clash(first: &RegistryEntry, second: &RegistryEntry) -> CodecError {
    if first.type_id() == second.type_id() {
        CodecError::DuplicateTypeId {
            type_id: first.type_id(),
            first_name: first.name(),
            first_type: first.rust_type_name(),
            second_name: second.name(),
            second_type: second.rust_type_name(),
        }
    } else {
        CodecError::DuplicateName {
            name: first.name(),
            first_id: first.type_id(),
            first_type: first.rust_type_name(),
            second_id: second.type_id(),
            second_type: second.rust_type_name(),
        }
    }
}

/// Message types by type id and by name.
///
/// [`registry()`] is the global one, holding every non-generic `#[derive(WireMessage)]` type
/// linked into the program; [`Registry::new`] and [`Registry::register`] build a local one (for
/// generic types, or to limit what a service accepts).
///
/// ```
/// use wiremsg::{Registry, WireMessage};
///
/// #[derive(WireMessage)]
/// #[wire(name = "chat.Message")]
/// struct ChatMessage {
///     text: String,
/// }
///
/// #[derive(WireMessage)]
/// struct Envelope<T> {
///     seq: u32,
///     body: T,
/// }
///
/// let mut registry = Registry::new();
/// registry.register::<ChatMessage>()?;
/// registry.register::<Envelope<u64>>()?; // generic types register explicitly
///
/// let frame = ChatMessage { text: "hi".into() }.to_wire()?;
/// assert_eq!(registry.to_json(&frame)?, serde_json::json!({ "text": "hi" }));
/// assert_eq!(registry.get_by_name("chat.Message").unwrap().type_id(), ChatMessage::TYPE_ID);
/// assert_eq!(registry.iter().count(), 2);
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
#[derive(Debug, Default, Clone)]
pub struct Registry {
    /// The newest schema version of each message.
    by_id: BTreeMap<u32, RegistryEntry>,
    /// Older schema versions of a message (same name and id), by id and version.
    older: BTreeMap<(u32, u16), RegistryEntry>,
    by_name: HashMap<&'static str, u32>,
    /// Global registry only: ids that two types claim, refused on every use.
    contested: BTreeMap<u32, (RegistryEntry, RegistryEntry)>,
    /// Global registry only: every clash found while collecting, in a stable order.
    clashes: Vec<(RegistryEntry, RegistryEntry)>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Adds `entry` ([`Registry::register`] adds a type's). Registering a type again does
    /// nothing, and so does another definition of the same message version (the same name, id,
    /// schema version, codec and layout fingerprint, as two services' crates may each hold);
    /// any other type with the same type id and version is [`CodecError::DuplicateTypeId`], and
    /// one with the same name (under another id) is [`CodecError::DuplicateName`], naming both
    /// types. The registry is unchanged on error.
    pub fn register_entry(&mut self, entry: RegistryEntry) -> Result<(), CodecError> {
        self.insert(entry)
            .map_err(|existing| clash(&existing, &entry))
    }

    /// Adds `entry` unless another type holds its id or its name: then returns that type's
    /// entry, and the registry is unchanged. Types of one name and id at different schema
    /// versions are versions of one message, not a clash: a frame names its version.
    fn insert(&mut self, entry: RegistryEntry) -> Result<(), RegistryEntry> {
        if let Some(&newest) = self.by_id.get(&entry.type_id()) {
            return self.insert_version(newest, entry);
        }
        let same_name = self.by_name.get(entry.name());
        if let Some(existing) = same_name.and_then(|id| self.by_id.get(id)) {
            return Err(*existing);
        }
        self.by_id.insert(entry.type_id(), entry);
        self.by_name.insert(entry.name(), entry.type_id());
        Ok(())
    }

    /// Adds `entry`, whose id `newest` already holds, if it is another schema version of the
    /// same message.
    fn insert_version(
        &mut self,
        newest: RegistryEntry,
        entry: RegistryEntry,
    ) -> Result<(), RegistryEntry> {
        let key = (entry.type_id(), entry.schema_version());
        let same_version = if newest.schema_version() == entry.schema_version() {
            Some(newest)
        } else {
            self.older.get(&key).copied()
        };
        match same_version {
            // Registering a type again, or the same message version defined again, is not a
            // clash.
            Some(existing)
                if existing.is_same_type(&entry) || existing.is_same_message_version(&entry) =>
            {
                return Ok(())
            }
            Some(existing) => return Err(existing),
            None if newest.name() != entry.name() => return Err(newest),
            None => {}
        }
        if entry.schema_version() > newest.schema_version() {
            self.older
                .insert((newest.type_id(), newest.schema_version()), newest);
            self.by_id.insert(entry.type_id(), entry);
        } else {
            self.older.insert(key, entry);
        }
        Ok(())
    }

    /// Builds the global registry from every entry submitted at link time. Both types of a
    /// clash are left out and their ids refused, so no frame is ever routed to a guess.
    fn collect() -> Registry {
        let mut entries: Vec<RegistryEntry> = inventory::iter::<RegistryEntry>
            .into_iter()
            .copied()
            .collect();
        // inventory's order depends on the linker: sort, so clashes are reported the same way
        // on every build.
        entries.sort_by_key(|entry| (entry.type_id(), entry.rust_type_name()));
        let mut registry = Registry::new();
        for entry in entries {
            if let Err(existing) = registry.insert(entry) {
                registry.clashes.push((existing, entry));
            }
        }
        for (first, second) in registry.clashes.clone() {
            for entry in [first, second] {
                registry.withdraw(entry.type_id());
                // An id in several clashes reports the first, which names its own rivals.
                registry
                    .contested
                    .entry(entry.type_id())
                    .or_insert((first, second));
            }
        }
        registry
    }

    fn withdraw(&mut self, type_id: u32) {
        if let Some(entry) = self.by_id.remove(&type_id) {
            self.by_name.remove(entry.name());
        }
        self.older.retain(|&(id, _), _| id != type_id);
    }

    /// Reports the first clash found while collecting the global registry: two types with one
    /// type id, or one name. A local registry refuses clashes in [`Registry::register`], so
    /// for it this is always `Ok`. Call it from a test to fail the build's tests on a clash.
    ///
    /// ```
    /// wiremsg::registry().check().expect("no two message types share an id or a name");
    /// ```
    pub fn check(&self) -> Result<(), CodecError> {
        match self.clashes.first() {
            Some((first, second)) => Err(clash(first, second)),
            None => Ok(()),
        }
    }

    /// Every clash found while collecting the global registry, as errors naming both types.
    pub fn clashes(&self) -> impl Iterator<Item = CodecError> + '_ {
        self.clashes
            .iter()
            .map(|(first, second)| clash(first, second))
    }

    /// The entry with type id `type_id`, if one message (and only one) has it: of several
    /// schema versions of the message, the newest.
    pub fn get(&self, type_id: u32) -> Option<&RegistryEntry> {
        self.by_id.get(&type_id)
    }

    /// The entry with message name `name`, if one type (and only one) has it.
    pub fn get_by_name(&self, name: &str) -> Option<&RegistryEntry> {
        self.by_name.get(name).and_then(|id| self.by_id.get(id))
    }

    /// Every entry, in type id order.
    pub fn iter(&self) -> impl Iterator<Item = &RegistryEntry> + '_ {
        self.by_id.values()
    }

    /// How many types are registered.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether no type is registered.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The entry for a frame's type id: [`CodecError::UnknownType`] if none,
    /// [`CodecError::DuplicateTypeId`] if two types claim it.
    /// Of several schema versions of one message, the frame's own version's entry, else the
    /// newest.
    pub fn entry_for(&self, header: &Header) -> Result<&RegistryEntry, CodecError> {
        let type_id = header.type_id();
        if let Some(newest) = self.by_id.get(&type_id) {
            let own_version = self.older.get(&(type_id, header.schema_version()));
            return Ok(own_version.unwrap_or(newest));
        }
        Err(match self.contested.get(&type_id) {
            Some((first, second)) => clash(first, second),
            None => CodecError::UnknownType { type_id },
        })
    }

    /// Transcodes a frame of any registered type, rkyv or JSON payload, to JSON: the same value
    /// as `serde_json::to_value` of the decoded message. The frame is fully validated first.
    ///
    /// ```
    /// use wiremsg::{JsonCodec, Registry, WireMessage};
    ///
    /// #[derive(WireMessage)]
    /// struct Move {
    ///     x: i32,
    /// }
    ///
    /// let mut registry = Registry::new();
    /// registry.register::<Move>()?;
    /// let rkyv = Move { x: -1 }.to_wire()?;
    /// let json = JsonCodec::new().encode_frame(&Move { x: -1 })?;
    /// assert_eq!(registry.to_json(&rkyv)?, serde_json::json!({ "x": -1 }));
    /// assert_eq!(registry.to_json(&json)?, registry.to_json(&rkyv)?);
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    pub fn to_json(&self, frame: &[u8]) -> Result<serde_json::Value, CodecError> {
        self.to_json_with(frame, &Limits::DEFAULT)
    }

    /// [`to_json`](Registry::to_json) within `limits`: the decode's, and at most
    /// [`Limits::max_transcoded`] bytes of JSON text
    /// ([`CodecError::TranscodedTooLarge`]), so that a small frame cannot make a large value.
    ///
    /// ```
    /// use wiremsg::{CodecError, Limits, Registry, WireMessage};
    ///
    /// #[derive(WireMessage)]
    /// struct Samples(Vec<u8>);
    ///
    /// let mut registry = Registry::new();
    /// registry.register::<Samples>()?;
    /// let frame = Samples(vec![200; 1000]).to_wire()?; // 1 KiB of archive, 4 KiB of JSON
    /// let small = Limits::new().with_max_transcoded(1024);
    /// assert!(matches!(
    ///     registry.to_json_with(&frame, &small),
    ///     Err(CodecError::TranscodedTooLarge { limit: 1024, .. })
    /// ));
    /// assert!(registry.to_json(&frame)?.is_array());
    /// # Ok::<(), CodecError>(())
    /// ```
    pub fn to_json_with(
        &self,
        frame: &[u8],
        limits: &Limits,
    ) -> Result<serde_json::Value, CodecError> {
        self.entry_for(&Header::parse(frame)?)?
            .to_json_with(frame, limits)
    }

    /// Describes a frame for logs: its header fields and, where registered, its type's name.
    /// Only the header is read, so even a truncated frame can be described.
    ///
    /// ```
    /// use wiremsg::{Registry, WireMessage};
    ///
    /// #[derive(WireMessage)]
    /// #[wire(name = "chat.Ping", id = 0x10)]
    /// struct Ping;
    ///
    /// let mut registry = Registry::new();
    /// registry.register::<Ping>()?;
    /// let description = registry.describe(&Ping.to_wire()?)?;
    /// assert_eq!(description.type_name(), Some("chat.Ping"));
    /// let line = description.to_string();
    /// assert!(line.starts_with("chat.Ping (id 0x00000010), schema v1, rkyv payload of"));
    /// # Ok::<(), wiremsg::CodecError>(())
    /// ```
    pub fn describe(&self, frame: &[u8]) -> Result<FrameDescription, CodecError> {
        let header = Header::parse(frame)?;
        let type_name = self.get(header.type_id()).map(RegistryEntry::name);
        Ok(FrameDescription::new(header, type_name))
    }
}

impl<'a> IntoIterator for &'a Registry {
    type Item = &'a RegistryEntry;
    type IntoIter = std::collections::btree_map::Values<'a, u32, RegistryEntry>;

    fn into_iter(self) -> Self::IntoIter {
        self.by_id.values()
    }
}

static GLOBAL: OnceLock<Registry> = OnceLock::new();

/// Refuses a typed decode of a frame with type id `type_id` when two types in the global
/// registry claim that id ([`CodecError::DuplicateTypeId`]): the frame could be either, and
/// nothing in it says which. One load and a comparison when the program has no clash.
#[inline]
pub(crate) fn refuse_shared_id(type_id: u32) -> Result<(), CodecError> {
    match GLOBAL.get() {
        Some(registry) if registry.contested.is_empty() => Ok(()),
        _ => shared_id_clash(type_id),
    }
}

#[cold]
#[inline(never)]
fn shared_id_clash(type_id: u32) -> Result<(), CodecError> {
    match registry().contested.get(&type_id) {
        // A name clash leaves ids apart: a frame's id still says which type wrote it.
        Some((first, second)) if first.type_id() == second.type_id() => Err(clash(first, second)),
        Some(_) | None => Ok(()),
    }
}

/// The global registry: every non-generic `#[derive(WireMessage)]` type linked into the program,
/// from every crate, registered at link time with no start-up call.
///
/// It is collected on first use. Two types that claim one type id (or one name) are both left
/// out and frames of that id are refused with [`CodecError::DuplicateTypeId`], by the registry
/// and by every typed decode. Nothing is printed (a library writing to standard error from a
/// decode would be a surprise): [`Registry::check`] in a test, or at start-up, reports the
/// clash.
///
/// ```
/// use wiremsg::WireMessage;
///
/// #[derive(WireMessage)]
/// #[wire(name = "docs.Hello")]
/// struct Hello {
///     who: String,
/// }
///
/// let registry = wiremsg::registry();
/// let entry = registry.get_by_name("docs.Hello").expect("registered at link time");
/// assert_eq!(entry.type_id(), Hello::TYPE_ID);
/// let frame = Hello { who: "you".into() }.to_wire()?;
/// assert_eq!(registry.to_json(&frame)?, serde_json::json!({ "who": "you" }));
/// # Ok::<(), wiremsg::CodecError>(())
/// ```
pub fn registry() -> &'static Registry {
    GLOBAL.get_or_init(Registry::collect)
}
