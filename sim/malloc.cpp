#include "sim/malloc.h"

#include "sim/runtime.h"

namespace gclab {

uintptr Runtime::newarray(TypeId elem, uintptr n, std::uint32_t p, std::uint32_t goid) {
    const GoType& e = types[elem];
    if (e.noscan())
        return mallocgc(e.size * n, elem, p, goid);
    return newobject(types.arrayOf(elem, n), p, goid);
}

void Runtime::gcmarknewobject(MSpan& span, std::uint32_t slot, uintptr size) {
    stepCost += cfg_.costs.allocBlack;
    span.gcmarkBits.set(slot);
    if (span.inlineMarkBits)
        span.scans.set(slot); // allocated black: Green Tea must not scan it
    HeapArena& ha = mheap.arenaOf(span.base());
    uintptr page = (span.base() - arenaBaseHint) / pageSize % pagesPerArena;
    ha.pageMarks[page / 64] |= std::uint64_t{1} << (page % 64);
    work.bytesMarked += size;
}

SpanId Runtime::mheapAlloc(uintptr npages, SpanClass spc) {
    if (!sweep.drained) {
        // The page reclaimer: sweep wholly unmarked spans, in address order, until npages were freed.
        uintptr freed = 0;
        uintptr totalPages = mheap.numArenas() * pagesPerArena;
        while (freed < npages && sweep.reclaimIndex < totalPages) {
            uintptr page = sweep.reclaimIndex++;
            const HeapArena& ha = mheap.arena(page / pagesPerArena);
            uintptr pi = page % pagesPerArena;
            bool inUse = (ha.pageInUse[pi / 64] >> (pi % 64)) & 1;
            bool marked = (ha.pageMarks[pi / 64] >> (pi % 64)) & 1;
            if (!inUse || marked)
                continue;
            SpanId id = mheap.spanAtPage(page);
            MSpan& s = mheap.span(id);
            if (s.sweepgen != mheap.sweepgen - 2)
                continue;
            s.sweepgen = mheap.sweepgen - 1;
            uintptr np = s.npages;
            if (sweepSpan(id, false))
                freed += np;
        }
    }
    allocPath.visit(AllocStage::mheap);
    allocPath.visit(AllocStage::pageAlloc);
    SpanAlloc a = mheap.allocSpan(npages, spc);
    if (a.growth != 0)
        allocPath.visit(AllocStage::grow);
    stepCost += cfg_.costs.spanAlloc;
    const MSpan& s = mheap.span(a.id);
    emit(EventKind::spanAlloc, s.base(), npages, spc.value);
    scavengeOnAlloc(a);
    return a.id;
}

void Runtime::recordAllocPath(std::uint32_t p, SpanClass spc, uintptr x, uintptr size) {
    emit(EventKind::allocPath, allocPath.encode(), spc.value, x);
    allp[p].lastAlloc = AllocRecord{tick, allocPath, spc, x, size};
}

uintptr Runtime::mallocgc(uintptr size, TypeId typ, std::uint32_t p, std::uint32_t goid) {
    SIM_CHECK(gcphase != GCPhase::marktermination, "malloc during GC mark termination");
    SIM_CHECK(p < allp.size(), "mallocgc: no such P");
    if (size == 0)
        return zerobase;
    const GoType& t = types[typ];
    const bool noscan = t.noscan();
    SIM_CHECK(noscan || size == t.size,
              "mallocgc: pointerful objects must be allocated at their type's size");
    if (allp[p].needPrepareForSweep) {
        // A P flushes its mcache once after each GC before it allocates again.
        allp[p].mcache.prepareForSweep(*this);
        allp[p].needPrepareForSweep = false;
    }
    MCache& c = allp[p].mcache;
    const uintptr dataSize = size;
    allocPath = AllocPath{};

    bool shouldhelpgc = false;
    uintptr x = 0;
    SpanId spanId = emptymspan;
    std::uint32_t slot = 0;
    TypeId slotType = typ;
    SpanClass spc = tinySpanClass;
    bool header = false; // Go 1.26: an 8-byte type header precedes the object (spanlayout.h)
    if (noscan && size < maxTinySize) {
        // Tiny allocator: align within the current block by the object's natural alignment.
        allocPath.visit(AllocStage::tiny);
        uintptr off = c.tinyoffset;
        if ((size & 7) == 0)
            off = alignUp(off, 8);
        else if ((size & 3) == 0)
            off = alignUp(off, 4);
        else if ((size & 1) == 0)
            off = alignUp(off, 2);
        if (off + size <= maxTinySize && c.tiny != 0) {
            x = c.tiny + off;
            c.tinyoffset = off + size;
            c.tinyAllocs++;
            recordAllocPath(p, spc, x, size);
            emit(EventKind::alloc, x, size, typ);
            return x;
        }
        allocPath.visit(AllocStage::mcache);
        const MCache::NextFree nf = c.nextSlot(tinySpanClass, *this);
        spanId = nf.span;
        slot = nf.slot;
        shouldhelpgc = nf.shouldhelpgc;
        x = nf.v;
        touchHeap(x, maxTinySize); // mallocgc zeroes a new tiny block
        // Keep whichever block has more free space left.
        if (size < c.tinyoffset || c.tiny == 0) {
            c.tiny = x;
            c.tinyoffset = size;
        }
        size = maxTinySize;
        slotType = TypeRegistry::tinyBlockType;
    } else if (size <= maxSmallRequest(cfg_.goVersion)) {
        header = hasMallocHeader(cfg_.goVersion, size, noscan);
        int sizeclass = sizeToClass(header ? size + mallocHeaderSize : size);
        spc = SpanClass::make(sizeclass, noscan);
        allocPath.visit(AllocStage::mcache);
        const MCache::NextFree nf = c.nextSlot(spc, *this);
        spanId = nf.span;
        slot = nf.slot;
        shouldhelpgc = nf.shouldhelpgc;
        size = class_to_size[sizeclass];
        const MSpan& s = mheap.span(spanId);
        x = nf.v;
        if (s.needzero) {
            stepCost += cfg_.costs.allocNeedZero;
            touchHeap(x, size); // memclrNoHeapPointers
        }
    } else {
        shouldhelpgc = true;
        spc = SpanClass::make(0, noscan);
        allocPath.visit(AllocStage::mcache);
        spanId = c.allocLarge(size, noscan, *this);
        MSpan& s = mheap.span(spanId);
        s.freeindex = 1;
        s.allocCount = 1;
        size = s.elemsize;
        x = s.base();
        if (s.needzero)
            touchHeap(x, size); // memclrNoHeapPointersChunked
    }

    MSpan& span = mheap.span(spanId);
    span.setObject(slot, slotType, noscan ? 0 : t.numPtrs(), noscan ? 0 : t.ptrdata);
    if (!noscan)
        c.scanAlloc += header ? size : t.ptrdata; // Go: heapSetType's scanSize
    // Allocate black: a new object cannot hold pointers yet, so it needs no scan this cycle.
    if (gcphase != GCPhase::off)
        gcmarknewobject(span, slot, size);
    recordAllocPath(p, spc, x, dataSize);
    emit(EventKind::alloc, x, size, slotType);
    // Charge the allocating goroutine for the internal fragmentation.
    if (gcBlackenEnabled && goid != 0)
        goroutine(goid).gcAssistBytes -= static_cast<std::int64_t>(size - dataSize);
    if (shouldhelpgc) {
        if (gcphase == GCPhase::off && !work.startPending) {
            gcController.mem = heapMemory();
            if (gcController.heapLive >= gcController.trigger())
                gcStart(false);
        }
        if (cfg_.validate)
            validate();
    }
    return x;
}

} // namespace gclab
