// gclab — mcache: the per-P cache of spans, one per span class, and the tiny allocator's block.
//
// Models: src/runtime/mcache.go (refill, allocLarge, releaseAll, prepareForSweep) and mcache.nextFree
// from src/runtime/malloc.go, Go 1.19. refill counts the span's free slots into heapLive at once (an
// overestimate, undone by releaseAll) and counts allocations into the consistent stats only when the
// span leaves the cache. See malloc.h for the overview.
// Simplifications: no stack caches and no per-P page cache.
#pragma once

#include "sim/mheap.h"

#include <array>
#include <cstdint>

namespace gclab {

class Runtime;

struct MCache {
    std::array<SpanId, numSpanClasses> alloc{}; // every slot starts at emptymspan
    uintptr tiny = 0;                           // address of the current tiny block, 0 if none
    uintptr tinyoffset = 0;                     // next free byte in it
    std::uint64_t tinyAllocs = 0;
    uintptr scanAlloc = 0; // scannable bytes allocated since the last flush
    std::uint32_t flushGen = 0;

    struct NextFree {
        uintptr v;
        SpanId span;
        std::uint32_t slot;
        bool shouldhelpgc; // a refill happened: the caller tests the GC trigger
    };
    // nextFree is the slow path after nextFreeFast failed: it may refill the span.
    NextFree nextFree(SpanClass spc, Runtime& rt);
    // nextSlot is mallocgc's lookup of a slot of class spc: nextFreeFast on the cached span, else nextFree.
    NextFree nextSlot(SpanClass spc, Runtime& rt);
    // refill replaces the full span of class spc with one that has a free slot.
    void refill(SpanClass spc, Runtime& rt);
    // allocLarge allocates a dedicated span for an object larger than maxSmallSize.
    SpanId allocLarge(uintptr size, bool noscan, Runtime& rt);
    // releaseAll returns every cached span to its mcentral and flushes the tiny block and counters.
    void releaseAll(Runtime& rt);
    // prepareForSweep flushes the cache once after each GC (a no-op if already flushed this cycle).
    void prepareForSweep(Runtime& rt);
};

} // namespace gclab
