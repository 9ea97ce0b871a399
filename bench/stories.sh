#!/usr/bin/env bash
# Story clustering on a stream of a million articles, one core: throughput
# of StoryIndex::add and the process's peak resident memory. Then the same
# stream in a search index (beacon-search, tantivy) and the latency of 2,000
# queries over it: p50, p95, p99. The stream is built from GMB's news
# sentences (Voice of America), recombined and re-dated: see
# crates/stories/examples/stream.rs for how, and for the queries.
# Usage: bench/stories.sh [ARTICLES]   (default 1,000,000)
# Environment: BENCH_INDEX, where the index is built (default: a temporary
# directory, removed at the end; about 1.5 GB for a million articles).
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
INDEX="${BENCH_INDEX:-$(mktemp -d)}"
[ -n "${BENCH_INDEX:-}" ] || trap 'rm -rf "$INDEX"' EXIT
taskset -c 0 target/release/examples/stream "$GMB" "$N" --search "$INDEX/index" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print(f"search index: {r[\"documents\"]:,} articles indexed in {r[\"indexing_s\"]:.0f} s ({r[\"articles\"]/r[\"indexing_s\"]:,.0f}/s), {r[\"index_mb\"]:,} MB on disk, peak {r[\"peak_mb\"]:,} MB")
print(f"search latency over {r[\"queries\"]:,} queries ({r[\"with_matches\"]:,} with matches), top 20 with snippets: p50 {r[\"p50_ms\"]:.2f} ms, p95 {r[\"p95_ms\"]:.2f} ms, p99 {r[\"p99_ms\"]:.2f} ms, max {r[\"max_ms\"]:.2f} ms")
print(f"target: p95 < 50 ms: {\"HOLDS\" if r[\"p95_ms\"] < 50 else \"NOT YET\"}")
'
