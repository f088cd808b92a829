// gclab — the simulated Go runtime: one value that holds the whole model's state.
//
// Models: the runtime's global state (mheap_, allp, allgs, gcController, work, sweep, gcphase) and
// the mutator's view of memory: globals (data/bss pointer slots), goroutine stacks (pointer slots)
// and pointer fields inside heap objects, all read and written through one API. See malloc.h for
// the allocator overview and mgc.h for the collector.
// Simplifications: only pointer words are stored (scalars are not modelled); a stack is a flat
// list of pointer slots. Runtime is a plain value: copying it snapshots the entire model, which
// replay relies on; it holds no pointers into itself.
#pragma once

#include "sim/cost.h"
#include "sim/event.h"
#include "sim/gotype.h"
#include "sim/goversion.h"
#include "sim/mbarrier.h"
#include "sim/mgc.h"
#include "sim/mgclimit.h"
#include "sim/mgcpacer.h"
#include "sim/mgcscavenge.h"
#include "sim/mgcsweep.h"
#include "sim/mheap.h"
#include "sim/proc.h"
#include "sim/program.h"
#include "sim/rng.h"
#include "sim/stack.h"
#include "sim/sysmem.h"

#include <cstdint>
#include <deque>
#include <limits>
#include <string>
#include <vector>

namespace gclab {

// GODebug holds the GODEBUG settings the model honours; each trace goes to Runtime::debugOut.
struct GODebug {
    bool gctrace = false;      // a line per cycle at mark termination
    bool gcpacertrace = false; // the pacer's lines at cycle start and end of mark
    bool scavtrace = false;    // the scavenger's line per cycle
};

// RuntimeRoots are the roots the Go runtime itself brings to every program: its data and BSS
// sections, measured on the binary of an empty `func main() {}` built by Go 1.19.8 for linux/amd64
// (`readelf -S`: .data 8784 B, .bss 191520 B; gcpacertrace prints their sum, 200304 B, as the globals
// work of every cycle). Go's globalsScan counts both sections whole. Their words are scanned every
// cycle but hold no pointers into the model's heap (docs/pacer.md, "Runtime roots").
struct RuntimeRoots {
    std::uint64_t dataBytes = 8784;
    std::uint64_t bssBytes = 191520;
};

struct RuntimeConfig {
    std::uint32_t gomaxprocs = 1;
    // validate runs the expensive structural checks (validate.cpp) after every heavy allocator
    // operation and at every GC phase change. Tests always turn it on.
    bool validate = false;
    // checkmark runs the reachability oracle at every mark termination and sweep completion.
    bool checkmark = false;
    std::int32_t gogc = 100;                                             // < 0: off
    std::int64_t memoryLimit = std::numeric_limits<std::int64_t>::max(); // GOMEMLIMIT bytes; max: off
    GoVersion goVersion = GoVersion::go1_19;
    GODebug godebug;
    BarrierMode barrier = BarrierMode::hybrid;
    std::uint64_t seed = 1;
    std::uint32_t sliceOps = 1000; // operations a goroutine runs before it is preempted
    std::uint32_t jitterNs = 0;    // random extra cost per operation, to vary interleavings
    bool recordEvents = false;     // keep events in Runtime::events for the caller to drain
    bool logStores = false;        // keep the store log the oracle uses to explain a violation
    bool hashEvents = true;        // keep the running event-stream hash
    // workerStreaks lets step skip the scheduler while one P's mark worker keeps running (see
    // continueWorkerStreak); the steps are the same either way. Tests turn it off to prove that.
    bool workerStreaks = true;
    CostModel costs;
    RuntimeRoots runtimeRoots;
};

// PtrSlot names one pointer-sized location the mutator can read and write.
struct PtrSlot {
    enum class Kind : std::uint8_t { global, stack, heap };
    Kind kind = Kind::global;
    std::uint32_t goid = 0;  // stack slots: the goroutine
    uintptr index = 0;       // global or stack slot index; heap: the object's address
    std::uint32_t field = 0; // heap: which pointer field of the object (0-based)

