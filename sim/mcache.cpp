#include "sim/mcache.h"

#include "sim/runtime.h"

namespace gclab {

MCache::NextFree MCache::nextFree(SpanClass spc, Runtime& rt) {
    MHeap& h = rt.mheap;
    bool shouldhelpgc = false;
    MSpan* s = &h.span(alloc[spc.value]);
    std::uint32_t freeIndex = s->nextFreeIndex();
    if (freeIndex == s->nelems) {
        // The span is full.
        SIM_CHECK(s->allocCount == s->nelems, "s.allocCount != s.nelems && freeIndex == s.nelems");
        refill(spc, rt);
        shouldhelpgc = true;
        s = &h.span(alloc[spc.value]);
        freeIndex = s->nextFreeIndex();
    }
    SIM_CHECK(freeIndex < s->nelems, "freeIndex is not valid");
    s->allocCount++;
    SIM_CHECK(s->allocCount <= s->nelems, "s.allocCount > s.nelems");
    return NextFree{s->base() + freeIndex * s->elemsize, alloc[spc.value], freeIndex, shouldhelpgc};
}

MCache::NextFree MCache::nextSlot(SpanClass spc, Runtime& rt) {
    MSpan& s = rt.mheap.span(alloc[spc.value]);
    if (const std::uint32_t slot = s.nextFreeFast(); slot != noFreeSlot)
        return NextFree{s.base() + slot * s.elemsize, alloc[spc.value], slot, false};
    return nextFree(spc, rt);
}

void MCache::refill(SpanClass spc, Runtime& rt) {
    MHeap& h = rt.mheap;
    SpanId old = alloc[spc.value];
    MSpan& s = h.span(old);
    SIM_CHECK(s.allocCount == s.nelems, "refill of span with free space remaining");
    if (old != emptymspan) {
        SIM_CHECK(s.sweepgen == h.sweepgen + 3, "bad sweepgen in refill");
        h.central[spc.value].uncacheSpan(rt, old);
        h.heapStats.smallAllocCount[spc.sizeclass()] += s.allocCount - s.allocCountBeforeCache;
        if (spc == tinySpanClass) {
            h.heapStats.tinyAllocCount += tinyAllocs;
            tinyAllocs = 0;
        }
        s.allocCountBeforeCache = 0;
    }

    SpanId id = h.central[spc.value].cacheSpan(rt);
    rt.stepCost += rt.config().costs.refill;
    MSpan& ns = h.span(id);
    SIM_CHECK(ns.allocCount != ns.nelems, "span has no free space");
    ns.sweepgen = h.sweepgen + 3;
    ns.allocCountBeforeCache = ns.allocCount;

    // Assume every free slot of the span will be allocated; releaseAll undoes what was not.
    uintptr usedBytes = ns.allocCount * ns.elemsize;
    rt.gcControllerUpdate(static_cast<std::int64_t>(ns.npages * pageSize - usedBytes),
                          static_cast<std::int64_t>(scanAlloc));
    scanAlloc = 0;
    alloc[spc.value] = id;
}

SpanId MCache::allocLarge(uintptr size, bool noscan, Runtime& rt) {
    MHeap& h = rt.mheap;
    uintptr npages = divRoundUp(size, pageSize);
    // Pay sweep debt for this span; mheap.alloc sweeps npages itself through the reclaimer.
    rt.deductSweepCredit(npages * pageSize, npages);
    SpanClass spc = SpanClass::make(0, noscan);
    SpanId id = rt.mheapAlloc(npages, spc);
    h.heapStats.largeAlloc += npages * pageSize;
    h.heapStats.largeAllocCount++;
    rt.gcControllerUpdate(static_cast<std::int64_t>(npages * pageSize), 0);
    // Large spans sit on the swept full list so that the background sweeper finds them.
    h.central[spc.value].fullSwept(h.sweepgen).push(id);
    MSpan& s = h.span(id);
    s.limit = s.base() + size;
    return id;
}

void MCache::releaseAll(Runtime& rt) {
    MHeap& h = rt.mheap;
    auto flushedScan = static_cast<std::int64_t>(scanAlloc);
    scanAlloc = 0;
    std::uint32_t sg = h.sweepgen;
    std::int64_t dHeapLive = 0;
    for (int i = 0; i < numSpanClasses; i++) {
        SpanId id = alloc[i];
        if (id == emptymspan)
            continue;
        MSpan& s = h.span(id);
        h.heapStats.smallAllocCount[SpanClass{static_cast<std::uint8_t>(i)}.sizeclass()] +=
            s.allocCount - s.allocCountBeforeCache;
        s.allocCountBeforeCache = 0;
        if (s.sweepgen != sg + 1) {
            // refill counted the unallocated slots in heapLive; undo that.
            dHeapLive -= static_cast<std::int64_t>((s.nelems - s.allocCount) * s.elemsize);
        }
        h.central[i].uncacheSpan(rt, id);
        alloc[i] = emptymspan;
    }
    tiny = 0;
    tinyoffset = 0;
    h.heapStats.tinyAllocCount += tinyAllocs;
    tinyAllocs = 0;
    rt.gcControllerUpdate(dHeapLive, flushedScan);
}

void MCache::prepareForSweep(Runtime& rt) {
    std::uint32_t sg = rt.mheap.sweepgen;
    if (flushGen == sg)
        return;
    SIM_CHECK(flushGen == sg - 2, "bad flushGen in prepareForSweep");
    releaseAll(rt);
    flushGen = sg;
}

} // namespace gclab
