#!/usr/bin/env bash
# gclab — compare the allocator model's speed with real Go 1.19: builds bench_alloc (Release, into
# build-bench) and bench/go, runs both in interleaved rounds and prints, per size and kind, the
# median model ns/alloc, the median Go ns/alloc and the ratio go/model (> 1: the model is faster).
#
# Usage: tools/bench_ratio.sh [--reps N] [--min-time SECONDS] [--cpu LIST] [--no-build]
#   --reps N        rounds; each round runs bench_alloc once and the Go program once (default 5)
#   --min-time S    Google Benchmark --benchmark_min_time per benchmark and round (default 0.5)
#   --cpu LIST      pin both programs with taskset -c LIST (e.g. 1)
#   --no-build      reuse the binaries already in build-bench
# Environment: GO (path to a go 1.19 binary), BUILD_DIR (default <repo>/build-bench).
set -euo pipefail

die() { echo "bench_ratio: $*" >&2; exit 1; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
reps=5
min_time=0.5
cpu=""
do_build=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --reps) [[ $# -ge 2 ]] || die "--reps needs a value"; reps="$2"; shift 2 ;;
        --min-time) [[ $# -ge 2 ]] || die "--min-time needs a value"; min_time="$2"; shift 2 ;;
        --cpu) [[ $# -ge 2 ]] || die "--cpu needs a value"; cpu="$2"; shift 2 ;;
        --no-build) do_build=0; shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || die "--reps must be a positive integer"

# Locate Go 1.19.
go_bin="${GO:-}"
if [[ -z "$go_bin" ]]; then
    if [[ -x /usr/lib/go-1.19/bin/go ]]; then
        go_bin=/usr/lib/go-1.19/bin/go
    elif command -v go >/dev/null 2>&1; then
        go_bin="$(command -v go)"
    else
        die "go not found: install golang-1.19-go (/usr/lib/go-1.19/bin/go) or set GO=/path/to/go"
    fi
fi
[[ -x "$go_bin" ]] || die "GO=$go_bin is not executable"
go_version="$("$go_bin" env GOVERSION 2>/dev/null || true)"
[[ "$go_version" == go1.19* ]] || echo "bench_ratio: warning: $go_bin is ${go_version:-unknown}, not go1.19" >&2
command -v python3 >/dev/null 2>&1 || die "python3 not found"

pin=()
if [[ -n "$cpu" ]]; then
    command -v taskset >/dev/null 2>&1 || die "--cpu needs taskset (util-linux)"
    pin=(taskset -c "$cpu")
fi

bench_alloc="$build/bench/bench_alloc"
go_prog="$build/gclabbench"
if [[ "$do_build" == 1 ]]; then
    generator=()
    if [[ ! -f "$build/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then
        generator=(-G Ninja)
    fi
    cmake -S "$repo" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DGCLAB_BUILD_TESTS=OFF \
        -DGCLAB_BUILD_BENCH=ON -DGCLAB_BUILD_GUI=OFF >/dev/null || die "cmake configure failed"
    cmake --build "$build" --target bench_alloc || die "cmake build failed"
    (
        cd "$repo/bench/go"
        export GOCACHE="$build/go-cache" GOPATH="$build/gopath" GO111MODULE=on GOWORK=off GOPROXY=off GOFLAGS=
        "$go_bin" build -o "$go_prog" .
    ) || die "go build of bench/go failed"
fi
[[ -x "$bench_alloc" ]] || die "missing $bench_alloc (run without --no-build)"
[[ -x "$go_prog" ]] || die "missing $go_prog (run without --no-build)"

out="$build/bench-ratio"
rm -rf "$out"
mkdir -p "$out"
echo "bench_ratio: $reps rounds (model: min_time ${min_time}s per benchmark; go: one fresh process per" \
     "size and kind); raw results in $out" >&2
for ((r = 1; r <= reps; r++)); do
    run_model() {
        "${pin[@]}" "$bench_alloc" --benchmark_format=json --benchmark_min_time="$min_time" \
            >"$out/model.$r.json" || die "bench_alloc failed (round $r)"
    }
    run_go() {
        "${pin[@]}" "$go_prog" -reps 1 >"$out/go.$r.tsv" || die "Go benchmark failed (round $r)"
    }
    # Alternate which program goes first so that slow drifts of the machine hit both alike.
    if ((r % 2)); then run_model; run_go; else run_go; run_model; fi
    echo "bench_ratio: round $r/$reps done" >&2
done

python3 - "$out" "$reps" <<'PY'
import json, statistics, sys
from pathlib import Path

out, reps = Path(sys.argv[1]), int(sys.argv[2])
model, go = {}, {}
context = None
for r in range(1, reps + 1):
    doc = json.loads((out / f"model.{r}.json").read_text())
    context = doc.get("context", {})
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
    for b in doc["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        _, kind, size = b["name"].split("/")[:3]
        model.setdefault((int(size), kind), []).append(b["real_time"] * scale[b.get("time_unit", "ns")])
    for line in (out / f"go.{r}.tsv").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        if f[0] == "go":
            go.setdefault((int(f[1]), f[2]), []).append(float(f[3]))

keys = sorted(set(model) | set(go), key=lambda k: (k[1] != "noscan", k[0]))
print(f"# gclab model vs Go 1.19 allocation, GC off, median of {reps} rounds "
      f"(host: {context.get('num_cpus', '?')} cpus @ {context.get('mhz_per_cpu', '?')} MHz)")
print(f"{'size':>6} {'kind':<7} {'model ns/alloc':>15} {'go ns/alloc':>12} {'go/model':>9}")
ratios = {}
for size, kind in keys:
    m = statistics.median(model[(size, kind)]) if (size, kind) in model else None
    g = statistics.median(go[(size, kind)]) if (size, kind) in go else None
    ratio = g / m if m and g else None
    if ratio:
        ratios.setdefault(kind, []).append(ratio)
    fmt = lambda v, w: f"{v:>{w}.2f}" if v is not None else f"{'-':>{w}}"
    print(f"{size:>6} {kind:<7} {fmt(m, 15)} {fmt(g, 12)} {fmt(ratio, 9)}")
for kind, rs in sorted(ratios.items()):
    print(f"# geometric mean go/model, {kind}: {statistics.geometric_mean(rs):.2f}")
PY
