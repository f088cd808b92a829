// Command gclabcalib measures the Go 1.19 costs that sim/cost.h charges in virtual time, as CPU time
// (getrusage), not wall time, so that other processes on a shared machine inflate them less.
// docs/pacer.md ("Cost model calibration") gives the commands and the numbers.
//
//	gclabcalib alloc   per size class (16, 64, 256, 1024 B objects with a pointer word): CPU ns per
//	                   new(T) on a fresh heap with the GC off (no zeroing), one child process each
//	gclabcalib mark    CPU ns per live object of runtime.GC() on a list of 64-byte objects with one
//	                   pointer word (the steady-state scenario's Object), GOMAXPROCS=1
//	gclabcalib markslice [MIB...]
//	                   the same for the steady-state shape: a []*Object filled at random indices, so
//	                   marking visits the Objects in random address order. With sizes, one line per
//	                   live set of MIB MiB of Objects (n = MIB << 14), with CPU ns per live Object and
//	                   per pointer word examined (the slice's n words and each Object's one); the
//	                   sizes take turns within each repetition, so a change of load hits all alike
//	gclabcalib marknil CPU ns per word of runtime.GC() on a []*Object of -n nil pointers: the cost of
//	                   a pointer word that points nowhere (markslice's slice is 37 % nil, every
//	                   Object's pointer word is nil)
//	gclabcalib mutator [MIB...]
//	                   CPU ns per iteration of the steady-state loop (a random slot store and four
//	                   64-byte allocations) with the GC off, with a 2^17-entry slice (an 8 MiB live
//	                   set); with sizes, one line per live set of MIB MiB of Objects (a slice of
//	                   MIB << 14 entries, MIB/8 MiB), the sizes taking turns within each repetition:
//	                   "mutator MIB <median> <min> reps"
//	gclabcalib allocreuse CPU ns per new(T) of a 64-byte Object into the free slots of a collected
//	                   heap (4 -n Objects, a random quarter dropped, runtime.GC(), then -n allocations
//	                   with the GC off): allocation in a steady state, sweeping included
//	gclabcalib storerand CPU ns per store of one pointer into a random slot of a 2^17-entry
//	                   []*Object (rand.Intn and the store: the loop without its allocations)
//	gclabcalib nonheap   bytes Go has mapped outside the heap, its mspans and mcaches (Sys -
//	                   HeapSys - MSpanSys - MCacheSys) before its first collection, then after
//	                   it: 2^17 Objects in a slice, -n of them replaced and -n garbage with the
//	                   GC off, then runtime.GC() (prints "before after", not a time)
//	gclabcalib markfresh CPU ns per 4 KiB page that the mark is the first to touch: -n Objects
//	                   allocated into fresh spans and never written (new(Object), as the
//	                   steady-state loop does), so the first runtime.GC() reads each of their pages
//	                   for the first time; the difference between it and a second runtime.GC(),
//	                   per page of Objects
//
// Each prints "<what> <median> <min> <reps>" lines; the median of -reps child processes.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

type obj16 struct {
	p *byte
	_ [1]uintptr
}
type obj64 struct {
	p *obj64
	_ [7]uintptr
}
type obj256 struct {
	p *byte
	_ [31]uintptr
}
type obj1024 struct {
	p *byte
	_ [127]uintptr
}

var sink unsafe.Pointer

// cpuNs is the CPU time of the whole process (user + system) in nanoseconds.
func cpuNs() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func allocLoop[T any](n int) {
	for i := 0; i < n; i++ {
		sink = unsafe.Pointer(new(T))
	}
}

var allocs = map[int]func(int){16: allocLoop[obj16], 64: allocLoop[obj64], 256: allocLoop[obj256], 1024: allocLoop[obj1024]}

