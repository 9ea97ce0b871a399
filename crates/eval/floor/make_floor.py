#!/usr/bin/env python3
"""Writes Beacon's own floor corpus (crates/eval/floor/): pages, texts and
sentences written by the team, with the answers a reader gives them, in the
formats the scorers of `beacon eval` read. Every stage has a floor test on
it (crates/eval/tests/own_floor.rs) that runs on a clean clone, with no
`../shared`. Run it after editing the content below; the files it writes are
committed. Offsets are computed here, never typed by hand."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def out(rel, text):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# --- pages: extraction and publication dates --------------------------------
# (id, url, date markup in the head, date in the page, title, paragraphs, gold date)
PAGES = [
    ("border-trade", "https://news.example.org/central-asia/border-trade-reopens",
     '<meta property="article:published_time" content="2024-03-12T08:15:00+05:00">', "",
     "Border market reopens after two years",
     ["The market on the bridge between Tajikistan and Afghanistan reopened on Tuesday after two years, officials in Khorog said.",
      "Traders from both banks of the Panj river queued from early morning with flour, cloth and dried fruit, and customs officers checked each cart by hand.",
      "The governor of Gorno-Badakhshan told reporters that the market would open twice a week until the end of the summer."],
     "2024-03-12"),
    ("water-talks", "https://www.example.net/world/asia/2023/11/02/water-talks",
     "", '<time datetime="2023-11-02T10:00">2 November 2023</time>',
     "Ministers meet on sharing the river's water",
     ["The foreign ministers of Uzbekistan and Turkmenistan met in Tashkent on Thursday to discuss how water from the Amu Darya is shared.",
      "A new canal being dug in northern Afghanistan could take a large part of the river's flow, experts warned before the meeting.",
      "The two ministers agreed to set up a joint commission and to invite Afghan officials to its first session."],
     "2023-11-02"),
    ("flood-relief", "https://relief.example.com/reports/flood-relief-osh",
     '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Flood relief reaches villages near Osh", "datePublished": "2022-07-15T06:30:00Z"}</script>', "",
     "Flood relief reaches villages near Osh",
     ["Trucks carrying tents, drinking water and medicine reached three villages south of Osh on Friday, a week after mudflows cut the only road.",
      "Volunteers from Bishkek worked with local teachers to register families who had lost their homes.",
      "The emergency ministry said more than four hundred people had been moved to schools and a sports hall in the city."],
     "2022-07-15"),
    ("election-notes", "https://blog.example.org/2021/05/05/election-notes",
     "", "<p class=\"byline\">By Aigerim Sadykova, published 5 May 2021</p>",
     "Notes from a quiet election day",
     ["Polling stations in the capital opened at seven in the morning and most had short queues by noon.",
      "Observers from two regional organisations said they had seen no serious violations, though several voters complained that their names were missing from the lists.",
      "Turnout was announced at just over forty per cent, lower than at the previous vote."],
     "2021-05-05"),
    ("school-opens", "https://www.example.info/education/school-opens-in-termez",
     '<meta name="date" content="2020-01-30">', "",
     "A new school opens in Termez",
     ["A school for six hundred pupils opened in Termez on Thursday, built with money from a development bank.",
      "The head teacher said classes would be taught in Uzbek and Russian, and that English would be added next year.",
      "Parents from nearby villages had asked for a school in the district for more than a decade."],
     "2020-01-30"),
    ("grain-prices", "https://markets.example.com/2019/09/18/grain-prices-rise",
     '<meta property="og:title" content="Grain prices rise">', "",
     "Grain prices rise before the winter",
     ["The price of wheat flour in the markets of Dushanbe rose by a fifth in September, traders said.",
      "Importers blamed a poor harvest in Kazakhstan and higher costs for rail freight through Uzbekistan.",
      "The government said it would release part of its reserves if prices kept rising into the winter."],
     "2019-09-18"),
]

SECTIONS = ["Asia", "Europe", "Africa", "Americas", "Business", "Sport", "Culture", "Science"]
MOST_READ = ["Football club sold to investors", "Storm closes mountain pass", "Ten photos of the week",
             "Singer cancels tour", "New phone goes on sale", "Museum finds lost painting",
             "Rail strike ends", "Chess champion retires"]
COMMENTS = ["Great news, finally.", "What about the road?", "Thanks for the report.",
            "Prices are still too high.", "Who will pay for it?", "Good to see this."]


def chrome(k):
    """A page's menus, boxes and footer: each page's its own."""
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS[k % 3:k % 3 + 4])
    top = (f'<header><a href="/">Home</a> <a href="/world">World {k}</a>\n'
           f'<form><input name="q" placeholder="Search"></form></header>\n<nav><ul>{nav}</ul></nav>')
    reads = "".join(f'<li><a href="/r{k}{j}">{t}</a></li>' for j, t in enumerate(MOST_READ[k:k + 3]))
    side = f'<aside class="most-read"><h3>Most read</h3><ul>{reads}</ul></aside>'
    notes = "".join(f'<div class="comment">{c}</div>' for c in COMMENTS[k % 4:k % 4 + 2])
    bottom = (f'<section class="comments"><h3>{2 + k} comments</h3>{notes}</section>\n'
              f'<footer><p>Copyright {2019 + k} Example News {k}. All rights reserved.</p>'
              f'<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>')
    return top, side, bottom


def page_html(k, head, dated, title, paras):
    top, side, bottom = chrome(k)
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
{head}
</head><body>
{top}
<main><article><h1>{title}</h1>
{dated}
{body}
</article>
{side}
</main>
{bottom}
</body></html>
"""


