#!/usr/bin/env python3
"""Validate Beacon's actor dictionary and measure its coverage.

Reads data/actors/actors.jsonl (and data/actors/ambiguous_aliases.tsv), checks
the schema, then compares the file with the Phoenix/PETRARCH militant and
non-state dictionary in ../shared/data/actors/actors_cameo.jsonl (1,021 groups,
c. 2013) when that file is present. Standard library only.

    python3 scripts/check_actor_coverage.py            # summary, exit 1 on schema errors
    python3 scripts/check_actor_coverage.py --unmatched 60
    python3 scripts/check_actor_coverage.py --phoenix PATH --seed PATH

The exit status is 0 when the file is valid (coverage is reported, not enforced).
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACTORS = os.path.join(ROOT, "data", "actors", "actors.jsonl")
AMBIGUOUS = os.path.join(ROOT, "data", "actors", "ambiguous_aliases.tsv")
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
PHOENIX = os.path.join(SHARED, "actors", "actors_cameo.jsonl")
SEED = os.path.join(SHARED, "seed", "khaama-2015-taliban-central-asia.txt")

KINDS = ("armed_group", "organization", "person")
RELATIONS = {"branch_of", "allied", "pledged_to", "split_from", "merged_into", "part_of", "member_of"}
FIELDS = ["id", "kind", "name", "aliases", "country", "affiliations", "roles", "active", "note"]
REQUIRED = {"id", "kind", "name"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CC_RE = re.compile(r"^[A-Z]{2}$")
DATE_RE = re.compile(r"^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
ACTIVE_RE = re.compile(r"^(\d{4})-(\d{4})?$")

# The worked example of SPEC.md: what each name in it must resolve to.
SEED_EXPECT = [
    ("Taliban", "taliban", "armed_group"),
    ("Islamic State", "islamic-state", "armed_group"),
    ("IS", "islamic-state", "armed_group"),
    ("Islamic Movement of Uzbekistan", "imu", "armed_group"),
    ("IMU", "imu", "armed_group"),
    ("Tehreek-i-Taliban Pakistan", "ttp", "armed_group"),
    ("TTP", "ttp", "armed_group"),
    ("Federal Security Service", "fsb", "organization"),
    ("FSB", "fsb", "organization"),
    ("Alexander Bortnikov", "bortnikov", "person"),
    ("Vladimir Putin", "putin", "person"),
    ("Putin", "putin", "person"),
    ("Commonwealth of Independent States", "cis", "organization"),
    ("CIS", "cis", "organization"),
    ("CIS Antiterrorist Centre", "cis-atc", "organization"),
]

APOSTROPHES = "'’‘ʼʿʾ`´"


def norm(s):
    """Case-, accent- and punctuation-insensitive form used to compare names."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold()
    for a in APOSTROPHES:
        s = s.replace(a, "")
    s = re.sub(r"[\W_]+", " ", s)
    return " ".join(s.split())


def check_date(d):
    m = DATE_RE.match(d) if isinstance(d, str) else None
    return m is not None


def load(path, errors):
    entries = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {n}: empty line")
                continue
            try:
                e = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {n}: bad JSON: {exc}")
                continue
            e["_line"] = n
            entries.append(e)
    return entries


def load_ambiguous(path):
    allowed = {}
    if not os.path.exists(path):
        return allowed
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            alias, ids, _reason = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            allowed[norm(alias)] = set(i.strip() for i in ids.split(","))
    return allowed


