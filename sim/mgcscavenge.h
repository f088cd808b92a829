// gclab — the scavenger: returning free heap pages to the OS (HeapReleased).
//
// Models: src/runtime/mgcscavenge.go (Go 1.19): gcPaceScavenger's two goals (retain heapGoal-scaled
// heapInUse + 10 %, and the memory-limit goal with 1.19's 95 x limit bug; the go1_26 profile uses
// 0.95 x limit), the background scavenger (bgscavenge; scavengerState.run, sleep and its PI controller
// aiming at 1 % of the CPU; woken at sweep termination and when sweeping completes), pageAlloc.scavenge
// (highest address first, 64 KiB quanta) and printScavTrace; allocation-time scavenging from
// mheap.allocSpan and mheap.scavengeAll (debug.FreeOSMemory's release) from mheap.go.
// Simplifications: the background scavenger is a worker a P runs at its next scheduling point rather
// than a goroutine in the run queue (it does not take a goid), and a mark worker on that P delays it;
// sysmon's delay in waking it after sweeping is zero, and a parked scavenger whose goals are met is
// not woken (Go's would run, check them and park again); a quantum's work time is the virtual cost of its
// pages (CostModel::scavengePage) instead of a measured madvise; the go1_26 profile's forced line
// counts the release as eager. Under go1_26 background and heap-growth scavenging skip densely used
// chunks (pagealloc.h; Go 1.21+), forced and memory-limit scavenging do not.
#pragma once

#include "sim/base.h"
#include "sim/mgcpacer.h"

#include <cstdint>
#include <string>

namespace gclab {

inline constexpr std::uint64_t scavengeGoalOff = ~std::uint64_t{0};
inline constexpr std::uint64_t retainExtraPercent = 10;
inline constexpr double reduceExtraPercent = 5;
inline constexpr double scavengePercent = 1;
inline constexpr uintptr scavengeQuantum = 64 << 10;
inline constexpr double minScavWorkTime = 1e6;
inline constexpr double startingScavSleepRatio = 0.001;
inline constexpr std::int64_t scavControllerCooldown = 5'000'000'000;

// float64ToUint64 is Go's uint64(f) on amd64, out-of-range values included (the 1.19 memory-limit
// goal of an unlimited GOMEMLIMIT overflows: 95 x MaxInt64 converts to 2^63).
std::uint64_t float64ToUint64(double v);

// ScavengeGoals are the background scavenger's targets; scavengeGoalOff disables one.
struct ScavengeGoals {
    std::uint64_t gcPercentGoal = scavengeGoalOff;   // heapRetained to keep
    std::uint64_t memoryLimitGoal = scavengeGoalOff; // mappedReady to keep
};

struct ScavengePaceInput {
    std::int64_t memoryLimit = noMemoryLimit;
    std::uint64_t heapGoal = 0;
    std::uint64_t lastHeapGoal = 0;
    std::uint64_t lastHeapInUse = 0; // heapInUse at the last mark termination
    std::uint64_t mappedReady = 0;
    std::uint64_t heapRetained = 0; // heapInUse + heapFree
    bool go126 = false;             // the fixed memory-limit goal
};

// gcPaceScavenger computes both goals as Go does after every gcControllerCommit.
ScavengeGoals gcPaceScavenger(const ScavengePaceInput& in);

// ScavengeSource says who released pages (the scavenge event's third argument).
enum class ScavengeSource : std::uint8_t { background, allocation, forced };

enum class ScavengerStatus : std::uint8_t { parked, runnable, running, sleeping };

// ScavengerState is Go's scavengerState plus the scavenge goals and trace counters.
struct ScavengerState {
    ScavengeGoals goals;
    std::uint64_t lastHeapInUse = 0; // memstats.lastHeapInUse
    ScavengerStatus status = ScavengerStatus::parked;
    std::uint32_t p = 0;            // the P running it (status running)
    std::int64_t sleepStart = 0;    // sleeping: when it went to sleep
    std::int64_t wakeAt = 0;        // sleeping: when its timer fires
    double sleepWorked = 0;         // the work time its last sleep was computed from
    bool controllerPending = false; // woke from a sleep: update the controller before running
    double worked = 0;              // run(): work time of the current batch (virtual ns)
    uintptr batchReleased = 0;      // run(): bytes released in the current batch
    double sleepRatio = startingScavSleepRatio;
    PIController sleepController{0.3375, 3.2e6, 1e9, 0.001, 1000.0, 0};
    std::int64_t controllerCooldown = 0;
    bool printControllerReset = false;
    uintptr released = 0;      // background bytes since the last scavtrace line (Go: scav.released)
    uintptr releasedEager = 0; // go1_26: allocation-time bytes since the last line
    std::uint64_t totalBackground = 0;
    std::uint64_t totalAllocation = 0;
    std::uint64_t totalForced = 0;

    // sleep is the first half of scavengerState.sleep: sleep worked / sleepRatio from now, counting
    // at least minScavWorkTime of work.
    void sleep(std::int64_t now);
    // afterSleep is its second half, when it runs again having slept that long: the PI controller
    // moves sleepRatio so that the scavenger uses scavengePercent of the CPU (or a cooldown runs).
    void afterSleep(std::int64_t slept, std::uint32_t procs);
};

// ScavTraceInput is what one scavtrace line reports.
struct ScavTraceInput {
    uintptr released = 0;      // 1.19: "work"; go1_26: "work (bg)"
    uintptr releasedEager = 0; // go1_26: "work (eager)"
    uintptr heapReleased = 0;
    uintptr heapInUse = 0;
    uintptr heapRetained = 0;
    bool forced = false;
    bool controllerReset = false;
    bool go126 = false;
};

// formatScavTrace is printScavTrace's line (with its newline): Go 1.19's
// "scav W KiB work, T KiB total, U% util" or the go1_26 "scav B KiB work (bg), E KiB work (eager),
// N KiB now, U% util", then " (forced)" or " [controller reset]".
std::string formatScavTrace(const ScavTraceInput& in);

} // namespace gclab
