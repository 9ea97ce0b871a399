#!/usr/bin/env bash
# Story clustering on a stream of a million articles, one core: throughput
# of StoryIndex::add and the process's peak resident memory. The stream is
# built from GMB's news sentences (Voice of America), recombined and
# re-dated: see crates/stories/examples/stream.rs for how.
# Usage: bench/stories.sh [ARTICLES]   (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${BEACON_SHARED:-$(pwd)/../shared}"
GMB="$SHARED/data/ner/gmb/train.conll"
N="${1:-1000000}"
[ -f "$GMB" ] || { echo "bench/stories.sh: $GMB is absent (set BEACON_SHARED)" >&2; exit 2; }
cargo build -q --release -p beacon-stories --example stream
echo "load average at start: $(cut -d' ' -f1 /proc/loadavg); $N articles, one core (taskset -c 0)"
taskset -c 0 target/release/examples/stream "$GMB" "$N" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print(f"{r[\"articles\"]:,} articles ({r[\"happenings\"]:,} happenings) -> {r[\"stories\"]:,} stories")
print(f"clustering: {r[\"articles_per_s\"]:,} articles/s ({r[\"clustering_s\"]:.1f} s; {r[\"wall_s\"]:.1f} s with building the stream)")
print(f"peak resident memory: {r[\"peak_mb\"]:,} MB")
ok_rate, ok_mem = r["articles_per_s"] >= 2000, r["peak_mb"] < 2048
print(f"targets: >= 2,000 articles/s: {\"HOLDS\" if ok_rate else \"NOT YET\"}; < 2 GB: {\"HOLDS\" if ok_mem else \"NOT YET\"}")
'
