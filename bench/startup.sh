#!/usr/bin/env bash
# Start-up and memory of the whole analysis: `beacon analyze` on the worked
# example, in fresh processes (the gazetteer, the actor dictionary and the
# name model load on each), pinned to one core. Prints each run's wall time
# and peak resident memory, then the median and the maximum.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${BENCH_RUNS:-5}"
cargo build -q --release -p beacon-cli
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" taskset -c 0 target/release/beacon analyze \
    ../shared/data/seed/khaama-2015-taliban-central-asia.txt --format jsonl 2>&1 >/dev/null | tail -1
done | python3 -c '
import statistics, sys
runs = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
for s, kb in runs:
    print(f"run: {s:.2f} s, {kb / 1024:.0f} MB")
wall = statistics.median(s for s, _ in runs)
peak = max(kb for _, kb in runs) / 1024
print(f"median wall {wall:.2f} s (target < 1 s); peak resident {peak:.0f} MB (target < 500 MB)")
'
