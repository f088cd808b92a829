#include "sim/visit.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace gclab {

SpanSweep sweepStateOf(std::uint32_t spanSweepgen, std::uint32_t sg) {
    if (spanSweepgen == sg)
        return SpanSweep::swept;
    if (spanSweepgen == sg - 2)
        return SpanSweep::unswept;
    if (spanSweepgen == sg - 1)
        return SpanSweep::beingSwept;
    if (spanSweepgen == sg + 3)
        return SpanSweep::cachedSwept;
    return SpanSweep::cachedStale;
}

std::vector<SpanId> inUseSpansByAddress(const MHeap& h) {
    std::vector<SpanId> spans;
    for (std::size_t i = 1; i < h.numSpanRecords(); i++)
        if (h.span(static_cast<SpanId>(i)).state == MSpanState::mSpanInUse)
            spans.push_back(static_cast<SpanId>(i));
    std::sort(spans.begin(), spans.end(),
              [&](SpanId a, SpanId b) { return h.span(a).base() < h.span(b).base(); });
    return spans;
}

std::vector<QueuedSpan> queuedSpans(const Runtime& rt) {
    std::vector<QueuedSpan> out;
    for (const P& p : rt.allp)
        p.gcw.spanq.forEach([&](ObjPtr s, bool published) {
            out.push_back(QueuedSpan{objPtrSpanBase(s), p.id, published});
        });
    return out;
}

void visitHeap(const Runtime& rt, HeapVisitor& v) {
    const MHeap& h = rt.mheap;
    std::map<SpanId, std::uint32_t> cachedBy;
    for (const P& p : rt.allp)
        for (SpanId id : p.mcache.alloc)
            if (id != emptymspan)
                cachedBy[id] = p.id;
    std::unordered_set<uintptr> grey;
    if (v.wantsObjects()) {
        auto addAll = [&](const Workbuf& b) { grey.insert(b.begin(), b.end()); };
        for (const P& p : rt.allp) {
            addAll(p.gcw.wbuf1);
            addAll(p.gcw.wbuf2);
        }
        for (const Workbuf& b : rt.work.full.bufs)
            addAll(b);
    }
    for (SpanId id : inUseSpansByAddress(h)) {
        const MSpan& s = h.span(id);
        SpanView sv{id, &s, SpanPlace::partial, sweepStateOf(s.sweepgen, h.sweepgen), 0};
        if (auto it = cachedBy.find(id); it != cachedBy.end()) {
            sv.place = SpanPlace::mcache;
            sv.cachedBy = it->second;
        } else if (s.spanclass.sizeclass() == 0) {
            sv.place = SpanPlace::large;
        } else if (s.allocCount == s.nelems) {
            sv.place = SpanPlace::full;
        }
        v.onSpan(sv);
        if (!v.wantsObjects())
            continue;
        for (std::uint32_t slot = 0; slot < s.nelems; slot++) {
            if (s.isFree(slot))
                continue;
            uintptr addr = s.base() + slot * s.elemsize;
            Color c = Color::white;
            if (s.gcmarkBits.test(slot) && s.inlineMarkBits)
                c = s.markedUnscanned(slot) ? Color::grey : Color::black;
            else if (s.gcmarkBits.test(slot))
                c = grey.contains(addr) ? Color::grey : Color::black;
            v.onObject(ObjectView{addr, id, slot, c, s.typeOf(slot)});
        }
    }
    const std::uint32_t sg = h.sweepgen;
    for (const MCentral& c : h.central) {
        CentralView cv{c.spanclass, &c.partialSwept(sg), &c.partialUnswept(sg), &c.fullSwept(sg),
                       &c.fullUnswept(sg)};
        if (!cv.partialSwept->empty() || !cv.partialUnswept->empty() || !cv.fullSwept->empty() ||
            !cv.fullUnswept->empty())
            v.onCentral(cv);
    }
    for (const P& p : rt.allp)
        v.onP(p);
    for (const G& g : rt.allgs)
        v.onGoroutine(g);
}

uintptr objectBase(const Runtime& rt, uintptr p) {
    ObjectRef ref;
    if (p == 0 || !rt.mheap.findObject(p, ref))
        return 0;
    const MSpan& s = rt.mheap.span(ref.span);
    return s.base() + uintptr{ref.slot} * s.elemsize;
}

std::vector<uintptr> pointerTargets(const Runtime& rt, uintptr obj) {
    std::vector<uintptr> out;
    const std::uint32_t n = rt.types[rt.objectType(obj)].numPtrs();
    for (std::uint32_t f = 0; f < n; f++)
        if (uintptr b = objectBase(rt, rt.readPointer(PtrSlot::heap(obj, f))); b != 0)
            out.push_back(b);
    return out;
}

} // namespace gclab
