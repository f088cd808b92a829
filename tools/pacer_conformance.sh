#!/bin/sh
# pacer_conformance.sh — the steady-state workload on Go 1.19 and on the model, side by side: one
# table row per (live set, GOGC, GOMEMLIMIT, GOMAXPROCS). Needs a build with -DGCLAB_CONFORMANCE=ON.
#
# Usage: tools/pacer_conformance.sh [--go-runs N] [--long] [--go-keep DIR]
#                                   [--against DIR2 | --model-seeds M]
#                                   [BUILD_DIR [LIVE_MIB...]]   (defaults: 1, build, 8 64)
# With --go-runs N, Go runs N times per row and the model is compared with the median of Go's runs
# ("in range": the model lies within Go's lowest-to-highest). With --long, the GOGC 200 and 400 rows
# run 4 and 8 times as many iterations, so that they have a steady phase (docs/pacer.md, "GOGC 200
# and 400 with a steady phase"); the other rows are unchanged. With --go-keep DIR, Go's output is kept
# in DIR and read back on the next run with the same DIR: two model builds against the same Go runs.
# With --against DIR2 (and --go-runs N), the "model" columns are the median of N other Go runs kept in
# DIR2: Go against itself, how far the targets lie above the measurement's own noise. With
# --model-seeds M (and --go-runs N), the model runs with seeds 1 to M and the median of its runs is
# compared: a distribution against a distribution.
# Columns: Go / model cycles; steady-phase median heap goal (MiB) and its difference; median marked
# heap (MiB); cycles per GiB allocated and its difference. "Steady phase" is the last two thirds of
# the cycles. Go's numbers vary from run to run on a loaded machine (see docs/pacer.md).
# After the table, a summary line counts the GOGC-governed rows (GOGC 25-200, no limit or the loose
# one) that meet the targets of docs/pacer.md: goal within 2 % of Go's, cycle rate within 3 %.
set -eu
goruns=1
if [ "${1:-}" = --go-runs ]; then
  goruns=$2
  shift 2
fi
long=0
if [ "${1:-}" = --long ]; then
  long=1
  shift
fi
keep=
if [ "${1:-}" = --go-keep ]; then
  mkdir -p "$2"
  keep="--go-keep $2"
  shift 2
fi
against=
if [ "${1:-}" = --against ]; then
  mkdir -p "$2"
  against="--against $2"
  shift 2
fi
seeds=
if [ "${1:-}" = --model-seeds ]; then
  if [ -n "$against" ]; then
    echo "pacer_conformance.sh: --against and --model-seeds exclude each other" >&2
    exit 2
  fi
  seeds="--model-seeds $2"
  shift 2
fi
build=${1:-build}
[ $# -gt 0 ] && shift
sizes=${*:-8 64}
table=$build/tests/conformance/pacer_table
if [ ! -x "$table" ]; then
  echo "pacer_conformance.sh: $table not found; configure with -DGCLAB_CONFORMANCE=ON and build pacer_table" >&2
  exit 2
fi
if [ "$goruns" = 1 ]; then
  echo "| live | GOGC | GOMEMLIMIT | P | cycles Go / model | goal MiB Go / model | goal diff | live MiB Go / model | cycles/GiB Go / model | rate diff |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
else
  echo "| live | GOGC | GOMEMLIMIT | P | cycles Go median [range] / model | goal MiB Go median [range] / model | goal diff | in range | live MiB Go / model | cycles/GiB Go median [range] / model | rate diff | in range |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
fi
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for live in $sizes; do
  if [ "$live" = 8 ]; then iterations=300000; tight=25165824; else iterations=600000; tight=134217728; fi
  loose=1073741824
  for gogc in 25 50 100 200 400 off; do
    for limit in off $loose $tight; do
      # GOGC=off without a limit never collects: nothing to compare.
      if [ "$gogc" = off ] && [ "$limit" = off ]; then continue; fi
      rowiterations=$iterations
      if [ $long = 1 ] && [ "$gogc" = 200 ]; then rowiterations=$((iterations * 4)); fi
      if [ $long = 1 ] && [ "$gogc" = 400 ]; then rowiterations=$((iterations * 8)); fi
      for procs in 1 2; do
        { "$table" --go-runs "$goruns" $keep $against $seeds $((live << 20)) $rowiterations $gogc $limit $procs ||
          echo "| $live MiB | $gogc | $limit | $procs | failed |"; } | tee -a "$rows"
      done
    done
  done
done
# The goal and rate differences are columns 7 and 10 of a single run's row, 7 and 11 with --go-runs;
# a row without a steady phase has "n/a" there and misses both targets.
if [ "$goruns" = 1 ]; then ratecol=11; else ratecol=12; fi
awk -F'|' -v rc="$ratecol" '
  function abs(x) { return x < 0 ? -x : x }
  $3 ~ /^ (25|50|100|200) $/ && $4 !~ /^ (25165824|134217728) $/ && $6 !~ /failed/ {
    n++; g = $8; r = $rc; gsub(/[ %+]/, "", g); gsub(/[ %+]/, "", r)
    gok = g ~ /^-?[0-9.]+$/ && abs(g) <= 2; rok = r ~ /^-?[0-9.]+$/ && abs(r) <= 3
    goal += gok; rate += rok; both += gok && rok
  }
  END { printf "\nGOGC-governed rows: goal within 2 %% in %d of %d, cycle rate within 3 %% in %d, both in %d\n", goal, n, rate, both }
' "$rows"
