#!/usr/bin/env bash
# Builds the scenario-file fuzzer with clang (libFuzzer + ASan + UBSan) into build-fuzz and runs it.
#   tools/fuzz.sh [RUNS] [extra libFuzzer flags...]     RUNS defaults to 1000000 executions
# New inputs go to build-fuzz/corpus (seeded from fuzz/corpus); crashes to build-fuzz/artifacts/.
set -euo pipefail

runs=${1:-1000000}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGCLAB_FUZZ=ON -DGCLAB_SANITIZE=ON -DGCLAB_BUILD_GUI=OFF -DGCLAB_BUILD_TESTS=OFF \
    -DGCLAB_BUILD_BENCH=OFF -DGCLAB_CONFORMANCE=OFF >/dev/null
fi
cmake --build "$build" --target scenario_file_fuzzer

mkdir -p "$build/corpus" "$build/artifacts"
exec "$build/fuzz/scenario_file_fuzzer" -runs="$runs" -dict="$root/fuzz/scenario.dict" -timeout=10 \
  -artifact_prefix="$build/artifacts/" -print_final_stats=1 "$@" "$build/corpus" "$root/fuzz/corpus"
