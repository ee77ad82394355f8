#!/usr/bin/env bash
# The demo: installs what is missing, builds, and runs supersim-usage against the bundled fake
# Super SIM server (no Twilio account needed). Extra arguments go to supersim-usage.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc 2>/dev/null || echo 2)" --target supersim-usage >&2
exec build/bin/supersim-usage --demo "$@"
