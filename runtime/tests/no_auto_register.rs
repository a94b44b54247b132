//! Without the `auto-register` feature a derived type is not in the global registry, and
//! everything else works: its codecs, a local `Registry`, and `wiremsg::register!` for the types
//! a program does want to look up globally. Runs only in a build without the feature:
//! `cargo test -p wiremsg --no-default-features --test no_auto_register` (part of the README's
//! test command).
#![cfg(not(feature = "auto-register"))]

use wiremsg::{registry, Registry, WireMessage};

#[derive(WireMessage, Debug, PartialEq)]
#[wire(name = "test.Unregistered")]
struct Unregistered {
    seq: u32,
}

#[derive(WireMessage, Debug, PartialEq)]
#[wire(name = "test.Explicit")]
struct Explicit {
    text: String,
}

wiremsg::register!(Explicit);

#[test]
fn a_derived_type_is_not_registered_globally() {
    assert!(registry().get(Unregistered::TYPE_ID).is_none());
    assert!(registry().get_by_name("test.Unregistered").is_none());
}

#[test]
fn register_still_registers_a_type_globally() {
    let entry = registry()
        .get(Explicit::TYPE_ID)
        .expect("registered by register!");
    assert_eq!(entry.name(), "test.Explicit");
    let frame = Explicit { text: "hi".into() }.to_wire().unwrap();
    assert_eq!(
        registry().to_json(&frame).unwrap(),
        serde_json::json!({ "text": "hi" })
    );
}

#[test]
fn codecs_and_a_local_registry_work_without_it() {
    let message = Unregistered { seq: 7 };
    let frame = message.to_wire().unwrap();
    assert_eq!(Unregistered::from_wire(&frame).unwrap(), message);

    let mut local = Registry::new();
    local.register::<Unregistered>().unwrap();
    assert_eq!(
        local.to_json(&frame).unwrap(),
        serde_json::json!({ "seq": 7 })
    );
}

/// One message before and after a change inside a type it holds, with no version bump: two
/// services' builds, which only a binary without the global registry can hold side by side.
macro_rules! service {
    ($module:ident, $($field:ident),*) => {
        mod $module {
            use wiremsg::WireMessage;

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "test.Point")]
            pub struct Point { $(pub $field: u32),* }

            #[derive(WireMessage, Debug, Clone, PartialEq)]
            #[wire(name = "test.Path")]
            pub struct Path { pub name: String, pub points: Vec<Option<Point>> }
        }
    };
}

service!(before, x, y);
service!(after, y, x);

#[test]
fn a_frame_from_before_a_nested_change_is_refused_not_misread() {
    let path = before::Path {
        name: "p".into(),
        points: vec![Some(before::Point { x: 1, y: 2 }), None],
    };
    let frame = path.to_wire().unwrap();
    let error = after::Path::from_wire(&frame).unwrap_err();
    assert!(
        matches!(
            error,
            wiremsg::CodecError::LayoutMismatch { expected, found, schema_version: 1, .. }
                if expected == after::Path::LAYOUT_FINGERPRINT
                    && found == before::Path::LAYOUT_FINGERPRINT
        ),
        "{error}"
    );
    // The JSON frame of the same value reads: field names, not offsets.
    let json = wiremsg::JsonCodec::new().encode(&path).unwrap();
    let read = after::Path::from_wire(&json).unwrap();
    assert_eq!(read.points[0], Some(after::Point { y: 2, x: 1 }));
}
