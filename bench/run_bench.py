#!/usr/bin/env python3
"""Runs the extraction benchmark's measurements and prints the report.

Called by bench/extraction.sh after it has set up bench/.venv and built
bench/peers and beacon in release; not meant to be run on its own (but it can
be, with the same arguments). Each tool runs in its own process, pinned to one
core with `taskset -c 0`, under `/usr/bin/time -v` for its peak RSS (or, if
that is missing, under a small Python wrapper reading RUSAGE_CHILDREN).

Usage: run_bench.py --root REPO --shared SHARED --python PY [--min-seconds S]
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

RUST_TOOLS = ["beacon", "dom_smoothie", "trafilatura-rs", "rs-trafilatura"]
PY_TOOLS = ["trafilatura", "readability-lxml"]
ORDER = ["beacon", "trafilatura", "readability-lxml", "dom_smoothie", "trafilatura-rs", "rs-trafilatura"]

# Used when /usr/bin/time is missing: runs argv, reports the child's peak RSS (KiB) on fd 3.
RUSAGE_WRAPPER = r"""
import os, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.call(sys.argv[1:])
wall = time.perf_counter() - t
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write("\n\tMaximum resident set size (kbytes): %d\n\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:%.2f\n" % (kib, wall))
sys.exit(rc)
"""


def die(msg):
    sys.exit(f"run_bench: {msg}")


def measured(argv, stdout=subprocess.PIPE, ok_codes=(0,)):
    """Runs argv pinned to core 0 under a peak-RSS meter; returns (stdout, peak MiB, wall s)."""
    if os.path.exists("/usr/bin/time"):
        cmd = ["taskset", "-c", "0", "/usr/bin/time", "-v"] + argv
    else:
        cmd = ["taskset", "-c", "0", sys.executable, "-c", RUSAGE_WRAPPER] + argv
    p = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    if p.returncode not in ok_codes:
        die(f"{' '.join(argv)} exited {p.returncode}:\n{p.stderr[-3000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    if not m:
        die(f"no peak RSS in the output of {' '.join(argv)}:\n{p.stderr[-2000:]}")
    w = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", p.stderr)
    wall = 0.0
    if w:
        for part in w.group(1).split(":"):
            wall = wall * 60 + float(part)
    return p.stdout, int(m.group(1)) / 1024, wall


def last_json(out, what):
    for line in reversed((out or "").splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    die(f"{what} printed no JSON line")


def bench_tools(a, peers, dumps, gold, snippets):
    """Each tool: --repeat measured runs (speed, F1, peak RSS; the tools take
    turns, and each keeps its best pages/s), then an unmeasured run for the
    snippet scores, so that loading the snippet pages does not count in the
    peak memory."""
    results = {}
    for rep in range(a.repeat):
        if a.repeat > 1:
            print(f"  pass {rep + 1} of {a.repeat}", file=sys.stderr, flush=True)
        for tool in ORDER:
            base = tool_argv(a, tool, peers, dumps, gold)
            print(f"  {tool} …", file=sys.stderr, flush=True)
            out, peak, _ = measured(base + ["--min-seconds", str(a.min_seconds)])
            r = last_json(out, tool)
            r["peak_mb"] = peak
            print(f"    {r['pages_per_s']:.1f} pages/s, peak {peak:.0f} MB, F1 {r['f1']:.3f}",
                  file=sys.stderr, flush=True)
            best = results.get(tool)
            if best is None:
                r["runs_pages_per_s"] = [r["pages_per_s"]]
                results[tool] = r
            else:
                runs = best["runs_pages_per_s"] + [r["pages_per_s"]]
                peak = max(best["peak_mb"], peak)
                if r["pages_per_s"] > best["pages_per_s"]:
                    results[tool] = best = r
                best["runs_pages_per_s"], best["peak_mb"] = runs, peak
    print("  snippet scores (untimed) …", file=sys.stderr, flush=True)
    for tool in ORDER:
        r = results[tool]
        extra = ["--snippets", snippets if tool in RUST_TOOLS else dumps["snippets"]]
        out = subprocess.run(tool_argv(a, tool, peers, dumps, gold) + ["--rounds", "1"] + extra,
                             stdout=subprocess.PIPE, text=True).stdout
        s = last_json(out, f"{tool} (snippets)")
        r["snippet_pages"] = s.get("snippet_pages")
        r["snippets"] = s.get("snippets")
        for k in ("panics", "errors"):
            if k in s:
                r[k + "_snippet_run"] = s[k]
        print(f"    {tool}: snippet F1 {(r['snippets'] or {}).get('f1', 0):.3f}", file=sys.stderr, flush=True)
    return results


def tool_argv(a, tool, peers, dumps, gold):
    if tool in RUST_TOOLS:
        return [peers, "--tool", tool, "--gold", gold]
    return [a.python, os.path.join(a.root, "bench", "python_extract.py"), "--tool", tool,
            "--pages", dumps["pages"]]


def page_sources(gold, snippets):
    """(url, raw bytes) of every gold page: the extraction benchmark's, then the snippet pages."""
    out = []
    with open(os.path.join(gold, "ground-truth.json"), encoding="utf-8") as f:
        gt = json.load(f)
    for pid in sorted(gt):
        path = os.path.join(gold, "html", f"{pid}.html.gz")
        with gzip.open(path, "rb") as f:
            out.append((gt[pid].get("url") or f"http://bench.invalid/{pid}", f.read()))
    with open(os.path.join(snippets, "evaldata.json"), encoding="utf-8") as f:
        ev = json.load(f)
    for url, e in sorted(ev.items(), key=lambda kv: kv[1].get("file") or ""):
        path = os.path.join(snippets, e["file"])
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            out.append((url, f.read()))
    return out


