// gclab — Green Tea marking (the Go 1.26 profile): span queues, the drain order and scanSpan.
//
// Models: src/runtime/mgcmark_greenteagc.go (spanQueue.put/drain/steal/refill, tryGetSpan,
// tryStealSpan, scanSpan, spanSetScans) and gcDrain's order of work sources in mgcmark.go, from the
// development tree of about Go 1.26. greyobject (mgcmark.cpp) queues the span of a newly marked
// object of 16-512 B in a pointerful span (tryDeferToSpanScan); scanSpan scans the span's marked but
// unscanned objects together.
// Simplifications: a span whose marks cover at least nelems/8 objects is scanned as by Go's packed
// kernel on a machine that has it (amd64 with AVX-512, like this one): its scan work is the objects'
// whole size; the model charges every scanned object the same time as the classic scanobject
// (Go reports Green Tea's saving in GC CPU, 10-40 %, but Go 1.26 cannot run here to calibrate it).
#include "sim/runtime.h"

#include <bit>

namespace gclab {

bool SpanQueue::put(ObjPtr s) {
    if (localSize() < ringSize) {
        ring_[tail_++ % ringSize] = s;
        if (++putsSinceDrain_ >= spillPeriod) {
            putsSinceDrain_ = 0;
            // Now and then publish a few spans so that other Ps find work.
            const std::uint32_t n = std::min(localSize() / 2, spillMax);
            if (n > 4 && chainEmpty()) {
                drain(n);
                return true;
            }
        }
        return false;
    }
    // The ring is full: publish half of it.
    drain(ringSize / 2);
    ring_[tail_++ % ringSize] = s;
    return true;
}

ObjPtr SpanQueue::tryGetFast() {
    if (localSize() == 0)
        return 0;
    return ring_[head_++ % ringSize];
}

void SpanQueue::drain(std::uint32_t n) {
    putsSinceDrain_ = 0;
    for (std::uint32_t i = 0; i < n; i++)
        chain_.push_back(ring_[head_++ % ringSize]);
}

ObjPtr SpanQueue::steal(SpanQueue& victim) {
    SIM_CHECK(localSize() == 0, "spanQueue.steal with local work available");
    auto n = static_cast<std::uint32_t>(victim.chain_.size());
    n = std::min(n - n / 2, ringSize / 2);
    if (n == 0)
        return 0;
    head_ = tail_ = 0;
    for (std::uint32_t i = 0; i < n; i++) {
        ring_[tail_++] = victim.chain_.front();
        victim.chain_.pop_front();
    }
    return tryGetFast();
}

ObjPtr Runtime::tryStealSpan(P& p) {
    const auto n = static_cast<std::uint32_t>(allp.size());
    for (std::uint32_t k = 1; k < n; k++)
        if (ObjPtr s = p.gcw.spanq.steal(allp[(p.id + k) % n].gcw.spanq))
            return s;
    return 0;
}

Runtime::MarkWork Runtime::nextWorkGreenTea(P& p) {
    if (work.full.empty())
        p.gcw.balance(work.full);
    GCWork& w = p.gcw;
    if (uintptr b = w.tryGetFast())
        return {b, 0};
    if (ObjPtr s = w.spanq.tryGetFast())
        return {0, s};
    if (uintptr b = w.tryGet(work.full))
        return {b, 0};
    if (ObjPtr s = w.spanq.steal(w.spanq))
        return {0, s};
    wbBufFlush(p);
    if (uintptr b = w.tryGet(work.full))
        return {b, 0};
    if (ObjPtr s = w.spanq.tryGetFast())
        return {0, s};
    if (ObjPtr s = w.spanq.steal(w.spanq))
        return {0, s};
    return {0, tryStealSpan(p)};
}

std::int64_t Runtime::scanSpanObject(const MSpan& s, std::uint32_t slot, P& p) {
    // The span is known: hand it to scanobject as greyobject's hint does, sparing the lookup.
    const uintptr obj = s.base() + slot * s.elemsize;
    scanHint_ = {obj, &s, slot, s.ptrSlots(slot)};
    return scanobject(obj, p);
}

std::int64_t Runtime::scanSpan(ObjPtr ptr, P& p) {
    const uintptr base = objPtrSpanBase(ptr);
    MSpan& s = mheap.span(mheap.spanOfHeap(base));
    SIM_CHECK(s.inlineMarkBits && !s.spanclass.noscan(), "scanSpan of a span without inline mark bits");
    if (releaseSpan(s.owned) == spanScanOneMark) {
        // Nothing else was marked since the span was queued: scan the object that queued it.
        const std::uint32_t slot = objPtrIndex(ptr);
        if (s.scans.test(slot))
            return 0;
        s.scans.set(slot);
        work.current.spansOneMarkScanned++;
        return scanSpanObject(s, slot, p);
    }
    // toScan = marks &^ scans, then scans |= marks (Go: spanSetScans), before any object is scanned:
    // objects of this span that the scan marks queue the span again.
    spanScanSlots_.clear();
    const std::vector<std::uint64_t>& marks = s.gcmarkBits.words();
    const std::vector<std::uint64_t>& scans = s.scans.words();
    for (std::size_t w = 0; w < marks.size(); w++)
        for (std::uint64_t bits = marks[w] & ~scans[w]; bits != 0; bits &= bits - 1)
            spanScanSlots_.push_back(static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits)));
    for (std::uint32_t slot : spanScanSlots_)
        s.scans.set(slot);
    const auto n = static_cast<std::uint32_t>(spanScanSlots_.size());
    std::int64_t scanWork = 0;
    for (std::uint32_t slot : spanScanSlots_)
        scanWork += scanSpanObject(s, slot, p);
    if (n == 0)
        return 0;
    if (n < s.nelems / 8) {
        work.current.spansSparseScanned++;
        work.current.spanObjsSparseScanned += n;
        return scanWork;
    }
    // The packed kernel counts every scanned object's whole size as scan work.
    work.current.spansDenseScanned++;
    work.current.spanObjsDenseScanned += n;
    const auto whole = static_cast<std::int64_t>(n * s.elemsize);
    gcController.heapScanWork += whole - scanWork;
    return whole;
}

} // namespace gclab
