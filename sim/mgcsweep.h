// gclab — sweep state: who sweeps which span, and proportional sweep pacing.
//
// Models: the sweep variable and mheap's sweep pacing fields from src/runtime/mgcsweep.go and
// mheap.go (Go 1.19). sweepone walks the span classes in order, full unswept set then partial
// unswept set, claiming each span by moving its sweepgen from sg-2 to sg-1.
#pragma once

#include "sim/base.h"

#include <cstdint>

namespace gclab {

struct SweepState {
    std::uint32_t centralIndex = 0; // next (span class, full/partial) pair sweepone visits
    bool drained = true;            // no unswept spans remain
    uintptr pagesSwept = 0;
    uintptr pagesSweptBasis = 0;
    uintptr sweepHeapLiveBasis = 0;
    double sweepPagesPerByte = 0;
    uintptr reclaimIndex = 0; // page index the page reclaimer continues from
    uintptr reclaimCredit = 0;
    std::uint64_t nbgsweep = 0;
    std::uint64_t npausesweep = 0;
};

} // namespace gclab
