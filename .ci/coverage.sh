#!/usr/bin/env bash
# Line coverage of the wiremsg library (runtime/src) by the workspace's tests: unit, integration,
# trybuild ui (compile-fail cases run no library code) and, when a nightly toolchain is
# installed, doctests (tarpaulin builds those with nightly). cargo-tarpaulin's LLVM engine needs
# no llvm-tools component. Fails below 95%, the coverage target. Too slow for .ci/run; run
# it by hand. Builds go to target/tarpaulin, so normal builds stay valid; the lcov and JSON
# reports to target/tarpaulin/report.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-tarpaulin >/dev/null; then
  echo "cargo-tarpaulin is missing: cargo install cargo-tarpaulin" >&2
  exit 1
fi

run_types=(--run-types Tests)
if command -v rustup >/dev/null && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  run_types+=(--run-types Doctests)
  echo "coverage: unit, integration, ui and doctests"
else
  echo "coverage: unit, integration and ui tests; doctests skipped (they need a nightly toolchain)"
fi

cargo tarpaulin --workspace --all-features "${run_types[@]}" \
  --engine llvm --include-files 'runtime/src/*' \
  --skip-clean --target-dir target/tarpaulin --timeout 600 \
  --out Stdout Lcov Json --output-dir target/tarpaulin/report \
  --fail-under 95 "$@"
