//! Reading a metrics snapshot, apart from its counts (`metrics.rs` checks those, in a test
//! binary of its own since they are process-wide).

use wiremsg::CodecKind;

#[test]
fn performance_metrics_get_returns_each_kinds_own_counts() {
    let metrics = wiremsg::metrics();
    assert!(std::ptr::eq(metrics.get(CodecKind::Json), &metrics.json));
    assert!(std::ptr::eq(metrics.get(CodecKind::Rkyv), &metrics.rkyv));
    assert!(std::ptr::eq(
        metrics.get(CodecKind::Hybrid),
        &metrics.hybrid
    ));
}
