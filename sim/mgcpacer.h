// gclab — the GC controller's allocation-side state.
//
// Models: the fields of gcControllerState (src/runtime/mgcpacer.go, Go 1.19) that the allocator
// updates: heapLive (bytes the pacer believes are live: marked at the last GC plus allocated since,
// counting a whole span's free slots as allocated from the moment an mcache takes it) and heapScan.
// Simplifications: the heap goal, trigger, assist ratio and revise() arrive with the pacer; until
// then update() only accumulates, as Go's does outside a mark phase.
#pragma once

#include "sim/base.h"

#include <cstdint>

namespace gclab {

struct GCController {
    uintptr heapLive = 0;
    uintptr heapScan = 0;
    uintptr heapMarked = 0;

    // update applies allocation-side deltas (Go: gcControllerState.update). heapScan is fixed while
    // the GC is marking (blackenEnabled).
    void update(std::int64_t dHeapLive, std::int64_t dHeapScan, bool blackenEnabled) {
        heapLive = static_cast<uintptr>(static_cast<std::int64_t>(heapLive) + dHeapLive);
        if (!blackenEnabled)
            heapScan = static_cast<uintptr>(static_cast<std::int64_t>(heapScan) + dHeapScan);
    }
};

} // namespace gclab
