#!/usr/bin/env bash
# gclab — compare the model's marking speed with real Go 1.19 on the same shapes, in one run:
# builds bench_mark (Release, build-bench) and bench/go-mark, runs them alternately for --reps
# rounds and prints per shape the median model and Go ns per live object and the ratio go/model
# (> 1: the model marks more objects per second than the real runtime).
# Usage: tools/bench_mark_ratio.sh [--reps N]     Environment: GO, BUILD_DIR.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
reps=3
if [[ "${1:-}" == "--reps" ]]; then reps="$2"; fi
go_bin="${GO:-/usr/lib/go-1.19/bin/go}"
[[ -x "$go_bin" ]] || { echo "bench_mark_ratio: go not found at $go_bin (apt-get install golang-1.19-go or set GO)" >&2; exit 1; }

cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGCLAB_BUILD_TESTS=OFF -DGCLAB_BUILD_GUI=OFF >/dev/null
cmake --build "$build" --target bench_mark >/dev/null
(cd "$repo/bench/go-mark" && GOCACHE="$build/go-cache" GOFLAGS=-mod=mod "$go_bin" build -o "$build/gclabmark" .)

out="$build/bench-mark"
mkdir -p "$out"
rm -f "$out"/*.tsv
for ((r = 1; r <= reps; r++)); do
  "$build/bench/bench_mark" 3 > "$out/model-$r.tsv"
  "$build/gclabmark" 3 > "$out/go-$r.tsv"
done
python3 - "$out" "$reps" <<'PY'
import sys, statistics, csv, glob
out, reps = sys.argv[1], int(sys.argv[2])
def load(prefix):
    vals = {}
    for f in sorted(glob.glob(f"{out}/{prefix}-*.tsv")):
        for row in csv.DictReader(open(f), delimiter="\t"):
            vals.setdefault(row["shape"], []).append(float(list(row.values())[2]))
    return {k: statistics.median(v) for k, v in vals.items()}
model, go = load("model"), load("go")
print(f"{'shape':8} {'model ns/obj':>13} {'go ns/obj':>10} {'go/model':>9}")
for shape in model:
    print(f"{shape:8} {model[shape]:13.2f} {go[shape]:10.2f} {go[shape]/model[shape]:9.2f}")
print(f"# medians of {reps} rounds x 3 cycles, GOMAXPROCS=1, every object live")
PY
