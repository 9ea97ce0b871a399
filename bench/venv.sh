# Sourced by the benchmark scripts: bench/.venv with the given PyPI packages.
# A venv moved from another checkout has dangling links: it is made afresh.
# Usage: . bench/venv.sh "htmldate==1.11.0" ...
if ! bench/.venv/bin/python -c '' 2>/dev/null; then
  rm -rf bench/.venv
  "${PYTHON:-python3}" -m venv bench/.venv
  bench/.venv/bin/python -m pip install -q --upgrade pip
fi
bench/.venv/bin/python -m pip install -q "$@"
