// Scavenge probe: hold a spike of 64 KiB Blocks (the scavenger scenario's type), drop it, collect,
// then debug.FreeOSMemory; print the heap's released and idle bytes before and after.
// Usage: go-scavenge SPIKE_MIB. Run with GODEBUG=scavtrace=1 to see the scavenger's lines on stderr.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
)

type Block struct {
	next *Block
	data [8191]int64
}

var list *Block

func printStats(prefix string) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("%sHeapReleased=%d\n%sHeapIdle=%d\n%sHeapInuse=%d\n%sHeapSys=%d\n",
		prefix, m.HeapReleased, prefix, m.HeapIdle, prefix, m.HeapInuse, prefix, m.HeapSys)
}

func main() {
	mib, err := strconv.Atoi(os.Args[1])
	if err != nil {
		panic(err)
	}
	for i := 0; i < mib*16; i++ {
		b := new(Block)
		b.next = list
		list = b
	}
	list = nil
	runtime.GC()
	printStats("Before")
	debug.FreeOSMemory()
	printStats("")
}
