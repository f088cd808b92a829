// gclab — virtual time: what each runtime operation costs, in nanoseconds.
//
// Models: nothing in Go; this is the model's clock. Every operation charges its cost to the P that
// ran it, and stop-the-world work charges every P. The allocation, marking, write-barrier and pause
// costs are measured on Go 1.19.8 on the development machine (CPU time, bench/go-calib, perf; docs/
// pacer.md "Cost model calibration" and "The current cost model" have the commands and numbers); the
// others are estimates, marked below. Simplified: no caches or contention, except that scanning costs
// more in a sparse or large heap (markCostPermille) and a random field of a large object costs a miss
// (randomAccessCost).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace gclab {

struct CostModel {
    // Measured: a fit of CPU ns per new(T) over 16..1024-byte objects gives 18 ns per object plus
    // 2025 ns per new span; the split of the per-span part between refill and allocSpan is estimated.
    std::int64_t allocFast = 18;   // mallocgc fast path
    std::int64_t refill = 300;     // mcache.refill, excluding span allocation
    std::int64_t spanAlloc = 1725; // mheap.allocSpan
    // Fitted: charged for every object allocated in a span whose sweep freed slots (Go:
    // mspan.needzero), so that the steady-state mutator costs what Go's does in the same run (Go 1.19,
    // 8 MiB live, one goroutine, P=1: 323-336 ns per iteration at GOGC 25, 194-214 at GOGC 200). Go's
    // cost depends on how scattered the free slots are (gclabcalib allocreuse, 3/4 of each span still
    // in use: 147-180 ns per object); the model has no caches and charges one constant.
    std::int64_t allocNeedZero = 26;
    // Fitted: Go's concurrent mark of the steady-state shape (a pointer slice and 64-byte Objects
    // with one pointer word, in random address order) costs 18 ns per object = scanObject + 2
    // scanWord once its pages are resident, when the heap holds little besides the live objects and
    // they fit the caches; markCostPermille (below) scales it for sparser and larger heaps. The first
    // scan of a page the mutator never touched also pays pageFault: the steady-state program never
    // writes its Objects (before the model had faults, a fit of 22 ns per object absorbed them).
    std::int64_t scanObject = 4; // scanobject fixed part
    std::int64_t scanWord = 7;   // per pointer word examined (greying its target included)
    // Measured: per marked object, Go's mark CPU grows in proportion to the heap in use (the pages of
    // in-use spans) over the marked heap (live objects spread among more garbage) up to about 3, and by
    // about a third for each doubling of the marked heap past 8 MiB (the caches and the TLB).
    double markSparsityMax = 3;
    std::uint64_t markCacheBytes = 8 << 20;
    double markCachePerDoubling = 0.32;
    // Measured: the minimum sweep-termination pause in gctrace's clock field.
    std::int64_t stwFixed = 10000; // entering a stop-the-world stage
    // Measured (perf profiles of the steady-state program, per store and allocation while the write
    // barrier is on): the barrier's fast path, the flush per recorded pointer (findObject and
    // greyobject), and allocating an object black (gcmarknewobject). All are mutator time.
    std::int64_t barrier = 20;           // one write-barrier invocation (gcWriteBarrier)
    std::int64_t wbBufFlushPointer = 11; // shading one pointer from the write-barrier buffer
    std::int64_t allocBlack = 14;        // gcmarknewobject
    // Measured: a load or store of a random pointer field of an object larger than the caches misses
    // them, and the TLB too as it grows. Go's steady-state loop with the GC off (a store to a random
    // slot of a []*Object and four 64-byte allocations; gclabcalib mutator MIB...) costs the same with
    // a 1 or 2 MiB slice, and more for each doubling past that: +36 ns per iteration at 4 MiB, +73
    // at 8 MiB, +150 at 64 MiB on a quiet machine (medians of 9-15 runs; under load +88 and +223 on a
    // base of 195 ns instead of 131). The stores alone, without the allocations that evict the slice
    // between them, overlap their misses (gclabcalib storerand).
    std::int64_t randomAccessPerDoubling = 35;
    std::uint64_t randomAccessCacheBytes = 2 << 20;
    // Estimates, not measured.
    std::int64_t pointerOp = 2;    // a load or store
    std::int64_t scanRootWord = 1; // per word of a data/BSS block (most of the runtime's are scalars)
    std::int64_t rootJob = 100;    // markroot fixed part
    std::int64_t sweepSpan = 200;  // mspan.sweep fixed part
    std::int64_t sweepObject = 1;  // per slot examined
    std::int64_t schedule = 50;    // switching goroutines
    std::int64_t idle = 1000;      // an idle P waits this long before looking again (a model choice)
    std::int64_t flushMCache = 200;
    std::int64_t scavengePage = 1500; // releasing one 8 KiB page (madvise; mgcscavenge.h)
    // Measured: the first access to a 4 KiB page of heap memory (mem_linux.h), as Go's mark pays it
    // (gclabcalib markfresh: 13.7 us per page at 64 MiB, 14.4 at 16 MiB; a C loop reading one byte
    // per page of a fresh mapping: 12-13 us). Charged to whoever touches the page first.
    std::int64_t pageFault = 13600;
};

// markCostPermille is the factor, in thousandths, by which scanobject's cost is multiplied during a
// mark phase that starts with heapInUse bytes of in-use spans after the last cycle marked heapMarked
// bytes: the live objects lie spread over the spans' pages, however few bytes heapLive counts in them.
inline std::int64_t markCostPermille(const CostModel& c, std::uint64_t heapInUse, std::uint64_t heapMarked) {
    if (heapMarked == 0)
        return 1000;
    double sparsity =
        std::clamp(static_cast<double>(heapInUse) / static_cast<double>(heapMarked), 1.0, c.markSparsityMax);
    double cache = 1;
    if (heapMarked > c.markCacheBytes)
        cache += c.markCachePerDoubling *
                 std::log2(static_cast<double>(heapMarked) / static_cast<double>(c.markCacheBytes));
    return std::llround(1000 * sparsity * cache);
}

// randomAccessCost is the expected cache-miss cost of reading or writing a random pointer field of an
// object whose pointer words span ptrdata bytes.
inline std::int64_t randomAccessCost(const CostModel& c, std::uint64_t ptrdata) {
    if (ptrdata <= c.randomAccessCacheBytes)
        return 0;
    return std::llround(
        static_cast<double>(c.randomAccessPerDoubling) *
        std::log2(static_cast<double>(ptrdata) / static_cast<double>(c.randomAccessCacheBytes)));
}

} // namespace gclab
