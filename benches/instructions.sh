#!/usr/bin/env bash
# Instructions per operation of benchmark cases, counted by callgrind: repeatable whatever else
# the machine is doing. Each case runs alone at two iteration counts; the difference divided by
# the extra iterations is the cost of one operation, without set-up.
#
#   bash benches/instructions.sh 'ChatMessage/encode'     (a filter on message/operation/impl)
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:?usage: instructions.sh FILTER}"
cargo build -q --release -p wiremsg-benches --bin run_case
bin=target/release/run_case
count() { # $1 = exact case name, $2 = iterations
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" --exact 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
echo "| case | instructions/op |"
echo "|---|--:|"
"$bin" "$filter" 0 | while read -r name; do
  low=$(count "$name" 1000)
  high=$(count "$name" 11000)
  echo "| $name | $(( (high - low) / 10000 )) |"
done
