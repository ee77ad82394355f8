#!/usr/bin/env bash
# The test command: installs what is missing, then builds with g++ (static libraries) and with
# clang (shared libraries), warnings as errors, and runs every test with both
# (docs/testing.md, "The SDK's own suite, static and shared").
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# Stoplight Prism for the contract test, at the versions package-lock.json pins.
npm ci --prefix tests/contract --no-audit --no-fund --loglevel=error >&2

# Formatting, and the library with libc++ and for Windows (scripts/lint.sh).
scripts/lint.sh

jobs=$(nproc 2>/dev/null || echo 2)
for preset in ci-gcc ci-clang; do
  echo "== $preset: configure and build" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  # The API reference: any Doxygen warning (an undocumented public declaration) fails it.
  if [ "$preset" = ci-gcc ]; then cmake --build --preset "$preset" --target docs; fi
  echo "== $preset: test" >&2
  # The package tests (tests/package) check the packaging once, in the g++ pass.
  skip=()
  [ "$preset" = ci-clang ] && skip=(-LE package)
  ctest --preset "$preset" -j "$jobs" "${skip[@]}"
done

# One short pass of every benchmark (built by the ci-gcc preset above), so they cannot rot; no
# figures are judged here. scripts/bench.sh alone does the real run.
echo "== benchmarks: quick pass" >&2
scripts/bench.sh --quick --build-dir build

# Clang sanitizers over the test suite (build-asan/, build-tsan/), then each libFuzzer target for
# 60 s (build-fuzz/). Both fail on any finding.
scripts/sanitize.sh
scripts/fuzz.sh 60
