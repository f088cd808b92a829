// gclab-gui — "why is this object alive?": the shortest chain of pointers from a root to an object.
//
// Roots are the globals (data/BSS) and the stack slots of every goroutine that is not dead, as the
// collector's markroot sees them; edges are the pointer fields of heap objects (runtime._type's pointer
// words). A breadth-first search from all roots at once gives a shortest chain. Pure C++: reads the
// model through Runtime's const accessors (readPointer, objectType, findObject).
#pragma once

#include "sim/runtime.h"

#include <optional>
#include <vector>

namespace gclab::render {

// PathStep is one pointer of the chain: the slot that holds it and the object it points to.
struct PathStep {
    PtrSlot slot;   // a global, a stack slot, or field `field` of the object at slot.index
    uintptr target; // base address of the object the slot points to
};

// objectBase resolves a pointer value to the base address of the object it points into, or 0.
uintptr objectBase(const Runtime& rt, uintptr p);

// pointerTargets lists the objects obj's pointer fields point to (field order, nil fields skipped).
std::vector<uintptr> pointerTargets(const Runtime& rt, uintptr obj);

// whyAlive returns the chain root → … → obj (obj is the last step's target), or nothing when no root
// reaches obj (it is garbage: the next cycle will not mark it). obj must be an object's base address.
std::optional<std::vector<PathStep>> whyAlive(const Runtime& rt, uintptr obj);

} // namespace gclab::render
