//! rkyv wrappers for field types rkyv has no support of its own for: timestamps of chrono
//! (feature `chrono`) and time (feature `time`). Apply one to a field with
//! `#[rkyv(with = wiremsg::with::...)]`; the field's JSON stays exactly what serde writes for
//! its type (RFC 3339 text for chrono's `DateTime<Utc>`).
//!
//! Each archives the instant compactly, as fixed-size little-endian integers (`docs/FORMAT.md`,
//! "Timestamps and dates"), and its archived form reads back zero-copy (`to_chrono`, `to_time`),
//! or gives [`TimestampOutOfRange`] for bytes no instant has. Round trips are exact, leap seconds
//! included; an owned decode of an out-of-range archive is a typed error
//! ([`CodecError::RkyvDecode`](crate::CodecError::RkyvDecode)), never a panic or another instant.
//!
//! ```
//! # #[cfg(feature = "chrono")] {
//! use chrono::{DateTime, TimeZone, Utc};
//! use wiremsg::rkyv::util::AlignedVec;
//! use wiremsg::{HybridCodec, JsonCodec, WireMessage};
//!
//! #[derive(WireMessage, Debug, PartialEq)]
//! struct Sent {
//!     text: String,
//!     #[rkyv(with = wiremsg::with::ChronoUtc)]
//!     at: DateTime<Utc>,
//! }
//!
//! let at = Utc.with_ymd_and_hms(2026, 12, 4, 18, 0, 0).unwrap();
//! let sent = Sent { text: "hi".into(), at };
//! let frame = sent.to_wire()?;
//! assert_eq!(Sent::from_wire(&frame)?, sent);
//!
//! let mut aligned = AlignedVec::<16>::new();
//! aligned.extend_from_slice(&frame);
//! let view = HybridCodec::new().view::<Sent>(&aligned)?;
//! assert_eq!(view.at.to_chrono()?, at); // 16 bytes in the archive, read in place
//!
//! // The JSON is serde's own.
//! let json = JsonCodec::new().encode(&sent)?;
//! assert_eq!(json, br#"{"text":"hi","at":"2026-12-04T18:00:00Z"}"#);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "chrono")]
mod chrono;
#[cfg(feature = "time")]
mod time;

use std::fmt;

#[cfg(feature = "chrono")]
pub use self::chrono::{
    ArchivedCivilDate, ArchivedUnixTimestamp, ChronoNaiveDate, ChronoUtc, CivilDate, UnixTimestamp,
};
#[cfg(feature = "time")]
pub use self::time::{ArchivedOffsetTimestamp, OffsetTimestamp, TimeOffsetDateTime};

/// Archived bytes that stand for no value of the type asked for: nanoseconds past a second's end
/// (or a leap second where none can be), or an instant, date or offset outside the type's range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampOutOfRange {
    /// The type the bytes were read as.
    pub type_name: &'static str,
    /// The archived value, as text.
    pub archived: String,
}

impl fmt::Display for TimestampOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is out of range for {}",
            self.archived, self.type_name
        )
    }
}

impl std::error::Error for TimestampOutOfRange {}
