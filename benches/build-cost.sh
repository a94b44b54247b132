#!/usr/bin/env bash
# Build cost of #[derive(WireMessage)], which every user pays on each edit.
#
# Generates crates of 100 message types (5 fields each): one with #[derive(WireMessage)] and
# wiremsg's codecs, each type encoded and decoded once through rkyv and JSON, and the same crate
# written with plain serde + rkyv derives and calls. Dependencies are built once; then each
# crate's own rebuild (after an edit) is timed, runs interleaved so machine noise hits all alike,
# in debug and in release. Prints the median and the fastest run of each, and the ratios
# wiremsg / plain: other work on a shared machine only ever adds time, so the fastest runs are the
# least disturbed.
#
# A second table times crates that only define the types (a protocol crate that others use):
# plain derives compile nothing until a type is used; wiremsg's automatic registration compiles
# each type's decode and JSON transcoding there, unless the `auto-register` feature is off.
#
# A second argument changes the types: `enum` makes each an enum whose four variants hold the
# five fields; `nested` makes the last field of four structs in five hold the previous type, which
# the derive's field checks cover (`parent: Option<Message41>`); `camel` gives each struct
# `#[serde(rename_all = "camelCase")]`, a naming attribute the derive still writes serde's impls
# for itself; `shadow` gives each struct
# `#[serde(deny_unknown_fields)]`, the case where the derive hands serde's impls to serde's own
# derive on a hidden shadow (generic types, serde attributes other than the naming ones) instead
# of writing them itself.
#
#   bash benches/build-cost.sh [RUNS] [enum|nested|camel|shadow]   (default 5 runs per crate and profile)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${1:-5}"
case "${2:-}" in
  "") ;;
  enum) message_shape=enum ;;
  nested) message_shape=nested ;;
  camel) serde_attribute='#[serde(rename_all = "camelCase")]' ;;
  shadow) serde_attribute='#[serde(deny_unknown_fields)]' ;;
  *) echo "usage: build-cost.sh [RUNS] [enum|nested|camel|shadow]" >&2; exit 2 ;;
esac

source benches/build-cost-crate.sh

generate() { # $1 = crate name, $2 = wiremsg | plain, $3 = calls | types, $4 = wiremsg's extra options
  local name="$1" kind="$2" what="$3" dir="$work/$1"
  mkdir -p "$dir/src"
  write_manifest "$dir" "$name" "$kind" "${4:-}"
  {
    echo '#![allow(dead_code)]'
    if [ "$kind" = wiremsg ]; then
      [ "$what" = calls ] && echo 'use wiremsg::{Codec, JsonCodec, RkyvCodec};'
      echo 'use wiremsg::WireMessage;'
    fi
    for i in $(seq 1 100); do
      message_type "$kind" "$i"
      [ "$what" = calls ] || continue
      echo "pub fn round_trip_$i(m: &Message$i) -> bool {"
      if [ "$kind" = wiremsg ]; then
        echo "  let rkyv = RkyvCodec::new().encode(m).unwrap();"
        echo "  let json = JsonCodec::new().encode(m).unwrap();"
        echo "  let a: Message$i = RkyvCodec::new().decode(&rkyv).unwrap();"
        echo "  let b: Message$i = JsonCodec::new().decode(&json).unwrap();"
      else
        echo "  let rkyv = rkyv::to_bytes::<rkyv::rancor::Error>(m).unwrap();"
        echo "  let json = serde_json::to_vec(m).unwrap();"
        echo "  let a: Message$i = rkyv::from_bytes::<Message$i, rkyv::rancor::Error>(&rkyv).unwrap();"
        echo "  let b: Message$i = serde_json::from_slice(&json).unwrap();"
      fi
      echo "  a == *m && b == *m"
      echo "}"
    done
  } >"$dir/src/lib.rs"
}

# Seconds for one rebuild of the crate itself after an edit.
rebuild() { # $1 = crate name, $2 = profile flag ("" or --release)
  local dir="$work/$1"
  echo "// edit $RANDOM$RANDOM" >>"$dir/src/lib.rs"
  local start end
  start=$(date +%s.%N)
  build_or_die "$1" -q $2 --manifest-path "$dir/Cargo.toml" --target-dir "$work/target"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
fastest() { sort -n | head -1; }
ratio() { printf '%.2f×' "$(echo "$1 / $2" | bc -l)"; }

# Times each crate ($2...) in profile $1, interleaved; prints one row per crate after the first:
# its median and fastest run against the first crate's.
measure() {
  local profile="$1" flag=""
  shift
  [ "$profile" = release ] && flag="--release"
  local -A times=()
  local crate
  # Dependencies, and a first build of each crate, outside the measurement.
  for crate in "$@"; do rebuild "$crate" "$flag" >/dev/null; done
  for _ in $(seq 1 "$runs"); do
    for crate in "$@"; do times[$crate]+="$(rebuild "$crate" "$flag") "; done
  done
  local base="$1" base_median base_fastest
  base_median=$(printf '%s\n' ${times[$base]} | median)
  base_fastest=$(printf '%s\n' ${times[$base]} | fastest)
  shift
  for crate in "$@"; do
    local median_s fastest_s
    median_s=$(printf '%s\n' ${times[$crate]} | median)
    fastest_s=$(printf '%s\n' ${times[$crate]} | fastest)
    printf '| %s | %s | %.2f | %.2f | %s | %.2f / %.2f | %s |\n' "$profile" "$crate" \
      "$base_median" "$median_s" "$(ratio "$median_s" "$base_median")" \
      "$base_fastest" "$fastest_s" "$(ratio "$fastest_s" "$base_fastest")"
  done
}

generate plain plain calls
generate wiremsg wiremsg calls
generate plain-types plain types
generate wiremsg-types wiremsg types
generate wiremsg-types-unregistered wiremsg types ', default-features = false'

header() {
  echo "| profile | crate | plain serde + rkyv (s) | wiremsg (s) | wiremsg / plain | fastest runs (s) | wiremsg / plain |"
  echo "|---|---|--:|--:|--:|--:|--:|"
}

echo "Encoded and decoded through rkyv and JSON (the target: within 1.15×):"
echo
header
for profile in debug release; do measure "$profile" plain wiremsg; done
echo
echo "Types only, no codec calls:"
echo
header
for profile in debug release; do
  measure "$profile" plain-types wiremsg-types wiremsg-types-unregistered
done
