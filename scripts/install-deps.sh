#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages this project builds and tests with, if any are missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  g++ clang
  libcurl4-openssl-dev nlohmann-json3-dev libhowardhinnant-date-dev
  libgtest-dev libgmock-dev libcpp-httplib-dev openssl
)

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
