#!/usr/bin/env bash
# Load on the TAXII 2.1 server (issue 20): pages of 100 objects of the
# collection a partner's token may read, over a store of 100,000
# story-level events whose markings vary (CLEAR, GREEN, AMBER for the group
# `border`, AMBER+STRICT, RED), so TLP filtering is on for every request.
# wrk (Debian's package) drives 2 threads and 16 connections for 20 s on
# this machine's two cores; each request resumes at a pseudo-random row
# (`next`), as clients paging through do (bench/taxii.lua).
#
# Beside it, in the same run, the OASIS TAXII 2.1 reference server a user
# would otherwise pick, medallion (PyPI, its memory backend, Flask's
# server), serving the first MEDALLION_OBJECTS objects of the same
# collection as Beacon served them, pages of 100, the same load.
#
# Prints each one's requests/s and latency percentiles, the ratio, and
# whether Beacon's targets hold (>= 1,000 requests/s, p99 < 50 ms).
# Environment: BEACON_SHARED (default <repo>/../shared), EVENTS (100000),
# SECONDS_OF_LOAD (20), MEDALLION_OBJECTS (1000).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${BEACON_SHARED:-$(pwd)/../shared}"
EVENTS="${EVENTS:-100000}"
LOAD="${SECONDS_OF_LOAD:-20}"
MED="${MEDALLION_OBJECTS:-1000}"
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "bench/taxii.sh: wrk is required (apt-get install wrk)" >&2; exit 2; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
venv=target/bench-taxii-venv
[ -x "$venv/bin/medallion" ] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q "medallion==3.0.0" requests; }
cargo build -q --release -p beacon-cli
cargo build -q --release -p beacon-server --example fill
BEACON=target/release/beacon
tmp=$(mktemp -d)
cleanup() { kill "${server:-}" "${med:-}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$BEACON" demo --no-serve --data "$tmp/demo" --seed "$SHARED/data/seed" > /dev/null
FILL_MARKINGS=1 target/release/examples/fill "$tmp/demo" "$tmp/store" "$EVENTS"
for org in home ngo press; do "$BEACON" orgs add $org --name "Org $org" --data "$tmp/store" 2>/dev/null; done
"$BEACON" groups add border --name Border --org home --org ngo --data "$tmp/store" 2>/dev/null
"$BEACON" users add li --org ngo --data "$tmp/store" 2>/dev/null
token=$("$BEACON" tokens create li --data "$tmp/store" 2>/dev/null)
rows=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select max(seq) from story_events').fetchone()[0])" "$tmp/store/beacon.db")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BEACON" serve --data "$tmp/store" --addr "127.0.0.1:$port" > "$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/taxii2/" >/dev/null && break; sleep 0.1; done
collection=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/taxii2/beacon/collections/" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["collections"][0]["id"])')
echo "Beacon: $EVENTS events, $rows rows; collection $collection as li (ngo: CLEAR, GREEN, AMBER for border)"
COLLECTION=$collection TOKEN=$token ROWS=$rows wrk -t2 -c16 -d"${LOAD}s" --latency -s bench/taxii.lua \
  "http://127.0.0.1:$port" | tee "$tmp/beacon.txt"

# medallion over the first MED objects Beacon served, pages of 100
"$venv/bin/python" - "http://127.0.0.1:$port" "$collection" "$token" "$MED" "$tmp" <<'PY'
import json, sys, requests
base, col, token, n, tmp = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
h = {"Authorization": "Bearer " + token, "Accept": "application/taxii+json;version=2.1"}
objs, manifest, nxt = [], [], None
while len(objs) < n:
    q = {"limit": 1000, **({"next": nxt} if nxt else {})}
    env = requests.get(f"{base}/taxii2/beacon/collections/{col}/objects/", headers=h, params=q).json()
    objs += env.get("objects", [])
    if not env.get("more"):
        break
    nxt = env["next"]
objs = objs[:n]
for o in objs:
    manifest.append({"id": o["id"], "date_added": "2026-01-01T00:00:00.000Z",
                     "version": o.get("modified", o.get("created", "2022-10-01T00:00:00.000Z")),
                     "media_type": "application/stix+json;version=2.1"})
media = "application/taxii+json;version=2.1"
data = {"/discovery": {"title": "medallion", "default": "/beacon/", "api_roots": ["/beacon/"]},
        "beacon": {"information": {"title": "bench", "versions": [media], "max_content_length": 0},
                   "status": [],
                   "collections": [{"id": col, "title": "bench", "can_read": True, "can_write": False,
                                    "media_types": ["application/stix+json;version=2.1"],
                                    "objects": objs, "manifest": manifest}]}}
json.dump(data, open(f"{tmp}/medallion.json", "w"))
json.dump({"backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend",
                       "filename": f"{tmp}/medallion.json"},
           "users": {"li": "pw"}, "taxii": {"max_page_size": 100}}, open(f"{tmp}/medallion-config.json", "w"))
print(f"medallion: {len(objs)} objects")
PY
mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$venv/bin/medallion" --host 127.0.0.1 --port "$mport" "$tmp/medallion-config.json" > "$tmp/med.log" 2>&1 &
med=$!
basic=$(printf 'li:pw' | base64)
for _ in $(seq 100); do curl -sf -u li:pw -H "Accept: application/taxii+json;version=2.1" "http://127.0.0.1:$mport/taxii2/" >/dev/null && break; sleep 0.2; done
curl -s -o /dev/null -w "medallion, one page of 100 alone: %{time_total} s\n" -u li:pw -H "Accept: application/taxii+json;version=2.1" \
  "http://127.0.0.1:$mport/beacon/collections/$collection/objects/?limit=100"
cat > "$tmp/med.lua" <<LUA
request = function()
  return wrk.format("GET", "/beacon/collections/$collection/objects/?limit=100", {
    ["Authorization"] = "Basic $basic",
    ["Accept"] = "application/taxii+json;version=2.1",
  })
end
LUA
wrk -t2 -c16 -d"${LOAD}s" --timeout 30s --latency -s "$tmp/med.lua" "http://127.0.0.1:$mport" | tee "$tmp/med.txt"
python3 - "$tmp/beacon.txt" "$tmp/med.txt" "$EVENTS" "$MED" <<'PY'
import re, sys
def figures(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    def ms(label):
        m = re.search(label + r"\s+([\d.]+)(us|ms|s)\b", t)
        if not m:
            return float("nan")
        v, u = float(m.group(1)), m.group(2)
        return v / 1000 if u == "us" else v * 1000 if u == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    return rps, ms("50%"), ms("99%"), int(errors.group(1)) if errors else 0
b, m = figures(sys.argv[1]), figures(sys.argv[2])
print(f"Beacon TAXII ({sys.argv[3]} events, TLP filtering on): {b[0]:,.1f} requests/s, p50 {b[1]:.2f} ms, p99 {b[2]:.2f} ms, non-2xx {b[3]}")
print(f"medallion 3.0.0 ({sys.argv[4]} objects, memory backend): {m[0]:,.1f} requests/s, p50 {m[1]:.2f} ms, p99 {m[2]:.2f} ms, non-2xx {m[3]}")
print(f"ratio: {b[0] / max(m[0], 1e-9):,.1f}x the requests/s")
ok = b[0] >= 1000 and b[2] < 50 and b[3] == 0
print("targets (>= 1,000 requests/s, p99 < 50 ms):", "hold" if ok else "DO NOT HOLD")
PY
