#include "sim/mcentral.h"

#include "sim/mheap.h"

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

SpanId MCentral::cacheSpan(MHeap& h) {
    std::uint32_t sg = h.sweepgen;
    SpanId id = partialSwept(sg).pop();
    if (id == emptymspan)
        id = grow(h);
    MSpan& s = h.span(id);
    SIM_CHECK(s.allocCount < s.nelems && s.freeindex < s.nelems, "span has no free objects");
    s.primeAllocCache();
    return id;
}

void MCentral::uncacheSpan(MHeap& h, SpanId id) {
    MSpan& s = h.span(id);
    SIM_CHECK(s.allocCount != 0, "uncaching span but s.allocCount == 0");
    std::uint32_t sg = h.sweepgen;
    SIM_CHECK(s.sweepgen == sg + 3, "uncacheSpan: span is not a swept cached span (sweepgen != sg+3)");
    s.sweepgen = sg;
    if (s.allocCount < s.nelems)
        partialSwept(sg).push(id);
    else
        fullSwept(sg).push(id);
}

SpanId MCentral::grow(MHeap& h) {
    int c = spanclass.sizeclass();
    return h.allocSpan(class_to_allocnpages[c], spanclass);
}

} // namespace gclab
