#!/usr/bin/env bash
# The sanitizer builds, with clang: the whole test suite (unit, integration, CLI, example and,
# when tests/contract/node_modules is installed, the Prism contract test) under AddressSanitizer
# + LeakSanitizer + UndefinedBehaviorSanitizer in build-asan/, and the concurrency tests under
# ThreadSanitizer in build-tsan/. Fails on any test failure and on any sanitizer report, also one
# from a process whose failure a test expected (every report goes to a log file, checked at the
# end). Prints each command it runs.
#
#   scripts/sanitize.sh            # both
#   scripts/sanitize.sh asan       # or only one of them
#   scripts/sanitize.sh tsan
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

jobs=$(nproc 2>/dev/null || echo 2)
modes=("$@")
[ ${#modes[@]} -eq 0 ] && modes=(asan tsan)

# The tests TSan runs, a ctest -R regex over the GoogleTest names of the TSan build (which builds
# the unit, integration and command-line tests). The default '.' is all of them: every
# integration test runs the multi-threaded fake server, so all of them exercise threads. That
# includes the concurrency tests proper, which TSAN_TESTS='Concurrent|Cancel|Deadline|FakeServer'
# selects alone (the integration tests whose names contain Concurrent, Cancel or Deadline, the
# unit test of cancellation and deadlines, and the fake server's own tests).
tsan_tests=${TSAN_TESTS:-.}

run() {
  printf '+' >&2
  printf ' %q' "$@" >&2
  printf '\n' >&2
  "$@"
}

# Sanitizer reports go to <build>/sanitizer-logs/<tool>.<pid>; any such file is a finding.
check_logs() {
  local dir=$1 found=0 log
  for log in "$dir"/*; do
    [ -e "$log" ] || continue
    found=1
    echo "== sanitizer report: $log" >&2
    cat "$log" >&2
  done
  return $found
}

failed=()

asan() {
  local build=build-asan logs="$root/build-asan/sanitizer-logs"
  local flags="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
  local contract=OFF
  [ -x tests/contract/node_modules/.bin/prism ] && contract=ON
  # Every test but the package tests (install rules off): an instrumented library installed
  # for a plain consumer would not link, and the packaging is tested in the g++ pass.
  echo "== asan: ASan + LSan + UBSan, every test (contract test: $contract)" >&2
  run cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS=$flags" -DTWILIO_SUPERSIM_WERROR=ON -DTWILIO_SUPERSIM_BUILD_BENCHMARKS=OFF \
    -DTWILIO_SUPERSIM_INSTALL=OFF -DTWILIO_SUPERSIM_CONTRACT_TESTS=$contract >/dev/null
  run cmake --build "$build" -j "$jobs"
  rm -rf "$logs" && mkdir -p "$logs"
  local status=0
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$logs/asan" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan" \
    LSAN_OPTIONS="log_path=$logs/lsan" \
    run ctest --test-dir "$build" -j "$jobs" --output-on-failure || status=1
  check_logs "$logs" || status=1
  [ $status -eq 0 ] || failed+=(asan)
}

tsan() {
  local build=build-tsan logs="$root/build-tsan/sanitizer-logs"
  local flags="-O1 -g -fsanitize=thread -fno-omit-frame-pointer"
  echo "== tsan: ThreadSanitizer, ctest -R '$tsan_tests'" >&2
  # The unit, integration and command-line tests (the command has a signal-watcher thread and
  # a progress ticker); the examples, the documentation's programs and the contract test have
  # no threads of their own worth the build time.
  run cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS=$flags" -DTWILIO_SUPERSIM_WERROR=ON -DTWILIO_SUPERSIM_BUILD_CLI=ON \
    -DTWILIO_SUPERSIM_BUILD_EXAMPLES=OFF -DTWILIO_SUPERSIM_BUILD_BENCHMARKS=OFF \
    -DTWILIO_SUPERSIM_INSTALL=OFF -DTWILIO_SUPERSIM_CONTRACT_TESTS=OFF -DTWILIO_SUPERSIM_DOC_TESTS=OFF >/dev/null
  run cmake --build "$build" -j "$jobs" --target unit_tests integration_tests \
    integration_internal_tests supersim-usage cli_tests cli_unit_tests
  rm -rf "$logs" && mkdir -p "$logs"
  local status=0 options="halt_on_error=1:second_deadlock_stack=1:log_path=$logs/tsan"
  [ -f tests/tsan.supp ] && options+=":suppressions=$root/tests/tsan.supp"
  TSAN_OPTIONS="$options" run ctest --test-dir "$build" -j "$jobs" --output-on-failure -R "$tsan_tests" || status=1
  check_logs "$logs" || status=1
  [ $status -eq 0 ] || failed+=(tsan)
}

start=$SECONDS
for mode in "${modes[@]}"; do
  case $mode in
    asan | tsan) "$mode" ;;
    *)
      echo "usage: scripts/sanitize.sh [asan] [tsan]" >&2
      exit 2
      ;;
  esac
done
echo "== sanitize.sh: ${modes[*]} in $((SECONDS - start)) s" >&2
if [ ${#failed[@]} -ne 0 ]; then
  echo "== sanitize.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
