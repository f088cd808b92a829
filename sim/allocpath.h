// gclab — which levels of the allocator one mallocgc reached (the alloc-path event).
//
// Models: nothing Go keeps; it names the levels of src/runtime/malloc.go's slow path in Go 1.19: the
// tiny block (mcache.tiny), the cached span (mcache.alloc, nextFreeFast / nextFree), mcentral.cacheSpan
// (and which spanSet its span came from), mheap.alloc / allocSpan, the page allocator (pageAlloc.alloc)
// and heap growth (mheap.grow, which maps more of the arena and reserves a new one with sysAlloc when
// the current arena is used up). mallocgc records each level as it enters it and emits the result as
// one EventKind::allocPath event; each P also keeps its latest one for views (P::lastAlloc).
#pragma once

#include "sim/base.h"
#include "sim/sizeclasses.h"

#include <cstdint>

namespace gclab {

// AllocStage is one level of the allocator, in the order an allocation descends through them.
enum class AllocStage : std::uint8_t { tiny, mcache, mcentral, mheap, pageAlloc, grow };
inline constexpr int numAllocStages = 6;

// SpanSource is where mcentral.cacheSpan found the span it gave the mcache.
enum class SpanSource : std::uint8_t {
    none,           // no refill: the mcache's span (or the tiny block) had room
    partialSwept,   // popped from the swept partial set
    partialUnswept, // popped from the unswept partial set and swept now
    fullUnswept,    // popped from the unswept full set, swept now, and it had freed a slot
    grow,           // no set had a span: mcentral.grow allocated a fresh one from mheap
};

// AllocPath is the set of stages one allocation visited and where its span came from. A large object
// skips mcentral (mcache.allocLarge calls mheap.alloc directly); only noscan objects under 16 bytes
// visit the tiny block.
struct AllocPath {
    std::uint8_t stages = 0; // bit i set: AllocStage i was visited
    SpanSource source = SpanSource::none;

    void visit(AllocStage s) { stages |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(s)); }
    bool visited(AllocStage s) const { return (stages >> static_cast<unsigned>(s) & 1u) != 0; }
    // deepest is the last stage visited (the fast path ends at tiny or mcache).
    AllocStage deepest() const {
        int d = 0;
        for (int i = 0; i < numAllocStages; i++)
            if (visited(static_cast<AllocStage>(i)))
                d = i;
        return static_cast<AllocStage>(d);
    }
    // The event's a: the stage bits, then the span source in bits 8..15.
    uintptr encode() const { return uintptr{stages} | uintptr{static_cast<std::uint8_t>(source)} << 8; }
    static AllocPath decode(uintptr a) {
        return AllocPath{static_cast<std::uint8_t>(a & 0xff), static_cast<SpanSource>((a >> 8) & 0xff)};
    }
    friend bool operator==(const AllocPath&, const AllocPath&) = default;
};

// AllocRecord is one allocation as its alloc-path event describes it, with its tick and requested size.
struct AllocRecord {
    std::uint64_t tick = 0;
    AllocPath path;      // stages == 0: this P has not allocated yet
    SpanClass spanclass; // the slot's span class (the tiny block's class for tiny objects)
    uintptr addr = 0;    // the object's address
    uintptr size = 0;    // the requested size in bytes
    friend bool operator==(const AllocRecord&, const AllocRecord&) = default;
};

} // namespace gclab
