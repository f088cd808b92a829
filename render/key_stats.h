// gclab-gui — the key statistics of two runs side by side (the compare view's diff table): HeapAlloc,
// HeapInuse, the heap goal, NumGC, the GC CPU fraction, the total pause, objects, assist time and
// virtual time, each with the second run's absolute and relative difference from the first. Values
// come from readMemStats (runtime.MemStats, sim/mstats.h) and the pacer; pure C++, no ImGui.
#pragma once

#include "sim/runtime.h"

#include <optional>
#include <string>
#include <vector>

namespace gclab::render {

enum class StatUnit : std::uint8_t { bytes, count, fraction, nanoseconds };

// KeyStat is one row: the value in run a (this run) and run b (the compared run).
struct KeyStat {
    const char* name = "";
    const char* tip = "";
    StatUnit unit = StatUnit::count;
    double a = 0, b = 0;

    double diff() const { return b - a; }
    // relative is (b - a) / a; 0 when both are 0, nothing when only a is 0.
    std::optional<double> relative() const;
};

// keyStats lists the rows in display order.
std::vector<KeyStat> keyStats(const Runtime& a, const Runtime& b);

// formatStatValue writes a value in its unit (4.5 MiB, 1 234, 12.3 %, 1.25 ms).
std::string formatStatValue(StatUnit u, double v);
// formatStatDiff writes b - a with its sign (+1.5 MiB, -3, +0.8 pp, 0).
std::string formatStatDiff(StatUnit u, double d);
// formatRelative writes (b - a) / a as a signed percentage (+12.5 %), "=" for 0, "new" with no base.
std::string formatRelative(const std::optional<double>& r);

} // namespace gclab::render
