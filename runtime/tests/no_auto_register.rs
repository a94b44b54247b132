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
