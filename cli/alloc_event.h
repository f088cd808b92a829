// gclab run — reading alloc events the way Go's profiler and runtime/metrics count allocations.
#pragma once

#include "sim/runtime.h"

namespace gclab::cli {

// isTinySubAllocation: the alloc event is a tiny object placed in the current 16-byte tiny block
// (mallocgc's tiny fast path). Go counts those only in /gc/heap/tiny/allocs:objects and never
// profiles them; the alloc event of the block itself (type tinyBlockType, 16 bytes) stands for them.
inline bool isTinySubAllocation(const Runtime& rt, const Event& e) {
    return e.kind == EventKind::alloc && e.c != TypeRegistry::tinyBlockType &&
           rt.types[static_cast<TypeId>(e.c)].noscan() && e.b < maxTinySize;
}

} // namespace gclab::cli
