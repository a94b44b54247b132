//! time's `OffsetDateTime` in rkyv archives.

use super::TimestampOutOfRange;
use rkyv::rancor::{Fallible, Source};
use rkyv::with::{ArchiveWith, DeserializeWith, SerializeWith};
use rkyv::{Archive, Deserialize, Place, Serialize};
use time::{OffsetDateTime, UtcOffset};

/// An instant and the UTC offset it was written with. Archived as [`ArchivedOffsetTimestamp`]:
/// 16 bytes, `i64`, `u32` and `i32` little-endian.
#[derive(Archive, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[rkyv(crate = rkyv, derive(Debug, PartialEq, Eq, Hash))]
pub struct OffsetTimestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// Nanoseconds past them (below 1,000,000,000: time has no leap seconds).
    pub nanoseconds: u32,
    /// The offset from UTC, in seconds.
    pub offset_seconds: i32,
}

/// Archives a time `OffsetDateTime`, offset included, as an [`OffsetTimestamp`]:
/// `#[rkyv(with = wiremsg::with::TimeOffsetDateTime)]`.
#[derive(Debug)]
pub struct TimeOffsetDateTime;

impl From<&OffsetDateTime> for OffsetTimestamp {
    fn from(instant: &OffsetDateTime) -> Self {
        OffsetTimestamp {
            seconds: instant.unix_timestamp(),
            nanoseconds: instant.nanosecond(),
            offset_seconds: instant.offset().whole_seconds(),
        }
    }
}

impl ArchivedOffsetTimestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub fn seconds(&self) -> i64 {
        self.seconds.to_native()
    }

    /// Nanoseconds past them.
    pub fn nanoseconds(&self) -> u32 {
        self.nanoseconds.to_native()
    }

    /// The offset from UTC, in seconds.
    pub fn offset_seconds(&self) -> i32 {
        self.offset_seconds.to_native()
    }

    /// The instant at its offset, read in place; [`TimestampOutOfRange`] for bytes time has no
    /// value for.
    pub fn to_time(&self) -> Result<OffsetDateTime, TimestampOutOfRange> {
        let offset = UtcOffset::from_whole_seconds(self.offset_seconds()).ok();
        OffsetDateTime::from_unix_timestamp(self.seconds())
            .ok()
            .and_then(|utc| utc.replace_nanosecond(self.nanoseconds()).ok())
            .zip(offset)
            .and_then(|(utc, offset)| utc.checked_to_offset(offset))
            .ok_or_else(|| TimestampOutOfRange {
                type_name: "time::OffsetDateTime",
                archived: format!(
                    "{}s + {}ns at offset {}s",
                    self.seconds(),
                    self.nanoseconds(),
                    self.offset_seconds()
                ),
            })
    }
}

impl ArchiveWith<OffsetDateTime> for TimeOffsetDateTime {
    type Archived = ArchivedOffsetTimestamp;
    type Resolver = OffsetTimestampResolver;

    fn resolve_with(field: &OffsetDateTime, resolver: Self::Resolver, out: Place<Self::Archived>) {
        OffsetTimestamp::from(field).resolve(resolver, out);
    }
}

impl<S: Fallible + ?Sized> SerializeWith<OffsetDateTime, S> for TimeOffsetDateTime {
    fn serialize_with(
        field: &OffsetDateTime,
        serializer: &mut S,
    ) -> Result<Self::Resolver, S::Error> {
        OffsetTimestamp::from(field).serialize(serializer)
    }
}

impl<D> DeserializeWith<ArchivedOffsetTimestamp, OffsetDateTime, D> for TimeOffsetDateTime
where
    D: Fallible + ?Sized,
    D::Error: Source,
{
    fn deserialize_with(
        field: &ArchivedOffsetTimestamp,
        _: &mut D,
    ) -> Result<OffsetDateTime, D::Error> {
        field.to_time().map_err(D::Error::new)
    }
}