// child runs one measurement and prints CPU ns per operation.
func child(what string, size, n int) {
	runtime.GOMAXPROCS(1)
	switch what {
	case "alloc":
		debug.SetGCPercent(-1)
		f := allocs[size]
		f(1024) // warm up this size class's mcache
		start := cpuNs()
		f(n)
		fmt.Printf("%.3f\n", float64(cpuNs()-start)/float64(n))
	case "mark":
		debug.SetGCPercent(-1)
		var head *obj64
		for i := 0; i < n; i++ {
			head = &obj64{p: head}
		}
		sink = unsafe.Pointer(head)
		runtime.GC()
		start := cpuNs()
		runtime.GC()
		fmt.Printf("%.3f\n", float64(cpuNs()-start)/float64(n))
	case "markslice":
		debug.SetGCPercent(-1)
		live := make([]*obj64, n)
		r := rand.New(rand.NewSource(1))
		for i := 0; i < n; i++ {
			live[r.Intn(n)] = new(obj64)
		}
		objects := 0
		for _, o := range live {
			if o != nil {
				objects++
			}
		}
		sink = unsafe.Pointer(&live)
		runtime.GC()
		start := cpuNs()
		runtime.GC()
		spent := float64(cpuNs() - start)
		fmt.Printf("%.3f %.3f\n", spent/float64(objects), spent/float64(n+objects))
	case "marknil":
		debug.SetGCPercent(-1)
		live := make([]*obj64, n)
		sink = unsafe.Pointer(&live)
		runtime.GC()
		start := cpuNs()
		runtime.GC()
		fmt.Printf("%.3f\n", float64(cpuNs()-start)/float64(n))
	case "mutator":
		debug.SetGCPercent(-1)
		entries := 1 << 17
		if size > 0 {
			entries = size
		}
		live := make([]*obj64, entries)
		r := rand.New(rand.NewSource(1))
		var garbage *obj64
		start := cpuNs()
		for it := 0; it < n; it++ {
			live[r.Intn(len(live))] = new(obj64)
			for k := 0; k < 3; k++ {
				garbage = new(obj64)
			}
		}
		sink = unsafe.Pointer(garbage)
		fmt.Printf("%.3f\n", float64(cpuNs()-start)/float64(n))
	case "allocreuse":
		// A heap of 4n 64-byte Objects, a random quarter of them dropped and collected: the next n
		// allocations fill the scattered free slots of swept (or still unswept) spans, as a steady
		// state does, instead of a fresh heap's never-used memory.
		debug.SetGCPercent(-1)
		held := make([]*obj64, 4*n)
		for i := range held {
			held[i] = new(obj64)
		}
		r := rand.New(rand.NewSource(1))
		for dropped := 0; dropped < n; {
			if i := r.Intn(len(held)); held[i] != nil {
				held[i] = nil
				dropped++
			}
		}
		runtime.GC()
		start := cpuNs()
		allocLoop[obj64](n)
		fmt.Printf("%.3f\n", float64(cpuNs()-start)/float64(n))
		runtime.KeepAlive(held)
	case "nonheap":
		debug.SetGCPercent(-1)
		live := make([]*obj64, 1<<17)
		for i := range live {
			live[i] = new(obj64)
		}
		for i := 0; i < n; i++ {
			live[i%len(live)] = new(obj64)
			sink = unsafe.Pointer(new(obj64))
		}
		nonHeap := func() uint64 {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			return m.Sys - m.HeapSys - m.MSpanSys - m.MCacheSys
		}
		before := nonHeap()
		runtime.GC()
		fmt.Printf("%d %d\n", before, nonHeap())
		runtime.KeepAlive(live)
	case "markfresh":
		debug.SetGCPercent(-1)
		live := make([]*obj64, n)
		for i := range live {
			live[i] = new(obj64)
		}
		sink = unsafe.Pointer(&live[0])
		start := cpuNs()
		runtime.GC()
		first := cpuNs() - start
		start = cpuNs()
		runtime.GC()
		second := cpuNs() - start
		fmt.Printf("%.1f\n", float64(first-second)/(float64(n)*64/4096))
	case "storerand":
		debug.SetGCPercent(-1)
		live := make([]*obj64, 1<<17)
		r := rand.New(rand.NewSource(1))
		o := new(obj64)
		start := cpuNs()
		for it := 0; it < n; it++ {
			live[r.Intn(len(live))] = o
		}
		sink = unsafe.Pointer(&live[0])
		fmt.Printf("%.3f\n", float64(cpuNs()-start)/float64(n))
	}
}

