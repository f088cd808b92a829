#!/bin/sh
# go_pacer_debug.sh — builds the steady-state probe against a copy of Go 1.19 whose pacer prints, at
# the start and at the end of every cycle, what its heap goal and memory-limit goal are computed from
# (docs/pacer.md, "Inside the tight-limit regime"). The real Go install is not touched.
#
# Usage: tools/go_pacer_debug.sh [DIR]      (default DIR: /tmp/gclab-go-pacer-debug)
# Then, for example:
#   GOMAXPROCS=1 GOGC=50 GOMEMLIMIT=25165824 DIR/steadystate 8388608 300000 2 3 1 2>&1 >/dev/null |
#     grep '^pacerdbg'
# Each line: pacerdbg start|end, then heapMarked, heapLive, the trigger, the heap goal, mappedReady,
# heapFree, heapAlloc (totalAlloc - totalFree), heapInUse and heapReleased, in bytes. The memory-limit
# goal is GOMEMLIMIT - (mapped - free - alloc) - 1 MiB when mapped is below the limit. After every stint
# of a background mark worker: pacerdbg worker, its mode (1 dedicated, 2 fractional, 3 idle), the stint's
# ns, then the background credit, heapLive and the cycle's heap scan work so far.
set -eu
dir=${1:-/tmp/gclab-go-pacer-debug}
here=$(cd "$(dirname "$0")/.." && pwd)
goroot=$(readlink -f /usr/lib/go-1.19)
if [ ! -x "$goroot/bin/go" ]; then
  echo "go_pacer_debug.sh: Go 1.19 not found at /usr/lib/go-1.19 (apt-get install golang-1.19-go)" >&2
  exit 2
fi
rm -rf "$dir"
mkdir -p "$dir"
# -L: the Debian package links src and pkg/include into /usr/share; the copy must own them.
cp -rL "$goroot" "$dir/go"
pacer=$dir/go/src/runtime/mgcpacer.go
mgc=$dir/go/src/runtime/mgc.go
check() {
  if [ "$(grep -cxF "$2" "$1")" != 1 ]; then
    echo "go_pacer_debug.sh: '$2' is not once in $1: not the Go 1.19 this patch was written for" >&2
    exit 1
  fi
}
check "$pacer" '	c.triggered = heapTrigger'
check "$pacer" '	gcController.lastHeapGoal = c.heapGoal()'
check "$mgc" '		gcController.markWorkerStop(pp.gcMarkWorkerMode, duration)'
awk '
  { print }
  $0 == "\t\tgcController.markWorkerStop(pp.gcMarkWorkerMode, duration)" {
    print "\t\tprint(\"pacerdbg worker \", pp.gcMarkWorkerMode, \" \", duration, \" credit \", gcController.bgScanCredit,"
    print "\t\t\t\" live \", gcController.heapLive, \" work \", gcController.heapScanWork.Load(), \"\\n\")"
  }' "$mgc" > "$mgc.new"
mv "$mgc.new" "$mgc"
awk '
  { print }
  $0 == "\tc.triggered = heapTrigger" { print "\tc.pacerDebug(\"start\", heapGoal)" }
  $0 == "\tgcController.lastHeapGoal = c.heapGoal()" { print "\tc.pacerDebug(\"end\", gcController.lastHeapGoal)" }
  END {
    print ""
    print "func (c *gcControllerState) pacerDebug(when string, goal uint64) {"
    print "\tprint(\"pacerdbg \", when, \" marked \", c.heapMarked, \" live \", c.heapLive, \" trig \", c.triggered,"
    print "\t\t\" goal \", goal, \" mapped \", c.mappedReady.Load(), \" free \", c.heapFree.load(),"
    print "\t\t\" alloc \", c.totalAlloc.Load()-c.totalFree.Load(), \" inuse \", c.heapInUse.load(),"
    print "\t\t\" released \", c.heapReleased.load(), \"\\n\")"
    print "}"
  }' "$pacer" > "$pacer.new"
mv "$pacer.new" "$pacer"
cd "$here/tests/conformance/go/steadystate"
env GOROOT="$dir/go" GOCACHE="$dir/cache" GO111MODULE=off "$dir/go/bin/go" build -o "$dir/steadystate" main.go
echo "$dir/steadystate"