def warc_record(headers, block):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def make_warc(path, sources, n):
    """Writes n unique response records (plus a warcinfo), one gzip member per record."""
    date = "2024-01-01T00:00:00Z"
    with open(path, "wb") as f:
        info = b"software: beacon bench/run_bench.py\r\nformat: WARC File Format 1.0\r\n"
        f.write(gzip.compress(warc_record([
            ("WARC-Type", "warcinfo"), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"),
            ("WARC-Date", date), ("WARC-Filename", os.path.basename(path)),
            ("Content-Type", "application/warc-fields")], info)))
        for i in range(n):
            url, body = sources[i % len(sources)]
            if i >= len(sources):
                url = f"{url}#bench-{i}"
            body = body + f"\n<!-- beacon bench record {i} -->\n".encode("ascii")
            http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body
            f.write(gzip.compress(warc_record([
                ("WARC-Type", "response"), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"),
                ("WARC-Date", date), ("WARC-Target-URI", url),
                ("Content-Type", "application/http; msgtype=response")], http)))


def warc_check(a, beacon, gold, snippets, tmp):
    warc = os.path.join(tmp, "bench-1000.warc.gz")
    make_warc(warc, page_sources(gold, snippets), 1000)
    size_mb = os.path.getsize(warc) / 2**20
    print(f"  WARC: 1000 records, {size_mb:.1f} MB gzipped", file=sys.stderr, flush=True)
    data = os.path.join(tmp, "data")
    out, ing_peak, ing_wall = measured(
        [beacon, "ingest", "--quiet", "--data", data, "--summary", "json", warc], ok_codes=(0, 3))
    s = last_json(out, "beacon ingest")
    with open(os.devnull, "w") as null:
        _, ext_peak, ext_wall = measured(
            [beacon, "extract", "--format", "jsonl", warc], stdout=null, ok_codes=(0, 3))
    return {
        "warc_mb": size_mb,
        "ingest": s,
        "ingest_peak_mb": ing_peak,
        "ingest_wall_s": ing_wall,
        "ingest_docs_per_s": s.get("read", 0) / s["seconds"] if s.get("seconds") else 0.0,
        "extract_peak_mb": ext_peak,
        "extract_wall_s": ext_wall,
        "extract_docs_per_s": 1000 / ext_wall if ext_wall else 0.0,
    }


