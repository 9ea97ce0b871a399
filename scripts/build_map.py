"""Writes the dashboard's offline world map: country outlines as GeoJSON.

Usage: python3 scripts/build_map.py NODE_MODULES OUT.geojson

Reads world-atlas 2.0.2's countries-110m.json (Natural Earth 1:110m, public
domain, via npm world-atlas, ISC), decodes the topology into polygons, and
writes a FeatureCollection whose features carry `iso2` (from the ISO numeric
id, mapped through data/gazetteer/countries.tsv) and `name`. Coordinates are
rounded to 0.01°, enough for a map of the world.
"""
import csv
import json
import os
import sys

node, out = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
topo = json.load(open(os.path.join(node, "world-atlas", "countries-110m.json"), encoding="utf-8"))
num2a2 = {}
with open(os.path.join(root, "data", "gazetteer", "countries.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        if row["numeric"]:
            num2a2[int(row["numeric"])] = row["iso2"]

sx, sy = topo["transform"]["scale"]
tx, ty = topo["transform"]["translate"]
arcs = []
for arc in topo["arcs"]:
    x = y = 0
    pts = []
    for dx, dy in arc:
        x += dx
        y += dy
        pts.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
    arcs.append(pts)


def ring(indices):
    pts = []
    for i in indices:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


features = []
for g in topo["objects"]["countries"]["geometries"]:
    if g["type"] not in ("Polygon", "MultiPolygon"):
        continue
    polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
    coords = [[ring(r) for r in poly] for poly in polys]
    iso2 = num2a2.get(int(g["id"])) if g.get("id") else None
    features.append({
        "type": "Feature",
        "properties": {"iso2": iso2, "name": g["properties"]["name"]},
        "geometry": {"type": "MultiPolygon", "coordinates": coords},
    })
with open(out, "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "features": features}, f, separators=(",", ":"), ensure_ascii=False)
    f.write("\n")
print(f"{out}: {len(features)} countries")
