// Command gclabbench measures real Go 1.19 allocation cost per object, to compare with the gclab
// model's bench_alloc (tools/bench_ratio.sh prints the table).
//
// For every size (8..2048 bytes) and kind ("scan": word 0 is a pointer; "noscan": no pointers, so
// 8 noscan goes through the tiny allocator, as in the model) it allocates -n objects with new(T),
// storing each one into a global sink so that escape analysis cannot keep it on the stack.
//
// Fairness. The model keeps the allocator's complete state but has no object memory: it never
// zeroes or touches an object. Go zeroes an object only when its span may hold stale data
// (span.needzero, i.e. memory reused after a GC); memory fresh from the OS is already zero and
// Go skips the clear (mheap.allocNeedsZero). The model has no collector yet, so its benchmark is a
// heap that only grows. The matching Go measurement is therefore a heap that only grows: each
// measurement runs in a fresh child process with the GC off from the start (GOGC=off and
// debug.SetGCPercent(-1)), allocating the same -n objects per fresh heap as bench_alloc does per
// fresh Runtime (1<<20). Whether the objects stay reachable does not matter while the GC is off;
// each one is overwritten in the sink and becomes garbage, and the child's exit releases the memory,
// so a measurement never reuses (and never has to zero) memory and the machine's memory stays
// bounded (the heap is mostly untouched address space). Go still pays what its allocator really
// does on that path: the 16-byte clear of each new tiny block, heap-bitmap writes for scan objects
// and first-touch faults on its own metadata; the model pays its host malloc for its metadata.
// -mode=reuse instead measures the steady state after GCs (allocate -n and runtime.GC twice, then
// time -n allocations into swept, reused, resident memory, which Go must zero): a reference point,
// not the default comparison, since it charges Go for object memory the model does not have. It
// keeps n*size bytes resident, so lower -n for large sizes.
//
// Output: comment lines start with '#'; then one tab-separated line per (size, kind):
//
//	go <size> <kind> <median ns/op> <min ns/op> <max ns/op> <reps>
//
// Repetitions are interleaved across all (size, kind) pairs, one child process each.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// sink keeps every allocation escaping to the heap.
var sink unsafe.Pointer

type scan8 struct{ p *byte }
type scan16 struct {
	p *byte
	_ [1]uintptr
}
type scan24 struct {
	p *byte
	_ [2]uintptr
}
type scan32 struct {
	p *byte
	_ [3]uintptr
}
type scan48 struct {
	p *byte
	_ [5]uintptr
}
type scan64 struct {
	p *byte
	_ [7]uintptr
}
type scan128 struct {
	p *byte
	_ [15]uintptr
}
type scan256 struct {
	p *byte
	_ [31]uintptr
}
type scan512 struct {
	p *byte
	_ [63]uintptr
}
type scan1024 struct {
	p *byte
	_ [127]uintptr
}
type scan2048 struct {
	p *byte
	_ [255]uintptr
}

// loop allocates n objects of type T and returns the elapsed time.
func loop[T any](n int) time.Duration {
	start := time.Now()
	for i := 0; i < n; i++ {
		sink = unsafe.Pointer(new(T))
	}
	return time.Since(start)
}

type allocFunc struct {
	size uintptr
	run  func(n int) time.Duration
}

func entry[T any]() allocFunc {
	var zero T
	return allocFunc{unsafe.Sizeof(zero), loop[T]}
}

var kinds = map[string]map[int]allocFunc{
	"noscan": {
		8: entry[[8]byte](), 16: entry[[16]byte](), 24: entry[[24]byte](), 32: entry[[32]byte](),
		48: entry[[48]byte](), 64: entry[[64]byte](), 128: entry[[128]byte](), 256: entry[[256]byte](),
		512: entry[[512]byte](), 1024: entry[[1024]byte](), 2048: entry[[2048]byte](),
	},
	"scan": {
		8: entry[scan8](), 16: entry[scan16](), 24: entry[scan24](), 32: entry[scan32](),
		48: entry[scan48](), 64: entry[scan64](), 128: entry[scan128](), 256: entry[scan256](),
		512: entry[scan512](), 1024: entry[scan1024](), 2048: entry[scan2048](),
	},
}