    static PtrSlot global(uintptr i) { return PtrSlot{Kind::global, 0, i, 0}; }
    static PtrSlot stack(std::uint32_t goid, uintptr i) { return PtrSlot{Kind::stack, goid, i, 0}; }
    static PtrSlot heap(uintptr obj, std::uint32_t field) { return PtrSlot{Kind::heap, 0, obj, field}; }
};

// OracleViolation is thrown when the checkmark oracle finds a reachable object the collector lost.
class OracleViolation : public RuntimeThrow {
  public:
    OracleViolation(const std::string& what, uintptr lost) : RuntimeThrow(what), lostObject(lost) {}
    uintptr lostObject;
};

class Runtime {
  public:
    explicit Runtime(RuntimeConfig cfg = {});

    // [SECTION] Allocation (malloc.cpp). p is the P the allocating goroutine runs on; goid the
    // goroutine (0: the runtime itself, which never assists).
    uintptr mallocgc(uintptr size, TypeId typ, std::uint32_t p, std::uint32_t goid = 0);
    uintptr newobject(TypeId typ, std::uint32_t p, std::uint32_t goid = 0) {
        return mallocgc(types[typ].size, typ, p, goid);
    }
    uintptr newarray(TypeId elem, uintptr n, std::uint32_t p, std::uint32_t goid = 0);
    // mheapAlloc is mheap.alloc: reclaim pages by sweeping if needed, then allocSpan.
    SpanId mheapAlloc(uintptr npages, SpanClass spc);

    // [SECTION] Roots and pointer slots (mutator.cpp).
    uintptr addGlobals(uintptr n); // returns the index of the first new global slot
    std::uint32_t newproc(std::uint32_t program = noProgram); // returns the new goid
    G& goroutine(std::uint32_t goid);
    const G& goroutine(std::uint32_t goid) const;
    void stackPush(std::uint32_t goid, uintptr value);
    // setStackSize gives g a stack of size bytes (0 when it exits) and keeps maxStackScan, the
    // allocated stack of all goroutines, up to date (Go: gcController.addScannableStack).
    void setStackSize(G& g, uintptr size);
    // growStack is newstack: after g's stack gained slots, double it until they fit.
    void growStack(G& g) { setStackSize(g, grownStackSize(g.stackSize, g.stack.size() * 8)); }
    uintptr stackPop(std::uint32_t goid);
    // writePointer stores value into slot, running the write barrier for heap and global slots.
    // goid names the storing goroutine (the hybrid-conceptual barrier looks at its stack).
    void writePointer(const PtrSlot& slot, uintptr value, std::uint32_t goid = 0);
    uintptr readPointer(const PtrSlot& slot) const;
    TypeId objectType(uintptr obj) const;
    std::uint32_t addProgram(Program prog);

    // [SECTION] Execution (proc.cpp).
    // step runs one runtime operation; false when every user goroutine has finished and no GC
    // cycle is in progress.
    bool step();
    // runUntilDone steps until step() returns false or maxSteps were taken; returns steps taken.
    std::uint64_t runUntilDone(std::uint64_t maxSteps);
    // gcForce starts a forced cycle as runtime.GC() would (without a goroutine waiting for it).
    void gcForce();
    // setGCPercent is debug.SetGCPercent: the new GOGC takes effect at once (gcControllerCommit).
    void setGCPercent(std::int32_t gogc);
    // setMemoryLimit is debug.SetMemoryLimit: a negative limit only queries; a new limit is committed
    // at once. Returns the previous limit.
    std::int64_t setMemoryLimit(std::int64_t limit);
    // heapMemory is what the memory-limit goal reads now (Go's gcController memory stats).
    HeapMemory heapMemory() const;
    // nonHeapSys is the memory Go would have mapped outside the heap for this heap and these Ps
    // (sim/sysmem.h).
    NonHeapSys nonHeapSys() const;
    // heapGoal is gcController.heapGoal() with the memory stats as they are now (MemStats.NextGC).
    std::uint64_t heapGoal() const;
    // memoryLimitHeapGoal is gcController.memoryLimitHeapGoal() with the memory stats as they are now:
    // the goal GOMEMLIMIT alone would set (heapGoal is the smaller of it and the GOGC goal).
    std::uint64_t memoryLimitHeapGoal() const;
    // gcControllerUpdate applies heapLive / heapScan deltas (revising the assist ratio while marking).
    void gcControllerUpdate(std::int64_t dHeapLive, std::int64_t dHeapScan);
    // setBarrier switches the write barrier mode from now on (a teaching control, not a Go API).
    void setBarrier(BarrierMode mode);
    std::int64_t now() const; // virtual nanoseconds: the lowest P clock

