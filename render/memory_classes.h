// gclab-gui — runtime.MemStats.Sys split into Go's memory classes (runtime/metrics /memory/classes),
// grouped as the statistics view draws them: one bar, everything but the released heap counted by
// GOMEMLIMIT. Pure C++: no ImGui.
#pragma once

#include "sim/mstats.h"

#include <array>
#include <cstdint>

namespace gclab::render {

struct MemoryClass {
    const char* key;  // stats-class-KEY, stats-mem-KEY in --dump-state
    const char* name; // the legend's
    std::uint64_t bytes = 0;
    bool limited = true; // counted by GOMEMLIMIT (all but the released heap)
    const char* tip;
};

// memoryClasses are Sys's parts in the bar's order; they add up to Sys.
std::array<MemoryClass, 8> memoryClasses(const MemStats& m);

} // namespace gclab::render
