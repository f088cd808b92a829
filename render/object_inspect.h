// gclab-gui — what the inspector shows about the selected object beyond its colour and "why is this
// alive?": its span (mspan's base, npages, spanclass, sweepgen, state), its pointers out (its non-nil
// pointer fields) and its pointers in (roots and heap objects whose slots point into it). Go keeps no
// reverse pointers, so the pointers in come from a scan of every root and every allocated object (as a
// heap dump tool would do it); the list is capped and the total counted. On a large heap that scan takes
// longer than a frame, so PointersInScan does it in slices (as WhyAliveSearch does the search). Pure C++:
// no ImGui.
#pragma once

#include "sim/runtime.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace gclab::render {

// PointerOut is one non-nil pointer field: field index (into _type's pointer words), the value stored
// and the base of the object it points into (0 if the value points at no allocated object).
struct PointerOut {
    std::uint32_t field = 0;
    uintptr value = 0;
    uintptr target = 0;
};

struct ObjectInspection {
    uintptr base = 0;
    std::uint32_t slot = 0;
    SpanId span = emptymspan;
    uintptr spanBase = 0, npages = 0, elemsize = 0;
    SpanClass spanclass{};
    std::uint32_t sweepgen = 0;
    MSpanState state = MSpanState::mSpanDead;
    std::vector<PointerOut> out;
    std::vector<PtrSlot> in; // the first maxIn slots pointing into the object: globals, stacks, heap
    std::size_t inTotal = 0; // all of them (in.size() < inTotal when capped)
};

// describeObject is the immediate part of the inspection of the allocated object containing addr: its
// span and its pointers out (in and inTotal stay empty), or nothing when addr is not inside one.
std::optional<ObjectInspection> describeObject(const Runtime& rt, uintptr addr);

// PointersInScan collects the slots pointing into one object in slices, so that a window can spread the
// scan over frames: the roots (globals, then the stacks of the goroutines that are not dead) at once,
// then the allocated objects in address order (spans by address, slots, fields). It reads rt on every
// advance: rt must not change while the scan is on its way.
class PointersInScan {
  public:
    // obj must be an allocated object's base address; in keeps the first maxIn slots found.
    PointersInScan(const Runtime& rt, uintptr obj, std::size_t maxIn);
    // advance scans up to maxObjects more objects' pointer fields (a large object's one piece of
    // scanPiecePointers per object counted); true once every allocated object is scanned.
    bool advance(std::size_t maxObjects);
    bool done() const { return span_ == spans_.size(); }
    std::size_t scanned() const { return scanned_; } // objects scanned to the end
    std::size_t objects() const { return objects_; } // allocated objects in all
    const std::vector<PtrSlot>& in() const { return in_; }
    std::size_t inTotal() const { return inTotal_; }

  private:
    void check(const PtrSlot& slot, uintptr value);
    void skipFreeSlots(); // moves the cursor to the next allocated slot (or the end)

    const Runtime* rt_;
    uintptr obj_, size_;
    std::size_t maxIn_;
    std::vector<SpanId> spans_; // in-use spans by address
    std::size_t span_ = 0;      // the cursor: spans_[span_], its slot slot_, its pointer field field_
    std::uint32_t slot_ = 0, field_ = 0;
    std::size_t scanned_ = 0, objects_ = 0;
    std::vector<PtrSlot> in_;
    std::size_t inTotal_ = 0;
};

// inspectObject is describeObject with the pointers in: a PointersInScan run to the end.
std::optional<ObjectInspection> inspectObject(const Runtime& rt, uintptr addr, std::size_t maxIn = 32);

const char* spanStateName(MSpanState s); // mSpanDead, mSpanInUse, mSpanManual

} // namespace gclab::render
