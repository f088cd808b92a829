// gclab — the GC controller: heap goal, trigger, assist ratio and background worker counts.
//
// Models: gcControllerState in src/runtime/mgcpacer.go (Go 1.19): commit (gcPercentHeapGoal,
// sweepDistMinTrigger, runway), heapGoalInternal, trigger (the 45/64 and 61/64 bounds and goal-4MiB),
// startCycle (dedicated/fractional workers, 25% utilisation), revise (assistWorkPerByte) and
// resetLive. heapLive counts a whole cached span's free slots from the moment an mcache takes it.
// endCycle estimates consMark with 1.19's PI controller (kp 0.9, Ti 4, Tt 1000, output in
// [-1000, 1000]); the go1_26 profile keeps the maximum of the current and the last 4 measurements
// instead. heapGoalInternal takes the smaller of the GOGC goal and memoryLimitHeapGoal.
// Simplifications: mappedReady's non-heap part is a calibrated estimate (sim/sysmem.h). The
// scavenger's goals follow each commit (sim/mgcscavenge.h).
#pragma once

#include "sim/base.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace gclab {

// float64ToInt64 is Go's int64(f) for the pacer's values without C++'s undefined behaviour:
// out-of-range values saturate (and NaN gives the minimum, as amd64's conversion does).
inline std::int64_t float64ToInt64(double v) {
    constexpr double lim = 9.2233720368547758e18;
    if (std::isnan(v) || v <= -lim)
        return std::numeric_limits<std::int64_t>::min();
    if (v >= lim)
        return std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(v);
}

// addSaturating adds without overflowing (an assist credit can be enormous when the goal is unbounded).
inline std::int64_t addSaturating(std::int64_t a, std::int64_t b) {
    std::int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    return r;
}

// uint64ToInt64 saturates instead of wrapping.
inline std::int64_t uint64ToInt64(std::uint64_t v) {
    return v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
               ? std::numeric_limits<std::int64_t>::max()
               : static_cast<std::int64_t>(v);
}

inline constexpr std::uint64_t defaultHeapMinimum = 4 << 20;
inline constexpr std::uint64_t sweepMinHeapDistance = 1 << 20;
inline constexpr double gcBackgroundUtilization = 0.25;
inline constexpr double gcGoalUtilization = 0.25;
inline constexpr std::int64_t gcCreditSlack = 2000;
inline constexpr std::int64_t gcOverAssistWork = 64 << 10;
inline constexpr std::uint64_t noTriggered = ~std::uint64_t{0};

// piController is Go's proportional-integral controller with anti-windup (mgcpacer.go).
struct PIController {
    double kp = 0, ti = 0, tt = 0, min = 0, max = 0;
    double errIntegral = 0;
    // next returns the new output for input towards setpoint, or false (and resets) on overflow.
    bool next(double input, double setpoint, double period, double& output);
};

// PacerCycleEnd is what endCycle measured, for gcpacertrace.
struct PacerCycleEnd {
    double utilization = 0; // 0.25 + assist time / (mark duration x procs)
    double oldConsMark = 0;
    bool controllerReset = false;
};

// HeapMemory is what memoryLimitHeapGoal reads: Go's gcController.mappedReady, heapFree and
// totalAlloc - totalFree.
struct HeapMemory {
    std::uint64_t mappedReady = 0;
    std::uint64_t heapFree = 0;
    std::uint64_t heapAlloc = 0;
};

inline constexpr std::uint64_t memoryLimitHeapGoalHeadroom = 1 << 20;
inline constexpr std::int64_t noMemoryLimit = std::numeric_limits<std::int64_t>::max();

struct GCController {
    // Settings.
    std::int32_t gcPercent = 100;             // GOGC; < 0 means off
    std::int64_t memoryLimit = noMemoryLimit; // GOMEMLIMIT in bytes
    std::uint64_t heapMinimum = defaultHeapMinimum;
    bool go126 = false; // the go1_26 profile's consMark estimate and memory-limit headroom

    // Heap state (bytes).
    uintptr heapLive = 0;
    uintptr heapScan = 0;
    uintptr heapMarked = 0;
    uintptr lastHeapScan = 0;
    uintptr lastStackScan = 0;
    uintptr maxStackScan = 0;
    uintptr globalsScan = 0;

    // Committed pacing state.
    std::uint64_t gcPercentHeapGoal = 0;
    std::uint64_t sweepDistMinTrigger = 0;
    std::uint64_t runway = 0;
    double consMark = 0;
    PIController consMarkController;
    std::array<double, 4> lastConsMark{}; // go1_26: the previous measurements
    std::uint64_t triggered = noTriggered;
    std::uint64_t lastHeapGoal = 0;

    // The memory the goal is computed from; the Runtime refreshes it (refreshHeapMemory) before any
    // decision that reads the goal.
    HeapMemory mem;

    // Per-cycle state.
    std::int64_t heapScanWork = 0;
    std::int64_t stackScanWork = 0;
    std::int64_t globalsScanWork = 0;
    std::int64_t bgScanCredit = 0;
    double assistWorkPerByte = 0;
    double assistBytesPerWork = 0;
    std::int64_t dedicatedMarkWorkersNeeded = 0;
    double fractionalUtilizationGoal = 0;
    std::int32_t maxIdleMarkWorkers = 0;
    std::int32_t idleMarkWorkers = 0;
    std::int64_t markStartTime = 0;

    // update applies allocation-side deltas; while marking (blackenEnabled) heapScan is fixed and
    // the assist ratio is revised instead.
    void update(std::int64_t dHeapLive, std::int64_t dHeapScan, bool blackenEnabled);

    void init(std::int32_t gogc);
    void setGCPercent(std::int32_t gogc);
    // setMemoryLimit stores GOMEMLIMIT and returns the old one; a negative input only queries.
    std::int64_t setMemoryLimit(std::int64_t limit);
    void commit(bool isSweepDone);
    std::uint64_t heapGoal() const;
    std::uint64_t memoryLimitHeapGoal() const;
    // trigger returns the heap trigger; minTriggerOut receives nothing else (Go returns the goal too).
    std::uint64_t trigger() const;
    void startCycle(std::int64_t now, std::uint32_t procs);
    void revise();
    // endCycle records lastHeapGoal and updates consMark; empty when heapLive <= triggered (Go returns
    // early and prints no pacer line).
    // assistTime and idleMarkTime are this cycle's nanoseconds of assists and of idle mark work.
    std::optional<PacerCycleEnd> endCycle(std::int64_t now, std::uint32_t procs, std::int64_t assistTime,
                                          std::int64_t idleMarkTime);
    void resetLive(uintptr bytesMarked);

  private:
    std::uint64_t heapGoalInternal(std::uint64_t& minTrigger) const;
};

} // namespace gclab
