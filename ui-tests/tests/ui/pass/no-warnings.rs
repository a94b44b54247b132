// Generated code trips none of the user's lints: deprecated items, strict lint levels.
#![deny(warnings, missing_docs, unused_qualifications, unused_results, trivial_casts)]
#![deny(clippy::all, clippy::pedantic)]
//! A crate with strict lints.

use wiremsg::WireMessage;

/// An old message, kept for old peers.
#[deprecated = "use Ping2"]
#[derive(WireMessage, Debug, PartialEq)]
pub struct Ping {
    /// Sequence number.
    pub seq: u64,
    /// Old field.
    #[deprecated]
    pub legacy: String,
}

/// A message with a deprecated variant. rkyv_derive's own output names every variant outside
/// any `allow` wiremsg can place, so deprecated variants are shown here with JSON only (see
/// docs/DESIGN.md, "Known limits"); wiremsg's serde and trait impls stay silent.
#[derive(WireMessage, Debug, PartialEq)]
#[wire(codec = "json")]
pub enum Event {
    /// Current.
    Joined,
    /// Old.
    #[deprecated]
    Left,
    /// Old.
    #[deprecated]
    Moved {
        /// Where to.
        #[deprecated]
        to: u8,
    },
}

#[allow(deprecated)]
fn main() {
    let ping = Ping { seq: 1, legacy: String::new() };
    assert_eq!(Ping::from_wire(&ping.to_wire().unwrap()).unwrap(), ping);
    assert_eq!(Event::from_wire(&Event::Left.to_wire().unwrap()).unwrap(), Event::Left);
    assert_eq!(Event::from_wire(&Event::Joined.to_wire().unwrap()).unwrap(), Event::Joined);
}