var defaultSizes = []int{8, 16, 24, 32, 48, 64, 128, 256, 512, 1024, 2048}

func lookup(size int, kind string) allocFunc {
	f, ok := kinds[kind][size]
	if !ok {
		fmt.Fprintf(os.Stderr, "gclabbench: no type for size %d kind %q\n", size, kind)
		os.Exit(2)
	}
	if int(f.size) != size {
		fmt.Fprintf(os.Stderr, "gclabbench: type for %d %s has size %d\n", size, kind, f.size)
		os.Exit(2)
	}
	return f
}

// child runs one measurement in this (fresh) process and prints ns/op.
func child(size int, kind string, n int, mode string) {
	debug.SetGCPercent(-1)
	f := lookup(size, kind)
	if mode == "reuse" {
		// Pass 1 maps fresh spans (never touched); pass 2 reuses and zeroes them, faulting the
		// pages in. The timed pass then reuses resident memory: zeroing without page faults.
		for pass := 0; pass < 2; pass++ {
			f.run(n)
			sink = nil
			runtime.GC() // runs even with GOGC off; returns after sweeping, so the spans are free
		}
	}
	d := f.run(n)
	fmt.Printf("%.4f\n", float64(d.Nanoseconds())/float64(n))
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func parseSizes(s string) []int {
	if s == "" {
		return defaultSizes
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			fmt.Fprintf(os.Stderr, "gclabbench: bad size %q\n", f)
			os.Exit(2)
		}
		out = append(out, v)
	}
	return out
}

func main() {
	isChild := flag.Bool("child", false, "internal: run one measurement")
	size := flag.Int("size", 0, "internal (child): object size")
	kind := flag.String("kind", "", "internal (child): scan or noscan")
	n := flag.Int("n", 1<<20, "allocations per measurement (one fresh heap)")
	reps := flag.Int("reps", 5, "repetitions (child processes) per size and kind")
	sizes := flag.String("sizes", "", "comma-separated sizes (default all)")
	kindList := flag.String("kinds", "noscan,scan", "comma-separated kinds")
	mode := flag.String("mode", "fresh", "fresh (growing heap, the default) or reuse (after a GC)")
	flag.Parse()
	if *mode != "fresh" && *mode != "reuse" {
		fmt.Fprintf(os.Stderr, "gclabbench: -mode must be fresh or reuse\n")
		os.Exit(2)
	}
	if *isChild {
		child(*size, *kind, *n, *mode)
		return
	}

	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gclabbench: %v\n", err)
		os.Exit(1)
	}
	type key struct {
		size int
		kind string
	}
	var order []key
	for _, k := range strings.Split(*kindList, ",") {
		for _, s := range parseSizes(*sizes) {
			lookup(s, k)
			order = append(order, key{s, k})
		}
	}
	results := map[key][]float64{}
	env := append(os.Environ(), "GOGC=off")
	for r := 0; r < *reps; r++ {
		for _, k := range order {
			cmd := exec.Command(self, "-child", "-size", strconv.Itoa(k.size), "-kind", k.kind,
				"-n", strconv.Itoa(*n), "-mode", *mode)
			cmd.Env = env
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			if err != nil {
				fmt.Fprintf(os.Stderr, "gclabbench: child %d %s: %v\n", k.size, k.kind, err)
				os.Exit(1)
			}
			v, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
			if err != nil {
				fmt.Fprintf(os.Stderr, "gclabbench: child output %q: %v\n", out, err)
				os.Exit(1)
			}
			results[k] = append(results[k], v)
		}
	}
	fmt.Printf("# %s, GOMAXPROCS=%d, mode=%s, n=%d allocations per fresh process, %d reps\n",
		runtime.Version(), runtime.GOMAXPROCS(0), *mode, *n, *reps)
	fmt.Printf("# go\tsize\tkind\tmedian_ns\tmin_ns\tmax_ns\treps\n")
	for _, k := range order {
		xs := results[k]
		s := append([]float64(nil), xs...)
		sort.Float64s(s)
		fmt.Printf("go\t%d\t%s\t%.3f\t%.3f\t%.3f\t%d\n", k.size, k.kind, median(xs), s[0], s[len(s)-1], len(xs))
	}
}