def report(results, warc, a):
    b = results["beacon"]
    print()
    print(f"Extraction benchmark — {results['beacon']['pages']} pages "
          f"(scrapinghub), each tool alone in its own process on one core (taskset -c 0)")
    print()
    hdr = (f"{'tool':<18}{'pages/s':>9}{'peak MB':>9}{'F1':>7}{'P':>7}{'R':>7}{'tune':>7}{'test':>7}"
           f"{'snip F1':>9}{'snip P/R':>13}{'beacon ×':>10}")
    print(hdr)
    print("-" * len(hdr))
    for tool in ORDER:
        r = results[tool]
        sn = r.get("snippets") or {}
        ratio = b["pages_per_s"] / r["pages_per_s"] if r["pages_per_s"] else float("inf")
        snf = f"{sn['f1']:.3f}" if sn else "-"
        snpr = f"{sn['precision']:.3f}/{sn['recall']:.3f}" if sn else "-"
        print(f"{tool:<18}{r['pages_per_s']:>9.1f}{r['peak_mb']:>9.0f}{r['f1']:>7.3f}"
              f"{r['precision']:>7.3f}{r['recall']:>7.3f}{r.get('f1_tune', 0):>7.3f}{r.get('f1_test', 0):>7.3f}"
              f"{snf:>9}{snpr:>13}"
              f"{'—' if tool == 'beacon' else f'{ratio:.1f}×':>10}")
    print()
    if a.repeat > 1:
        print(f"pages/s: best of {a.repeat} runs per tool (the tools taking turns); "
              "peak MB: the highest of those runs.")
    print(f"load average when the run started: {a.load_at_start:.2f} (2-core machine; "
          "above ~0.5 other work was competing for the cores)")
    print("F1 tune / test: over the tune and the frozen test part of the pages (beacon_eval::split, by page).")
    print("pages/s: timed extraction calls only, over the same decoded in-memory pages, "
          f"≥ {a.min_seconds:g} s of rounds per tool; peak MB: the process's maximum RSS (loading included).")
    sn0 = results["beacon"].get("snippets") or {}
    if sn0:
        print(f"snippets: {results['beacon'].get('snippet_pages')} trafilatura evaluation pages, "
              f"{sn0['tp'] + sn0['fn'] + sn0['fp'] + sn0['tn']} snippets (untimed).")
    def fails(r):
        return sum(r.get(k, 0) for k in ("panics", "errors", "panics_snippet_run", "errors_snippet_run"))
    odd = [f"{t}: {fails(r)} pages failed (panic/exception), {r.get('empty', 0)} of "
           f"{r['pages']} benchmark pages gave no text {r.get('empty_ids') or ''}"
           for t, r in results.items() if fails(r) or r.get("empty")]
    if odd:
        print("note: " + "; ".join(odd))
    print()
    ing = warc["ingest"]
    print(f"1,000-page WARC.gz ({warc['warc_mb']:.1f} MB, one gzip member per record), one core:")
    print(f"  beacon ingest:          peak {warc['ingest_peak_mb']:.0f} MB, "
          f"{warc['ingest_docs_per_s']:.0f} docs/s (read {ing.get('read')}, stored {ing.get('stored')}, "
          f"duplicate {ing.get('duplicate')}, rejected {ing.get('rejected')} {ing.get('rejected_by_reason') or ''}, "
          f"skipped {ing.get('skipped')}, "
          f"{ing.get('seconds', 0):.2f} s)")
    print(f"  beacon extract --format jsonl > /dev/null: peak {warc['extract_peak_mb']:.0f} MB, "
          f"{warc['extract_docs_per_s']:.0f} docs/s ({warc['extract_wall_s']:.2f} s wall)")
    print()
    t = results["trafilatura"]["pages_per_s"]
    peers = {k: results[k]["pages_per_s"] for k in ["dom_smoothie", "trafilatura-rs", "rs-trafilatura"]}
    fastest = max(peers, key=peers.get)
    checks = [
        (f"throughput ≥ 10× Python trafilatura ({b['pages_per_s'] / t:.1f}×)", b["pages_per_s"] >= 10 * t),
        (f"ahead of every Rust peer ({b['pages_per_s'] / peers[fastest]:.2f}× the fastest, {fastest})",
         all(b["pages_per_s"] > v for v in peers.values())),
        (f"peak memory < 150 MB on the 1,000-page WARC (ingest {warc['ingest_peak_mb']:.0f} MB, "
         f"extract {warc['extract_peak_mb']:.0f} MB)",
         max(warc["ingest_peak_mb"], warc["extract_peak_mb"]) < 150),
    ]
    tsn = results["trafilatura"].get("snippets")
    if sn0 and tsn:
        checks.append((f"snippet F1 ≥ trafilatura's ({sn0['f1']:.3f} vs {tsn['f1']:.3f})",
                       sn0["f1"] >= tsn["f1"]))
    print("Targets:")
    for what, ok in checks:
        print(f"  [{'HOLDS' if ok else 'FAILS'}] {what}")
    return all(ok for _, ok in checks)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--min-seconds", type=float, default=5.0)
    ap.add_argument("--json", help="also write all figures to this JSON file")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target does not hold")
    ap.add_argument("--repeat", type=int, default=3,
                    help="measured runs per tool, taking turns; each tool keeps its best pages/s")
    a = ap.parse_args()

    gold = os.path.join(a.shared, "data", "extraction", "scrapinghub")
    snippets = os.path.join(a.shared, "data", "extraction", "trafilatura-snippets")
    for d, f in [(gold, "ground-truth.json"), (snippets, "evaldata.json")]:
        if not os.path.isfile(os.path.join(d, f)):
            die(f"gold data missing: {os.path.join(d, f)} (set BEACON_SHARED)")
    peers = os.path.join(a.root, "bench", "peers", "target", "release", "peers")
    beacon = os.path.join(a.root, "target", "release", "beacon")
    for exe in (peers, beacon):
        if not os.access(exe, os.X_OK):
            die(f"not built: {exe}")
    if not shutil.which("taskset"):
        die("taskset (util-linux) is needed to pin each run to one core")

    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"warning: load average {load:.1f} — other work is running, speeds will be low and noisy",
              file=sys.stderr)
    a.load_at_start = load

    tmp = tempfile.mkdtemp(prefix="beacon-bench-")
    try:
        dumps = {"pages": os.path.join(tmp, "pages.json"), "snippets": os.path.join(tmp, "snippets.json")}
        subprocess.run([peers, "--dump", dumps["pages"], "--gold", gold], check=True)
        subprocess.run([peers, "--dump", dumps["snippets"], "--snippets", snippets], check=True)
        print("Running each tool (one process each, pinned to core 0):", file=sys.stderr, flush=True)
        results = bench_tools(a, peers, dumps, gold, snippets)
        print("1,000-page WARC check:", file=sys.stderr, flush=True)
        warc = warc_check(a, beacon, gold, snippets, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ok = report(results, warc, a)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"date": time.strftime("%Y-%m-%d"), "load_at_start": a.load_at_start,
                       "repeat": a.repeat, "min_seconds": a.min_seconds, "tools": results, "warc": warc}, f, indent=1)
    sys.exit(0 if ok or not a.check else 1)


if __name__ == "__main__":
    main()
