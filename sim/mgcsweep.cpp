// gclab — sweeping: mspan.sweep, sweepone, proportional sweep credit.
//
// Models: src/runtime/mgcsweep.go (Go 1.19): a span is swept once per cycle, by whoever claims it
// first (sweepgen sg-2 → sg-1): the background sweeper, an allocating goroutine paying sweep credit,
// mcentral.cacheSpan looking for a free slot, the page reclaimer, or mcache flushing a stale span.
// Sweeping makes the mark bits the new alloc bits and frees spans left with no objects.
// Simplifications: no finalizers or specials; sweeping a span is one step.
#include "sim/runtime.h"

#include <bit>

namespace gclab {

bool Runtime::sweepSpan(SpanId id, bool preserve) {
    MHeap& h = mheap;
    MSpan& s = h.span(id);
    const std::uint32_t sg = h.sweepgen;
    SIM_CHECK(s.state == MSpanState::mSpanInUse && s.sweepgen == sg - 1, "mspan.sweep: bad span state");

    std::uint32_t nalloc = s.gcmarkBits.countBelow(s.nelems);
    for (std::uint32_t i = 0; i < s.nelems; i++) {
        bool marked = s.gcmarkBits.test(i);
        bool free = s.isFree(i);
        SIM_CHECK(!(marked && free),
                  "found pointer to free object (zombie) in span at " + std::to_string(s.base()));
        if (!marked && !free)
            emit(EventKind::free, s.base() + i * s.elemsize, s.elemsize);
    }
    std::uint32_t nfreed = s.allocCount - nalloc;
    s.allocCount = nalloc;
    s.allocBits = std::move(s.gcmarkBits);
    s.gcmarkBits = GCBits(s.nelems);
    SIM_CHECK(s.owned == spanScanUnowned, "mspan.sweep: span still queued for scanning");
    s.scans.clearAll();
    s.freeindex = 0;
    s.refillAllocCache(0);
    s.sweepgen = sg;
    sweep.pagesSwept += s.npages;
    stepCost += cfg_.costs.sweepSpan + static_cast<std::int64_t>(s.nelems) * cfg_.costs.sweepObject;

    bool freed = false;
    uintptr base = s.base();
    int sizeclass = s.spanclass.sizeclass();
    if (sizeclass != 0) {
        if (nfreed > 0) {
            h.heapStats.smallFreeCount[sizeclass] += nfreed;
            s.needzero = true;
        }
        if (!preserve) {
            if (nalloc == 0) {
                emit(EventKind::spanFree, base, s.npages);
                h.freeSpan(id);
                freed = true;
            } else if (nalloc == s.nelems) {
                h.central[s.spanclass.value].fullSwept(sg).push(id);
            } else {
                h.central[s.spanclass.value].partialSwept(sg).push(id);
            }
        }
    } else if (!preserve) {
        if (nfreed != 0) {
            h.heapStats.largeFree += s.elemsize;
            h.heapStats.largeFreeCount++;
            emit(EventKind::spanFree, base, s.npages);
            h.freeSpan(id);
            freed = true;
        } else {
            h.central[s.spanclass.value].fullSwept(sg).push(id);
        }
    }
    emit(EventKind::spanSwept, base, nfreed, freed ? 1 : 0);
    return freed;
}

uintptr Runtime::sweepone() {
    MHeap& h = mheap;
    const std::uint32_t sg = h.sweepgen;
    while (sweep.centralIndex < static_cast<std::uint32_t>(numSpanClasses) * 2) {
        MCentral& c = h.central[sweep.centralIndex / 2];
        SpanSet& set = sweep.centralIndex % 2 == 0 ? c.fullUnswept(sg) : c.partialUnswept(sg);
        SpanId id = set.pop();
        if (id == emptymspan) {
            sweep.centralIndex++;
            continue;
        }
        MSpan& s = h.span(id);
        if (s.state != MSpanState::mSpanInUse || s.sweepgen != sg - 2)
            continue; // someone else swept it
        s.sweepgen = sg - 1;
        uintptr npages = s.npages;
        sweepSpan(id, false);
        return npages;
    }
    bool mcachesFlushed = true;
    for (const P& p : allp)
        mcachesFlushed = mcachesFlushed && !p.needPrepareForSweep;
    if (!sweep.drained && mcachesFlushed) {
        sweep.drained = true;
        freeSomeWbufs();
        if (cfg_.checkmark)
            checkNoReachableFreed();
        printScavTraceSweepDone();
    }
    return ~uintptr{0};
}

void Runtime::deductSweepCredit(uintptr spanBytes, uintptr callerSweepPages) {
    if (sweep.sweepPagesPerByte == 0)
        return;
    uintptr sweptBasis = sweep.pagesSweptBasis;
    uintptr live = gcController.heapLive;
    uintptr liveBasis = sweep.sweepHeapLiveBasis;
    uintptr newHeapLive = spanBytes;
    if (liveBasis < live)
        newHeapLive += live - liveBasis;
    auto pagesTarget = static_cast<std::int64_t>(sweep.sweepPagesPerByte * static_cast<double>(newHeapLive)) -
                       static_cast<std::int64_t>(callerSweepPages);
    while (pagesTarget > static_cast<std::int64_t>(sweep.pagesSwept - sweptBasis)) {
        if (sweepone() == ~uintptr{0}) {
            sweep.sweepPagesPerByte = 0;
            break;
        }
    }
}

} // namespace gclab
