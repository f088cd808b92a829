#!/usr/bin/env bash
# Installs what is missing, builds gclab, and opens it on its default demonstration.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j2
exec ./build/cli/gclab demo
