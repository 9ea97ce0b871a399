#!/usr/bin/env bash
# Publication-date benchmark: Beacon's dates stage beside htmldate (fast and
# extensive modes), same decoded pages, one core, one run. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${BEACON_SHARED:-$(pwd)/../shared}"
GOLD="$SHARED/data/dates/htmldate"
SECS="${BENCH_MIN_SECONDS:-5}"
[ -d "$GOLD" ] || { echo "bench/dates.sh: $GOLD is absent (set BEACON_SHARED)" >&2; exit 2; }

. bench/venv.sh "htmldate==1.11.0"
cargo build -q --release -p beacon-dates --example date_speed
DRIVER=target/release/examples/date_speed

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$DRIVER" "$GOLD" 1 --dump "$tmp/pages.json"

ROUNDS="${BENCH_ROUNDS:-3}"
echo "load average at start: $(cut -d' ' -f1 /proc/loadavg); $ROUNDS rounds, Beacon and htmldate alternating"
for _ in $(seq "$ROUNDS"); do
  taskset -c 0 "$DRIVER" "$GOLD" "$SECS"
  taskset -c 0 bench/.venv/bin/python bench/python_dates.py --pages "$tmp/pages.json" --min-seconds "$SECS"
done | tee "$tmp/results.jsonl"

python3 - "$tmp/results.jsonl" <<'PY'
import json, sys
import statistics
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
# The median of the rounds for each tool: a shared machine's noise is ±15%.
by = {}
for r in runs:
    by.setdefault(r["tool"], []).append(r)
by = {t: dict(rs[0], pages_per_s=statistics.median(x["pages_per_s"] for x in rs)) for t, rs in by.items()}
rows = list(by.values())
ext = by["htmldate (extensive)"]["pages_per_s"]
print()
print(f"median of {len(runs) // len(rows)} rounds")
print(f"{'tool':24} {'pages/s':>9} {'accuracy':>9} {'tune':>7} {'test':>7} {'× htmldate extensive':>22}")
for r in rows:
    print(f"{r['tool']:24} {r['pages_per_s']:9.1f} {r['accuracy']:9.3f} {r['accuracy_tune']:7.3f} "
          f"{r['accuracy_test']:7.3f} {r['pages_per_s'] / ext:21.1f}×")
stage = by["beacon (stage)"]
print()
pipe = by['beacon (pipeline)']
print(f"targets: accuracy ≥ 0.92 on the test part: {'HOLDS' if pipe['accuracy_test'] >= 0.92 else 'NOT YET'} "
      f"({pipe['accuracy_test']:.3f}; tune {pipe['accuracy_tune']:.3f});  "
      f"≥ 10× htmldate extensive on one core: {'HOLDS' if stage['pages_per_s'] >= 10 * ext else 'NOT YET'} "
      f"({stage['pages_per_s'] / ext:.1f}×, the dates stage alone)")
PY
