#!/usr/bin/env bash
# The checks beyond the tests: every C++ file as clang-format writes it; clang-tidy (.clang-tidy
# says which checks, and why) with no finding over the library and the supersim-usage command;
# and the library (not the command or the fake server) built with clang and libc++ and compiled,
# syntax only, for Windows with mingw-w64 (static and DLL export declarations), so the vcpkg
# port's "supports" is a fact.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== lint: clang-format --dry-run --Werror" >&2
git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format --dry-run --Werror

echo "== lint: clang-tidy (build-tidy/: configured only, for its compile commands)" >&2
cmake -S . -B build-tidy -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DTWILIO_SUPERSIM_BUILD_TESTS=OFF -DTWILIO_SUPERSIM_BUILD_EXAMPLES=OFF \
  -DTWILIO_SUPERSIM_BUILD_CLI=ON -DTWILIO_SUPERSIM_INSTALL=OFF -DTWILIO_SUPERSIM_BUILD_DOCS=OFF \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
# Headers are checked through the sources that include them (.clang-tidy's HeaderFilterRegex).
run-clang-tidy -quiet -j "$(nproc 2>/dev/null || echo 2)" -p build-tidy \
  "$PWD/(src/(?!testing/)|tools/supersim-usage/).*\\.cpp\$" >build-tidy/clang-tidy.log 2>&1 || {
  grep -E '(warning|error):' build-tidy/clang-tidy.log | sort -u >&2
  echo "lint: clang-tidy found the above (whole output: build-tidy/clang-tidy.log)" >&2
  exit 1
}

echo "== lint: the library with clang and libc++ (build-libcxx/)" >&2
cmake -S . -B build-libcxx -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS=-stdlib=libc++ -DTWILIO_SUPERSIM_WERROR=ON -DTWILIO_SUPERSIM_BUILD_TESTS=OFF \
  -DTWILIO_SUPERSIM_BUILD_TESTING_LIB=OFF -DTWILIO_SUPERSIM_BUILD_CLI=OFF \
  -DTWILIO_SUPERSIM_BUILD_EXAMPLES=OFF -DTWILIO_SUPERSIM_INSTALL=OFF \
  -DTWILIO_SUPERSIM_BUILD_DOCS=OFF >/dev/null
cmake --build build-libcxx --target twilio-supersim

echo "== lint: the library for Windows, mingw-w64, syntax only" >&2
# The dependencies' headers are portable; only they are taken from /usr/include (not glibc's).
win=build-mingw
rm -rf "$win" && mkdir -p "$win/deps" "$win/static/twilio" "$win/shared/twilio"
for dep in nlohmann date simdjson.h; do ln -s "/usr/include/$dep" "$win/deps/$dep"; done
curl_dir=$(dirname "$(find /usr/include -name curl.h -path '*curl/curl.h' | head -1)")
ln -s "$curl_dir" "$win/deps/curl"
for kind in static shared; do
  shared=0; [ "$kind" = shared ] && shared=1
  sed "s/@TWILIO_SUPERSIM_SHARED@/$shared/" include/twilio/export.hpp.in >"$win/$kind/twilio/export.hpp"
  sed -e 's/@PROJECT_VERSION_MAJOR@/0/; s/@PROJECT_VERSION_MINOR@/0/; s/@PROJECT_VERSION_PATCH@/0/' \
    -e 's/@PROJECT_VERSION@/0.0.0/' include/twilio/version.hpp.in >"$win/$kind/twilio/version.hpp"
done
sources=$(sed -n '/^add_library(twilio-supersim-objects OBJECT$/,/^)/p' CMakeLists.txt |
  grep -o 'src/[^ ]*\.cpp')
[ -n "$sources" ] || { echo 'lint.sh: no library sources in CMakeLists.txt' >&2; exit 1; }
for kind in static shared; do
  for source in $sources; do
    x86_64-w64-mingw32-g++-posix -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Wshadow -Werror \
      -DTWILIO_SUPERSIM_BUILDING -DHAS_STRING_VIEW=1 -DONLY_C_LOCALE=1 -Iinclude -I"$win/$kind" \
      -Isrc -isystem "$win/deps" "$source"
  done
done
# The public headers as the project's own tests of a DLL build see them: linked with the objects,
# importing nothing (TWILIO_SUPERSIM_LINK_OBJECTS, include/twilio/export.hpp.in).
headers=$(cd include && git ls-files 'twilio/*.hpp' | grep -v '^twilio/testing/')
printf '#include <%s>\n' $headers |
  x86_64-w64-mingw32-g++-posix -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Wshadow -Werror \
    -DTWILIO_SUPERSIM_LINK_OBJECTS -DHAS_STRING_VIEW=1 -DONLY_C_LOCALE=1 -Iinclude -I"$win/shared" \
    -isystem "$win/deps" -x c++ -
echo "== lint.sh: done" >&2
