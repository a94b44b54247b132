//! Field types beyond std's: the crates rkyv supports behind wiremsg's features (uuid, bytes,
//! indexmap, smallvec, arrayvec, smol_str) and the timestamp wrappers of `wiremsg::with`, in a
//! chat message as an application writes it: round trips through rkyv and JSON frames, JSON
//! byte-identical to serde's own derive, zero-copy accessors, and out-of-range archives refused
//! with a typed error.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::collections::HashMap;
use wiremsg::rkyv::util::AlignedVec;
use wiremsg::with::{ChronoNaiveDate, ChronoUtc, TimeOffsetDateTime};
use wiremsg::{CodecError, CodecKind, Header, HybridCodec, JsonCodec, WireMessage};

/// What a file attached to a message is.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Attachment {
    file_name: String,
    size_bytes: u64,
}

/// A message's content: an enum with data.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
enum Body {
    Text(String),
    Reaction {
        emoji: String,
        to_message: uuid::Uuid,
    },
    Deleted,
}

/// The chat message of the field-types issue, as an application writes it.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "chat.RichMessage")]
#[serde(rename_all = "camelCase")]
struct RichMessage {
    id: uuid::Uuid,
    #[rkyv(with = ChronoUtc)]
    sent_at: DateTime<Utc>,
    edited_by: Option<String>,
    attachments: Vec<Attachment>,
    headers: HashMap<String, String>,
    body: Body,
    #[wire(as_json)]
    extra: serde_json::Value,
}

