// Command gclabmarkcost asks whether the mutator's allocations between two collections make the next
// mark dearer: a live set of the steady-state shape (a []*Object of LIVE_OBJECTS entries filled at
// random indices, so about 63 % of them hold a 64-byte Object), a collection, GARBAGE_MIB MiB of
// 64-byte garbage, and a second collection with the world otherwise idle (GOMAXPROCS=1, the GC off
// between the two). Run it with GODEBUG=gctrace=1: the gctrace line after "measured:" is the second
// collection, and its cpu fields (assist/background/idle) are the mark CPU. docs/pacer.md ("Where
// Go's concurrent mark spends its time") gives the numbers.
//
//	GODEBUG=gctrace=1 gclabmarkcost LIVE_OBJECTS GARBAGE_MIB
package main

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"unsafe"
)

// Object is the steady-state scenario's: 64 bytes, one pointer word.
type Object struct {
	next *Object
	_    [56]byte
}

var sink unsafe.Pointer

func arg(i int) int {
	n, err := strconv.Atoi(os.Args[i])
	if err != nil || n < 0 {
		fmt.Fprintln(os.Stderr, "gclabmarkcost: bad argument:", os.Args[i])
		os.Exit(2)
	}
	return n
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gclabmarkcost LIVE_OBJECTS GARBAGE_MIB")
		os.Exit(2)
	}
	n, garbageMiB := arg(1), arg(2)
	runtime.GOMAXPROCS(1)
	debug.SetGCPercent(-1)
	live := make([]*Object, n)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < n; i++ {
		live[r.Intn(n)] = new(Object)
	}
	runtime.GC()
	for i := 0; i < garbageMiB<<20/64; i++ {
		sink = unsafe.Pointer(new(Object))
	}
	fmt.Fprintln(os.Stderr, "measured:")
	runtime.GC()
	runtime.KeepAlive(live)
}
