//! Every diagnostic of `#[derive(WireMessage)]`, pinned with its exact text, and every supported
//! shape compiled and run. Regenerate the `.stderr` files with `TRYBUILD=overwrite`, then read
//! each one: the message a user sees is the product.

/// The diagnostics whose text wiremsg writes: they hold on any toolchain.
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    for category in [
        "unknown-attribute",
        "duplicate-attribute",
        "malformed",
        "conflict",
        "unsupported",
    ] {
        t.compile_fail(format!("tests/ui/{category}/*.rs"));
    }
    t.pass("tests/ui/pass/*.rs");
}

/// The cases reported through rustc's own errors: a missing trait (E0277) and the derive's
/// compile-time checks of migrations (E0080). Their `.stderr` holds rustc's text, which changes
/// between compiler releases, so they are pinned to the toolchain the project builds with (as
/// thiserror pins its ui suite to one toolchain). CI runs that toolchain, so they always run
/// there; on another compiler they are reported as ignored, never as passed.
#[rustversion::attr(not(stable(1.95)), ignore = "pins rustc 1.95's error text")]
#[test]
fn ui_rustc_text() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/missing-trait/*.rs");
    t.compile_fail("tests/ui/migration/*.rs");
}
