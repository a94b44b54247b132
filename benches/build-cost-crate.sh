# Pieces of the generated crates that benches/build-cost.sh and benches/build-cost-by-call.sh
# time; sourced by both, with `root` (the workspace) set. The crates live in `work`.

work="$root/target/build-cost"
mkdir -p "$work"
# A failed build inside `$(...)` must stop the script, not be timed.
shopt -s inherit_errexit

# Prints the compiler's errors for crate $1 and stops: a failed build is never recorded as a time.
build_failed() {
  cat "$work/build.log" >&2
  echo "build of $1 failed: no time recorded" >&2
  exit 1
}

# `cargo build` of crate $1 with the other arguments, errors kept for build_failed.
build_or_die() {
  local crate="$1"
  shift
  cargo build "$@" 2>"$work/build.log" || build_failed "$crate"
}

rkyv_dep=$(grep '^rkyv = ' "$root/Cargo.toml" | sed 's/^rkyv = //')

# Writes DIR/Cargo.toml of crate build-cost-NAME: $1 = DIR, $2 = NAME, $3 = wiremsg | plain,
# $4 = extra options of the wiremsg dependency (e.g. ", default-features = false").
write_manifest() {
  {
    printf '[package]\nname = "build-cost-%s"\nversion = "0.0.0"\nedition = "2021"\n' "$2"
    printf 'publish = false\n[workspace]\n[dependencies]\n'
    if [ "$3" = wiremsg ]; then
      echo "wiremsg = { path = \"$root/runtime\"${4:-} }"
    else
      echo "rkyv = $rkyv_dep"
      echo 'serde = { version = "1", features = ["derive"] }'
      echo 'serde_json = "1"'
    fi
  } >"$1/Cargo.toml"
}

# Prints message type number $2 (5 fields), derived by wiremsg or plain serde + rkyv ($1): a
# struct, or with `message_shape=enum` an enum whose variants hold the 5 fields. With
# `serde_attribute` set (e.g. '#[serde(deny_unknown_fields)]'), every type carries it: with any
# serde attribute but the naming ones (`rename_all`, `rename`), the derive hands serde's impls to
# serde's own derive on a hidden shadow, as for generic types, instead of writing them itself.
# With `message_shape=nested`, the last field of four structs in five holds the previous type
# (`parent: Option<Message41>` in `Message42`; chains of five, as rkyv's plain derive overflows
# rustc's recursion limit on long ones): a field the derive checks and probes.
message_type() {
  if [ "$1" = wiremsg ]; then
    echo '#[derive(WireMessage, Debug, PartialEq)]'
  else
    echo '#[derive(serde::Serialize, serde::Deserialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize, Debug, PartialEq)]'
  fi
  [ -z "${serde_attribute:-}" ] || echo "$serde_attribute"
  if [ "${message_shape:-struct}" = nested ] && [ $((($2 - 1) % 5)) -ne 0 ]; then
    echo "pub struct Message$2 { pub id: u64, pub name: String, pub tags: Vec<String>, pub score: f64, pub parent: Option<Message$(($2 - 1))> }"
  elif [ "${message_shape:-struct}" = enum ]; then
    echo "pub enum Message$2 { Created { id: u64, name: String }, Tagged(Vec<String>), Scored(f64, Option<u32>), Closed }"
  else
    echo "pub struct Message$2 { pub id: u64, pub name: String, pub tags: Vec<String>, pub score: f64, pub parent: Option<u32> }"
  fi
}
