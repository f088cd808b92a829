// gclab — Ps, goroutines and the deterministic scheduler's state.
//
// Models: p and g in src/runtime/runtime2.go and the scheduling decisions of proc.go that matter to
// memory management: a P runs a GC mark worker first when the controller asks for one (dedicated,
// fractional, idle), otherwise the next runnable goroutine; every P has a virtual clock and the P
// whose clock is lowest acts next, one runtime operation at a time.
// Simplifications: one global FIFO run queue (no per-P queues or work stealing); time slices are
// counted in operations; no syscalls, timers, channels or locks; virtual time comes from a fixed
// cost per operation kind.
#pragma once

#include "sim/allocpath.h"
#include "sim/mbarrier.h"
#include "sim/mcache.h"
#include "sim/mgcwork.h"

#include <cstdint>
#include <vector>

namespace gclab {

enum class MarkWorkerMode : std::uint8_t { none, dedicated, fractional, idle };

// PRun is what a P's latest step ran: nothing (idle), user code, a mark assist on behalf of its
// goroutine, a mark worker in each mode, or runtime work (bgsweep, the scavenger, an mcache flush).
// Stop-the-world steps belong to no P and leave it unchanged.
enum class PRun : std::uint8_t { idle, mutator, assist, markDedicated, markFractional, markIdle, runtime };

// forcePreemptNS: sysmon preempts a goroutine that has run this long without passing through
// schedule() (Go: proc.go).
inline constexpr std::int64_t forcePreemptNS = 10'000'000;

struct P {
    std::uint32_t id = 0;
    MCache mcache;
    GCWork gcw;
    WBBuf wbBuf;
    std::uint32_t curg = 0;      // goid running on this P, 0 if none
    std::uint32_t sliceLeft = 0; // operations left in curg's time slice
    std::int64_t clock = 0;      // virtual nanoseconds
    MarkWorkerMode workerMode = MarkWorkerMode::none;
    std::int64_t gcFractionalMarkTime = 0;
    // schedwhen is the clock of this P's last pass through schedule() (Go: sysmon's
    // sysmontick.schedwhen); preemptedForGC says the world restarted for marking, so the P's next step
    // is a pass through schedule() (Go: gcStart's stop-the-world preempted its goroutine).
    std::int64_t schedwhen = 0;
    bool preemptedForGC = false;
    bool needPrepareForSweep = false;
    AllocRecord lastAlloc;     // this P's latest mallocgc (for views; Go keeps no such record)
    PRun lastRun = PRun::idle; // what this P's latest step ran (for views; Go keeps no such record)
};

// parked: alive but never scheduled (a goroutine blocked forever); its stack is still a root.
enum class GStatus : std::uint8_t { runnable, running, waitingGC, waitingAssist, waitingSweep, parked, dead };
enum class GKind : std::uint8_t { user, bgsweep };

struct LoopFrame {
    std::uint32_t bodyStart = 0; // pc of the first op inside the loop
    std::uint64_t remaining = 0;
};

struct G {
    std::uint32_t goid = 0;
    GKind kind = GKind::user;
    GStatus status = GStatus::runnable;
    std::uint32_t program = 0; // index into Runtime::programs
    std::uint32_t pc = 0;
    std::vector<uintptr> stack; // pointer slots
    uintptr stackSize = 0;      // allocated stack bytes (Go: stack.hi - stack.lo; stack.h)
    std::vector<LoopFrame> loops;
    std::int64_t gcAssistBytes = 0;
    std::int64_t assistWorkLeft = 0; // scan work still owed by an assist in progress
    std::int64_t assistWorkDone = 0; // scan work done by the assist in progress
    bool sweepAfterGC = false;       // runtime.GC returned from marking: help sweep, then go on
    bool assistDebited = false;      // the current allocation already paid its debit
    std::uint32_t gcscandone = 0;    // work.cycles value when this stack was last scanned
    std::uint32_t waitCycle = 0;     // runtime.GC: the cycle this goroutine waits for
};

} // namespace gclab
