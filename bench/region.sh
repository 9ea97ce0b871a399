#!/usr/bin/env bash
# The whole pipeline on the region's languages (issue 21): `beacon analyze`
# (extraction, the publication date, names, places, time expressions,
# events) over the team's Russian and Dari/Persian news pages
# (crates/eval/gold/region_news.jsonl, each page copied REPEAT times so the
# run is long enough to time), pinned to one core, one process a language;
# beside it, in the same run, the same count of the demo's English items.
# Prints articles/s and peak resident memory per language.
# Environment: REPEAT (250).
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT="${REPEAT:-250}"
cargo build -q --release -p beacon-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" "$REPEAT" <<'PY'
import json, os, sys
tmp, repeat = sys.argv[1], int(sys.argv[2])
pages = [json.loads(l) for l in open("crates/eval/gold/region_news.jsonl")]
english = [json.loads(l) for l in open("examples/demo/articles.jsonl")]
for lang in ["ru", "fa", "en"]:
    os.makedirs(f"{tmp}/{lang}")
    mine = [p["html"] for p in pages if p["lang"] == lang] if lang != "en" else [
        f'<html lang="en"><head><title>{e["title"]}</title></head><body><article><h1>{e["title"]}</h1>'
        f'<p class="date">{e["published"]}</p><p>{e["text"]}</p></article></body></html>' for e in english]
    n = 0
    for k in range(repeat):
        for html in mine:
            # each copy its own page (a comment), so none is a duplicate
            with open(f"{tmp}/{lang}/{n:05}.html", "w") as f:
                f.write(html.replace("<body>", f"<body><!-- copy {k} -->"))
            n += 1
PY
for lang in ru fa en; do
  n=$(ls "$tmp/$lang" | wc -l)
  /usr/bin/time -f "%e %M" taskset -c 0 target/release/beacon analyze --format jsonl "$tmp/$lang" \
    2>"$tmp/$lang.time" >"$tmp/$lang.out" || true
  read -r secs kb < <(tail -1 "$tmp/$lang.time")
  events=$(python3 -c 'import json,sys; print(sum(len(json.loads(l).get("events",[])) for l in open(sys.argv[1]) if l.strip()))' "$tmp/$lang.out")
  python3 -c 'import sys; n,s,kb,ev,lang=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]),sys.argv[4],sys.argv[5]; print(f"{lang}: {n} articles in {s:.2f} s = {n/max(s,1e-9):.0f} articles/s (one core, whole process), {ev} events, peak {kb/1024:.0f} MB")' "$n" "$secs" "$kb" "$events" "$lang"
done
echo "target (issue 21): >= 200 articles/s on one core for Russian and Persian"