    // [SECTION] Collector (mgc.cpp, mgcmark.cpp, mbarrier.cpp, mgcsweep.cpp, mcheckmark.cpp).
    bool writeBarrierEnabled() const { return gcphase != GCPhase::off; }
    void shade(uintptr p, std::uint32_t pid);
    // objectColor: 0 white (unmarked), 1 grey (marked, queued), 2 black (marked, scanned).
    int objectColor(uintptr obj) const;
    bool isSweepDone() const { return sweep.drained; }
    uintptr sweepone();
    // sweepSpan sweeps a claimed span (sweepgen == sg-1); true if the span was freed.
    bool sweepSpan(SpanId s, bool preserve);
    void deductSweepCredit(uintptr spanBytes, uintptr callerSweepPages);
    void checkmark(); // the reachability oracle; throws OracleViolation
    void checkNoReachableFreed();

    // [SECTION] Scavenger (mgcscavenge.cpp).
    // scavengeAll releases every free page to the OS, as debug.FreeOSMemory does after its GC
    // (mheap.scavengeAll); returns the bytes released.
    uintptr scavengeAll();

    // flushallmcaches releases every P's cached spans, as Go's ReadMemStats does before reading.
    void flushallmcaches();
    // validate runs every structural check and throws RuntimeThrow naming the first broken one.
    void validate() const;
    // stateHash hashes the model's observable state (heap, roots, stats), independent of events.
    std::uint64_t stateHash() const;
    // approxBytes estimates the host memory this Runtime holds (for keyframe budgets); with base, only
    // what it does not share with base (span records stay shared between copies until changed).
    std::size_t approxBytes(const Runtime* base = nullptr) const;

    void emit(EventKind kind, uintptr a = 0, uintptr b = 0, uintptr c = 0) {
        eventCount++;
        if (eventsWanted_)
            recordEvent(kind, a, b, c);
    }

    const RuntimeConfig& config() const { return cfg_; }
    // greenTea: marking queues spans (Go 1.26's Green Tea, mgcmark_greenteagc.h).
    bool greenTea() const { return cfg_.goVersion == GoVersion::go1_26; }

    static constexpr std::uint32_t noProgram = ~std::uint32_t{0};

    TypeRegistry types;
    MHeap mheap;
    GCController gcController;
    GCCPULimiter gcCPULimiter;
    ScavengerState scavenger;
    GCWorkState work;
    SweepState sweep;
    std::vector<P> allp;
    std::deque<G> allgs; // a deque: a G stays put while newproc adds others
    std::vector<uintptr> globals;
    std::vector<Program> programs;
    std::vector<std::uint32_t> runq; // runnable goroutines, FIFO
    GCPhase gcphase = GCPhase::off;
    bool gcBlackenEnabled = false;
    STWStage stw = STWStage::none;
    std::uint32_t stwStep = 0; // progress within the current stop-the-world stage
    BarrierMode barrier = BarrierMode::hybrid;
    Rng rng{1};
    std::uint64_t tick = 0;
    std::uint32_t curP = ~std::uint32_t{0}; // the P acting in the current step
    // startedOnP: the P whose goroutine started the background cycle; it goes on running that
    // goroutine after the world restarts (Go: gcStart), every other P passes through schedule().
    std::uint32_t startedOnP = ~std::uint32_t{0};
    std::uint32_t curG = 0; // the goroutine acting in the current step
    std::uint32_t bgsweepG = 0;
    std::uint32_t liveUserGoroutines = 0; // user goroutines neither dead nor parked
    std::vector<Event> events;            // filled when config().recordEvents; the caller drains it
    std::string debugOut; // what the runtime printed to stderr (GODEBUG); the caller drains it
    Fnv1a eventHash;
    std::uint64_t eventCount = 0;
    std::int64_t stepCost = 0; // virtual ns charged to the acting P by the current step
    // touchHeap charges the current step for the page faults of an access to [addr, addr+n).
    void touchHeap(uintptr addr, uintptr n) {
        stepCost += static_cast<std::int64_t>(mheap.resident.touch(addr, n)) * cfg_.costs.pageFault;
    }
    AllocPath allocPath;       // the stages the mallocgc in progress has entered (sim/allocpath.h)
    RecentShades recentShades; // the latest write barriers (for views; Go keeps no such record)

