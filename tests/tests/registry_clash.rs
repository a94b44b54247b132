//! Two types with one type id (and two with one name) linked into one program: the global
//! registry reports the clash and refuses the contested ids; local registries and routers refuse
//! the second type. A binary of its own, so that the clash stays out of the other tests' global
//! registry.

use wiremsg::{registry, CodecError, Registry, Router, WireMessage};

#[derive(WireMessage, Debug, PartialEq)]
#[wire(name = "clash.Login", id = 0x7001)]
struct Login;

#[derive(WireMessage, Debug, PartialEq)]
#[wire(name = "clash.Logout", id = 0x7001)]
struct Logout;

/// Another id, but `Login`'s name.
#[derive(WireMessage, Debug, PartialEq)]
#[wire(name = "clash.Login", id = 0x7002)]
struct LoginAgain;

/// Clashes with nothing.
#[derive(WireMessage, Debug, PartialEq)]
#[wire(name = "clash.Bystander")]
struct Bystander;

#[test]
fn global_check_names_both_types_of_a_duplicate_id() {
    let err = registry().check().unwrap_err();
    assert!(
        matches!(
            err,
            CodecError::DuplicateTypeId {
                type_id: 0x7001,
                first_name: "clash.Login",
                second_name: "clash.Logout",
                ..
            }
        ),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("(registry_clash::Login)") && text.contains("registry_clash::Logout"),
        "{text}"
    );
    assert!(text.contains("0x00007001"), "{text}");
}

#[test]
fn global_registry_refuses_contested_ids_and_reports_every_clash() {
    let global = registry();
    assert!(global.get(0x7001).is_none());
    assert!(global.get(0x7002).is_none());
    assert!(global.get_by_name("clash.Login").is_none());
    assert!(global.get_by_name("clash.Logout").is_none());
    assert!(global
        .iter()
        .all(|entry| !entry.name().starts_with("clash.Log")));
    // Login is in two clashes: its id reports the clash of ids, LoginAgain's the clash of names.
    for frame in [Logout.to_wire().unwrap(), Login.to_wire().unwrap()] {
        let err = global.to_json(&frame).unwrap_err();
        assert!(
            matches!(
                err,
                CodecError::DuplicateTypeId {
                    type_id: 0x7001,
                    first_name: "clash.Login",
                    second_name: "clash.Logout",
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(global.describe(&frame).unwrap().type_name(), None);
    }
    let err = global.to_json(&LoginAgain.to_wire().unwrap()).unwrap_err();
    assert!(
        matches!(
            err,
            CodecError::DuplicateName {
                name: "clash.Login",
                first_id: 0x7001,
                second_id: 0x7002,
                ..
            }
        ),
        "{err:?}"
    );
    let clashes: Vec<String> = global.clashes().map(|err| err.to_string()).collect();
    assert_eq!(clashes.len(), 2, "{clashes:?}");
    assert!(clashes[0].contains("registry_clash::Logout"), "{clashes:?}");
    assert!(
        clashes[1].contains("\"clash.Login\"") && clashes[1].contains("registry_clash::LoginAgain"),
        "{clashes:?}"
    );
    // Types outside the clash are unaffected.
    let bystander = Bystander.to_wire().unwrap();
    assert_eq!(global.to_json(&bystander).unwrap(), serde_json::Value::Null);
}

#[test]
fn local_registries_refuse_a_second_type_with_one_id_or_name() {
    let mut local = Registry::new();
    local.register::<Login>().unwrap();
    local.register::<Login>().unwrap(); // the same type again: not a clash
    let err = local.register::<Logout>().unwrap_err();
    assert!(matches!(
        err,
        CodecError::DuplicateTypeId {
            type_id: 0x7001,
            first_name: "clash.Login",
            second_name: "clash.Logout",
            ..
        }
    ));
    let text = err.to_string();
    assert!(
        text.contains("::Login") && text.contains("::Logout"),
        "{text}"
    );

    let err = local.register::<LoginAgain>().unwrap_err();
    assert!(matches!(
        err,
        CodecError::DuplicateName {
            name: "clash.Login",
            first_id: 0x7001,
            second_id: 0x7002,
            ..
        }
    ));
    assert!(err.to_string().contains("::LoginAgain"));
    // The failed registrations changed nothing.
    local.check().unwrap();
    assert_eq!(local.len(), 1);
    assert_eq!(local.get(0x7001).unwrap().name(), "clash.Login");
    assert!(local.get(0x7002).is_none());
    let frame = Logout.to_wire().unwrap();
    // Same id as Login: a local registry holding Login only cannot tell them apart either, and
    // the program links both, so the decode refuses the frame rather than guess.
    let err = local.to_json(&frame).unwrap_err();
    assert!(
        matches!(
            err,
            CodecError::DuplicateTypeId {
                type_id: 0x7001,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn routers_refuse_a_second_type_with_one_id() {
    let err = Router::<()>::new()
        .on::<Login>(|_| Ok(()))
        .unwrap()
        .on::<Logout>(|_| Ok(()))
        .unwrap_err();
    assert!(matches!(err, CodecError::DuplicateTypeId { .. }));
    // Replacing the handler of the same type is allowed.
    let mut router = Router::new()
        .on::<Login>(|_| Ok(1))
        .unwrap()
        .on::<Login>(|_| Ok(2))
        .unwrap();
    // Its frames are refused all the same: Logout, linked into the program, claims the id too.
    let err = router.dispatch(&Login.to_wire().unwrap()).unwrap_err();
    assert!(matches!(err, CodecError::DuplicateTypeId { .. }), "{err:?}");
    let mut router = Router::new()
        .on::<Bystander>(|_| Ok(1))
        .unwrap()
        .on::<Bystander>(|_| Ok(2))
        .unwrap();
    assert_eq!(router.dispatch(&Bystander.to_wire().unwrap()).unwrap(), 2);
}
