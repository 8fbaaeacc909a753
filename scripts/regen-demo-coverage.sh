#!/usr/bin/env bash
# Regenerates fixtures/demo/coverage/: real coverage.py reports (Cobertura XML, JSON, lcov)
# of the demo repository, made by running the demo's own pytest suite under coverage.
#
# Needs Debian's python3-coverage, python3-pytest and python3-pandas:
#   apt-get install -y python3-coverage python3-pytest python3-pandas
# The training tests need scikit-learn and lightgbm, which are left out on purpose: those
# tests fail and training stays mostly uncovered, which is the state the demo's inventory
# describes. The build happens under /builds/fraud-scoring, a CI runner's kind of path, so
# the reports name a checkout that is not the one `npm run demo` audits (mldebt maps it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=/builds/fraud-scoring
out="$root/fixtures/demo/coverage"

rm -rf "$work"
mkdir -p "$(dirname "$work")" "$out"
node "$root/scripts/demo.js" --build-only "$work" > /dev/null
cd "$work"
export PYTHONDONTWRITEBYTECODE=1
python3-coverage erase
python3-coverage run --source=src,pipelines -m pytest -q -p no:cacheprovider | tail -1 || true
python3-coverage xml -o "$out/coverage.xml"
python3-coverage json -o "$out/coverage.json"
python3-coverage lcov -o "$out/coverage.lcov"
python3-coverage report > "$out/report.txt"
cat "$out/report.txt" | tail -1
