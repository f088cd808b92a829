// gclab — mcentral: the shared list of spans of one span class.
//
// Models: src/runtime/mcentral.go and the spanSet of src/runtime/mspanset.go (Go 1.19). Each
// mcentral has partial (free slots) and full (no free slots) sets, each in a swept and an unswept
// half; which half is which flips every time mheap.sweepgen advances by 2. See malloc.h for the
// overview.
// Simplifications: a spanSet is a plain FIFO (no lock-free blocks).
#pragma once

#include "sim/mspan.h"

#include <array>
#include <cstdint>
#include <vector>

namespace gclab {

class Runtime;

// SpanSet is a FIFO of spans: push at the tail, pop at the head.
class SpanSet {
  public:
    void push(SpanId s) { q_.push_back(s); }
    SpanId pop(); // emptymspan when the set is empty
    bool empty() const { return head_ == q_.size(); }
    std::size_t size() const { return q_.size() - head_; }
    // Iteration over the queued spans, head first (validation and views).
    const SpanId* begin() const { return q_.data() + head_; }
    const SpanId* end() const { return q_.data() + q_.size(); }

  private:
    std::vector<SpanId> q_;
    std::size_t head_ = 0;
};

struct MCentral {
    SpanClass spanclass{};
    std::array<SpanSet, 2> partial;
    std::array<SpanSet, 2> full;

    SpanSet& partialSwept(std::uint32_t sg) { return partial[sg / 2 % 2]; }
    SpanSet& partialUnswept(std::uint32_t sg) { return partial[1 - sg / 2 % 2]; }
    SpanSet& fullSwept(std::uint32_t sg) { return full[sg / 2 % 2]; }
    SpanSet& fullUnswept(std::uint32_t sg) { return full[1 - sg / 2 % 2]; }
    const SpanSet& partialSwept(std::uint32_t sg) const { return partial[sg / 2 % 2]; }
    const SpanSet& fullSwept(std::uint32_t sg) const { return full[sg / 2 % 2]; }
    const SpanSet& partialUnswept(std::uint32_t sg) const { return partial[1 - sg / 2 % 2]; }
    const SpanSet& fullUnswept(std::uint32_t sg) const { return full[1 - sg / 2 % 2]; }

    // cacheSpan returns a span with at least one free slot for an mcache, allocCache primed.
    SpanId cacheSpan(Runtime& rt);
    // uncacheSpan returns a span from an mcache to the swept sets.
    void uncacheSpan(Runtime& rt, SpanId s);
    // grow allocates a fresh span for this class from the heap.
    SpanId grow(Runtime& rt);
};

} // namespace gclab
