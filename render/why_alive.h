// gclab-gui — "why is this object alive?": the shortest chain of pointers from a root to an object.
//
// Roots are the globals (data/BSS) and the stack slots of every goroutine that is not dead, as the
// collector's markroot sees them; edges are the pointer fields of heap objects (runtime._type's pointer
// words). A breadth-first search from all roots at once gives a shortest chain. Pure C++: reads the
// model through Runtime's const accessors (readPointer, objectType, findObject).
#pragma once

#include "sim/runtime.h"

#include <cstddef>
#include <deque>
#include <optional>
#include <vector>

namespace gclab::render {

// PathStep is one pointer of the chain: the slot that holds it and the object it points to.
struct PathStep {
    PtrSlot slot;   // a global, a stack slot, or field `field` of the object at slot.index
    uintptr target; // base address of the object the slot points to
};

// scanPiecePointers: the inspector's heap scans take a large object's pointer fields this many at a time,
// each piece counting as one object of a slice, so that a slice's time stays bounded: a 16 MiB pointer
// slice is 32 768 pieces, not one object (scanobject splits it into 128 KiB oblets for the same reason).
inline constexpr std::uint32_t scanPiecePointers = 64;

// WhyAliveSearch is the breadth-first search in slices, so that a window can spread it over frames on a
// large heap. It reads rt on every advance: rt must not change while the search is on its way.
class WhyAliveSearch {
  public:
    WhyAliveSearch(const Runtime& rt, uintptr obj);
    // advance scans up to maxObjects more objects' pointer fields (a large object's one piece of
    // scanPiecePointers per object counted); true once the search is over (obj reached, or every object a
    // root reaches scanned).
    bool advance(std::size_t maxObjects);
    bool done() const { return queue_.empty() || stepTo(obj_) != nullptr; }
    std::size_t reached() const { return reached_; }
    // result is the chain root → … → obj (obj is the last step's target) once done, or nothing when no
    // root reaches obj.
    std::optional<std::vector<PathStep>> result() const;

  private:
    void reach(const PtrSlot& slot, uintptr value);
    // stepTo is the step that first reached object x, or null.
    const PathStep* stepTo(uintptr x) const;

    const Runtime* rt_;
    uintptr obj_;
    // reachedBy_[span][slot]: the step that first reached that object (target 0: not reached), a span's
    // slots allocated when the first of them is reached. Not a hash map of every reached object: on a
    // heap of a million objects its growth and its destruction each took a frame of their own (one
    // rehash of all entries; a million nodes freed). The queue decides which step wins.
    std::vector<std::vector<PathStep>> reachedBy_;
    std::size_t reached_ = 0;
    std::deque<uintptr> queue_;
    std::uint32_t nextField_ = 0; // where the next piece of queue_.front() starts
};

// whyAlive is the whole search at once: the chain root → … → obj, or nothing when no root reaches obj
// (it is garbage: the next cycle will not mark it). obj must be an object's base address.
std::optional<std::vector<PathStep>> whyAlive(const Runtime& rt, uintptr obj);

} // namespace gclab::render
