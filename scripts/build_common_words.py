"""Builds data/gazetteer/common_words.tsv: the words of Persian (Farsi and
Dari) news that are common words, not names, so that the gazetteer's
dictionary pass does not take them for places in a script without capital
letters ("دو" two, "تن" persons, "ولایت" province, "دوشنبه" Monday: each is
also some place's alternate name in GeoNames).

Source: the development files of the Universal Dependencies treebanks
Persian Seraji and Persian PerDT in ../shared/data/ud/ (CC BY-SA 4.0;
Seraji, Ginter & Nivre 2016; Rasooli et al. 2013, PerDT). Their test files are
not read: they stay a frozen test part for the Persian syntax of issue 21.

A word is kept when it occurs at least twice and is a proper noun (PROPN) in
at most a fifth of its occurrences. The treebanks are Iranian Persian: the
Dari words of Afghan administration and news that they lack (ولایت province,
ولسوالی district, …) are added from TEAM, curated by the team as the English
lists were. Output: `lang`, `word`, `count` (0: the team's), `source`, sorted
by word; the gazetteer folds each word as it folds names.

Usage: python3 scripts/build_common_words.py [SHARED]  (SHARED: ../shared)
"""
import collections
import gzip
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
FILES = {"fa": ["fa_seraji-ud-dev.conllu.gz", "fa_perdt-ud-dev.conllu.gz"]}
# Dari words of provinces, districts and security news, not in the treebanks
TEAM = {"fa": ["ولایت", "ولایات", "ولسوالی", "ولسوالی‌ها", "ولسوال", "والی", "قریه", "ناحیه",
               "حوزه", "قوماندان", "قوماندانی", "امنیه", "سرحد", "سرحدی", "پاسگاه", "پوسته",
               "مرزبانان", "جنگجویان", "سربازان", "پولیس", "میدان",
               "شهر", "شهرستان", "استان", "روستا", "روستای", "منطقه", "مرکز", "ماین"]}


def tokens(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or "-" in cols[0] or "." in cols[0]:
                continue
            yield cols[1], cols[3]


def main():
    rows = []
    for lang, names in FILES.items():
        seen = collections.Counter()
        proper = collections.Counter()
        for name in names:
            for form, upos in tokens(os.path.join(SHARED, "data", "ud", name)):
                seen[form] += 1
                proper[form] += upos == "PROPN"
        for word, n in seen.items():
            if n >= 2 and proper[word] * 5 <= n and any(c.isalpha() for c in word):
                rows.append((lang, word, n, "ud"))
        kept = {r[1] for r in rows if r[0] == lang}
        rows += [(lang, w, 0, "team") for w in TEAM.get(lang, []) if w not in kept]
    rows.sort()
    out = os.path.join(ROOT, "data", "gazetteer", "common_words.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("lang\tword\tcount\tsource\n")
        for lang, word, n, source in rows:
            f.write(f"{lang}\t{word}\t{n}\t{source}\n")
    print(f"{out}: {len(rows)} words")


if __name__ == "__main__":
    main()
