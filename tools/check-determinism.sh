#!/usr/bin/env bash
# Determinism across build types: every built-in scenario, on several seeds and P counts, must give
# the same final hash from two different builds (e.g. RelWithDebInfo and Debug+ASan).
# Seed 1 also runs under the Go 1.26 profile (Green Tea's span queues, the 1.26 pacer and scavenger).
# Usage: tools/check-determinism.sh BUILD_DIR_A BUILD_DIR_B
set -euo pipefail
a="$1/cli/gclab"
b="$2/cli/gclab"
status=0
checked=0
for scenario in $("$a" list | awk '{print $1}'); do
  for run in "1 1.19" "2 1.19" "1 1.26"; do
    read -r seed version <<<"$run"
    for procs in 1 3; do
      ha=$("$a" run "$scenario" --seed "$seed" --gomaxprocs "$procs" --go-version "$version" --hash | tail -1)
      hb=$("$b" run "$scenario" --seed "$seed" --gomaxprocs "$procs" --go-version "$version" --hash | tail -1)
      checked=$((checked + 1))
      if [ "$ha" != "$hb" ]; then
        echo "determinism: $scenario seed=$seed gomaxprocs=$procs go$version: $ha ($1) != $hb ($2)" >&2
        status=1
      fi
    done
  done
done
echo "determinism: $checked runs compared between $1 and $2"
exit $status
