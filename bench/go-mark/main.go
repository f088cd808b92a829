// gclabmark measures real Go 1.19's runtime.GC() on the shapes bench/bench_mark.cpp models: a
// complete binary tree of depth 20 and 22 and a 4M-node linked list, all live, GOMAXPROCS=1.
// runtime.GC() runs a full cycle and then sweeps everything, like the model's measured cycle.
// Prints the median ns per live object over several cycles.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"time"
)

type node struct{ left, right *node }

type listNode struct {
	next *listNode
	val  int
}

var sinkTree *node
var sinkList *listNode

func tree(depth int) *node {
	n := &node{}
	if depth > 0 {
		n.left = tree(depth - 1)
		n.right = tree(depth - 1)
	}
	return n
}

func list(n int) *listNode {
	var head *listNode
	for i := 0; i < n; i++ {
		head = &listNode{next: head, val: i}
	}
	return head
}

func measure(name string, objects int, cycles int) {
	runtime.GC() // warm-up: sweep the build's spans
	ns := make([]float64, 0, cycles)
	for i := 0; i < cycles; i++ {
		start := time.Now()
		runtime.GC()
		ns = append(ns, float64(time.Since(start).Nanoseconds())/float64(objects))
	}
	sort.Float64s(ns)
	fmt.Printf("%s\t%d\t%.2f\n", name, objects, ns[len(ns)/2])
}

func main() {
	cycles := 5
	if len(os.Args) > 1 {
		if c, err := strconv.Atoi(os.Args[1]); err == nil && c > 0 {
			cycles = c
		}
	}
	runtime.GOMAXPROCS(1)
	debug.SetGCPercent(-1) // only the measured cycles run
	fmt.Println("shape\tobjects\tgo_ns_per_object")
	sinkTree = tree(20)
	measure("tree20", 1<<21-1, cycles)
	sinkTree = tree(22)
	measure("tree22", 1<<23-1, cycles)
	sinkTree = nil
	sinkList = list(4 << 20)
	measure("list4M", 4<<20, cycles)
}
