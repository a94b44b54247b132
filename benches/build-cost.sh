#!/usr/bin/env bash
# Build cost of #[derive(WireMessage)], which every user pays on each edit.
#
# Generates two crates of 100 message types (5 fields each), each encoded and decoded once
# through rkyv and JSON: one with #[derive(WireMessage)] and wiremsg's codecs, one with plain
# serde + rkyv derives and calls. Dependencies are built once; then each crate's own rebuild
# (after an edit) is timed, runs interleaved so machine noise hits both alike, in debug and in
# release. Prints the median and the fastest run of each, and the ratios wiremsg / plain: other
# work on a shared machine only ever adds time, so the fastest runs are the least disturbed.
#
#   bash benches/build-cost.sh [RUNS]      (default 5 runs per crate and profile)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${1:-5}"
work="$root/target/build-cost"
mkdir -p "$work"

rkyv_dep=$(grep '^rkyv = ' Cargo.toml | sed 's/^rkyv = //')

generate() { # $1 = wiremsg | plain
  local kind="$1" dir="$work/$1"
  mkdir -p "$dir/src"
  {
    echo '[package]'
    echo "name = \"build-cost-$kind\""
    echo 'version = "0.0.0"'
    echo 'edition = "2021"'
    echo 'publish = false'
    echo '[workspace]'
    echo '[dependencies]'
    if [ "$kind" = wiremsg ]; then
      echo "wiremsg = { path = \"$root/runtime\" }"
    else
      echo "rkyv = $rkyv_dep"
      echo 'serde = { version = "1", features = ["derive"] }'
      echo 'serde_json = "1"'
    fi
  } >"$dir/Cargo.toml"
  {
    echo '#![allow(dead_code)]'
    if [ "$kind" = wiremsg ]; then
      echo 'use wiremsg::{Codec, JsonCodec, RkyvCodec, WireMessage};'
    fi
    for i in $(seq 1 100); do
      if [ "$kind" = wiremsg ]; then
        echo '#[derive(WireMessage, Debug, PartialEq)]'
      else
        echo '#[derive(serde::Serialize, serde::Deserialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize, Debug, PartialEq)]'
      fi
      echo "pub struct Message$i { pub id: u64, pub name: String, pub tags: Vec<String>, pub score: f64, pub parent: Option<u32> }"
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
rebuild() { # $1 = kind, $2 = profile flag ("" or --release)
  local dir="$work/$1"
  echo "// edit $RANDOM$RANDOM" >>"$dir/src/lib.rs"
  local start end
  start=$(date +%s.%N)
  cargo build -q $2 --manifest-path "$dir/Cargo.toml" --target-dir "$work/target"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
fastest() { sort -n | head -1; }

generate wiremsg
generate plain
echo "| profile | plain serde + rkyv (s) | wiremsg (s) | wiremsg / plain | fastest runs (s) | wiremsg / plain |"
echo "|---|--:|--:|--:|--:|--:|"
for profile in debug release; do
  flag=""
  [ "$profile" = release ] && flag="--release"
  # Dependencies, and a first build of each crate, outside the measurement.
  rebuild plain "$flag" >/dev/null
  rebuild wiremsg "$flag" >/dev/null
  plain_times=()
  wire_times=()
  for _ in $(seq 1 "$runs"); do
    plain_times+=("$(rebuild plain "$flag")")
    wire_times+=("$(rebuild wiremsg "$flag")")
  done
  plain=$(printf '%s\n' "${plain_times[@]}" | median)
  wire=$(printf '%s\n' "${wire_times[@]}" | median)
  plain_min=$(printf '%s\n' "${plain_times[@]}" | fastest)
  wire_min=$(printf '%s\n' "${wire_times[@]}" | fastest)
  printf '| %s | %.2f | %.2f | %.2f× | %.2f / %.2f | %.2f× |\n' "$profile" "$plain" "$wire" \
    "$(echo "$wire / $plain" | bc -l)" "$plain_min" "$wire_min" "$(echo "$wire_min / $plain_min" | bc -l)"
done
