#!/usr/bin/env python3
"""htmldate over the same decoded pages as Beacon's date benchmark, on one core.

Usage: python_dates.py --pages FILE [--min-seconds S]
FILE is the JSON written by `date_speed GOLD --dump FILE`: [{url, html, gold}].
Prints one JSON line per mode (fast, extensive): pages/s of the timed calls and
accuracy as htmldate reports it (pages whose date equals the gold / all pages),
and the same over the tune and frozen test parts (each page's `part`, as
Beacon's split gives it).
"""
import argparse, json, time

from htmldate import find_date


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", required=True)
    ap.add_argument("--min-seconds", type=float, default=3.0)
    a = ap.parse_args()
    pages = json.load(open(a.pages, encoding="utf-8"))
    for mode, extensive in (("fast", False), ("extensive", True)):
        def run(p):
            try:
                return find_date(p["html"], url=p["url"], extensive_search=extensive, original_date=True) or ""
            except Exception:
                return ""
        right = [bool(p["gold"]) and run(p)[:10] == p["gold"] for p in pages]
        correct = sum(right)

        def accuracy_of(part):
            of = [r for r, p in zip(right, pages) if p.get("part") == part]
            return sum(of) / max(len(of), 1)

        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < a.min_seconds:
            for p in pages:
                run(p)
                n += 1
        secs = time.perf_counter() - start
        print(json.dumps({"tool": f"htmldate ({mode})", "pages": len(pages),
                          "pages_per_s": n / secs, "accuracy": correct / len(pages),
                          "accuracy_tune": accuracy_of("tune"), "accuracy_test": accuracy_of("test")}),
              flush=True)


if __name__ == "__main__":
    main()
