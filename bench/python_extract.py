#!/usr/bin/env python3
"""Extraction benchmark driver for the Python tools: trafilatura and readability-lxml.

Usage: python_extract.py --tool trafilatura|readability-lxml --pages PAGES.json
                         [--rounds N] [--min-seconds S] [--snippets SNIPPETS.json]

PAGES.json and SNIPPETS.json are what `peers --dump FILE --gold DIR` and
`peers --dump FILE --snippets DIR` write: the gold pages already decoded to text by
Beacon's decoder, so the Python tools get the very same strings as the Rust ones.
The pages are loaded first; only the extraction calls are timed (several rounds,
at least --min-seconds). Prints one JSON line like the Rust driver: tool, pages,
rounds, timed_pages, seconds, pages_per_s, precision, recall, f1, empty and, with
--snippets, snippet counts and F1 (untimed; the snippet pages are loaded after the
timing but still add to the process's peak memory, so measure memory without).

The metric is the article-extraction benchmark's, reimplemented here: \\w+ tokens,
4-token shingles, per-page TP/FP/FN over multisets normalised to sum 1, precision
the mean over pages with TP+FP > 0, recall the mean over pages with TP+FN > 0,
F1 the harmonic mean of the two means. Snippets: whitespace-normalised substring
matching (trafilatura's tests/eval_common.py).
"""
import argparse
import json
import re
import sys
import time
from collections import Counter

WORD = re.compile(r"\w+")


def shingle_counts(text):
    toks = WORD.findall(text or "")
    if not toks:
        return Counter()
    return Counter(tuple(toks[i:i + 4]) for i in range(max(1, len(toks) - 3)))


def page_triple(gold, pred):
    g, p = shingle_counts(gold), shingle_counts(pred)
    tp = sum(min(c, p[k]) for k, c in g.items())
    fn = sum(max(0, c - p[k]) for k, c in g.items())
    fp = sum(max(0, c - g[k]) for k, c in p.items())
    total = tp + fp + fn
    if total:
        return tp / total, fp / total, fn / total
    return float(tp), float(fp), float(fn)


def prf(pairs):
    triples = [page_triple(g, p) for g, p in pairs]

    def prec(tp, fp, fn):
        if fp == 0 and fn == 0:
            return 1.0
        if tp == 0 and fp == 0:
            return 0.0
        return tp / (tp + fp)

    def rec(tp, fp, fn):
        if fp == 0 and fn == 0:
            return 1.0
        if tp == 0 and fn == 0:
            return 0.0
        return tp / (tp + fn)

    ps = [prec(*t) for t in triples if t[0] + t[1] > 0]
    rs = [rec(*t) for t in triples if t[0] + t[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f


def squash(s):
    return " ".join(s.split())


def snippet_scores(items):
    tp = fn = fp = tn = 0
    for text, with_, without in items:
        t = squash(text or "")
        for w in with_:
            if squash(w) in t:
                tp += 1
            else:
                fn += 1
        for w in without:
            if squash(w) in t:
                fp += 1
            else:
                tn += 1

    def ratio(a, b):
        return a / b if b else 0.0

    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {
        "tp": tp, "fn": fn, "fp": fp, "tn": tn,
        "precision": p, "recall": r,
        "accuracy": ratio(tp + tn, tp + tn + fp + fn),
        "f1": 2 * p * r / (p + r) if p + r > 0 else 0.0,
    }


def make_extractor(tool):
    """The tool's main text of one page ('' on failure).

    trafilatura runs with its defaults (fallback extractors on) except that reader
    comments are left out, as in trafilatura's own evaluation (tests/comparison.py,
    include_comments=False): Beacon keeps comments apart from the article text too,
    so both are scored on the article alone.
    """
    if tool == "trafilatura":
        import trafilatura

        def run(html):
            return trafilatura.extract(html, include_comments=False) or ""
    elif tool == "readability-lxml":
        import lxml.html
        from readability import Document

        def run(html):
            summary = Document(html).summary()
            return lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    else:
        sys.exit(f"unknown tool {tool!r}: trafilatura or readability-lxml")
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", required=True, choices=["trafilatura", "readability-lxml"])
    ap.add_argument("--pages", required=True, help="JSON written by `peers --dump`")
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--min-seconds", type=float, default=3.0)
    ap.add_argument("--snippets", help="JSON of snippet pages written by `peers --dump`")
    a = ap.parse_args()

    with open(a.pages, encoding="utf-8") as f:
        data = json.load(f)
    pages = [(p["gold"], p["html"]) for p in data["pages"]]
    run = make_extractor(a.tool)
    errors = 0

    def one(html):
        nonlocal errors
        try:
            return run(html)
        except Exception:  # a tool failing on a page scores as empty output
            errors += 1
            return ""

    # Timed: extraction only. Round 1's texts are kept for scoring.
    started = time.perf_counter()
    texts = [one(html) for _, html in pages]
    rounds = 1
    while (rounds < a.rounds) if a.rounds else (time.perf_counter() - started < a.min_seconds):
        for _, html in pages:
            one(html)
        rounds += 1
    seconds = time.perf_counter() - started

    p, r, f = prf([(g, t) for (g, _), t in zip(pages, texts)])

    def f1_of(part):
        # the part each page is in, as Beacon's split gives it in the dump
        return prf([(g, t) for (g, _), t, d in zip(pages, texts, data["pages"]) if d.get("part") == part])[2]

    out = {
        "tool": a.tool,
        "pages": len(pages),
        "rounds": rounds,
        "timed_pages": len(pages) * rounds,
        "seconds": seconds,
        "pages_per_s": len(pages) * rounds / seconds,
        "precision": p,
        "recall": r,
        "f1": f,
        "f1_tune": f1_of("tune"),
        "f1_test": f1_of("test"),
        "empty": sum(1 for t in texts if not t.strip()),
        "empty_ids": [p["id"] for p, t in zip(data["pages"], texts) if not t.strip()],
    }
    if a.snippets:
        del data, pages
        with open(a.snippets, encoding="utf-8") as f:
            snippets = json.load(f)["snippets"]
        out["snippet_pages"] = len(snippets)
        out["snippets"] = snippet_scores(
            (one(s["html"]), s["with"], s["without"]) for s in snippets)
    out["errors"] = errors
    print(json.dumps(out))


if __name__ == "__main__":
    main()