truth, dates = {}, {}
for k, (pid, url, head, dated, title, paras, date) in enumerate(PAGES):
    out(f"extraction/html/{pid}.html", page_html(k, head, dated, title, paras))
    truth[pid] = {"articleBody": "\n".join(paras), "url": url}
    dates[url] = {"file": f"../extraction/html/{pid}.html", "date": date}
out("extraction/ground-truth.json", json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
out("dates/eval_default.json", json.dumps(dates, indent=1) + "\n")
out("dates/eval_mediacloud_2020.json", "{}\n")

# --- time expressions (TimeML values) ----------------------------------------
# (doc id, document creation time, text, [(expression, value, type)], each
# expression marked in the text by its first occurrence after the previous)
TIMEX = [
    ("t1", "2024-03-13",
     "Talks between the two delegations began on Monday and will resume next week. The previous round, in 2019, lasted three days.",
     [("Monday", "2024-03-11", "DATE"), ("next week", "2024-W12", "DATE"), ("2019", "2019", "DATE"), ("three days", "P3D", "DURATION")]),
    ("t2", "2023-11-02",
     "The road was closed yesterday and will stay closed until 15 November, the ministry said on Thursday.",
     [("yesterday", "2023-11-01", "DATE"), ("15 November", "2023-11-15", "DATE"), ("Thursday", "2023-11-02", "DATE")]),
    ("t3", "2022-07-15",
     "Rescue teams searched for two weeks after the mudflow of 8 July. In June 2021 a smaller flood hit the same valley.",
     [("two weeks", "P2W", "DURATION"), ("8 July", "2022-07-08", "DATE"), ("June 2021", "2021-06", "DATE")]),
    ("t4", "2021-05-05",
     "Voting ended at 8 p.m. on Sunday. The new parliament will meet in June, and elections are held every five years.",
     [("8 p.m. on Sunday", "2021-05-02T20:00", "TIME"), ("June", "2021-06", "DATE"), ("every five years", "P5Y", "SET")]),
    ("t5", "2020-01-30",
     "The school was planned in 2015 and built over eighteen months. Lessons start on 3 February.",
     [("2015", "2015", "DATE"), ("eighteen months", "P18M", "DURATION"), ("3 February", "2020-02-03", "DATE")]),
]
lines = []
for doc, dct, text, spans in TIMEX:
    at, marks = 0, []
    for phrase, value, kind in spans:
        start = text.index(phrase, at)
        end = start + len(phrase)
        marks.append({"start": start, "end": end, "text": phrase, "value": value, "type": kind})
        at = end
    lines.append(json.dumps({"doc_id": doc, "dct": dct, "text": text, "timex": marks}, ensure_ascii=False))
out("timex/timeml.jsonl", "\n".join(lines) + "\n")

# --- places (GeoVirus-style XML: toponyms with their points) -----------------
# a country's point is GeoNames' (the convention Beacon reports); a town's its centre
PLACES = {
    "Kabul": (34.5281, 69.1723), "Dushanbe": (38.5358, 68.7791), "Tashkent": (41.2995, 69.2401),
    "Bishkek": (42.8746, 74.5698), "Almaty": (43.2220, 76.8512), "Kunduz": (36.7280, 68.8680),
    "Mazar-i-Sharif": (36.7090, 67.1109), "Termez": (37.2242, 67.2783), "Khorog": (37.4897, 71.5531),
    "Herat": (34.3482, 62.1997), "Kandahar": (31.6289, 65.7372), "Islamabad": (33.6844, 73.0479),
    "Moscow": (55.7558, 37.6173), "Paris": (48.8566, 2.3522), "London": (51.5074, -0.1278),
    "Nairobi": (-1.2921, 36.8219), "Ashgabat": (37.9601, 58.3261), "Samarkand": (39.6270, 66.9750),
    "Osh": (40.5283, 72.7985), "Tajikistan": (39.0, 71.0), "Afghanistan": (33.0, 66.0),
    "Uzbekistan": (41.66667, 63.83333), "Kyrgyzstan": (41.5, 75.0), "Kazakhstan": (48.0, 68.0),
    "Pakistan": (30.0, 70.0), "Russia": (60.0, 100.0), "China": (35.0, 105.0),
    "Iran": (32.0, 53.0), "Turkmenistan": (40.0, 60.0), "Geneva": (46.2044, 6.1432),
}
GEO = [
    "Officials in Kabul said the road from Kunduz to Mazar-i-Sharif had reopened.",
    "A delegation from Dushanbe travelled to Tashkent for talks on electricity exports.",
    "Traders in Termez said goods from Afghanistan were crossing the bridge again.",
    "The flight from Almaty to Bishkek was cancelled because of snow.",
    "Refugees who fled Herat and Kandahar arrived in Islamabad last month.",
    "Diplomats from Russia and China met their counterparts from Kazakhstan in Moscow.",
    "The conference moved from Paris to London after the strike.",
    "Aid agencies in Nairobi sent staff to Geneva for the donors' meeting.",
    "Gas from Turkmenistan reaches Iran through a pipeline near Ashgabat.",
    "Tourists in Samarkand and Osh spent more this year than last.",
    "Khorog, the main town of the Pamirs, lies on the border between Tajikistan and Afghanistan.",
    "Uzbekistan and Kyrgyzstan signed a treaty on their border, Pakistan welcomed it.",
]
arts = []
for k, text in enumerate(GEO):
    tops, at = [], 0
    names = sorted(((text.index(n), n) for n in PLACES if n in text), key=lambda x: x[0])
    for start, name in names:
        lat, lon = PLACES[name]
        tops.append(f"<toponym><phrase>{name}</phrase><start>{start}</start><end>{start + len(name)}</end>"
                    f"<lat>{lat}</lat><lon>{lon}</lon></toponym>")
    arts.append(f"<article><source>floor-geo-{k}</source><text>{text}</text><toponyms>{''.join(tops)}</toponyms></article>")
out("geo/floor.xml", "<articles>\n" + "\n".join(arts) + "\n</articles>\n")

# --- names (CoNLL, BIO tags) --------------------------------------------------
NER = [
    "[PER Rustam Nazarov] , the head of the [ORG Drug Control Agency] , flew to [LOC Moscow] on Monday .",
    "The [ORG Taliban] said their fighters had taken control of [LOC Kunduz] .",
    "[PER Shavkat Mirziyoyev] met [PER Sadyr Japarov] in [LOC Tashkent] to discuss the border .",
    "Officials at the [ORG World Food Programme] in [LOC Geneva] warned of shortages in [LOC Afghanistan] .",
    "[ORG Khaama Press] reported that [PER Abdul Rahman] had been released .",
    "The river [LOC Panj] marks much of the border between [LOC Tajikistan] and [LOC Afghanistan] .",
    "[PER Maria Ivanova] , a researcher at the [ORG University of Central Asia] , studies glaciers in the [LOC Pamirs] .",
    "The [ORG Islamic Movement of Uzbekistan] has fought alongside [ORG Islamic State] in [LOC Nangarhar] .",
    "Farmers near [LOC Osh] sold their apricots to buyers from [LOC Kazakhstan] .",
    "[PER Emomali Rahmon] spoke to the [ORG United Nations] in [LOC New York] .",
]
conll = []
for sent in NER:
    toks, tag = sent.split(), None
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("[") and t[1:] in ("PER", "ORG", "LOC"):
            tag = t[1:]
            first = True
            i += 1
            while not toks[i].endswith("]") or toks[i] == "]":
                conll.append(f"{toks[i]}\t{'B' if first else 'I'}-{tag}")
                first = False
                i += 1
            conll.append(f"{toks[i][:-1]}\t{'B' if first else 'I'}-{tag}")
        else:
            conll.append(f"{t}\tO")
        i += 1
    conll.append("")
out("ner/dev.conll", "\n".join(conll) + "\n")

# --- events (PLOVER records: type, actor, target) -----------------------------
EVENTS = [
    ("Taliban fighters attacked a police checkpoint in Kunduz province, killing three officers.", "ASSAULT", ["Taliban fighters"], ["police checkpoint"]),
    ("Tajik border guards clashed with armed smugglers on the Panj river on Sunday.", "FIGHT", ["Tajik border guards"], ["armed smugglers"]),
    ("Police in Bishkek arrested twelve protesters outside the parliament.", "COERCE", ["Police"], ["twelve protesters"]),
    ("Hundreds of drivers protested in Dushanbe against a rise in fuel prices.", "PROTEST", ["Hundreds of drivers"], []),
    ("The foreign ministers of Uzbekistan and Turkmenistan met in Tashkent on Thursday.", "CONSULT", ["The foreign ministers of Uzbekistan and Turkmenistan"], []),
    ("Kazakhstan and Kyrgyzstan signed an agreement on water sharing.", "AGREE", ["Kazakhstan"], ["Kyrgyzstan"]),
    ("The European Union sent emergency food aid to flood victims in Pakistan.", "AID", ["The European Union"], ["flood victims"]),
    ("The United States imposed sanctions on three Russian banks.", "SANCTION", ["The United States"], ["three Russian banks"]),
    ("Russia moved additional troops to its base in Tajikistan.", "MOBILIZE", ["Russia"], []),
    ("The government condemned the attack on the embassy.", "DISAPPROVE", ["The government"], []),
    ("The opposition demanded the release of the jailed journalist.", "DEMAND", ["The opposition"], []),
    ("Gunmen kidnapped two aid workers near Herat.", "ASSAULT", ["Gunmen"], ["two aid workers"]),
    ("Afghan forces shelled militant positions in Kunar province.", "FIGHT", ["Afghan forces"], ["militant positions"]),
    ("The president praised the border guards for their courage.", "SUPPORT", ["The president"], ["the border guards"]),
    ("The militants threatened to attack the dam if the army advanced.", "THREATEN", ["The militants"], []),
    ("Uzbekistan released forty prisoners in an amnesty.", "CONCEDE", ["Uzbekistan"], ["forty prisoners"]),
]
recs = [{"id": f"floor-{k}", "text": t, "event": e, "eventText": "",
         "source": [{"actorText": a} for a in src], "target": [{"actorText": a} for a in tgt]}
        for k, (t, e, src, tgt) in enumerate(EVENTS)]
out("events/PLOVER_GSR_CAMEO.json", json.dumps(recs, indent=1, ensure_ascii=False) + "\n")

# --- stories (reports of the same happening share a cluster) -----------------
STORIES = [
    ("s1a", "market", "2024-03-12", "The market on the bridge between Tajikistan and Afghanistan reopened on Tuesday after two years, officials in Khorog said. Traders queued with flour and cloth."),
    ("s1b", "market", "2024-03-12", "A cross-border market near Khorog opened again on Tuesday, two years after it was closed. Afghan and Tajik traders sold flour, cloth and dried fruit on the bridge."),
    ("s1c", "market", "2024-03-13", "Officials in Gorno-Badakhshan said the bridge market with Afghanistan, closed for two years, reopened on Tuesday and will open twice a week."),
    ("s2a", "flood", "2022-07-15", "Mudflows cut the road to three villages south of Osh, and trucks with tents and medicine reached them on Friday, the emergency ministry said."),
    ("s2b", "flood", "2022-07-16", "Aid reached villages near Osh a week after mudflows destroyed homes; more than four hundred people were moved to schools, the emergency ministry said."),
    ("s3a", "water", "2023-11-02", "The foreign ministers of Uzbekistan and Turkmenistan met in Tashkent to discuss sharing the water of the Amu Darya and agreed on a joint commission."),
    ("s3b", "water", "2023-11-03", "Uzbekistan and Turkmenistan will set up a joint commission on the Amu Darya's water, their foreign ministers said after talks in Tashkent."),
    ("s4a", "prices", "2019-09-18", "The price of wheat flour in Dushanbe's markets rose by a fifth in September, traders said, blaming a poor harvest in Kazakhstan."),
]
out("stories/articles.jsonl", "\n".join(json.dumps({"id": i, "cluster_id": c, "date": d, "text": t}) for i, c, d, t in STORIES) + "\n")

# --- syntax (CoNLL-U, Universal Dependencies v2 conventions) -----------------
# one sentence a block: FORM LEMMA UPOS XPOS HEAD DEPREL per word
SYNTAX = """
Officials official NOUN NNS 4 nsubj
in in ADP IN 3 case
Khorog Khorog PROPN NNP 1 nmod
said say VERB VBD 0 root
the the DET DT 6 det
market market NOUN NN 7 nsubj
reopened reopen VERB VBD 4 ccomp
on on ADP IN 9 case
Tuesday Tuesday PROPN NNP 7 obl
. . PUNCT . 4 punct

The the DET DT 2 det
ministers minister NOUN NNS 3 nsubj
agreed agree VERB VBD 0 root
to to PART TO 5 mark
set set VERB VB 3 xcomp
up up ADP RP 5 compound:prt
a a DET DT 9 det
joint joint ADJ JJ 9 amod
commission commission NOUN NN 5 obj
. . PUNCT . 3 punct

Police police NOUN NNS 2 nsubj
arrested arrest VERB VBD 0 root
twelve twelve NUM CD 4 nummod
people people NOUN NNS 2 obj
near near ADP IN 7 case
the the DET DT 7 det
parliament parliament NOUN NN 2 obl
. . PUNCT . 2 punct

Traders trader NOUN NNS 8 nsubj
from from ADP IN 4 case
both both DET DT 4 det
banks bank NOUN NNS 1 nmod
of of ADP IN 7 case
the the DET DT 7 det
river river NOUN NN 4 nmod
sold sell VERB VBD 0 root
flour flour NOUN NN 8 obj
and and CCONJ CC 11 cc
cloth cloth NOUN NN 9 conj
. . PUNCT . 8 punct

The the DET DT 2 det
road road NOUN NN 4 nsubj:pass
was be AUX VBD 4 aux:pass
closed close VERB VBN 0 root
because because ADP IN 8 case
of of ADP IN 5 fixed
heavy heavy ADJ JJ 8 amod
snow snow NOUN NN 4 obl
. . PUNCT . 4 punct

She she PRON PRP 2 nsubj
said say VERB VBD 0 root
that that SCONJ IN 7 mark
the the DET DT 5 det
talks talk NOUN NNS 7 nsubj
would would AUX MD 7 aux
resume resume VERB VB 2 ccomp
next next ADJ JJ 9 amod
week week NOUN NN 7 obl:tmod
. . PUNCT . 2 punct
"""
blocks, conllu = [b for b in SYNTAX.strip().split("\n\n")], []
for k, block in enumerate(blocks):
    rows = [line.split() for line in block.strip().splitlines()]
    text = " ".join(r[0] for r in rows).replace(" .", ".")
    conllu += [f"# sent_id = floor-{k + 1}", f"# text = {text}"]
    for i, (form, lemma, upos, xpos, head, rel) in enumerate(rows, 1):
        misc = "SpaceAfter=No" if i < len(rows) and rows[i][0] == "." else "_"
        conllu.append("\t".join([str(i), form, lemma, upos, xpos, "_", head, rel, "_", misc]))
    conllu.append("")
out("syntax/floor.conllu", "\n".join(conllu) + "\n")
