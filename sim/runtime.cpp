#include "sim/runtime.h"

#include "sim/mstats.h"

namespace gclab {

Runtime::Runtime(RuntimeConfig cfg) : barrier(cfg.barrier), rng(cfg.seed), cfg_(cfg) {
    SIM_CHECK(cfg.gomaxprocs >= 1 && cfg.gomaxprocs <= 256, "GOMAXPROCS must be between 1 and 256");
    SIM_CHECK(cfg.sliceOps >= 1, "a time slice must allow at least one operation");
    allp.resize(cfg.gomaxprocs);
    for (std::uint32_t i = 0; i < cfg.gomaxprocs; i++)
        allp[i].id = i;
    mheap.goVersion = cfg.goVersion;
    gcController.go126 = cfg.goVersion == GoVersion::go1_26;
    gcController.memoryLimit = cfg.memoryLimit;
    gcController.globalsScan = cfg.runtimeRoots.dataBytes + cfg.runtimeRoots.bssBytes;
    gcController.init(cfg.gogc);
    gcCPULimiter.init(cfg.gomaxprocs);
    // The background sweeper is a goroutine, parked until the first cycle ends (Go: bgsweep).
    G sweeper;
    sweeper.goid = 1;
    sweeper.kind = GKind::bgsweep;
    sweeper.status = GStatus::waitingSweep;
    sweeper.program = noProgram;
    setStackSize(sweeper, fixedStack);
    allgs.push_back(sweeper);
    bgsweepG = sweeper.goid;
}

void Runtime::recordEvent(EventKind kind, uintptr a, uintptr b, uintptr c) {
    if (cfg_.hashEvents) {
        eventHash.add(tick);
        eventHash.add(static_cast<std::uint64_t>(kind) | (std::uint64_t{curP} << 8) |
                      (std::uint64_t{curG} << 40));
        eventHash.add(a);
        eventHash.add(b);
        eventHash.add(c);
    }
    if (cfg_.recordEvents)
        events.push_back(Event{tick, kind, curP, curG, a, b, c});
}

void Runtime::flushallmcaches() {
    for (P& p : allp)
        p.mcache.releaseAll(*this);
    if (cfg_.validate)
        validate();
}

std::size_t Runtime::approxBytes(const Runtime* base) const {
    std::size_t n = sizeof(Runtime);
    for (std::size_t i = 0; i < mheap.numSpanRecords(); i++) {
        if (base != nullptr && mheap.spanSharedWith(base->mheap, static_cast<SpanId>(i)))
            continue;
        const MSpan& s = mheap.span(static_cast<SpanId>(i));
        n += sizeof(MSpan) + (s.allocBits.nwords() + s.gcmarkBits.nwords()) * 8 +
             s.ptrs.size() * sizeof(uintptr) + s.slotType.size() * sizeof(TypeId);
    }
    n += mheap.numArenas() * (sizeof(HeapArena) + pagesPerArena * sizeof(SpanId));
    n += mheap.pages.numChunks() * 160;
    for (const G& g : allgs)
        n += sizeof(G) + g.stack.size() * sizeof(uintptr);
    for (const P& p : allp)
        n += sizeof(P) + (p.gcw.size() + p.wbBuf.buf.size()) * sizeof(uintptr);
    for (const Workbuf& b : work.full.bufs)
        n += b.size() * sizeof(uintptr);
    n += globals.size() * sizeof(uintptr) + events.size() * sizeof(Event) +
         work.stores.size() * sizeof(StoreRecord);
    return n;
}

std::uint64_t Runtime::stateHash() const {
    Fnv1a h;
    for (std::size_t i = 1; i < mheap.numSpanRecords(); i++) {
        const MSpan& s = mheap.span(static_cast<SpanId>(i));
        if (s.state != MSpanState::mSpanInUse)
            continue;
        h.add(s.startAddr);
        h.add(s.npages | (std::uint64_t{s.spanclass.value} << 32));
        h.add(s.allocCount | (std::uint64_t{s.freeindex} << 32));
        h.add(s.sweepgen | (std::uint64_t{s.owned} << 32));
        for (std::uint64_t w : s.scans.words())
            h.add(w);
        for (std::uint64_t w : s.allocBits.words())
            h.add(w);
        for (std::uint64_t w : s.gcmarkBits.words())
            h.add(w);
        for (std::uint32_t slot = 0; slot < s.nelems; slot++) {
            if (s.isFree(slot))
                continue;
            h.add(s.typeOf(slot));
            for (std::uint32_t k = 0; k < s.ptrStride; k++)
                h.add(s.ptrSlots(slot)[k]);
        }
    }
    for (uintptr g : globals)
        h.add(g);
    for (const G& g : allgs) {
        h.add(g.goid | (std::uint64_t{static_cast<std::uint8_t>(g.status)} << 32));
        h.add(g.pc);
        for (uintptr v : g.stack)
            h.add(v);
    }
    for (const P& p : allp)
        h.add(static_cast<std::uint64_t>(p.clock));
    MemStats m = readMemStats(*this);
    for (std::uint64_t v : {m.HeapAlloc, m.HeapInuse, m.HeapIdle, m.HeapReleased, m.Mallocs, m.Frees})
        h.add(v);
    h.add(gcController.heapLive);
    h.add(gcController.heapMarked);
    h.add(work.numgc);
    h.add(work.wbufSpans.busy);
    h.add(work.wbufSpans.free);
    h.add(mheap.sweepgen);
    return h.h;
}

} // namespace gclab
