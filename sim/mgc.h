// gclab — the collector's cycle state: phases, root jobs, the global work list, cycle statistics.
//
// Models: the work variable and phase machinery of src/runtime/mgc.go and mgcmark.go (Go 1.19):
// _GCoff → sweep termination (STW) → _GCmark (concurrent, write barrier on, allocate-black) → mark
// termination (STW) → _GCoff with concurrent sweeping. See docs/collector.md for the model.
#pragma once

#include "sim/mgcwork.h"

#include <cstdint>
#include <vector>

namespace gclab {

// GCPhase mirrors Go's gcphase values _GCoff, _GCmark and _GCmarktermination.
enum class GCPhase : std::uint8_t { off, mark, marktermination };

enum class STWStage : std::uint8_t { none, sweepTermination, markTermination };

inline constexpr std::size_t rootBlockPointers = (256 << 10) / 8; // rootBlockBytes of data/BSS
inline constexpr uintptr maxObletBytes = 128 << 10;

struct RootJob {
    // globals: a block of the program's global pointer slots; runtimeData / runtimeBSS: a block of
    // the runtime's own data / BSS section (RuntimeRoots); stack: one goroutine's stack;
    // fixedRootFinalizers / fixedRootFreeGStacks: Go's two fixed root jobs (the finalizer queue and
    // freeing the stacks of dead goroutines), which come first and do no scan work.
    enum class Kind : std::uint8_t {
        globals,
        stack,
        runtimeData,
        runtimeBSS,
        fixedRootFinalizers,
        fixedRootFreeGStacks,
    };
    Kind kind = Kind::globals;
    std::uint32_t index = 0; // block number, or goid
};

// GCCycleStats is what one completed cycle reports (gctrace, MemStats, the timeline).
struct GCCycleStats {
    std::uint32_t num = 0;
    bool forced = false;
    std::int64_t tSweepTermStart = 0;
    std::int64_t tMarkStart = 0;
    std::int64_t tMarkTermStart = 0;
    std::int64_t tEnd = 0;
    std::uint64_t heap0 = 0; // heapLive at GC start
    std::uint64_t heap1 = 0; // heapLive at mark termination
    std::uint64_t heap2 = 0; // bytes marked
    std::uint64_t heapGoal = 0;
    std::uint64_t stacks = 0; // gctrace "MB stacks": maxStackScan (1.19) or lastStackScan (1.26)
    std::uint64_t globals = 0;
    std::uint32_t procs = 0;
    std::int64_t assistTime = 0;
    std::int64_t dedicatedTime = 0;
    std::int64_t fractionalTime = 0;
    std::int64_t idleTime = 0;
    // Green Tea's span scans this cycle (Go: sizeClassScanStats, summed over the classes): spans
    // dequeued with one mark (one object scanned), and spans scanned in bulk, sparse (object by
    // object) or dense (the packed kernel), with the objects they scanned.
    std::uint64_t spansOneMarkScanned = 0;
    std::uint64_t spansSparseScanned = 0;
    std::uint64_t spanObjsSparseScanned = 0;
    std::uint64_t spansDenseScanned = 0;
    std::uint64_t spanObjsDenseScanned = 0;
};

// StoreRecord logs a pointer store made during marking, so the oracle can name the store that hid
// a lost object.
struct StoreRecord {
    std::uint64_t tick = 0;
    std::uint32_t goid = 0;
    bool global = false;
    uintptr dst = 0; // object address, or global index
    std::uint32_t field = 0;
    uintptr oldValue = 0;
    uintptr newValue = 0;
    bool dstWasBlack = false;
};

// WorkbufSpans is work.wbufSpans: how many 32 KiB workbuf spans hold this cycle's buffers (busy) and
// how many are left from the last cycle for the sweeper to free (free).
struct WorkbufSpans {
    std::uint64_t busy = 0;
    std::uint64_t free = 0;
    // bytes is the mapped memory they hold (Go: heapStats.inWorkBufs).
    std::uint64_t bytes() const { return (busy + free) * workbufAlloc; }
};

struct GCWorkState {
    std::uint32_t cycles = 0; // work.cycles: incremented at every gcStart
    WorkFull full;
    WorkbufSpans wbufSpans;
    std::vector<RootJob> roots;
    std::size_t markrootNext = 0;
    std::uint64_t bytesMarked = 0;
    std::int64_t markCostPermille = 1000; // this mark phase's scanobject cost factor (cost.h)
    bool userForced = false;
    bool startPending = false;  // the trigger fired; sweep termination runs next
    bool forcedPending = false; // runtime.GC was called during a cycle: run another one after it
    std::uint32_t numgc = 0;
    std::uint32_t numForcedGC = 0;
    GCCycleStats current;
    std::vector<GCCycleStats> history;
    std::vector<std::uint32_t> assistQueue; // goroutines parked in an assist, FIFO
    std::vector<StoreRecord> stores;
    std::uint64_t pauseTotalNs = 0;
};

} // namespace gclab
