// steadystate runs gclab's steady-state scenario (scenarios/library/steady-state.toml) on the real
// Go runtime, for the pacer conformance comparison (tests/conformance/pacer_compare.cpp). Run it
// with GODEBUG=gctrace=1,gcpacertrace=1 and the GOGC / GOMEMLIMIT / GOMAXPROCS under test; the
// traces go to stderr. At exit it prints runtime.MemStats fields as key=value lines on stdout.
//
// Usage: steadystate LIVE_BYTES ITERATIONS GOROUTINES GARBAGE_PER_ITER SEED [resident]
//
// Same semantics as the scenario: a slice of LIVE_BYTES/64 pointers to 64-byte Objects (one pointer
// word), filled by storing LIVE_BYTES/64 new Objects at random indices; then each worker, per
// iteration, stores a new Object at a random index and allocates GARBAGE_PER_ITER short-lived
// Objects (kept in a per-worker sink so that escape analysis cannot put them on the stack).
//
// gctrace prints the marked heap only in whole MB, and Go 1.19 has no /gc/heap/live:bytes metric
// (1.21 added it), so the probe also reads the runtime's own heapMarked after each cycle (see
// pacerState) and prints `cycle N marked BYTES` lines on stdout at exit, then the last cycle in which
// the GC CPU limiter was on (`limiter last enabled N`, 0: never), before the MemStats lines.
//
// With the word resident, it also prints how much of the heap has RAM behind it (mincore over the
// heap arenas, 4 KiB pages): HeapResidentStart when main starts (the runtime's own start-up heap),
// HeapResident at exit, HeapResidentAfterGC after one more runtime.GC() at exit, whose mark reads
// every live Object, and HeapResidentAfterFree after dropping the slice and debug.FreeOSMemory(),
// which collects the Objects and releases every free page (those two cycles' gctrace lines come
// after the others, marked "(forced)").
package main

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

type Object struct {
	next *Object
	_    [56]byte
}

var (
	live  []*Object
	sinks [256]struct {
		o *Object
		_ [56]byte // one cache line per worker
	}
)

// pacerState is the head of Go 1.19.8's runtime.gcControllerState (runtime/mgcpacer.go), field for
// field up to heapMarked; the atomic.* fields there are plain words of the same size here. The
// comparison (tests/conformance/pacer_compare.cpp) checks every heapMarked read against gctrace's MB.
type pacerState struct {
	gcPercent          int32
	_                  uint32
	memoryLimit        int64
	heapMinimum        uint64
	runway             uint64
	consMark           float64
	consMarkController struct {
		kp, ti, tt, min, max, errIntegral float64
		errOverflow, inputOverflow        bool
	}
	_                   uint32
	gcPercentHeapGoal   uint64
	sweepDistMinTrigger uint64
	triggered           uint64 // ^0 from mark termination (resetLive) to the next gcStart
	lastHeapGoal        uint64
	heapLive            uint64
	heapScan            uint64
	lastHeapScan        uint64
	lastStackScan       uint64
	maxStackScan        uint64
	globalsScan         uint64
	heapMarked          uint64 // set at mark termination (resetLive)
}

// runtimeGCController is runtime.gcController. It is declared as its first word: a linkname'd
// variable of the mirror type would need DWARF type info the linker cannot find.
//
//go:linkname runtimeGCController runtime.gcController
var runtimeGCController uint64

var gcController = (*pacerState)(unsafe.Pointer(&runtimeGCController))

// runtimeWriteBarrier is the first byte of runtime.writeBarrier, its enabled flag: on while the GC
// marks. barrierIterations counts the workers' iterations that ran with it on (docs/pacer.md divides
// the write barrier's profiled CPU time by them).
//
//go:linkname runtimeWriteBarrier runtime.writeBarrier
var runtimeWriteBarrier bool

var barrierIterations uint64

// cycleLog records heapMarked once per completed cycle, numbered by /gc/cycles/total
// (memstats.numgc). Both change only at mark termination, in the same stop-the-world, so a read of
// heapMarked between two equal reads of numgc belongs to that cycle.
var cycleLog struct {
	sync.Mutex
	numgc  []uint64
	marked []uint64
}

// cycleWatch is one goroutine's view: the heapMarked and lastHeapScan it last saw (both are set at
// every mark termination; a cycle that changes neither is not detected) and its metrics sample.
type cycleWatch struct {
	marked, heapScan uint64
	sample           []metrics.Sample
}

func newCycleWatch() *cycleWatch {
	return &cycleWatch{sample: []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}}
}

func (w *cycleWatch) numgc() uint64 {
	metrics.Read(w.sample)
	return w.sample[0].Value.Uint64()
}

// poll is called by every goroutine once per iteration: two loads while no cycle has ended.
func (w *cycleWatch) poll() {
	marked, heapScan := atomic.LoadUint64(&gcController.heapMarked), atomic.LoadUint64(&gcController.lastHeapScan)
	if marked == w.marked && heapScan == w.heapScan {
		return
	}
	n := w.numgc()
	marked, heapScan = atomic.LoadUint64(&gcController.heapMarked), atomic.LoadUint64(&gcController.lastHeapScan)
	if n == 0 || w.numgc() != n {
		return
	}
	w.marked, w.heapScan = marked, heapScan
	cycleLog.Lock()
	if len(cycleLog.numgc) == 0 || cycleLog.numgc[len(cycleLog.numgc)-1] < n {
		cycleLog.numgc = append(cycleLog.numgc, n)
		cycleLog.marked = append(cycleLog.marked, marked)
	}
	cycleLog.Unlock()
}