func main() {
	isChild := flag.Bool("child", false, "internal: run one measurement")
	size := flag.Int("size", 64, "internal (child): object size")
	reps := flag.Int("reps", 7, "child processes per measurement")
	objects := flag.Int("n", 1<<20, "operations (allocations, live objects, iterations) per measurement")
	flag.Parse()
	if flag.NArg() < 1 || (flag.NArg() > 1 && flag.Arg(0) != "markslice" && flag.Arg(0) != "mutator") {
		fmt.Fprintln(os.Stderr, "usage: gclabcalib [-reps N] [-n N] alloc|mark|markslice [MIB...]|marknil|markfresh|nonheap|mutator [MIB...]|storerand|allocreuse")
		os.Exit(2)
	}
	what := flag.Arg(0)
	known := map[string]bool{"alloc": true, "mark": true, "markslice": true, "marknil": true, "mutator": true, "storerand": true, "allocreuse": true, "markfresh": true, "nonheap": true}
	if !known[what] || *objects <= 0 {
		fmt.Fprintln(os.Stderr, "gclabcalib: unknown measurement or bad -n:", what)
		os.Exit(2)
	}
	if *isChild {
		child(what, *size, *objects)
		return
	}
	self, err := os.Executable()
	if err != nil {
		panic(err)
	}
	if what == "markslice" {
		markBySize(self, *reps, *objects, flag.Args()[1:])
		return
	}
	if what == "mutator" && flag.NArg() > 1 {
		mutatorBySize(self, *reps, *objects, flag.Args()[1:])
		return
	}
	sizes := []int{0}
	if what == "alloc" {
		sizes = []int{16, 64, 256, 1024}
	}
	for _, s := range sizes {
		var v, second []float64
		for r := 0; r < *reps; r++ {
			xs := runChild(self, what, s, *objects)
			v = append(v, xs[0])
			if len(xs) > 1 {
				second = append(second, xs[1])
			}
		}
		label := what
		if what == "alloc" {
			label = fmt.Sprintf("alloc%d", s)
		}
		printMedian(label, v)
		if len(second) > 0 {
			printMedian(label+"-after", second)
		}
	}
}

// printMedian prints "<label> <median> <min> <reps>".
func printMedian(label string, v []float64) {
	sort.Float64s(v)
	fmt.Printf("%s %.2f %.2f %d\n", label, v[len(v)/2], v[0], len(v))
}

// runChild runs one measurement in a fresh process and returns the numbers it printed.
func runChild(self, what string, size, n int) []float64 {
	out, err := exec.Command(self, "-child", "-size", strconv.Itoa(size), "-n", strconv.Itoa(n), what).Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gclabcalib: child failed:", err)
		os.Exit(1)
	}
	var xs []float64
	for _, f := range strings.Fields(string(out)) {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			panic(err)
		}
		xs = append(xs, x)
	}
	return xs
}

// liveSetCounts turns live-set sizes in MiB of 64-byte Objects into Object counts.
func liveSetCounts(mibs []string) []int {
	var counts []int
	for _, m := range mibs {
		mib, err := strconv.Atoi(m)
		if err != nil || mib <= 0 || mib > 4096 {
			fmt.Fprintln(os.Stderr, "gclabcalib: expected a live-set size in MiB (1..4096), got", m)
			os.Exit(2)
		}
		counts = append(counts, mib<<20/64)
	}
	return counts
}

// mutatorBySize runs mutator for each live-set size in MiB of Objects (the slice has one entry per
// Object), the sizes taking turns within each repetition, and prints per size
// "mutator MIB <ns/iteration median> <min> reps".
func mutatorBySize(self string, reps, n int, mibs []string) {
	counts := liveSetCounts(mibs)
	perIteration := make([][]float64, len(counts))
	for r := 0; r < reps; r++ {
		for i, c := range counts {
			perIteration[i] = append(perIteration[i], runChild(self, "mutator", c, n)[0])
		}
	}
	for i, c := range counts {
		printMedian(fmt.Sprintf("mutator %d", c*64>>20), perIteration[i])
	}
}

// markBySize runs markslice for each live-set size in MiB of Objects (none: -n Objects), the sizes
// taking turns within each repetition, and prints per size
// "markslice MIB n <ns/Object median> <min> <ns/word median> <min> reps".
func markBySize(self string, reps, n int, mibs []string) {
	counts := []int{n}
	if len(mibs) > 0 {
		counts = liveSetCounts(mibs)
	}
	perObject := make([][]float64, len(counts))
	perWord := make([][]float64, len(counts))
	for r := 0; r < reps; r++ {
		for i, c := range counts {
			xs := runChild(self, "markslice", 0, c)
			perObject[i] = append(perObject[i], xs[0])
			perWord[i] = append(perWord[i], xs[1])
		}
	}
	for i, c := range counts {
		sort.Float64s(perObject[i])
		sort.Float64s(perWord[i])
		fmt.Printf("markslice %d %d %.2f %.2f %.2f %.2f %d\n", c*64>>20, c, perObject[i][reps/2], perObject[i][0],
			perWord[i][reps/2], perWord[i][0], reps)
	}
}
