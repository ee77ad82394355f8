#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages this project builds and tests with, if any are missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  g++ clang
  libclang-rt-14-dev llvm-14
  libcurl4-openssl-dev nlohmann-json3-dev libhowardhinnant-date-dev
  libsimdjson-dev
  libgtest-dev libgmock-dev libcpp-httplib-dev openssl
  libbenchmark-dev curl
  doxygen groff-base
  clang-format clang-tidy libc++-dev libc++abi-dev g++-mingw-w64-x86-64
)

# Node.js and npm run Stoplight Prism for the contract test; any recent Node.js will do, so a
# node already on the PATH (from NodeSource, say) is kept.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
