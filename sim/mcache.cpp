#include "sim/mcache.h"

namespace gclab {

MCache::NextFree MCache::nextFree(SpanClass spc, MHeap& h, GCController& gc, bool blackenEnabled) {
    bool shouldhelpgc = false;
    MSpan* s = &h.span(alloc[spc.value]);
    std::uint32_t freeIndex = s->nextFreeIndex();
    if (freeIndex == s->nelems) {
        // The span is full.
        SIM_CHECK(s->allocCount == s->nelems, "s.allocCount != s.nelems && freeIndex == s.nelems");
        refill(spc, h, gc, blackenEnabled);
        shouldhelpgc = true;
        s = &h.span(alloc[spc.value]);
        freeIndex = s->nextFreeIndex();
    }
    SIM_CHECK(freeIndex < s->nelems, "freeIndex is not valid");
    s->allocCount++;
    SIM_CHECK(s->allocCount <= s->nelems, "s.allocCount > s.nelems");
    return NextFree{s->base() + freeIndex * s->elemsize, alloc[spc.value], freeIndex, shouldhelpgc};
}

void MCache::refill(SpanClass spc, MHeap& h, GCController& gc, bool blackenEnabled) {
    SpanId old = alloc[spc.value];
    MSpan& s = h.span(old);
    SIM_CHECK(s.allocCount == s.nelems, "refill of span with free space remaining");
    if (old != emptymspan) {
        SIM_CHECK(s.sweepgen == h.sweepgen + 3, "bad sweepgen in refill");
        h.central[spc.value].uncacheSpan(h, old);
        h.heapStats.smallAllocCount[spc.sizeclass()] += s.allocCount - s.allocCountBeforeCache;
        if (spc == tinySpanClass) {
            h.heapStats.tinyAllocCount += tinyAllocs;
            tinyAllocs = 0;
        }
        s.allocCountBeforeCache = 0;
    }

    SpanId id = h.central[spc.value].cacheSpan(h);
    MSpan& ns = h.span(id);
    SIM_CHECK(ns.allocCount != ns.nelems, "span has no free space");
    ns.sweepgen = h.sweepgen + 3;
    ns.allocCountBeforeCache = ns.allocCount;

    // Assume every free slot of the span will be allocated; releaseAll undoes what was not.
    uintptr usedBytes = ns.allocCount * ns.elemsize;
    gc.update(static_cast<std::int64_t>(ns.npages * pageSize - usedBytes),
              static_cast<std::int64_t>(scanAlloc), blackenEnabled);
    scanAlloc = 0;
    alloc[spc.value] = id;
}

SpanId MCache::allocLarge(uintptr size, bool noscan, MHeap& h, GCController& gc, bool blackenEnabled) {
    uintptr npages = divRoundUp(size, pageSize);
    SpanClass spc = SpanClass::make(0, noscan);
    SpanId id = h.allocSpan(npages, spc);
    h.heapStats.largeAlloc += npages * pageSize;
    h.heapStats.largeAllocCount++;
    gc.update(static_cast<std::int64_t>(npages * pageSize), 0, blackenEnabled);
    // Large spans sit on the swept full list so that the background sweeper finds them.
    h.central[spc.value].fullSwept(h.sweepgen).push(id);
    MSpan& s = h.span(id);
    s.limit = s.base() + size;
    return id;
}

void MCache::releaseAll(MHeap& h, GCController& gc, bool blackenEnabled) {
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
        h.central[i].uncacheSpan(h, id);
        alloc[i] = emptymspan;
    }
    tiny = 0;
    tinyoffset = 0;
    h.heapStats.tinyAllocCount += tinyAllocs;
    tinyAllocs = 0;
    gc.update(dHeapLive, flushedScan, blackenEnabled);
}

void MCache::prepareForSweep(MHeap& h, GCController& gc, bool blackenEnabled) {
    std::uint32_t sg = h.sweepgen;
    if (flushGen == sg)
        return;
    SIM_CHECK(flushGen == sg - 2, "bad flushGen in prepareForSweep");
    releaseAll(h, gc, blackenEnabled);
    flushGen = sg;
}

} // namespace gclab
