#!/usr/bin/env bash
# Builds a fuzzer with clang (libFuzzer + ASan + UBSan) into build-fuzz and runs it.
#   tools/fuzz.sh [scenario|recording] [RUNS] [extra libFuzzer flags...]
# scenario (the default) fuzzes the scenario-file parser, recording the recording-file decoder; RUNS
# defaults to 1000000 executions. New inputs go to build-fuzz/corpus-TARGET (seeded from
# fuzz/corpus or fuzz/corpus-recording); crashes to build-fuzz/artifacts/.
set -euo pipefail

target=scenario
case "${1:-}" in
scenario | recording)
  target=$1
  shift
  ;;
esac
runs=${1:-1000000}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGCLAB_FUZZ=ON -DGCLAB_SANITIZE=ON -DGCLAB_BUILD_GUI=OFF -DGCLAB_BUILD_TESTS=OFF \
    -DGCLAB_BUILD_BENCH=OFF -DGCLAB_CONFORMANCE=OFF >/dev/null
fi
mkdir -p "$build/corpus-$target" "$build/artifacts"
if [ "$target" = recording ]; then
  cmake --build "$build" --target recording_file_fuzzer
  exec "$build/fuzz/recording_file_fuzzer" -runs="$runs" -timeout=10 -artifact_prefix="$build/artifacts/" \
    -print_final_stats=1 "$@" "$build/corpus-$target" "$root/fuzz/corpus-recording"
fi
cmake --build "$build" --target scenario_file_fuzzer
exec "$build/fuzz/scenario_file_fuzzer" -runs="$runs" -dict="$root/fuzz/scenario.dict" -timeout=10 \
  -artifact_prefix="$build/artifacts/" -print_final_stats=1 "$@" "$build/corpus-$target" "$root/fuzz/corpus"
