//! chrono's `DateTime<Utc>` and `NaiveDate` in rkyv archives.

use super::TimestampOutOfRange;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rkyv::rancor::{Fallible, Source};
use rkyv::with::{ArchiveWith, DeserializeWith, SerializeWith};
use rkyv::{Archive, Deserialize, Place, Serialize};

/// An instant as seconds since 1970-01-01T00:00:00Z and nanoseconds within that second
/// (`1_000_000_000..2_000_000_000` marks a leap second, as chrono writes one). Archived as
/// [`ArchivedUnixTimestamp`]: 16 bytes, `i64` and `u32` little-endian, then 4 zero bytes.
#[derive(Archive, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[rkyv(crate = rkyv, derive(Debug, PartialEq, Eq, Hash))]
pub struct UnixTimestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// Nanoseconds past them.
    pub nanoseconds: u32,
}

/// A calendar date as days from 0001-01-01 (day 1) in the proleptic Gregorian calendar, as
/// chrono counts them. Archived as [`ArchivedCivilDate`]: an `i32`, little-endian.
#[derive(Archive, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[rkyv(crate = rkyv, derive(Debug, PartialEq, Eq, Hash))]
pub struct CivilDate {
    /// Days from the common era's start: 0001-01-01 is 1.
    pub days_from_ce: i32,
}

/// Archives a chrono `DateTime<Utc>` as an [`UnixTimestamp`]:
/// `#[rkyv(with = wiremsg::with::ChronoUtc)]`.
#[derive(Debug)]
pub struct ChronoUtc;

/// Archives a chrono `NaiveDate` as a [`CivilDate`]: `#[rkyv(with = wiremsg::with::ChronoNaiveDate)]`.
#[derive(Debug)]
pub struct ChronoNaiveDate;

impl From<&DateTime<Utc>> for UnixTimestamp {
    fn from(instant: &DateTime<Utc>) -> Self {
        UnixTimestamp {
            seconds: instant.timestamp(),
            nanoseconds: instant.timestamp_subsec_nanos(),
        }
    }
}

impl ArchivedUnixTimestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub fn seconds(&self) -> i64 {
        self.seconds.to_native()
    }

    /// Nanoseconds past them.
    pub fn nanoseconds(&self) -> u32 {
        self.nanoseconds.to_native()
    }

    /// The instant, read in place; [`TimestampOutOfRange`] for bytes chrono has no instant for.
    pub fn to_chrono(&self) -> Result<DateTime<Utc>, TimestampOutOfRange> {
        DateTime::from_timestamp(self.seconds(), self.nanoseconds()).ok_or_else(|| {
            TimestampOutOfRange {
                type_name: "chrono::DateTime<Utc>",
                archived: format!("{}s + {}ns", self.seconds(), self.nanoseconds()),
            }
        })
    }
}

impl ArchivedCivilDate {
    /// Days from 0001-01-01 (day 1).
    pub fn days_from_ce(&self) -> i32 {
        self.days_from_ce.to_native()
    }

    /// The date, read in place; [`TimestampOutOfRange`] outside chrono's range.
    pub fn to_chrono(&self) -> Result<NaiveDate, TimestampOutOfRange> {
        NaiveDate::from_num_days_from_ce_opt(self.days_from_ce()).ok_or_else(|| {
            TimestampOutOfRange {
                type_name: "chrono::NaiveDate",
                archived: format!("day {} from the common era", self.days_from_ce()),
            }
        })
    }
}

impl ArchiveWith<DateTime<Utc>> for ChronoUtc {
    type Archived = ArchivedUnixTimestamp;
    type Resolver = UnixTimestampResolver;

    fn resolve_with(field: &DateTime<Utc>, resolver: Self::Resolver, out: Place<Self::Archived>) {
        UnixTimestamp::from(field).resolve(resolver, out);
    }
}

impl<S: Fallible + ?Sized> SerializeWith<DateTime<Utc>, S> for ChronoUtc {
    fn serialize_with(
        field: &DateTime<Utc>,
        serializer: &mut S,
    ) -> Result<Self::Resolver, S::Error> {
        UnixTimestamp::from(field).serialize(serializer)
    }
}

impl<D> DeserializeWith<ArchivedUnixTimestamp, DateTime<Utc>, D> for ChronoUtc
where
    D: Fallible + ?Sized,
    D::Error: Source,
{
    fn deserialize_with(
        field: &ArchivedUnixTimestamp,
        _: &mut D,
    ) -> Result<DateTime<Utc>, D::Error> {
        field.to_chrono().map_err(D::Error::new)
    }
}

impl ArchiveWith<NaiveDate> for ChronoNaiveDate {
    type Archived = ArchivedCivilDate;
    type Resolver = CivilDateResolver;

    fn resolve_with(field: &NaiveDate, resolver: Self::Resolver, out: Place<Self::Archived>) {
        civil_date(field).resolve(resolver, out);
    }
}

impl<S: Fallible + ?Sized> SerializeWith<NaiveDate, S> for ChronoNaiveDate {
    fn serialize_with(field: &NaiveDate, serializer: &mut S) -> Result<Self::Resolver, S::Error> {
        civil_date(field).serialize(serializer)
    }
}

impl<D> DeserializeWith<ArchivedCivilDate, NaiveDate, D> for ChronoNaiveDate
where
    D: Fallible + ?Sized,
    D::Error: Source,
{
    fn deserialize_with(field: &ArchivedCivilDate, _: &mut D) -> Result<NaiveDate, D::Error> {
        field.to_chrono().map_err(D::Error::new)
    }
}

fn civil_date(date: &NaiveDate) -> CivilDate {
    CivilDate {
        days_from_ce: date.num_days_from_ce(),
    }
}
