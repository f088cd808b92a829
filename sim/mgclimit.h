// gclab — the GC CPU limiter: a leaky bucket that turns assists off when the GC uses too much CPU.
//
// Models: gcCPULimiterState in src/runtime/mgclimit.go (Go 1.19): a bucket of GOMAXPROCS x 1 s of
// CPU time; every update (at least every 10 ms, and at each stop-the-world transition) adds the GC
// CPU time of the window (assists, 25 % of the window while the GC is on, all of a stop-the-world
// transition) and drains the mutator time (the rest, less idle time). Limiting is on exactly while
// the bucket is full; while limiting, mark assists are skipped (gcAssistAlloc returns at once and
// gcDrainN bails out), so the heap may overshoot its goal: the soft part of GOMEMLIMIT.
// Allocation-time scavenging counts as assist time (Go: limiterEventScavengeAssist).
// Simplifications: updates come from the scheduler's step rather than from sysmon.
#pragma once

#include <cstdint>
#include <limits>

namespace gclab {

inline constexpr std::int64_t capacityPerProc = 1'000'000'000; // 1 s of CPU per P
inline constexpr std::int64_t gcCPULimiterUpdatePeriod = 10'000'000;

struct GCCPULimiter {
    std::int64_t capacity = 0;
    std::int64_t fill = 0;
    std::int64_t overflow = 0; // CPU time the bucket could not hold
    std::int64_t lastUpdate = 0;
    std::uint32_t nprocs = 1;
    bool gcEnabled = false;
    bool transitioning = false;
    bool enabled = false;
    std::uint32_t lastEnabledCycle = 0; // /gc/limiter/last-enabled:gc-cycle
    std::int64_t assistTimePool = 0;    // assist CPU since the last update
    std::int64_t idleTimePool = 0;      // idle P and idle mark worker time since the last update

    void init(std::uint32_t procs) {
        nprocs = procs;
        capacity = capacityPerProc * static_cast<std::int64_t>(procs);
    }
    bool limiting() const { return enabled; }
    // updateDue is the earliest time at which a step starts with the periodic update (needUpdate).
    std::int64_t updateDue() const {
        return transitioning ? std::numeric_limits<std::int64_t>::max()
                             : lastUpdate + gcCPULimiterUpdatePeriod + 1;
    }
    bool needUpdate(std::int64_t now) const { return now >= updateDue(); }
    // update accounts the window since the last update; numgc names the cycle that would be limited.
    void update(std::int64_t now, std::uint32_t numgc);
    // startGCTransition and finishGCTransition bracket a stop-the-world stage, which is all GC time.
    void startGCTransition(bool enableGC, std::int64_t now, std::uint32_t numgc);
    void finishGCTransition(std::int64_t now, std::uint32_t numgc);
    void accumulate(std::int64_t mutatorTime, std::int64_t gcTime, std::uint32_t numgc);
};

} // namespace gclab
