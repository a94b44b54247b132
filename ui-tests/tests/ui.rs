//! Every diagnostic of `#[derive(WireMessage)]`, pinned with its exact text, and every supported
//! shape compiled and run. Regenerate the `.stderr` files with `TRYBUILD=overwrite`, then read
//! each one: the message a user sees is the product.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    for category in [
        "unknown-attribute",
        "duplicate-attribute",
        "malformed",
        "conflict",
        "unsupported",
        "missing-trait",
    ] {
        t.compile_fail(format!("tests/ui/{category}/*.rs"));
    }
    t.pass("tests/ui/pass/*.rs");
}
