// memstats runs one allocation sequence on the real Go runtime and prints the runtime.MemStats
// deltas it caused, for gclab's conformance tests (tests/conformance/memstats_test.cpp).
//
// Run with GOGC=off GOMAXPROCS=1. Usage:
//
//	memstats scan24 N | noscan24 N | tiny8 N | large40000 N | allsizes
//	memstats classes   (prints "size slotsize" for every observable request size)
//
// Every allocation is stored in a global sink, so escape analysis cannot move it to the stack.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

type scan24 struct {
	next *scan24
	a, b int64
}

type noscan24 [3]int64

var (
	sinkScan   []*scan24
	sinkNoscan []*noscan24
	sinkTiny   []*int64
	sinkBytes  [][]byte
	sinkPtrs   []*[1]*int
)

func usage() {
	fmt.Fprintln(os.Stderr, "usage: memstats scan24|noscan24|tiny8|large40000 N | allsizes | classes")
	os.Exit(2)
}

func count() int {
	if len(os.Args) != 3 {
		usage()
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 0 {
		usage()
	}
	return n
}

func printDelta(before, after *runtime.MemStats) {
	fmt.Printf("HeapInuse=%d\n", after.HeapInuse-before.HeapInuse)
	fmt.Printf("HeapObjects=%d\n", after.HeapObjects-before.HeapObjects)
	fmt.Printf("HeapAlloc=%d\n", after.HeapAlloc-before.HeapAlloc)
	fmt.Printf("Mallocs=%d\n", after.Mallocs-before.Mallocs)
	fmt.Printf("Frees=%d\n", after.Frees-before.Frees)
	var by []string
	for i := range after.BySize {
		by = append(by, strconv.FormatUint(after.BySize[i].Mallocs-before.BySize[i].Mallocs, 10))
	}
	fmt.Printf("BySize=%s\n", strings.Join(by, ","))
}

// classes prints the slot size the runtime gives each request size, observed as the HeapAlloc
// delta of one allocation. Sizes below 16 bytes without pointers take the tiny allocator and
// have no slot of their own, so they are observed only at 8 bytes, through a pointerful object.
func classes() {
	var before, after runtime.MemStats
	sinkPtrs = make([]*[1]*int, 1)
	sinkBytes = make([][]byte, maxSmall+1)
	runtime.ReadMemStats(&before)
	sinkPtrs[0] = new([1]*int)
	runtime.ReadMemStats(&after)
	fmt.Printf("8 %d\n", after.HeapAlloc-before.HeapAlloc)
	for n := 16; n <= maxSmall; n++ {
		runtime.ReadMemStats(&before)
		sinkBytes[n] = make([]byte, n)
		runtime.ReadMemStats(&after)
		fmt.Printf("%d %d\n", n, after.HeapAlloc-before.HeapAlloc)
	}
}

const maxSmall = 32768

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	if os.Args[1] == "classes" {
		classes()
		return
	}
	var before, after runtime.MemStats
	switch os.Args[1] {
	case "scan24":
		n := count()
		sinkScan = make([]*scan24, n)
		runtime.ReadMemStats(&before)
		for i := range sinkScan {
			sinkScan[i] = new(scan24)
		}
	case "noscan24":
		n := count()
		sinkNoscan = make([]*noscan24, n)
		runtime.ReadMemStats(&before)
		for i := range sinkNoscan {
			sinkNoscan[i] = new(noscan24)
		}
	case "tiny8":
		n := count()
		sinkTiny = make([]*int64, n)
		runtime.ReadMemStats(&before)
		for i := range sinkTiny {
			sinkTiny[i] = new(int64)
		}
	case "large40000":
		n := count()
		sinkBytes = make([][]byte, n)
		runtime.ReadMemStats(&before)
		for i := range sinkBytes {
			sinkBytes[i] = make([]byte, 40000)
		}
	case "allsizes":
		sinkBytes = make([][]byte, maxSmall+1)
		runtime.ReadMemStats(&before)
		for n := 1; n <= maxSmall; n++ {
			sinkBytes[n] = make([]byte, n)
		}
	default:
		usage()
	}
	runtime.ReadMemStats(&after)
	printDelta(&before, &after)
}
