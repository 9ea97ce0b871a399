#!/usr/bin/env bash
# Collection benchmark (issue 19): FEEDS news sites (1,000) on loopback, each
# on an address of its own (127.0.X.Y) with a robots.txt and an RSS feed of
# ITEMS items (20) whose pages are the 514 real pages of htmldate's
# evaluation set (each site's copy marked as its own: syndicated news), served
# by crates/collect/examples/feed_farm.rs. `beacon collect --once --all`
# reads every feed and fetches, analyses and stores every page (extraction,
# dates, names, places, events, stories, search index), with the default
# politeness (1 s between two requests to a host, robots.txt) and WORKERS
# requests at once (16); then the peer a user would otherwise write
# (bench/python_collect.py: trafilatura's fetcher and extractor, the same
# politeness, extraction only) follows the same feeds. Prints each one's
# articles/s end to end (the whole process's wall time), Beacon's peak
# resident memory, the farm's politeness check (the shortest time between the
# arrivals of two requests to one host, and requests that arrived while
# another to their host was being answered), the ratio,
# and whether the targets hold (>= 200 articles/s, < 500 MB, every gap >= the
# delay, no overlap).
# Environment: BEACON_SHARED (default <repo>/../shared), FEEDS, ITEMS,
# WORKERS, PORT (18400), PEER=0 skips the peer. Needs /usr/bin/time and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${BEACON_SHARED:-$(pwd)/../shared}"
GOLD="$SHARED/data/dates/htmldate"
FEEDS="${FEEDS:-1000}"; ITEMS="${ITEMS:-20}"; WORKERS="${WORKERS:-16}"; PORT="${PORT:-18400}"
DELAY_MS=1000
[ -d "$GOLD" ] || { echo "bench/collect.sh: $GOLD is absent (set BEACON_SHARED)" >&2; exit 2; }
cargo build -q --release -p beacon-cli
cargo build -q --release -p beacon-collect --example feed_farm
tmp=$(mktemp -d)
farm_pid=""
cleanup() { [ -n "$farm_pid" ] && kill "$farm_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
python3 bench/htmldate_pages.py "$GOLD" "$tmp/pages.txt"
start_farm() {
  [ -n "$farm_pid" ] && kill "$farm_pid" 2>/dev/null && wait "$farm_pid" 2>/dev/null || true
  target/release/examples/feed_farm --hosts "$FEEDS" --items "$ITEMS" --port "$PORT" \
    --opml "$tmp/farm.opml" --pages "$tmp/pages.txt" > "$tmp/farm.log" 2>&1 &
  farm_pid=$!
  for _ in $(seq 1 100); do curl -s "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "bench/collect.sh: the farm did not start" >&2; cat "$tmp/farm.log" >&2; exit 1
}

start_farm
target/release/beacon sources import --allow-private --data "$tmp/data" "$tmp/farm.opml" > /dev/null
/usr/bin/time -f 'TIME %M %e' -o "$tmp/beacon.time" target/release/beacon collect --once --all \
  --data "$tmp/data" --workers "$WORKERS" --sources-at-once "$FEEDS" --host-delay-ms "$DELAY_MS" \
  --summary json > "$tmp/beacon.json" || [ $? -eq 3 ]
curl -s "http://127.0.0.1:$PORT/stats" > "$tmp/beacon.stats"

peer="{}"
if [ "${PEER:-1}" != 0 ]; then
  . bench/venv.sh "trafilatura==2.3.1"
  start_farm
  peer=$(bench/.venv/bin/python bench/python_collect.py "$tmp/farm.opml" "$WORKERS" "$(awk "BEGIN{print $DELAY_MS/1000}")")
fi

python3 - "$tmp/beacon.json" "$tmp/beacon.time" "$tmp/beacon.stats" "$peer" "$DELAY_MS" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
# the last line: "Command exited with non-zero status 3" may come first
peak_kb, wall = [l for l in open(sys.argv[2]).read().splitlines() if l.startswith("TIME ")][-1].split()[1:]
stats, peer, delay = json.load(open(sys.argv[3])), json.loads(sys.argv[4]), float(sys.argv[5])
rate = b["stored"] / float(wall)
mb = int(peak_kb) / 1024
print(json.dumps({"tool": "beacon", "feeds": b["sources"], "pages": b["pages"], "stored": b["stored"],
                  "rejected": b["rejected"], "failing": b["failing"], "seconds": float(wall),
                  "articles_per_s": round(rate, 1), "peak_mb": round(mb), "politeness": stats}))
if peer:
    print(json.dumps(peer))
    print(f"beacon {rate:.1f} articles/s (analysed and stored), {mb:.0f} MB; "
          f"trafilatura {peer['articles_per_s']} articles/s (extracted); beacon {rate / peer['articles_per_s']:.1f}x")
ok = lambda c: "HOLDS" if c else "NOT YET"
print(f"targets: >= 200 articles/s: {ok(rate >= 200)}; < 500 MB: {ok(mb < 500)}; "
      f"per-host gap >= {delay:.0f} ms (shortest {stats['min_gap_ms']} ms, {stats['overlapping']} overlapping): "
      f"{ok(stats['min_gap_ms'] >= delay and stats['overlapping'] == 0)}")
PY
