#!/usr/bin/env bash
# Beacon's extraction benchmark: Beacon against Python trafilatura and
# readability-lxml and the Rust peers dom_smoothie, trafilatura (trafilatura-rs)
# and rs-trafilatura, over the same in-memory pages, each on one core, in one
# run. Prints pages/s, peak memory, F1 and snippet scores for each tool,
# Beacon's speed ratios, a 1,000-page WARC memory check, and whether each
# target holds. See bench/README.md.
#
# Usage: bench/extraction.sh [--check] [--json FILE]
#   --check      exit 1 when a target does not hold
#   --json FILE  also write every figure to FILE
# Environment:
#   BEACON_SHARED       the shared data folder (default: <repo>/../shared)
#   BENCH_MIN_SECONDS   timed seconds per tool and run, at least (default 5)
#   BENCH_REPEAT        measured runs per tool, taking turns; best pages/s kept (default 3)
#   PYTHON              the Python used to make bench/.venv (default python3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${BEACON_SHARED:-$root/../shared}"
venv="$here/.venv"
python="${PYTHON:-python3}"

say() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'extraction.sh: %s\n' "$*" >&2; exit 1; }

for tool in cargo taskset "$python"; do
  command -v "$tool" >/dev/null || die "$tool is required but not found"
done
[[ -f "$shared/data/extraction/scrapinghub/ground-truth.json" ]] ||
  die "no gold data under $shared/data/extraction (set BEACON_SHARED to the shared folder)"
[[ -x /usr/bin/time ]] || echo "note: /usr/bin/time missing; peak RSS comes from getrusage(RUSAGE_CHILDREN)" >&2

say "Python tools into $venv (trafilatura 2.3.1, readability-lxml 0.9)"
if ! "$venv/bin/python" -c '' 2>/dev/null; then
  # A venv moved from another checkout has dangling links: make a fresh one.
  rm -rf "$venv"
  "$python" -m venv "$venv" || die "cannot create $venv"
fi
if ! "$venv/bin/python" -c 'import trafilatura, readability, lxml.html; assert trafilatura.__version__ == "2.3.1"' 2>/dev/null; then
  # Old pips trip over lxml[html_clean] extras: upgrade pip first.
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet "trafilatura==2.3.1" "readability-lxml==0.9"
fi

say "Rust peers (bench/peers, release)"
cargo build --release --manifest-path "$here/peers/Cargo.toml"

say "beacon (release)"
(cd "$root" && cargo build --release -p beacon-cli)

say "Measuring (each tool in its own process, taskset -c 0, /usr/bin/time -v)"
exec "$venv/bin/python" "$here/run_bench.py" --root "$root" --shared "$shared" \
  --python "$venv/bin/python" --min-seconds "${BENCH_MIN_SECONDS:-5}" --repeat "${BENCH_REPEAT:-3}" "$@"
