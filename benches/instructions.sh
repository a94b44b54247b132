#!/usr/bin/env bash
# Instructions per operation of benchmark cases, counted by callgrind: repeatable whatever else
# the machine is doing. Each case runs alone at two iteration counts; the difference divided by
# the extra iterations is the cost of one operation, without set-up.
#
#   bash benches/instructions.sh 'ChatMessage/encode'     (a filter on message/operation/impl)
#   bash benches/instructions.sh 'mesh/'                  (every case of one dataset)
#
# The iteration counts are the case's own (`Case::callgrind_iterations` in benches/src/cases.rs,
# listed by `run_case FILTER --plan`): 1,000 and 11,000 for the small messages (ChatMessage,
# ChatMessage 4 KiB, ChatBatch, RpcRequest); 2 and 12 for the log, minecraft_savedata and mk48
# datasets, and 1 and 3 for mesh, whose one operation takes up to 1.7 billion instructions (its
# views, a few hundred, 1,000 and 11,000: a run's total varies by a hundred or so).
# The first iteration (buffers growing) is in both runs, so never in the difference. A run
# builds only the message of the case it counts, but that message's whole set-up (a dataset is
# generated and encoded in every format) runs under valgrind each time: on this project's 2-core
# machine a dataset took 4-6 minutes, ChatMessage about one.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:?usage: instructions.sh FILTER}"
cargo build -q --release -p wiremsg-benches --bin run_case
bin=target/release/run_case
count() { # $1 = exact case name, $2 = iterations
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" --exact </dev/null 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
plan=$("$bin" "$filter" --plan)
echo "| case | instructions/op |"
echo "|---|--:|"
while IFS=$'\t' read -r name low high; do
  low_count=$(count "$name" "$low")
  high_count=$(count "$name" "$high")
  echo "| $name | $(( (high_count - low_count) / (high - low) )) |"
done <<<"$plan"
