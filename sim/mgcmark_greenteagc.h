// gclab — Green Tea marking (the Go 1.26 profile): a P's FIFO queue of spans to scan.
//
// Models: spanQueue, spanScanOwnership and objptr from src/runtime/mgcmark_greenteagc.go (the
// development tree of about Go 1.26, where Green Tea is on by default). Under Green Tea a pointer to
// an object of 16-512 B in a pointerful span marks the object and queues its span instead of the
// object; the span is scanned later, all its marked-but-unscanned objects at once (scanSpan in
// mgcmark_greenteagc.cpp). A P keeps spans in a local ring of 256 and publishes some of them to a
// chain that other Ps steal from.
// Simplifications: the chain of single-producer multi-consumer rings (1024 entries and up, doubling)
// is one unbounded FIFO per P; a thief visits the other Ps in order from its own id + 1 (Go starts
// at a random P and skips those whose spanqMask bit is clear).
#pragma once

#include "sim/sizeclasses.h"

#include <array>
#include <cstdint>
#include <deque>

namespace gclab {

// ObjPtr is Go's objptr: a span base (page-aligned) with an object index in its low bits, standing
// for the span it names.
using ObjPtr = uintptr;
constexpr ObjPtr makeObjPtr(uintptr spanBase, std::uint32_t objIndex) { return spanBase | objIndex; }
constexpr uintptr objPtrSpanBase(ObjPtr p) { return p & ~(pageSize - 1); }
constexpr std::uint32_t objPtrIndex(ObjPtr p) { return static_cast<std::uint32_t>(p & (pageSize - 1)); }

// SpanScanOwnership is whether a span is queued for scanning, and whether one or more of its objects
// were marked since it was queued (Go: spanScanOwnership). oneMark | manyMark means "many".
enum SpanScanOwnership : std::uint8_t { spanScanUnowned = 0, spanScanOneMark = 1, spanScanManyMark = 2 };

// tryAcquireSpan records a new mark on a span: true if the span was unowned, so the caller must
// queue it (Go: spanInlineMarkBits.tryAcquire).
inline bool tryAcquireSpan(std::uint8_t& owned) {
    const std::uint8_t old = owned;
    owned |= old == spanScanUnowned ? spanScanOneMark : spanScanManyMark;
    return old == spanScanUnowned;
}

// releaseSpan makes the span unowned again and returns what it was (Go: spanInlineMarkBits.release).
inline std::uint8_t releaseSpan(std::uint8_t& owned) {
    const std::uint8_t old = owned;
    owned = spanScanUnowned;
    return old;
}

class SpanQueue {
  public:
    static constexpr std::uint32_t ringSize = 256; // Go: len(spanQueue.ring)
    static constexpr std::uint32_t spillPeriod = 64;
    static constexpr std::uint32_t spillMax = 16;

    // put queues a span; true if it published spans other Ps can steal (Go: spanQueue.put).
    bool put(ObjPtr s);
    // tryGetFast takes the oldest span of the local ring, 0 if it is empty.
    ObjPtr tryGetFast();
    // steal moves the older half (at most half a ring) of victim's published spans into this
    // queue's empty ring and returns the first of them, 0 if victim published none. victim may be
    // this queue (Go: spanQueue.steal and refill).
    ObjPtr steal(SpanQueue& victim);
    // flush publishes every span of the local ring.
    void flush() { drain(tail_ - head_); }

    bool empty() const { return localSize() == 0 && chain_.empty(); }
    bool chainEmpty() const { return chain_.empty(); }
    std::uint32_t localSize() const { return tail_ - head_; }
    std::size_t publishedSize() const { return chain_.size(); }
    // forEach calls f(span, published) on every queued span, the local ring's first.
    template <typename F>
    void forEach(F&& f) const {
        for (std::uint32_t i = head_; i != tail_; i++)
            f(ring_[i % ringSize], false);
        for (ObjPtr s : chain_)
            f(s, true);
    }

  private:
    void drain(std::uint32_t n);

    std::array<ObjPtr, ringSize> ring_{};
    std::uint32_t head_ = 0;
    std::uint32_t tail_ = 0;
    std::uint32_t putsSinceDrain_ = 0;
    std::deque<ObjPtr> chain_; // published spans, oldest first
};

} // namespace gclab