/// The same type with serde's own derive: its JSON is the reference.
mod serde_twin {
    use chrono::{DateTime, Utc};
    use std::collections::HashMap;

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Attachment {
        pub file_name: String,
        pub size_bytes: u64,
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    pub enum Body {
        Reaction {
            emoji: String,
            to_message: uuid::Uuid,
        },
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct RichMessage {
        pub id: uuid::Uuid,
        pub sent_at: DateTime<Utc>,
        pub edited_by: Option<String>,
        pub attachments: Vec<Attachment>,
        pub headers: HashMap<String, String>,
        pub body: Body,
        pub extra: serde_json::Value,
    }
}

fn message() -> RichMessage {
    RichMessage {
        id: uuid::Uuid::from_u128(0x6f1c_2a3b_4c5d_4e6f_8a9b_0c1d_2e3f_4a5b),
        sent_at: Utc.with_ymd_and_hms(2026, 12, 4, 18, 0, 0).unwrap()
            + chrono::Duration::nanoseconds(123_456_789),
        edited_by: Some("ann".into()),
        attachments: vec![Attachment {
            file_name: "plan.pdf".into(),
            size_bytes: 52_431,
        }],
        headers: HashMap::from([("x-trace".to_owned(), "abc".to_owned())]),
        body: Body::Reaction {
            emoji: "👍".into(),
            to_message: uuid::Uuid::from_u128(7),
        },
        extra: serde_json::json!({ "client": "web", "build": [1, 2, 3] }),
    }
}

fn aligned(frame: &[u8]) -> AlignedVec<16> {
    let mut buffer = AlignedVec::<16>::new();
    buffer.extend_from_slice(frame);
    buffer
}

#[test]
fn the_rich_chat_message_round_trips_through_rkyv_and_json_frames() {
    let message = message();
    let rkyv = message.to_wire().unwrap();
    assert_eq!(Header::parse(&rkyv).unwrap().codec(), CodecKind::Rkyv);
    assert_eq!(RichMessage::from_wire(&rkyv).unwrap(), message);
    let json = JsonCodec::new().encode_frame(&message).unwrap();
    assert_eq!(RichMessage::from_wire(&json).unwrap(), message);

    // Zero-copy: the uuid, the timestamp and the enum read in place.
    let buffer = aligned(&rkyv);
    let view = HybridCodec::new().view::<RichMessage>(&buffer).unwrap();
    assert_eq!(view.id, message.id);
    assert_eq!(view.sent_at.to_chrono().unwrap(), message.sent_at);
    assert_eq!(view.sent_at.nanoseconds(), 123_456_789);
    assert!(matches!(&view.body, ArchivedBody::Reaction { emoji, .. } if emoji == "👍"));
}

/// The derive archives the fields it checks (other messages, foreign types, `as_json`) through
/// its probe wrapper; their archived types must stay the types' own, as users name them.
#[test]
fn checked_fields_keep_their_own_archived_types() {
    use wiremsg::rkyv::string::ArchivedString;
    use wiremsg::rkyv::vec::ArchivedVec;

    let message = message();
    let buffer = aligned(&message.to_wire().unwrap());
    let view = HybridCodec::new().view::<RichMessage>(&buffer).unwrap();
    let id: &uuid::Uuid = &view.id;
    let attachments: &ArchivedVec<ArchivedAttachment> = &view.attachments;
    let body: &ArchivedBody = &view.body;
    let extra: &ArchivedString = &view.extra;
    assert_eq!(*id, message.id);
    assert_eq!(attachments[0].file_name, "plan.pdf");
    assert_eq!(attachments[0].size_bytes, 52_431);
    assert!(
        matches!(body, ArchivedBody::Reaction { to_message, .. } if *to_message == uuid::Uuid::from_u128(7))
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(extra).unwrap(),
        message.extra
    );
}

#[test]
fn its_json_is_byte_identical_to_serde_derives() {
    let message = message();
    let Body::Reaction { emoji, to_message } = message.body.clone() else {
        unreachable!()
    };
    let twin = serde_twin::RichMessage {
        id: message.id,
        sent_at: message.sent_at,
        edited_by: message.edited_by.clone(),
        attachments: vec![serde_twin::Attachment {
            file_name: "plan.pdf".into(),
            size_bytes: 52_431,
        }],
        headers: message.headers.clone(),
        body: serde_twin::Body::Reaction { emoji, to_message },
        extra: message.extra.clone(),
    };
    let ours = String::from_utf8(JsonCodec::new().encode(&message).unwrap()).unwrap();
    assert_eq!(ours, serde_json::to_string(&twin).unwrap());
    assert!(
        ours.contains(r#""sentAt":"2026-12-04T18:00:00.123456789Z""#),
        "{ours}"
    );
}

#[derive(WireMessage, Debug, Clone, PartialEq)]
struct Instants {
    #[rkyv(with = ChronoUtc)]
    utc: DateTime<Utc>,
    #[rkyv(with = ChronoNaiveDate)]
    day: NaiveDate,
    #[rkyv(with = TimeOffsetDateTime)]
    local: time::OffsetDateTime,
}

fn instants(utc: DateTime<Utc>, day: NaiveDate, local: time::OffsetDateTime) -> Instants {
    Instants { utc, day, local }
}

#[test]
fn timestamps_round_trip_exactly_at_the_edges() {
    let leap_second = NaiveDate::from_ymd_opt(2016, 12, 31)
        .unwrap()
        .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
        .unwrap()
        .and_utc();
    let offset = time::UtcOffset::from_hms(-9, -30, 0).unwrap();
    let cases = [
        instants(
            leap_second,
            NaiveDate::MIN,
            time::OffsetDateTime::UNIX_EPOCH,
        ),
        instants(
            DateTime::<Utc>::MIN_UTC,
            NaiveDate::MAX,
            time::OffsetDateTime::UNIX_EPOCH.to_offset(offset),
        ),
        instants(
            DateTime::<Utc>::MAX_UTC,
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
            time::PrimitiveDateTime::MAX.assume_offset(time::UtcOffset::UTC),
        ),
        instants(
            DateTime::from_timestamp(-1, 999_999_999).unwrap(),
            NaiveDate::from_ymd_opt(-1, 12, 31).unwrap(),
            time::PrimitiveDateTime::MIN.assume_offset(time::UtcOffset::UTC),
        ),
    ];
    for value in cases {
        let frame = value.to_wire().unwrap();
        assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Rkyv);
        let back = Instants::from_wire(&frame).unwrap();
        assert_eq!(back, value);
        assert_eq!(
            back.local.offset(),
            value.local.offset(),
            "the offset is kept"
        );
        let buffer = aligned(&frame);
        let view = HybridCodec::new().view::<Instants>(&buffer).unwrap();
        assert_eq!(view.utc.to_chrono().unwrap(), value.utc);
        assert_eq!(view.day.to_chrono().unwrap(), value.day);
        assert_eq!(view.local.to_time().unwrap(), value.local);
    }
}

/// The frame of `value` with the last occurrence of `find` replaced by `replace`.
fn patched(value: &Instants, find: &[u8], replace: &[u8]) -> Vec<u8> {
    let mut frame = value.to_wire().unwrap();
    let at = frame
        .windows(find.len())
        .rposition(|window| window == find)
        .expect("the archived bytes");
    frame[at..at + find.len()].copy_from_slice(replace);
    frame
}

#[test]
fn out_of_range_archives_are_typed_errors_never_other_instants() {
    let value = instants(
        DateTime::from_timestamp(1_000_000, 77).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        time::OffsetDateTime::from_unix_timestamp(2_000_000)
            .unwrap()
            .to_offset(time::UtcOffset::from_whole_seconds(3600).unwrap()),
    );
    // Nanoseconds past a leap second's end; a leap second not at :59; seconds past chrono's
    // range; a day past NaiveDate's range; an offset past a day.
    let corruptions: [(&[u8], Vec<u8>); 5] = [
        (
            &77u32.to_le_bytes(),
            2_000_000_000u32.to_le_bytes().to_vec(),
        ),
        (
            &77u32.to_le_bytes(),
            1_000_000_000u32.to_le_bytes().to_vec(),
        ),
        (&1_000_000i64.to_le_bytes(), i64::MAX.to_le_bytes().to_vec()),
        (
            &value.day.num_days_from_ce_bytes(),
            i32::MAX.to_le_bytes().to_vec(),
        ),
        (&3600i32.to_le_bytes(), 100_000i32.to_le_bytes().to_vec()),
    ];
    for (find, replace) in corruptions {
        let frame = patched(&value, find, &replace);
        let error = Instants::from_wire(&frame).unwrap_err();
        assert!(matches!(error, CodecError::RkyvDecode { .. }), "{error}");
        assert!(error.to_string().contains("out of range"), "{error}");
        // The view validates (the bytes are well-formed integers); the accessor refuses.
        let buffer = aligned(&frame);
        let view = HybridCodec::new().view::<Instants>(&buffer).unwrap();
        let refused = [
            view.utc.to_chrono().err(),
            view.day.to_chrono().err(),
            view.local.to_time().err(),
        ];
        assert_eq!(refused.iter().flatten().count(), 1, "{refused:?}");
    }
}

/// The archived form of a date, for finding it in a frame.
trait DaysBytes {
    fn num_days_from_ce_bytes(&self) -> [u8; 4];
}

impl DaysBytes for NaiveDate {
    fn num_days_from_ce_bytes(&self) -> [u8; 4] {
        chrono::Datelike::num_days_from_ce(self).to_le_bytes()
    }
}

/// Each crate rkyv supports behind a wiremsg feature, in one message.
#[derive(WireMessage, Debug, Clone, PartialEq)]
struct Crates {
    id: uuid::Uuid,
    blob: bytes::Bytes,
    ordered: indexmap::IndexMap<String, u32>,
    small: smallvec::SmallVec<[u16; 4]>,
    fixed: arrayvec::ArrayVec<u8, 8>,
    name: smol_str::SmolStr,
}

#[test]
fn types_of_the_crates_rkyv_supports_derive_and_round_trip() {
    let value = Crates {
        id: uuid::Uuid::from_u128(u128::MAX - 5),
        blob: bytes::Bytes::from_static(b"\x00\x01binary\xff"),
        ordered: indexmap::IndexMap::from([("z".to_owned(), 1), ("a".to_owned(), 2)]),
        small: smallvec::SmallVec::from_slice(&[1, 2, 3, 4, 5, 6]),
        fixed: arrayvec::ArrayVec::from([1, 2, 3, 4, 5, 6, 7, 8]),
        name: smol_str::SmolStr::new("ann"),
    };
    let frame = value.to_wire().unwrap();
    assert_eq!(Header::parse(&frame).unwrap().codec(), CodecKind::Rkyv);
    assert_eq!(Crates::from_wire(&frame).unwrap(), value);
    let json = JsonCodec::new().encode_frame(&value).unwrap();
    assert_eq!(Crates::from_wire(&json).unwrap(), value);

    let buffer = aligned(&frame);
    let view = HybridCodec::new().view::<Crates>(&buffer).unwrap();
    assert_eq!(view.id, value.id);
    assert_eq!(&view.blob[..], &value.blob[..]);
    let keys: Vec<&str> = view.ordered.keys().map(|key| key.as_str()).collect();
    assert_eq!(keys, ["z", "a"], "insertion order kept");
    assert_eq!(view.small.len(), 6);
    assert_eq!(view.fixed.as_slice(), &[1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(view.name, "ann");
}

/// Unsized pointees rkyv archives behind a `Box` (`CStr`, `str`, slices) beside a message behind
/// one: the derive's per-type constants (layout fingerprint, stack guard) take unsized types.
#[derive(WireMessage, Debug, Clone, PartialEq)]
#[wire(name = "field_types.Boxed")]
struct Boxed {
    c_name: Box<std::ffi::CStr>,
    name: Box<str>,
    bytes: Box<[u8]>,
    inner: Box<Attachment>,
}

#[test]
fn unsized_pointees_round_trip() {
    let boxed = Boxed {
        c_name: c"a C string".into(),
        name: "a str".into(),
        bytes: vec![1, 2, 3].into_boxed_slice(),
        inner: Box::new(Attachment {
            file_name: "a.png".into(),
            size_bytes: 12,
        }),
    };
    for frame in [
        boxed.to_wire().unwrap(),
        JsonCodec::new().encode_frame(&boxed).unwrap(),
    ] {
        assert_eq!(Boxed::from_wire(&frame).unwrap(), boxed);
    }
}
