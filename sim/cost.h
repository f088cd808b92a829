// gclab — virtual time: what each runtime operation costs, in nanoseconds.
//
// Models: nothing in Go; this is the model's clock. Every operation charges its cost to the P that
// ran it, and stop-the-world work charges every P. The allocation, marking and pause costs are
// measured on Go 1.19.8 on the development machine (CPU time, bench/go-calib; docs/pacer.md "Cost
// model calibration" has the commands and numbers); the others are estimates, marked below.
#pragma once

#include <cstdint>

namespace gclab {

struct CostModel {
    // Measured: a fit of CPU ns per new(T) over 16..1024-byte objects gives 18 ns per object plus
    // 2025 ns per new span; the split of the per-span part between refill and allocSpan is estimated.
    std::int64_t allocFast = 18;   // mallocgc fast path
    std::int64_t refill = 300;     // mcache.refill, excluding span allocation
    std::int64_t spanAlloc = 1725; // mheap.allocSpan
    // Measured: 70 ns per new(T) of a 64-byte Object into the free slots a collection left (gclabcalib
    // allocreuse: cold memory, zeroing), against the fresh heap's 34: allocFast + refill's share +
    // this, charged for every object allocated in a span whose sweep freed slots (Go: mspan.needzero).
    std::int64_t allocNeedZero = 40;
    // Measured: 59 ns per live object when marking the steady-state shape (a pointer slice and
    // 64-byte Objects with one pointer word, in random address order) = scanObject + 2 scanWord.
    std::int64_t scanObject = 15; // scanobject fixed part
    std::int64_t scanWord = 22;   // per pointer word examined (greying its target included)
    // Measured: the minimum sweep-termination pause in gctrace's clock field.
    std::int64_t stwFixed = 10000; // entering a stop-the-world stage
    // Estimates, not measured.
    std::int64_t pointerOp = 2;    // a load or store
    std::int64_t barrier = 5;      // one write-barrier invocation
    std::int64_t scanRootWord = 1; // per word of a data/BSS block (most of the runtime's are scalars)
    std::int64_t rootJob = 100;    // markroot fixed part
    std::int64_t sweepSpan = 200;  // mspan.sweep fixed part
    std::int64_t sweepObject = 1;  // per slot examined
    std::int64_t schedule = 50;    // switching goroutines
    std::int64_t idle = 1000;      // an idle P waits this long before looking again (a model choice)
    std::int64_t flushMCache = 200;
    std::int64_t scavengePage = 1500; // releasing one 8 KiB page (madvise; mgcscavenge.h)
};

} // namespace gclab
