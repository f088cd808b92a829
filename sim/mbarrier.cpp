// gclab — the write barrier, in each selectable mode (see mbarrier.h).
//
// Models: gcWriteBarrier / wbBufFlush1 of src/runtime/mwbbuf.go and the conceptual barriers of
// src/runtime/mbarrier.go's design comment (Go 1.19).
#include "sim/runtime.h"

namespace gclab {

void Runtime::writeBarrier(bool global, uintptr dst, std::uint32_t field, uintptr* slot, uintptr value,
                           std::uint32_t goid) {
    uintptr old = *slot;
    std::uint32_t pid = curP < allp.size() ? curP : 0;
    P& p = allp[pid];
    stepCost += cfg_.costs.barrier;
    if (cfg_.logStores) {
        StoreRecord r{tick, goid, global, dst, field, old, value, false};
        r.dstWasBlack = !global && objectColor(dst) == 2;
        work.stores.push_back(r);
    }
    emit(EventKind::shade, global ? 0 : dst, old, value);
    recentShades.push(ShadeRecord{tick, pid, global, dst, field, old, value, work.cycles});
    switch (barrier) {
    case BarrierMode::hybrid:
        // Go's fast path records both pointers without looking at colours; the flush shades them.
        p.wbBuf.buf.push_back(value);
        p.wbBuf.buf.push_back(old);
        if (p.wbBuf.full())
            wbBufFlush(p);
        break;
    case BarrierMode::hybridConceptual:
        shade(old, pid);
        if (goid == 0 || goroutine(goid).gcscandone != work.cycles)
            shade(value, pid);
        break;
    case BarrierMode::dijkstra:
        shade(value, pid);
        break;
    case BarrierMode::yuasa:
        shade(old, pid);
        break;
    case BarrierMode::off:
        break;
    }
}

void Runtime::wbBufFlush(P& p) {
    if (p.wbBuf.empty())
        return;
    std::vector<uintptr> buf = std::move(p.wbBuf.buf);
    p.wbBuf.buf.clear();
    for (uintptr v : buf)
        shade(v, p.id);
    stepCost += static_cast<std::int64_t>(buf.size()) * cfg_.costs.wbBufFlushPointer;
}

} // namespace gclab
