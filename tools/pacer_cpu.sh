#!/bin/sh
# pacer_cpu.sh — where the time goes, in Go 1.19 and in the model, for the same steady-state run: the
# mark CPU per cycle that gctrace reports, per MB of marked heap, against the heap goal. This is the
# cost model's check in the run itself (docs/pacer.md, "Cost model calibration"): the go-calib
# benchmarks time one operation in isolation, this times the mark phases of the conformance workload.
# Needs a build with -DGCLAB_CONFORMANCE=ON (for the Go probe) and the gclab CLI.
#
# Usage: tools/pacer_cpu.sh [--go-runs N] BUILD_DIR LIVE_MIB GOMAXPROCS GOGC...   (default: 3 Go runs)
# One line per Go run and one for the model (seed 1, 300000 iterations per worker at 8 MiB, 600000
# above). Columns, over the steady phase (the last two thirds of the cycles): mean heap goal and
# marked heap (gctrace MB), mean mark CPU per cycle (assist + background + idle, ms) and per marked MB;
# then the run's length (gctrace's @ of the last cycle) and GC share. Run it on a quiet machine: wall
# and CPU times stretch under load (docs/pacer.md).
set -eu
goruns=3
if [ "${1:-}" = --go-runs ]; then
  goruns=$2
  shift 2
fi
if [ $# -lt 4 ]; then
  echo "usage: tools/pacer_cpu.sh [--go-runs N] BUILD_DIR LIVE_MIB GOMAXPROCS GOGC..." >&2
  exit 2
fi
build=$1 live=$2 procs=$3
shift 3
probe=$build/tests/conformance/go-steadystate
gclab=$build/cli/gclab
for f in "$probe" "$gclab"; do
  if [ ! -x "$f" ]; then
    echo "pacer_cpu.sh: $f not found; configure with -DGCLAB_CONFORMANCE=ON and build" >&2
    exit 2
  fi
done
bytes=$((live << 20))
if [ "$live" -le 8 ]; then iterations=300000; else iterations=600000; fi

steady() {
  awk '/^gc [0-9]+ @/ { n++; line[n] = $0 }
    END {
      if (n < 3) { print "fewer than 3 cycles"; exit }
      first = int(n / 3) + 1; cpu = 0; marked = 0; goal = 0
      for (i = first; i <= n; i++) {
        s = line[i]
        match(s, /ms clock, [^ ]+ ms cpu/); c = substr(s, RSTART + 10, RLENGTH - 17)
        split(c, stage, "+"); split(stage[2], mark, "/"); cpu += mark[1] + mark[2] + mark[3]
        match(s, /[0-9]+->[0-9]+->[0-9]+ MB, [0-9]+ MB goal/); h = substr(s, RSTART, RLENGTH - 8)
        gsub(/ MB,/, "->", h); split(h, mb, "->"); marked += mb[3]; goal += mb[4]
      }
      k = n - first + 1; split(line[n], f, " ")
      printf "cycles %3d  goal %6.1f MB  marked %6.1f MB  mark cpu %7.2f ms/cycle %6.3f ms/MB  run %s %s\n",
        n, goal / k, marked / k, cpu / k, cpu / marked, substr(f[3], 2), f[4]
    }'
}

for gogc in "$@"; do
  run=1
  while [ "$run" -le "$goruns" ]; do
    printf "Go    %3s MiB GOGC %-4s P %s  " "$live" "$gogc" "$procs"
    GOMAXPROCS=$procs GOGC=$gogc GODEBUG=gctrace=1 "$probe" "$bytes" "$iterations" 2 3 "$run" 2>&1 >/dev/null | steady
    run=$((run + 1))
  done
  printf "model %3s MiB GOGC %-4s P %s  " "$live" "$gogc" "$procs"
  "$gclab" run steady-state --param live_bytes="$bytes" --param iterations="$iterations" --gomaxprocs "$procs" \
    --gogc "$gogc" --seed 1 --gctrace 2>&1 >/dev/null | steady
done