    // What the last step did (for stepping by mutator operation, phase or cycle).
    enum class StepKind : std::uint8_t {
        none,
        stw,
        markWorker,
        mutatorOp,
        runtimeG,
        idle,
        mcacheFlush,
        scavenger
    };
    StepKind lastStep = StepKind::none;

  private:
    static constexpr std::uint32_t noWorkerStreak = ~std::uint32_t{0};
    std::uint32_t workerStreakP_ = noWorkerStreak;
    std::int64_t workerStreakUntil_ = 0;
    // scanHint_ remembers where greyobject found the object it queued last. The work buffer is LIFO,
    // so scanobject usually takes that very object next and can skip its span lookup: on a linked list
    // this takes the lookup off the chain of loads each node waits for. Only drainWorkerStreak reads it
    // (scanHintOn_): no copy of the Runtime can be made inside its loop, so the span record the hint
    // points into stays where it is.
    struct ScanHint {
        uintptr obj = 0;
        const MSpan* span = nullptr;
        std::uint32_t slot = 0;
        const uintptr* words = nullptr; // the object's pointer words (MSpan::ptrSlots)
    };
    ScanHint scanHint_;
    bool scanHintOn_ = false;
    std::vector<std::uint32_t> spanScanSlots_; // scanSpan's objects to scan (scratch)

    void recordEvent(EventKind kind, uintptr a, uintptr b, uintptr c);
    uintptr* slotPtr(const PtrSlot& slot);
    void gcmarknewobject(MSpan& span, std::uint32_t slot, uintptr size);
    // recordAllocPath emits the alloc-path event of the allocation just made and keeps it in P p.
    void recordAllocPath(std::uint32_t p, SpanClass spc, uintptr x, uintptr size);
    void checkPointerValue(uintptr value) const;
    void validateSpanQueues() const;

    // mgc.cpp
    void gcStart(bool forced);
    void runSTW();
    void sweepTerminationStep();
    void markTerminationStep();
    bool gcMarkDone();
    void gcMarkRootPrepare();
    void gcMarkTinyAllocs();
    void gcSweep();
    void gcControllerCommit();
    // getWorkbufSpans takes the workbuf spans getempty asked for, from the free list or the heap.
    void getWorkbufSpans() {
        for (; work.full.spansWanted > 0; work.full.spansWanted--) {
            if (work.wbufSpans.free > 0)
                work.wbufSpans.free--;
            work.wbufSpans.busy++;
        }
    }
    // prepareFreeWorkbufs (mark termination) empties work.empty and moves every workbuf span to the
    // free list; freeSomeWbufs (when sweeping is done) returns those spans to the heap.
    void prepareFreeWorkbufs();
    void freeSomeWbufs();

    // mgcscavenge.cpp
    // scavenge releases up to nbytes from the highest addresses down (pageAlloc.scavenge); without
    // force the go1_26 profile passes over densely used chunks.
    uintptr scavenge(uintptr nbytes, ScavengeSource src, bool force);
    void gcPaceScavenger();
    void scavengeOnAlloc(const SpanAlloc& a);
    void scavengerWake();
    bool scavengerShouldStop() const;
    // scavengerRunsOn says whether P p runs the background scavenger now (its timer fires here).
    bool scavengerRunsOn(const P& p);
    void bgscavengeStep(P& p);
    void printScavTraceSweepDone();

