#!/usr/bin/env bash
# Where the release build time of #[derive(WireMessage)] goes, by kind of call.
#
# Generates crates of 100 message types (5 fields each) that each make one kind of call per type
# (or none), once with plain serde + rkyv derives and calls and once with wiremsg (automatic
# registration off, so that a crate compiles only what its calls need), and prints the CPU time
# of a release rebuild of each: the crate without calls, and every call's cost above it. CPU
# time (user + system, `/usr/bin/time`) rather than wall time: a release build runs codegen on
# both cores, and the CPU it takes is what the code costs. Runs are interleaved; the median of
# RUNS is printed.
#
#   bash benches/build-cost-by-call.sh [RUNS]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${1:-3}"
source benches/build-cost-crate.sh

# One kind of call: its name, wiremsg's call and the plain equivalent, for a `m: &MessageN` and
# `b: &[u8]`, each an expression of type bool.
calls=(
  "none||"
  "rkyv encode|!RkyvCodec::new().encode(m).unwrap().is_empty()|!rkyv::to_bytes::<rkyv::rancor::Error>(m).unwrap().is_empty()"
  "rkyv decode|Codec::<MessageN>::decode(&RkyvCodec::new(), b).is_ok()|rkyv::from_bytes::<MessageN, rkyv::rancor::Error>(b).is_ok()"
  "JSON encode|!JsonCodec::new().encode(m).unwrap().is_empty()|!serde_json::to_vec(m).unwrap().is_empty()"
  "JSON decode|Codec::<MessageN>::decode(&JsonCodec::new(), b).is_ok()|serde_json::from_slice::<MessageN>(b).is_ok()"
  "rkyv and JSON decode|Codec::<MessageN>::decode(&RkyvCodec::new(), b).is_ok() && Codec::<MessageN>::decode(&JsonCodec::new(), b).is_ok()|rkyv::from_bytes::<MessageN, rkyv::rancor::Error>(b).is_ok() && serde_json::from_slice::<MessageN>(b).is_ok()"
)

generate() { # $1 = crate name, $2 = wiremsg | plain, $3 = the call (MessageN for the type)
  local dir="$work/$1" i
  mkdir -p "$dir/src"
  write_manifest "$dir" "$1" "$2" ", default-features = false"
  {
    echo '#![allow(dead_code, unused_imports)]'
    if [ "$2" = wiremsg ]; then echo 'use wiremsg::{Codec, JsonCodec, RkyvCodec, WireMessage};'; fi
    for i in $(seq 1 100); do
      message_type "$2" "$i"
      if [ -n "$3" ]; then
        echo "pub fn call_$i(m: &Message$i, b: &[u8]) -> bool { ${3//MessageN/Message$i} }"
      fi
    done
  } >"$dir/src/lib.rs"
}

# CPU seconds of one release rebuild of the crate after an edit.
rebuild_cpu() {
  local dir="$work/$1"
  echo "// edit $RANDOM$RANDOM" >>"$dir/src/lib.rs"
  /usr/bin/time -o "$work/time.out" -f '%U %S' \
    cargo build -q --release --manifest-path "$dir/Cargo.toml" --target-dir "$work/target" \
    2>"$work/build.log" || build_failed "$1"
  awk '{ print $1 + $2 }' "$work/time.out"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

crates=()
for i in "${!calls[@]}"; do
  IFS='|' read -r _ wiremsg_call plain_call <<<"${calls[$i]}"
  generate "by-call-plain-$i" plain "$plain_call"
  generate "by-call-wiremsg-$i" wiremsg "$wiremsg_call"
  crates+=("by-call-plain-$i" "by-call-wiremsg-$i")
done
for crate in "${crates[@]}"; do rebuild_cpu "$crate" >/dev/null; done # dependencies, first build
declare -A cpu=()
for _ in $(seq 1 "$runs"); do
  for crate in "${crates[@]}"; do cpu[$crate]+="$(rebuild_cpu "$crate") "; done
done
med() { printf '%s\n' ${cpu[$1]} | median; }

echo "Release rebuild, CPU seconds (median of $runs); calls: above the crate without calls."
echo "wiremsg compiles one decode per type for every codec (it reads rkyv and JSON payloads),"
echo "so either decode alone costs about what both cost."
echo
echo "| 100 types and | plain serde + rkyv | wiremsg (auto-register off) | wiremsg / plain |"
echo "|---|--:|--:|--:|"
plain_base=$(med by-call-plain-0)
wiremsg_base=$(med by-call-wiremsg-0)
for i in "${!calls[@]}"; do
  IFS='|' read -r name _ _ <<<"${calls[$i]}"
  plain=$(med "by-call-plain-$i")
  wiremsg=$(med "by-call-wiremsg-$i")
  if [ "$i" -gt 0 ]; then
    plain=$(echo "$plain - $plain_base" | bc -l)
    wiremsg=$(echo "$wiremsg - $wiremsg_base" | bc -l)
    name="+ $name"
  else
    name="no calls"
  fi
  printf '| %s | %.2f | %.2f | %.2f× |\n' "$name" "$plain" "$wiremsg" "$(echo "$wiremsg / $plain" | bc -l)"
done