def validate(entries, allowed_shared):
    errors, warnings = [], []
    ids = {}
    for e in entries:
        where = f"line {e['_line']} ({e.get('id', '?')})"
        keys = [k for k in e if k != "_line"]
        for k in keys:
            if k not in FIELDS:
                errors.append(f"{where}: unknown field {k!r}")
        missing = REQUIRED - set(keys)
        if missing:
            errors.append(f"{where}: missing {sorted(missing)}")
            continue
        order = [k for k in FIELDS if k in keys]
        if keys != order:
            warnings.append(f"{where}: fields out of schema order")
        if not ID_RE.match(e["id"]):
            errors.append(f"{where}: id is not lower-case ASCII with hyphens")
        if e["id"] in ids:
            errors.append(f"{where}: duplicate id (also line {ids[e['id']]['_line']})")
        ids[e["id"]] = e
        if e["kind"] not in KINDS:
            errors.append(f"{where}: kind {e['kind']!r} not one of {KINDS}")
        if not isinstance(e["name"], str) or not e["name"].strip():
            errors.append(f"{where}: empty name")
        for k in ("aliases", "affiliations", "roles"):
            if k in e and (not isinstance(e[k], list) or not e[k]):
                errors.append(f"{where}: {k} must be a non-empty list when present")
        if "country" in e and not CC_RE.match(str(e["country"])):
            errors.append(f"{where}: country {e['country']!r} is not ISO 3166-1 alpha-2")
        if "active" in e:
            m = ACTIVE_RE.match(str(e["active"]))
            if not m:
                errors.append(f"{where}: active {e['active']!r} is not YYYY- or YYYY-YYYY")
            elif m.group(2) and m.group(2) < m.group(1):
                errors.append(f"{where}: active ends before it starts")
        if "note" in e and (not isinstance(e["note"], str) or not e["note"].strip()):
            errors.append(f"{where}: empty note")
        seen = {}
        for a in [e["name"]] + list(e.get("aliases", [])):
            if not isinstance(a, str) or not a.strip() or a != a.strip():
                errors.append(f"{where}: bad alias {a!r}")
                continue
            if a in seen:
                errors.append(f"{where}: alias {a!r} listed twice")
            seen[a] = True
        if e["kind"] != "person" and "roles" in e:
            errors.append(f"{where}: roles are for people")
    # Links and dates need every id.
    for e in entries:
        where = f"line {e['_line']} ({e.get('id', '?')})"
        for a in e.get("affiliations", []):
            if not isinstance(a, dict) or set(a) - {"with", "relation", "from", "to"}:
                errors.append(f"{where}: bad affiliation {a!r}")
                continue
            if a.get("with") not in ids:
                errors.append(f"{where}: affiliation target {a.get('with')!r} does not exist")
            elif a["with"] == e["id"]:
                errors.append(f"{where}: affiliation with itself")
            if a.get("relation") not in RELATIONS:
                errors.append(f"{where}: relation {a.get('relation')!r} not one of {sorted(RELATIONS)}")
            for k in ("from", "to"):
                if k in a and not check_date(a[k]):
                    errors.append(f"{where}: affiliation {k} {a[k]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            if "from" in a and "to" in a and a["to"] < a["from"]:
                errors.append(f"{where}: affiliation ends before it starts")
        for r in e.get("roles", []):
            if not isinstance(r, dict) or set(r) - {"role", "of", "from", "to"} or "role" not in r or "of" not in r:
                errors.append(f"{where}: bad role {r!r}")
                continue
            if not (CC_RE.match(r["of"]) or r["of"] in ids):
                errors.append(f"{where}: role 'of' {r['of']!r} is neither a country code nor an id")
            for k in ("from", "to"):
                if k in r and not check_date(r[k]):
                    errors.append(f"{where}: role {k} {r[k]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            if "from" in r and "to" in r and r["to"] < r["from"]:
                errors.append(f"{where}: role ends before it starts")
    # Sorted by section (kind) then id.
    keyed = [(KINDS.index(e["kind"]) if e["kind"] in KINDS else 9, e["id"]) for e in entries]
    if keyed != sorted(keyed):
        errors.append("file is not sorted by section (armed_group, organization, person) then id")
    # No name or alias shared by two entries unless documented.
    owners = collections.defaultdict(set)
    for e in entries:
        for a in [e["name"]] + list(e.get("aliases", [])):
            if isinstance(a, str):
                owners[norm(a)].add(e["id"])
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    for k, v in sorted(shared.items()):
        if k not in allowed_shared:
            errors.append(f"alias {k!r} shared by {sorted(v)} and not in ambiguous_aliases.tsv")
        elif not v <= allowed_shared[k]:
            errors.append(f"alias {k!r} shared by {sorted(v)}; ambiguous_aliases.tsv lists {sorted(allowed_shared[k])}")
    for k in allowed_shared:
        if k not in shared:
            warnings.append(f"ambiguous_aliases.tsv lists {k!r}, which no longer has two owners")
    return errors, warnings, owners, shared


def check_seed(owners, byid, seed_path):
    """The worked example must come out right."""
    problems = []
    text = open(seed_path, encoding="utf-8").read() if os.path.exists(seed_path) else None
    for surface, want_id, want_kind in SEED_EXPECT:
        got = owners.get(norm(surface), set())
        if got != {want_id}:
            problems.append(f"{surface!r} resolves to {sorted(got)}, want {want_id}")
        elif byid[want_id]["kind"] != want_kind:
            problems.append(f"{surface!r} is a {byid[want_id]['kind']}, want {want_kind}")
    return problems, text is not None


def phoenix_groups(path):
    groups = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "MilNonState" in r.get("source", ""):
                groups.append(r)
    return groups


def phoenix_forms(r):
    """Full names and acronyms of a Phoenix entry.

    A trailing parenthesis is either an acronym, "ADEN ABYAN ISLAMIC ARMY (AAIA)",
    which gives the name without it plus the acronym, or a disambiguator,
    "NATIONAL LIBERATION ARMY (BOLIVIA)", which stays part of the name.
    A parenthesis without a space and of six letters or fewer is an acronym;
    so is any name of six characters or fewer without a space.
    """
    full, short = set(), set()

    def add(n):
        if n:
            (short if len(n) <= 6 and " " not in n else full).add(n)

    for s in [r["name"]] + list(r.get("aliases", [])):
        m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", s)
        inner = norm(m.group(2)) if m else ""
        if m and inner and " " not in m.group(2).strip() and len(inner.replace(" ", "")) <= 6:
            add(norm(m.group(1)))
            short.add(inner)
        else:
            add(norm(s))
    return full, short


def coverage(groups, owners, byid, show):
    by_full, by_short, unmatched = [], [], []
    hit_ids = collections.Counter()
    for r in groups:
        full, short = phoenix_forms(r)
        ids = set()
        for f in full:
            ids |= owners.get(f, set())
        if ids:
            by_full.append(r)
        else:
            for s in short:
                ids |= owners.get(s, set())
            if ids:
                by_short.append(r)
            else:
                unmatched.append(r)
        for i in ids:
            hit_ids[byid[i]["kind"]] += 1
    total = len(groups)
    matched = len(by_full) + len(by_short)
    print(f"Phoenix MilNonState groups: {total}")
    print(f"  matched by a full name or alias: {len(by_full)}")
    print(f"  matched by an acronym only:      {len(by_short)}")
    print(f"  matched in all:                  {matched} ({100.0 * matched / total:.1f}%)")
    print(f"  unmatched:                       {len(unmatched)}")
    by_code = collections.Counter(
        (r["codes"][0]["code"][:3] if r.get("codes") else "?") for r in unmatched)
    print("  unmatched by Phoenix code prefix: " + ", ".join(f"{c} {n}" for c, n in by_code.most_common(12)))
    # Prominence: Phoenix's curators listed more spellings for the names they met
    # most often, so the unmatched entries with the most aliases come first.
    unmatched.sort(key=lambda r: (-len(r.get("aliases", [])), r["name"]))
    if show:
        print(f"Most prominent unmatched (by number of Phoenix aliases; first {show}):")
        for r in unmatched[:show]:
            code = r["codes"][0]["code"] if r.get("codes") else ""
            print(f"  {r['name']} [{code}] ({len(r.get('aliases', []))} aliases)")
    return total, matched


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--actors", default=ACTORS)
    ap.add_argument("--ambiguous", default=AMBIGUOUS)
    ap.add_argument("--phoenix", default=PHOENIX)
    ap.add_argument("--seed", default=SEED)
    ap.add_argument("--unmatched", type=int, default=30, help="how many unmatched Phoenix groups to list")
    ap.add_argument("--warnings", action="store_true", help="print warnings too")
    args = ap.parse_args()

    errors = []
    entries = load(args.actors, errors)
    allowed = load_ambiguous(args.ambiguous)
    errs, warnings, owners, shared = validate(entries, allowed)
    errors += errs
    byid = {e["id"]: e for e in entries}

    kinds = collections.Counter(e["kind"] for e in entries)
    print(f"{args.actors}: {len(entries)} entries")
    for k in KINDS:
        print(f"  {k}: {kinds.get(k, 0)}")
    n_alias = sum(len(e.get("aliases", [])) for e in entries)
    n_aff = sum(len(e.get("affiliations", [])) for e in entries)
    n_roles = sum(len(e.get("roles", [])) for e in entries)
    print(f"  aliases: {n_alias}; affiliations: {n_aff}; roles: {n_roles}; documented ambiguous aliases: {len(shared)}")
    nonlatin = sum(1 for e in entries for a in e.get("aliases", []) if any(ord(c) > 0x24F for c in a))
    print(f"  aliases in non-Latin scripts: {nonlatin}")

    seed_problems, seed_present = check_seed(owners, byid, args.seed) if not errors or byid else ([], False)
    print("Worked example (khaama-2015): " + ("all names resolve as expected" if not seed_problems else f"{len(seed_problems)} problem(s)"))
    for p in seed_problems:
        errors.append("worked example: " + p)

    if os.path.exists(args.phoenix):
        coverage(phoenix_groups(args.phoenix), owners, byid, args.unmatched)
    else:
        print(f"(skipped coverage: {args.phoenix} not found; it lives in ../shared/data)")

    if args.warnings:
        for w in warnings:
            print("warning:", w)
    elif warnings:
        print(f"{len(warnings)} warning(s); --warnings to list them")
    for e in errors:
        print("error:", e, file=sys.stderr)
    print("schema: " + ("OK" if not errors else f"{len(errors)} error(s)"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
