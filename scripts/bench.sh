#!/usr/bin/env bash
# The benchmarks (bench/README.md): a Release build in build-bench/, then side_by_side first
# (the headline: curl, the SDK, supersim-usage and twilio-node listing the same 200,000 records
# from bench_page_server, 7 rounds, plus the SDK streaming 1,000,000 records for its memory; the
# targets enforced), parallel_slices (the same listing with and without --parallel 8 from a
# fake server that waits 100 ms before every page), then micro_benchmarks (query building, page
# parsing; Google Benchmark) and stream_e2e (200,000 and 1,000,000 records streamed, each with
# the curl floor; 200,000 records listed). Output is also kept in <build>/bench-results/
# (--quick: bench-results-quick/). Fails on any benchmark error, checksum mismatch or output
# difference, and (full run only, after everything ran) on a missed target.
#
#   scripts/bench.sh                        # the full run (about two minutes of runs on 2 cores)
#   scripts/bench.sh --quick                # one short pass of each, so CI keeps them working
#   scripts/bench.sh --quick --build-dir build
#                                           # reuse a configured build that has the bench
#                                           # targets (scripts/test.sh does, after its presets)
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: scripts/bench.sh [--quick] [--build-dir DIR]" >&2
  exit 2
}

quick=0
build=build-bench
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --build-dir)
      [ $# -ge 2 ] || usage
      build=$2
      shift
      ;;
    *) usage ;;
  esac
  shift
done

run() {
  printf '+' >&2
  printf ' %q' "$@" >&2
  printf '\n' >&2
  "$@"
}

jobs=$(nproc 2>/dev/null || echo 2)
if [ "$build" = build-bench ]; then
  # The library, the fake server, the benchmarks and the CLI (a side_by_side contender): no tests
  # or examples to build.
  run cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTWILIO_SUPERSIM_WERROR=ON \
    -DTWILIO_SUPERSIM_BUILD_TESTS=OFF -DTWILIO_SUPERSIM_BUILD_CLI=ON \
    -DTWILIO_SUPERSIM_BUILD_EXAMPLES=OFF -DTWILIO_SUPERSIM_BUILD_BENCHMARKS=ON >/dev/null
elif [ ! -f "$build/CMakeCache.txt" ]; then
  echo "scripts/bench.sh: $build is not a configured build directory" >&2
  exit 2
fi
run cmake --build "$build" -j "$jobs" --target micro_benchmarks stream_e2e bench_page_server \
  sdk_listing side_by_side parallel_slices supersim-usage

# twilio-node for side_by_side, at the versions bench/node/package-lock.json pins. Without npm
# side_by_side skips it and says why (and a full run then misses the twilio-node targets).
if command -v npm >/dev/null 2>&1; then
  run npm ci --prefix bench/node --no-audit --no-fund --loglevel=error >&2
else
  echo "scripts/bench.sh: npm not found: side_by_side runs without twilio-node" >&2
fi

bin=$build/bin
results=$build/bench-results
[ $quick -eq 1 ] && results=$build/bench-results-quick  # keeps the last full run's output
mkdir -p "$results"

# What was measured: the machine and the source state (read-only git queries).
{
  echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu:      $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1), $(nproc) cores"
  echo "build:    $build ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt"))"
  if git rev-parse --git-dir >/dev/null 2>&1; then
    echo "commit:   $(git rev-parse --short HEAD) + $(git status --porcelain | wc -l) changed/new paths in the working tree"
  fi
} | tee "$results/environment.txt"

# The headline: every client side by side from one run (bench/side_by_side/). It exits 1 on a
# wrong output or a failed process (stop here), 3 on a missed target with --enforce-targets (the
# rest still runs; the script fails at the end).
side_args=(--bin "$bin" --node-dir bench/node --out-dir "$results/side_by_side")
if [ $quick -eq 1 ]; then
  side_args+=(--records 5000 --runs 1 --rss-records 0)
else
  side_args+=(--records 200000 --runs 7 --rss-records 1000000 --enforce-targets)
fi
side_status=0
run "$bin/side_by_side" "${side_args[@]}" | tee "$results/side_by_side.txt" || side_status=$?
if [ $side_status -ne 0 ] && [ $side_status -ne 3 ]; then
  echo "scripts/bench.sh: side_by_side failed (exit $side_status)" >&2
  exit 1
fi

# A far-away API: 100 ms before every page, the same listing with --parallel 1 and 8, outputs
# compared byte for byte (exit 1 on a difference, 3 on a missed target with --enforce-target).
parallel_args=(--bin "$bin" --out-dir "$results/parallel_slices")
if [ $quick -eq 1 ]; then
  parallel_args+=(--days 2 --delay-ms 10)
else
  parallel_args+=(--enforce-target)
fi
parallel_status=0
run "$bin/parallel_slices" "${parallel_args[@]}" | tee "$results/parallel_slices.txt" ||
  parallel_status=$?
if [ $parallel_status -ne 0 ] && [ $parallel_status -ne 3 ]; then
  echo "scripts/bench.sh: parallel_slices failed (exit $parallel_status)" >&2
  exit 1
fi

# Google Benchmark 1.7.1 exits 0 even when a benchmark calls SkipWithError: look for errors in
# the JSON it writes (every repetition is kept there) and in what it printed.
micro_args=(--benchmark_out="$results/micro.json" --benchmark_out_format=json)
if [ $quick -eq 1 ]; then
  micro_args+=(--benchmark_min_time=0.01)
else
  micro_args+=(--benchmark_repetitions=5 --benchmark_display_aggregates_only=true)
fi
run "$bin/micro_benchmarks" "${micro_args[@]}" 2>&1 | tee "$results/micro.txt"
if grep -q '"error_occurred": true' "$results/micro.json" || grep -q 'ERROR OCCURRED' "$results/micro.txt"; then
  echo "scripts/bench.sh: a micro benchmark failed" >&2
  exit 1
fi

# stream_e2e exits non-zero on a count or checksum mismatch and on any error; pipefail keeps it.
if [ $quick -eq 1 ]; then
  run "$bin/stream_e2e" --records 5000 --curl | tee "$results/stream_5k.txt"
  run "$bin/stream_e2e" --records 5000 --mode list | tee "$results/list_5k.txt"
else
  run "$bin/stream_e2e" --records 200000 --curl | tee "$results/stream_200k.txt"
  run "$bin/stream_e2e" --records 1000000 --curl | tee "$results/stream_1m.txt"
  run "$bin/stream_e2e" --records 200000 --mode list | tee "$results/list_200k.txt"
fi
if [ $side_status -eq 3 ]; then
  echo "scripts/bench.sh: side_by_side missed a target (see $results/side_by_side.txt)" >&2
  exit 3
fi
if [ $parallel_status -eq 3 ]; then
  echo "scripts/bench.sh: parallel_slices missed its target (see $results/parallel_slices.txt)" >&2
  exit 3
fi
echo "== scripts/bench.sh: done; results in $results" >&2
