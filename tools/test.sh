#!/usr/bin/env bash
# Builds gclab and runs every test (unit, property, CLI, and conformance against real Go 1.19).
# Usage: tools/test.sh [build-dir] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${1:-build}"
shift || true

bash tools/install-deps.sh

WERROR=OFF
if [ "${CI:-}" = "true" ]; then
  WERROR=ON
fi

echo "== format check"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

echo "== build ($BUILD_DIR)"
cmake -S . -B "$BUILD_DIR" -G Ninja -DGCLAB_WERROR="$WERROR" "$@" >/dev/null
cmake --build "$BUILD_DIR" -j2

echo "== test ($BUILD_DIR)"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2
