#include "sim/mcentral.h"

#include "sim/runtime.h"

namespace gclab {

SpanId SpanSet::pop() {
    if (empty())
        return emptymspan;
    SpanId s = q_[head_++];
    if (head_ == q_.size()) {
        q_.clear();
        head_ = 0;
    } else if (head_ >= 64 && head_ * 2 >= q_.size()) {
        q_.erase(q_.begin(), q_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
    return s;
}

SpanId MCentral::cacheSpan(Runtime& rt) {
    MHeap& h = rt.mheap;
    int c = spanclass.sizeclass();
    rt.deductSweepCredit(class_to_allocnpages[c] * pageSize, 0);

    std::uint32_t sg = h.sweepgen;
    rt.allocPath.visit(AllocStage::mcentral);
    SpanId id = partialSwept(sg).pop();
    SpanSource source = SpanSource::partialSwept;
    // Sweep unswept spans of this class, within one budget, looking for one with a free slot.
    int spanBudget = 100;
    for (; id == emptymspan && spanBudget >= 0; spanBudget--) {
        SpanId u = partialUnswept(sg).pop();
        if (u == emptymspan)
            break;
        MSpan& s = h.span(u);
        if (s.sweepgen == sg - 2) {
            s.sweepgen = sg - 1;
            rt.sweepSpan(u, true);
            id = u;
            source = SpanSource::partialUnswept;
        }
    }
    for (; id == emptymspan && spanBudget >= 0; spanBudget--) {
        SpanId u = fullUnswept(sg).pop();
        if (u == emptymspan)
            break;
        MSpan& s = h.span(u);
        if (s.sweepgen != sg - 2)
            continue;
        s.sweepgen = sg - 1;
        rt.sweepSpan(u, true);
        std::uint32_t freeIndex = s.nextFreeIndex();
        if (freeIndex != s.nelems) {
            s.freeindex = freeIndex;
            id = u;
            source = SpanSource::fullUnswept;
        } else {
            fullSwept(sg).push(u);
        }
    }
    if (id == emptymspan) {
        id = grow(rt);
        source = SpanSource::grow;
    }
    rt.allocPath.source = source;
    MSpan& s = h.span(id);
    SIM_CHECK(s.allocCount < s.nelems && s.freeindex < s.nelems, "span has no free objects");
    s.primeAllocCache();
    return id;
}

void MCentral::uncacheSpan(Runtime& rt, SpanId id) {
    MHeap& h = rt.mheap;
    MSpan& s = h.span(id);
    SIM_CHECK(s.allocCount != 0, "uncaching span but s.allocCount == 0");
    std::uint32_t sg = h.sweepgen;
    bool stale = s.sweepgen == sg + 1;
    if (stale) {
        // Cached before this sweep phase began: claim it and sweep it now; the sweep files it.
        s.sweepgen = sg - 1;
        rt.sweepSpan(id, false);
        return;
    }
    SIM_CHECK(s.sweepgen == sg + 3, "uncacheSpan: span is not a swept cached span (sweepgen != sg+3)");
    s.sweepgen = sg;
    if (s.allocCount < s.nelems)
        partialSwept(sg).push(id);
    else
        fullSwept(sg).push(id);
}

SpanId MCentral::grow(Runtime& rt) {
    int c = spanclass.sizeclass();
    return rt.mheapAlloc(class_to_allocnpages[c], spanclass);
}

} // namespace gclab
