"""wrk's figures, read from its --latency output, for bench/api.sh.

usage: python3 bench/wrk_figures.py WRK_OUTPUT LABEL [C0 C1 C1B C2 C3 SECONDS]
Prints requests/s, p50 and p99 (ms) and non-2xx answers under LABEL; with
the store's article counts at the ends of a window without load (C0, C1),
one with it (C1B, C2) and one without it again (C2, C3), also the ingest's
rate alone (the mean of the two quiet windows), under load, and the drop.
"""
import re
import sys


def figures(text):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))

    def ms(label):
        m = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", text)
        v, u = float(m.group(1)), m.group(2)
        return v / 1000 if u == "us" else v * 1000 if u == "s" else v

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, ms("50"), ms("99"), errors.group(1) if errors else None


def holds(ok):
    return "HOLDS" if ok else "NOT YET"


def main():
    rps, p50, p99, errors = figures(open(sys.argv[1]).read())
    label = sys.argv[2]
    print(f"{label}: {rps:,.0f} requests/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms"
          + (f", {errors} non-2xx" if errors else ", all 2xx"))
    if len(sys.argv) == 3:
        print(f"targets: >= 2,000 requests/s: {holds(rps >= 2000)}; p99 < 50 ms: {holds(p99 < 50)}")
        return
    c0, c1, c1b, c2, c3, load = (float(x) for x in sys.argv[3:9])
    alone, loaded = (c1 - c0 + c3 - c2) / (2 * load), (c2 - c1b) / load
    drop = 1 - loaded / alone if alone else float("nan")
    print(f"ingest: {(c1 - c0) / load:.0f} and {(c3 - c2) / load:.0f} articles/s alone (before and after), {loaded:.0f} articles/s under the searches (drop {100 * drop:.0f}%)")
    print(f"targets: search p99 < 50 ms: {holds(p99 < 50)}; ingest drop <= 1/3: {holds(drop <= 1 / 3)}")


if __name__ == "__main__":
    main()
