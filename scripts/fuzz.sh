#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) in build-fuzz/ and runs each for
# a bounded time, starting from a copy of its seed corpus and regressions (the committed corpus
# is never written to). Prints each target's execution count; fails if any target crashes,
# leaks, times out or breaks an invariant. See fuzz/README.md.
#
#   scripts/fuzz.sh [seconds per target, default 60] [target...]
#   targets: page differential rfc3339 query
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [seconds per target] [page|differential|rfc3339|query ...]" >&2
  exit 2
fi
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(page differential rfc3339 query)

build="build-fuzz"
jobs=$(nproc 2>/dev/null || echo 2)

run() {
  printf '+' >&2
  printf ' %q' "$@" >&2
  printf '\n' >&2
  "$@"
}

start=$SECONDS
# The library is instrumented for coverage (fuzzer-no-link) and checked by ASan and UBSan; the
# targets link libFuzzer itself (fuzz/CMakeLists.txt). Only the library and the fuzzers are built.
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
run cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS=$flags" -DTWILIO_SUPERSIM_WERROR=ON -DTWILIO_SUPERSIM_BUILD_FUZZERS=ON \
  -DTWILIO_SUPERSIM_BUILD_TESTS=OFF -DTWILIO_SUPERSIM_BUILD_TESTING_LIB=OFF \
  -DTWILIO_SUPERSIM_BUILD_CLI=OFF -DTWILIO_SUPERSIM_BUILD_EXAMPLES=OFF \
  -DTWILIO_SUPERSIM_BUILD_BENCHMARKS=OFF >/dev/null
run cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}"

export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
summary=()
for target in "${targets[@]}"; do
  binary="$root/$build/bin/fuzz_$target"
  work="$root/$build/fuzz-runs/$target"
  echo "== fuzz_$target: $seconds s" >&2
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/crashes"
  cp -R "fuzz/corpus/$target/." "$work/corpus/"
  if [ -d "fuzz/regressions/$target" ]; then
    cp -R "fuzz/regressions/$target/." "$work/corpus/"
  fi

  args=(-max_total_time="$seconds" -timeout=25 -print_final_stats=1
        -artifact_prefix="$work/crashes/")
  [ -f "fuzz/$target.dict" ] && args+=(-dict="$root/fuzz/$target.dict")
  status=0
  printf '+ (cd %q &&' "$work" >&2
  printf ' %q' "$binary" "${args[@]}" corpus >&2
  printf ') >%q 2>&1\n' "$work/fuzz.log" >&2
  began=$SECONDS
  (cd "$work" && "$binary" "${args[@]}" corpus) >"$work/fuzz.log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
  corpus_files=$(find "$work/corpus" -type f | wc -l)
  line="fuzz_$target: ${executions:-?} executions in $((SECONDS - began)) s"
  summary+=("$line, corpus $corpus_files files")
  echo "   ${summary[-1]}" >&2
  if [ $status -ne 0 ]; then
    failed+=("fuzz_$target")
    echo "== fuzz_$target FAILED (exit $status); the end of $work/fuzz.log:" >&2
    tail -n 60 "$work/fuzz.log" >&2
    for crash in "$work/crashes"/*; do
      [ -f "$crash" ] || continue
      echo "   reproduce: $build/bin/fuzz_$target $crash" >&2
    done
  fi
done

echo "== fuzz.sh: ${#targets[@]} target(s), $seconds s each, $((SECONDS - start)) s in all" >&2
printf '   %s\n' "${summary[@]}" >&2
if [ ${#failed[@]} -ne 0 ]; then
  echo "== fuzz.sh: FAILED: ${failed[*]} (inputs in $build/fuzz-runs/<target>/crashes/)" >&2
  exit 1
fi
