// steadystate runs gclab's steady-state scenario (scenarios/library/steady-state.toml) on the real
// Go runtime, for the pacer conformance comparison (tests/conformance/pacer_compare.cpp). Run it
// with GODEBUG=gctrace=1,gcpacertrace=1 and the GOGC / GOMEMLIMIT / GOMAXPROCS under test; the
// traces go to stderr. At exit it prints runtime.MemStats fields as key=value lines on stdout.
//
// Usage: steadystate LIVE_BYTES ITERATIONS GOROUTINES GARBAGE_PER_ITER SEED
//
// Same semantics as the scenario: a slice of LIVE_BYTES/64 pointers to 64-byte Objects (one pointer
// word), filled by storing LIVE_BYTES/64 new Objects at random indices; then each worker, per
// iteration, stores a new Object at a random index and allocates GARBAGE_PER_ITER short-lived
// Objects (kept in a per-worker sink so that escape analysis cannot put them on the stack).
package main

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strconv"
	"sync"
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

func arg(i int) int {
	n, err := strconv.Atoi(os.Args[i])
	if err != nil {
		fmt.Fprintln(os.Stderr, "steadystate: bad argument:", os.Args[i])
		os.Exit(2)
	}
	return n
}

func main() {
	if len(os.Args) != 6 {
		fmt.Fprintln(os.Stderr, "usage: steadystate LIVE_BYTES ITERATIONS GOROUTINES GARBAGE_PER_ITER SEED")
		os.Exit(2)
	}
	n := arg(1) / 64
	iterations, goroutines, garbage, seed := arg(2), arg(3), arg(4), int64(arg(5))
	rng := rand.New(rand.NewSource(seed))
	live = make([]*Object, n)
	for i := 0; i < n; i++ {
		live[rng.Intn(n)] = new(Object)
	}
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(seed + int64(g) + 1))
			for it := 0; it < iterations; it++ {
				live[r.Intn(n)] = new(Object)
				for k := 0; k < garbage; k++ {
					sinks[g].o = new(Object)
				}
			}
		}(g)
	}
	wg.Wait()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("NumGC=%d\nTotalAlloc=%d\nHeapAlloc=%d\nHeapSys=%d\nHeapInuse=%d\nHeapIdle=%d\nHeapReleased=%d\nSys=%d\nStackSys=%d\nGCSys=%d\nOtherSys=%d\nMSpanSys=%d\nNextGC=%d\n",
		m.NumGC, m.TotalAlloc, m.HeapAlloc, m.HeapSys, m.HeapInuse, m.HeapIdle, m.HeapReleased, m.Sys, m.StackSys, m.GCSys, m.OtherSys, m.MSpanSys, m.NextGC)
}
