// gclab run — the collector's CPU time so far, as Go's gcMarkTermination and /cpu/classes/gc count it.
#pragma once

#include "sim/runtime.h"

#include <cstdint>

namespace gclab::cli {

// GCCPUTime is virtual CPU nanoseconds: mark work by kind (GCCycleStats, summed over the completed
// cycles and the one in progress) and pause, every stop-the-world's length times GOMAXPROCS.
struct GCCPUTime {
    std::int64_t assist = 0;
    std::int64_t dedicated = 0;
    std::int64_t fractional = 0;
    std::int64_t idle = 0;
    std::int64_t pause = 0;

    std::int64_t total() const { return assist + dedicated + fractional + idle + pause; }
};

inline GCCPUTime gcCPUTime(const Runtime& rt) {
    GCCPUTime t;
    auto add = [&t](const GCCycleStats& c) {
        t.assist += c.assistTime;
        t.dedicated += c.dedicatedTime;
        t.fractional += c.fractionalTime;
        t.idle += c.idleTime;
    };
    for (const GCCycleStats& c : rt.work.history)
        add(c);
    // work.current is reset at sweep termination and numbered when marking starts.
    const GCCycleStats& cur = rt.work.current;
    if (cur.num != 0 && (rt.work.history.empty() || rt.work.history.back().num != cur.num))
        add(cur);
    t.pause = static_cast<std::int64_t>(rt.work.pauseTotalNs) * static_cast<std::int64_t>(rt.allp.size());
    return t;
}

} // namespace gclab::cli
