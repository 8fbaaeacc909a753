#!/usr/bin/env bash
# Regenerates every coverage report under fixtures/coverage/*/reports/ with the real tools,
# together with each tool's own text summary, which test/coverage compares mldebt against.
#
# Needs (Debian): apt-get install -y python3-coverage lcov gcovr golang-go \
#                   default-jdk-headless ant libjacoco-java
# and c8 from the project's devDependencies (npm ci).
#
# Reports keep the absolute paths of the machine that generated them (c8, lcov and JaCoCo
# have no option to write relative ones, coverage.py's XML writes a <source> root). Nothing
# is rewritten: on any other checkout the tests map those paths exactly as mldebt maps a
# report made on a CI runner, which is the point.
#
# Tests do not run this script; they read the committed reports, so CI needs none of the
# tools above.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/fixtures/coverage"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

require() {
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "regen-coverage-fixtures: '$tool' not found; see the apt-get line at the top of $0" >&2
      exit 1
    fi
  done
}
require unzip gcc gcov gcovr lcov python3-coverage go javac java ant "$root/node_modules/.bin/c8"

# --- JavaScript: c8 (V8 coverage through Istanbul's reporters) ---------------------------
js="$fixtures/js-package"
rm -rf "$js/reports"
(
  cd "$js"
  # --all: files the test never imports (src/unused.js) must appear, at 0%.
  "$root/node_modules/.bin/c8" --all --src src --include 'src/**' \
    --temp-directory "$tmp/c8" --reports-dir reports \
    --reporter lcovonly --reporter cobertura --reporter clover \
    --reporter json --reporter json-summary \
    node test/run.js
  "$root/node_modules/.bin/c8" report --temp-directory "$tmp/c8" --all --src src \
    --include 'src/**' --reporter text >reports/text.txt
  "$root/node_modules/.bin/c8" report --temp-directory "$tmp/c8" --all --src src \
    --include 'src/**' --reporter text-summary >reports/text-summary.txt
)

# --- Python: coverage.py ------------------------------------------------------------------
py="$fixtures/py-package"
rm -rf "$py/reports"
mkdir -p "$py/reports"
(
  cd "$py"
  export COVERAGE_FILE="$tmp/python.coverage"
  # --source=pkg: modules run.py never imports (pkg/unused.py) must appear, at 0%.
  # Debian's python3-coverage runs under Debian's own /usr/bin/python3.
  python3-coverage run --source=pkg run.py
  python3-coverage xml -o reports/coverage.xml
  python3-coverage json -o reports/coverage.json
  python3-coverage lcov -o reports/coverage.lcov
  python3-coverage report >reports/report.txt
)

# --- C: gcc --coverage, then gcovr and lcov over the same run -----------------------------
c="$fixtures/c-program"
rm -rf "$c/reports"
mkdir -p "$c/reports"
(
  cd "$c"
  build="$tmp/c-build"
  mkdir -p "$build"
  gcc --coverage -O0 -o "$build/main" src/main.c src/util.c
  # gcc names the .gcno/.gcda files after the object paths; run from the build dir.
  (cd "$build" && ./main)
  gcovr --root . --object-directory "$build" --xml-pretty -o reports/gcovr-cobertura.xml "$build"
  gcovr --root . --object-directory "$build" --txt reports/gcovr.txt "$build"
  # geninfo 1.16 warns about redefined subroutines under Debian's perl: noise, not errors.
  lcov --quiet --capture --directory "$build" --base-directory . --output-file reports/lcov.info \
    2> >(grep -v 'redefined at' >&2)
  lcov --list reports/lcov.info >reports/lcov-list.txt
  lcov --summary reports/lcov.info >reports/lcov-summary.txt 2>&1
)

# --- Go: go test -coverprofile ------------------------------------------------------------
go_dir="$fixtures/go-module"
rm -rf "$go_dir/reports"
mkdir -p "$go_dir/reports"
(
  cd "$go_dir"
  export GOFLAGS=-mod=mod GOCACHE="$tmp/go-cache" GOPATH="$tmp/go-path" GOTOOLCHAIN=local
  go test -covermode=count -coverprofile=reports/cover.out ./... >/dev/null
  go tool cover -func=reports/cover.out >reports/cover-func.txt
)

# --- Java: JaCoCo agent while the program runs, then the Ant report task ------------------
java_dir="$fixtures/java-package"
rm -rf "$java_dir/reports"
mkdir -p "$java_dir/reports"
(
  cd "$java_dir"
  classes="$tmp/java-classes"
  mkdir -p "$classes"
  # --release 11: JaCoCo 0.8.6 (Debian bookworm) reads class files up to Java 15.
  javac --release 11 -d "$classes" $(find src/main/java -name '*.java' | sort)
  # Debian ships the runnable agent inside org.jacoco.agent.jar (as upstream's AgentJar does).
  unzip -p /usr/share/java/org.jacoco.agent.jar jacocoagent.jar >"$tmp/jacocoagent.jar"
  java -javaagent:"$tmp/jacocoagent.jar"=destfile="$tmp/jacoco.exec" \
    -cp "$classes" com.example.fixture.Main
  ant -quiet -f "$root/scripts/jacoco-report.xml" \
    -Dexec="$tmp/jacoco.exec" -Dclasses="$classes" -Dsources="$java_dir/src/main/java" \
    -Dout="$java_dir/reports" >/dev/null
)

echo "regenerated coverage fixtures under $fixtures" >&2
