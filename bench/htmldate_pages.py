"""The pages of htmldate's evaluation set, as `beacon eval dates` finds
them: every `file` of its two gold lists, one path a line.

usage: htmldate_pages.py GOLD_DIR OUT_FILE"""
import json, os, sys

gold, out = sys.argv[1:]
paths = []
for f in ("eval_default.json", "eval_mediacloud_2020.json"):
    text = open(os.path.join(gold, f), encoding="utf-8").read().replace(": NaN", ": null")
    paths += [os.path.join(gold, e["file"]) for e in json.loads(text).values() if e.get("file")]
open(out, "w").write("\n".join(paths) + "\n")