// heapArenaStart is where Go 1.19 on linux/amd64 reserves its first heap arena (arenaBaseHint),
// and heapArenaBytes the size of one; the heap of these runs lies in consecutive arenas from there.
const (
	heapArenaStart = 0xc000000000
	heapArenaBytes = 64 << 20
)

// heapResident is the bytes of the heap's arenas that have RAM behind them: mincore over each 4 KiB
// page of the arenas that hold HeapSys bytes.
func heapResident() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	arenas := (m.HeapSys + heapArenaBytes - 1) / heapArenaBytes
	vec := make([]byte, heapArenaBytes/4096)
	var resident uint64
	for a := uint64(0); a < arenas; a++ {
		_, _, errno := syscall.Syscall(syscall.SYS_MINCORE, uintptr(heapArenaStart+a*heapArenaBytes),
			heapArenaBytes, uintptr(unsafe.Pointer(&vec[0])))
		if errno != 0 {
			fmt.Fprintln(os.Stderr, "steadystate: mincore of heap arena", a, "failed:", errno)
			os.Exit(1)
		}
		for _, v := range vec {
			resident += uint64(v&1) * 4096
		}
	}
	return resident
}

func arg(i int) int {
	n, err := strconv.Atoi(os.Args[i])
	if err != nil {
		fmt.Fprintln(os.Stderr, "steadystate: bad argument:", os.Args[i])
		os.Exit(2)
	}
	return n
}

func main() {
	if len(os.Args) != 6 && (len(os.Args) != 7 || os.Args[6] != "resident") {
		fmt.Fprintln(os.Stderr, "usage: steadystate LIVE_BYTES ITERATIONS GOROUTINES GARBAGE_PER_ITER SEED [resident]")
		os.Exit(2)
	}
	resident := len(os.Args) == 7
	var residentStart uint64
	if resident {
		residentStart = heapResident()
	}
	n := arg(1) / 64
	iterations, goroutines, garbage, seed := arg(2), arg(3), arg(4), int64(arg(5))
	rng := rand.New(rand.NewSource(seed))
	cycleLog.numgc = make([]uint64, 0, 4096)
	cycleLog.marked = make([]uint64, 0, 4096)
	mainWatch := newCycleWatch()
	live = make([]*Object, n)
	for i := 0; i < n; i++ {
		mainWatch.poll()
		live[rng.Intn(n)] = new(Object)
	}
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(seed + int64(g) + 1))
			watch := newCycleWatch()
			var marking uint64
			for it := 0; it < iterations; it++ {
				watch.poll()
				if runtimeWriteBarrier {
					marking++
				}
				live[r.Intn(n)] = new(Object)
				for k := 0; k < garbage; k++ {
					sinks[g].o = new(Object)
				}
			}
			atomic.AddUint64(&barrierIterations, marking)
		}(g)
	}
	wg.Wait()
	// A cycle still marking ends without more allocation: wait for it so that it is recorded too.
	for atomic.LoadUint64(&gcController.triggered) != ^uint64(0) {
		runtime.Gosched()
	}
	mainWatch.poll()
	for i, c := range cycleLog.numgc {
		fmt.Printf("cycle %d marked %d\n", c, cycleLog.marked[i])
	}
	limiter := []metrics.Sample{{Name: "/gc/limiter/last-enabled:gc-cycle"}}
	metrics.Read(limiter)
	fmt.Printf("limiter last enabled %d\n", limiter[0].Value.Uint64())
	fmt.Printf("iterations with the write barrier on %d\n", atomic.LoadUint64(&barrierIterations))
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("NumGC=%d\nTotalAlloc=%d\nHeapAlloc=%d\nHeapSys=%d\nHeapInuse=%d\nHeapIdle=%d\nHeapReleased=%d\nSys=%d\nStackSys=%d\nGCSys=%d\nOtherSys=%d\nMSpanSys=%d\nMSpanInuse=%d\nMCacheSys=%d\nMCacheInuse=%d\nNextGC=%d\n",
		m.NumGC, m.TotalAlloc, m.HeapAlloc, m.HeapSys, m.HeapInuse, m.HeapIdle, m.HeapReleased, m.Sys, m.StackSys, m.GCSys, m.OtherSys, m.MSpanSys, m.MSpanInuse, m.MCacheSys, m.MCacheInuse, m.NextGC)
	if resident {
		fmt.Printf("HeapResidentStart=%d\nHeapResident=%d\n", residentStart, heapResident())
		runtime.GC()
		fmt.Printf("HeapResidentAfterGC=%d\n", heapResident())
		live = nil
		debug.FreeOSMemory()
		fmt.Printf("HeapResidentAfterFree=%d\n", heapResident())
	}
}
