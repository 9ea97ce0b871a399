#!/usr/bin/env bash
# Load on the JSON API: event queries (a page of 20, filters varied: see
# bench/api_mix.lua) on a store of 100,000 story-level events, over loopback,
# while an ingest writes into the same store. wrk (Debian's package; installed
# when absent and run as root) drives 2 threads and 16 connections for 20 s
# on this machine's two cores, beside the server and the ingest.
#
# The store: `beacon demo` builds the demo's (the worked example and the demo
# articles), then crates/server/examples/fill.rs copies its events, re-dated
# over three years, up to 100,000 (see there). The ingest: fresh JSONL news
# made of GMB's sentences (Voice of America, recombined, each article unique),
# read from stdin, analysed and filed in stories as any ingest does; it starts
# before the load and must still run when the load ends.
#
# Prints requests/s and the latency percentiles wrk measures, and whether the
# targets hold (≥ 2,000 requests/s, p99 < 50 ms).
#
# Then search while an ingest writes (issue 13): the ingest's rate is
# counted in the store over three windows of SECONDS_OF_LOAD: without load,
# while wrk runs full-text searches (bench/api_search.lua: 8 connections,
# each pausing 50 ms between requests), and without load again; its rate
# alone is the mean of the two quiet windows (an ingest slows as its store
# grows: the windows before and after bracket the loaded one). Targets:
# search p99 < 50 ms, and the ingest's rate drops by no more than a third.
# Environment: BEACON_SHARED (default <repo>/../shared), EVENTS (100000),
# SECONDS_OF_LOAD (20).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${BEACON_SHARED:-$(pwd)/../shared}"
GMB="$SHARED/data/ner/gmb/train.conll"
EVENTS="${EVENTS:-100000}"
LOAD="${SECONDS_OF_LOAD:-20}"
[ -f "$GMB" ] || { echo "bench/api.sh: $GMB is absent (set BEACON_SHARED)" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "bench/api.sh: wrk is required (apt-get install wrk)" >&2; exit 2; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build -q --release -p beacon-cli
cargo build -q --release -p beacon-server --example fill
BEACON=target/release/beacon
tmp=$(mktemp -d)
cleanup() { kill "${server:-}" "${ingest:-}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$BEACON" demo --no-serve --data "$tmp/demo" --seed "$SHARED/data/seed" > /dev/null
target/release/examples/fill "$tmp/demo" "$tmp/store" "$EVENTS"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BEACON" serve --data "$tmp/store" --addr "127.0.0.1:$port" > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/events?limit=1" >/dev/null && break; sleep 0.1; done

# unique news articles from GMB's sentences, as JSONL: make_news SEED COUNT HOST YEAR
make_news() {
python3 - "$GMB" "$@" <<'PY'
import json, random, sys
gmb, seed, count, host, year = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
sents, cur = [], []
for line in open(gmb, encoding="utf-8"):
    tok = line.split("\t")[0].strip()
    if tok:
        cur.append(tok)
    elif cur:
        sents.append(" ".join(cur)); cur = []
rng = random.Random(seed)
for i in range(count):
    k = rng.randrange(len(sents) - 6)
    text = " ".join(sents[k:k + 5]) + f" Reported by {host} {i}."
    print(json.dumps({"url": f"https://{host}/{i}", "title": sents[k][:80],
                      "published": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text}))
PY
}
make_news 7 40000 news.example 2017 > "$tmp/news.jsonl"
"$BEACON" ingest --quiet --summary json --data "$tmp/store" - < "$tmp/news.jsonl" > "$tmp/ingest.json" 2>&1 &
ingest=$!
sleep 2
kill -0 "$ingest" || { echo "bench/api.sh: the ingest ended before the load began" >&2; exit 1; }
echo "load average at start: $(cut -d' ' -f1 /proc/loadavg); $EVENTS events; ingest running (pid $ingest)"
wrk -t2 -c16 -d"${LOAD}s" --latency -s bench/api_mix.lua "http://127.0.0.1:$port" | tee "$tmp/wrk.txt"
if kill -0 "$ingest" 2>/dev/null; then during="yes"; else during="NO (it ended first)"; fi
stored=$(sqlite3 "$tmp/store/beacon.db" "select count(*) from articles" 2>/dev/null || echo "?")
echo "ingest still running at the end of the load: $during; articles in the store now: $stored"
python3 bench/wrk_figures.py "$tmp/wrk.txt" "event queries"

# --- search during an ingest ---------------------------------------------
kill "$ingest" 2>/dev/null || true
wait "$ingest" 2>/dev/null || true
count() { sqlite3 "$tmp/store/beacon.db" "select count(*) from articles"; }
make_news 11 90000 wire.example 2018 > "$tmp/news2.jsonl"
curl -sf "http://127.0.0.1:$port/api/search?q=police" > /dev/null
"$BEACON" ingest --quiet --summary json --data "$tmp/store" - < "$tmp/news2.jsonl" > "$tmp/ingest2.json" 2>&1 &
ingest=$!
sleep 3
c0=$(count); sleep "$LOAD"; c1=$(count)
wrk -t2 -c8 -d"${LOAD}s" --latency -s bench/api_search.lua "http://127.0.0.1:$port" > "$tmp/wrk2.txt" &
wrkpid=$!
c1b=$(count); wait "$wrkpid"; c2=$(count); sleep "$LOAD"; c3=$(count)
cat "$tmp/wrk2.txt"
if kill -0 "$ingest" 2>/dev/null; then during="yes"; else during="NO (it ended first)"; fi
echo "ingest still running at the end of the last window: $during"
python3 bench/wrk_figures.py "$tmp/wrk2.txt" "searches during the ingest" "$c0" "$c1" "$c1b" "$c2" "$c3" "$LOAD"