    // mgcmark.cpp
    // markUnit does one root job or scans one object; returns the scan work done, -1 if none. Mark
    // workers and mark termination take the root jobs first (gcDrain); assists scan grey objects first
    // and take a root job only when they find none (gcDrainN).
    enum class DrainOrder : std::uint8_t { rootsFirst, greyFirst };
    std::int64_t markUnit(P& p, DrainOrder order = DrainOrder::rootsFirst);
    // nextGrey takes the next object for P p to scan, 0 if it sees none (Go: gcDrain's balance and
    // tryGet).
    uintptr nextGrey(P& p);
    // MarkWork is what a drain step takes: a grey object or (Green Tea) a queued span, or neither.
    struct MarkWork {
        uintptr obj = 0;
        ObjPtr span = 0;
    };
    // nextWork takes P p's next piece of mark work, flushing its write-barrier buffer when it has
    // none; nextWorkGreenTea is the order of Go 1.26's gcDrain (mgcmark_greenteagc.cpp).
    MarkWork nextWork(P& p);
    MarkWork nextWorkGreenTea(P& p);
    ObjPtr tryStealSpan(P& p);
    // scanSpan scans the marked, not yet scanned objects of a queued span; returns the scan work.
    std::int64_t scanSpan(ObjPtr ptr, P& p);
    std::int64_t scanSpanObject(const MSpan& s, std::uint32_t slot, P& p);
    std::int64_t markroot(P& p, std::size_t i);
    std::int64_t scanstack(G& g, P& p);
    std::int64_t scanobject(uintptr b, P& p);
    void greyobject(uintptr obj, P& p);
    bool markWorkAvailable() const;
    void gcFlushBgCredit(std::int64_t scanWork) {
        if (work.assistQueue.empty())
            gcController.bgScanCredit += scanWork;
        else
            payParkedAssists(scanWork);
    }
    void payParkedAssists(std::int64_t scanWork);
    void gcAssistAlloc(G& g);
    void wakeAssists();

    // mbarrier.cpp
    void writeBarrier(bool global, uintptr dst, std::uint32_t field, uintptr* slot, uintptr value,
                      std::uint32_t goid);
    void wbBufFlush(P& p);

    // proc.cpp
    P& pickP();
    // beginTick opens a scheduling step of P p: the CPU limiter's periodic update, then the acting P.
    void beginTick(P& p) {
        if (gcCPULimiter.needUpdate(p.clock))
            gcCPULimiter.update(p.clock, work.numgc);
        curP = p.id;
        curG = 0;
        stepCost = 0;
    }
    void runP(P& p);
    void markWorkerTick(P& p, MarkWorkerMode mode);
    // chargeWorker books the step's cost to P p's clock and to the worker mode's time.
    void chargeWorker(P& p, MarkWorkerMode mode);
    // A worker streak is step's fast path: while P p's dedicated (or idle) mark worker keeps running,
    // only p's clock and the mark state change between steps, so pickP and runP would choose p and its
    // worker again as long as p's clock stays below workerStreakUntil_ and streakContinues(p) holds.
    void startWorkerStreak(const P& p);
    bool streakContinues(const P& p) const;
    bool continueWorkerStreak();
    // drainWorkerStreak takes up to maxSteps steps of the current worker streak in one loop, exactly
    // the steps step() would take one by one; returns how many it took.
    std::uint64_t drainWorkerStreak(std::uint64_t maxSteps);
    // scanStreak takes the streak's plain steps, up to maxSteps: while P p's worker has grey objects
    // of its own, no root job is left and no assist is parked, a step only scans one object, credits
    // its scan work and charges the worker; nothing in it can end the streak, so only the clock is
    // checked (against the streak's bound and the CPU limiter's next update).
    std::uint64_t scanStreak(P& p, std::uint64_t maxSteps);
    void execOp(P& p, G& g);
    void assistUnit(P& p, G& g);
    void stopTheWorld();
    MarkWorkerMode findRunnableGCWorker(P& p);
    void ready(std::uint32_t goid);
    std::uint32_t popRunq();
    bool userGoroutinesLeft() const;

    RuntimeConfig cfg_;
    bool eventsWanted_ = cfg_.hashEvents || cfg_.recordEvents; // emit's test, one load per event
};

} // namespace gclab
