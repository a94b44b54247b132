#!/usr/bin/env bash
# Line coverage of the wiremsg library (runtime/src) by the workspace's unit and integration
# tests, with cargo-tarpaulin's LLVM engine (needs no llvm-tools component). Fails below 95%,
# the design note's target. Too slow for .ci/run; run it by hand. Reports (lcov, JSON) go to
# target/tarpaulin/report; builds go to target/tarpaulin, so normal builds stay valid.
#
# Doctests are not measured: tarpaulin needs a nightly toolchain for them. The trybuild ui tests
# run too, but compile-fail cases execute no library code.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-tarpaulin >/dev/null; then
  echo "cargo-tarpaulin is missing: cargo install cargo-tarpaulin" >&2
  exit 1
fi

cargo tarpaulin --workspace --all-features \
  --engine llvm --include-files 'runtime/src/*' \
  --skip-clean --target-dir target/tarpaulin --timeout 600 \
  --out Stdout Lcov Json --output-dir target/tarpaulin/report \
  --fail-under 95 "$@"
