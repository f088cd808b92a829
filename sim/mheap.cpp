#include "sim/mheap.h"

#include <algorithm>

namespace gclab {

namespace {
void setBit(std::array<std::uint64_t, pagesPerArena / 64>& bits, uintptr i) {
    bits[i / 64] |= std::uint64_t{1} << (i % 64);
}
void clearBit(std::array<std::uint64_t, pagesPerArena / 64>& bits, uintptr i) {
    bits[i / 64] &= ~(std::uint64_t{1} << (i % 64));
}
} // namespace

MHeap::MHeap() {
    for (int i = 0; i < numSpanClasses; i++)
        central[i].spanclass = SpanClass{static_cast<std::uint8_t>(i)};
    spans_.emplace_back(); // emptymspan: nelems 0, allocCache 0, never has a free slot
}

SpanId MHeap::newSpanRecord() {
    if (!freeSpanRecords_.empty()) {
        SpanId id = freeSpanRecords_.back();
        freeSpanRecords_.pop_back();
        return id;
    }
    spans_.emplace_back();
    return static_cast<SpanId>(spans_.size() - 1);
}

void MHeap::sysAlloc(uintptr n) {
    // Reserve whole arenas at the hint; the model's hints never fail, so arenas stay contiguous.
    uintptr size = alignUp(n, heapArenaBytes);
    SIM_CHECK(curArena.end == arenaEnd(), "sysAlloc: arena hint out of step");
    arenas_.resize(arenas_.size() + size / heapArenaBytes);
    spanMap_.resize(arenas_.size() * pagesPerArena, emptymspan);
    curArena.end += size;
}

uintptr MHeap::grow(uintptr npage) {
    uintptr ask = alignUp(npage, pallocChunkPages) * pageSize;
    uintptr nBase = alignUp(curArena.base + ask, physPageSize);
    if (nBase > curArena.end) {
        sysAlloc(ask);
        nBase = alignUp(curArena.base + ask, physPageSize);
    }
    uintptr v = curArena.base;
    curArena.base = nBase;
    // The mapped-but-untouched memory counts as released until a span uses it.
    heapReleased += nBase - v;
    pages.grow(v, nBase - v);
    return nBase - v;
}

SpanAlloc MHeap::allocSpan(uintptr npages, SpanClass spc) {
    PageAlloc::Result r = pages.alloc(npages);
    uintptr growth = 0;
    if (r.base == 0) {
        growth = grow(npages);
        r = pages.alloc(npages);
        SIM_CHECK(r.base != 0, "out of memory: grown heap has no room for the span");
    }
    uintptr nbytes = npages * pageSize;
    heapReleased -= r.scav;
    heapFree -= nbytes - r.scav;
    heapInUse += nbytes;

    SpanId id = newSpanRecord();
    MSpan& s = spans_[id];
    s.init(r.base, npages, spc, sweepgen, spanReservedBytes(goVersion, spc, nbytes),
           spanUsesInlineMarkBits(goVersion, spc));

    s.needzero = allocNeedsZero(r.base, npages);
    HeapArena& ha = arenaOf(r.base);
    setBit(ha.pageInUse, (r.base - arenaBaseHint) / pageSize % pagesPerArena);
    std::fill_n(spanMap_.begin() + static_cast<std::ptrdiff_t>((r.base - arenaBaseHint) / pageSize), npages,
                id);
    pagesInUse += npages;
    return SpanAlloc{id, growth, r.scav};
}

bool MHeap::allocNeedsZero(uintptr base, uintptr npages) {
    bool needzero = false;
    const uintptr limit = base + npages * pageSize;
    while (base < limit) {
        const uintptr arenaStart = base - (base - arenaBaseHint) % heapArenaBytes;
        HeapArena& ha = arenaOf(base);
        const uintptr offset = base - arenaStart;
        const uintptr end = std::min(limit - arenaStart, heapArenaBytes);
        if (offset < ha.zeroedBase)
            needzero = true;
        ha.zeroedBase = std::max(ha.zeroedBase, end);
        base = arenaStart + end;
    }
    return needzero;
}

PageAlloc::Range MHeap::scavengeOne(uintptr maxPages, bool skipDense) {
    PageAlloc::Range r = pages.scavengeOne(maxPages, skipDense);
    heapReleased += r.npages * pageSize;
    heapFree -= r.npages * pageSize;
    resident.release(r.base, r.npages * pageSize);
    return r;
}

void MHeap::freeSpan(SpanId id) {
    MSpan& s = spans_[id];
    SIM_CHECK(s.state == MSpanState::mSpanInUse, "freeSpan: span not in use");
    SIM_CHECK(s.allocCount == 0, "freeSpan: span still has objects");
    SIM_CHECK(s.sweepgen == sweepgen, "freeSpan: span is not swept");
    HeapArena& ha = arenaOf(s.startAddr);
    clearBit(ha.pageInUse, (s.startAddr - arenaBaseHint) / pageSize % pagesPerArena);
    clearBit(ha.pageMarks, (s.startAddr - arenaBaseHint) / pageSize % pagesPerArena);
    std::fill_n(spanMap_.begin() + static_cast<std::ptrdiff_t>((s.startAddr - arenaBaseHint) / pageSize),
                s.npages, emptymspan);
    pagesInUse -= s.npages;
    uintptr nbytes = s.npages * pageSize;
    heapFree += nbytes;
    heapInUse -= nbytes;
    pages.free(s.startAddr, s.npages);
    s.state = MSpanState::mSpanDead;
    s.generation++;
    s.allocBits = GCBits();
    s.gcmarkBits = GCBits();
    s.scans = GCBits();
    s.slotType.clear();
    s.soleType = MSpan::typeUnset;
    s.soleNumPtrs = 0;
    s.solePtrdata = 0;
    s.ptrs.clear();
    s.ptrStride = 0;
    freeSpanRecords_.push_back(id);
}

SpanId MHeap::spanOf(uintptr addr) const {
    if (addr < arenaBaseHint || addr >= arenaEnd())
        return emptymspan;
    SpanId id = spanMap_[(addr - arenaBaseHint) / pageSize];
    if (id == emptymspan || spans_[id].state != MSpanState::mSpanInUse)
        return emptymspan;
    return id;
}

bool MHeap::findObject(uintptr addr, ObjectRef& out) const {
    SpanId id = spanOf(addr);
    if (id == emptymspan)
        return false;
    const MSpan& s = spans_[id];
    if (addr >= s.limit)
        return false;
    std::uint32_t slot = s.objIndex(addr);
    if (s.isFree(slot))
        return false;
    out = ObjectRef{id, slot};
    return true;
}

} // namespace gclab
