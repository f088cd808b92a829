// gclab — a read-only visitor over the model's state, in the allocator's terms.
//
// Views (the window, exporters) describe what they show through this interface instead of reaching
// into the structures: arenas → spans → slots with their colour; Ps with their mcache, gcWork and
// write-barrier buffer; goroutines with their stacks. The sim says what things are; the renderer
// decides pixels.
#pragma once

#include "sim/runtime.h"

#include <cstdint>
#include <vector>

namespace gclab {

enum class Color : std::uint8_t { white, grey, black };

// Where a span is held, and whether it has been swept this cycle (see the sweepgen table in mspan.h).
enum class SpanPlace : std::uint8_t { mcache, partial, full, large };
enum class SpanSweep : std::uint8_t { swept, unswept, beingSwept, cachedSwept, cachedStale };

struct SpanView {
    SpanId id;
    const MSpan* span;
    SpanPlace place;
    SpanSweep sweepState;
    std::uint32_t cachedBy; // P id when place == mcache
};

struct ObjectView {
    uintptr addr;
    SpanId span;
    std::uint32_t slot;
    Color color; // meaningful while a cycle is marking; between cycles marked objects read black
    TypeId type;
};

// CentralView is one mcentral's four span sets (mcentral.go: partial / full, each swept / unswept for
// the current mheap.sweepgen), each head first.
struct CentralView {
    SpanClass spanclass;
    const SpanSet* partialSwept;
    const SpanSet* partialUnswept;
    const SpanSet* fullSwept;
    const SpanSet* fullUnswept;
};

struct HeapVisitor {
    virtual ~HeapVisitor() = default;
    virtual void onSpan(const SpanView&) {}
    // onObject is called for every allocated slot of a span, after its onSpan, when wantsObjects().
    virtual bool wantsObjects() const { return false; }
    virtual void onObject(const ObjectView&) {}
    virtual void onCentral(const CentralView&) {}
    virtual void onP(const P&) {}
    virtual void onGoroutine(const G&) {}
};

// visitHeap walks in-use spans in address order, then every mcentral holding a span (in span class
// order), then every P (its mcache: the span per span class, the tiny block, its latest allocation's
// path), then every goroutine.
void visitHeap(const Runtime& rt, HeapVisitor& v);

SpanSweep sweepStateOf(std::uint32_t spanSweepgen, std::uint32_t sg);

// inUseSpansByAddress lists the mSpanInUse spans in address order (visitHeap's span order).
std::vector<SpanId> inUseSpansByAddress(const MHeap& h);

// QueuedSpan is an entry of a Green Tea span queue (Go 1.26): the span's base, the P whose queue
// holds it, and whether that P published it for other Ps to steal.
struct QueuedSpan {
    uintptr base = 0;
    std::uint32_t p = 0;
    bool published = false;
};
// queuedSpans lists every P's span-queue entries, P by P, oldest first.
std::vector<QueuedSpan> queuedSpans(const Runtime& rt);

// objectBase resolves a pointer value to the base address of the object it points into, or 0 (Go's
// findObject, then the slot's base).
uintptr objectBase(const Runtime& rt, uintptr p);

// pointerTargets lists the objects obj's pointer fields point to (field order, nil fields skipped).
std::vector<uintptr> pointerTargets(const Runtime& rt, uintptr obj);

} // namespace gclab
