// gclab — the GC cycle: gcStart, sweep termination, mark completion, mark termination, gcSweep.
//
// Models: src/runtime/mgc.go (gcStart, gcMarkDone, gcMarkTermination, gcSweep, finishsweep_m,
// gcMarkRootPrepare, gcMarkTinyAllocs) and gcPaceSweeper, Go 1.19. Stop-the-world stages run as a
// sequence of steps during which no mutator runs; every step of a pause costs every P.
// Simplifications: the sweeping that Go's gcStart does just before stopping the world is done as
// the first part of the pause; no sync.Pool clearing, no finalizers. The fixed root jobs
// (fixedRootFinalizers, fixedRootFreeGStacks) are prepared in Go's place but find nothing: the model
// has no finalizers and no free G stacks, so they cost a root job's time and do no scan work.
#include "sim/gctrace.h"
#include "sim/runtime.h"

namespace gclab {

void Runtime::gcStart(bool forced) {
    if (gcphase != GCPhase::off || work.startPending || stw != STWStage::none)
        return;
    work.startPending = true;
    work.userForced = forced;
    startedOnP = forced ? ~std::uint32_t{0} : curP;
}

void Runtime::gcForce() { gcStart(true); }

void Runtime::stopTheWorld() {
    std::int64_t latest = 0;
    for (const P& p : allp)
        latest = std::max(latest, p.clock);
    for (P& p : allp)
        p.clock = latest;
}

void Runtime::runSTW() {
    curP = ~std::uint32_t{0};
    curG = 0;
    stepCost = 0;
    if (stw == STWStage::sweepTermination)
        sweepTerminationStep();
    else
        markTerminationStep();
    for (P& p : allp)
        p.clock += stepCost;
    work.pauseTotalNs += static_cast<std::uint64_t>(stepCost);
}

void Runtime::gcMarkRootPrepare() {
    work.roots.clear();
    work.markrootNext = 0;
    auto addBlocks = [this](RootJob::Kind kind, std::uint64_t words) {
        for (std::uint64_t b = 0; b * rootBlockPointers < words; b++)
            work.roots.push_back(RootJob{kind, static_cast<std::uint32_t>(b)});
    };
    // Go's order: the two fixed roots (work.baseData = fixedRootCount), data, BSS, then stacks; the
    // runtime's sections come before the program's globals. The fixed roots being first matters for
    // pacing: the fractional workers started at mark start take them and then stop, leaving the
    // data/BSS blocks to later takers.
    work.roots.push_back(RootJob{RootJob::Kind::fixedRootFinalizers, 0});
    work.roots.push_back(RootJob{RootJob::Kind::fixedRootFreeGStacks, 0});
    addBlocks(RootJob::Kind::runtimeData, cfg_.runtimeRoots.dataBytes / 8);
    addBlocks(RootJob::Kind::runtimeBSS, cfg_.runtimeRoots.bssBytes / 8);
    addBlocks(RootJob::Kind::globals, globals.size());
    // One job per goroutine alive now; goroutines created later start black.
    for (const G& g : allgs)
        if (g.status != GStatus::dead)
            work.roots.push_back(RootJob{RootJob::Kind::stack, g.goid});
}

void Runtime::gcMarkTinyAllocs() {
    for (P& p : allp)
        if (p.mcache.tiny != 0)
            greyobject(p.mcache.tiny, p);
}

void Runtime::sweepTerminationStep() {
    if (stwStep == 0) {
        stopTheWorld();
        gcCPULimiter.startGCTransition(true, now(), work.numgc);
        stepCost += cfg_.costs.stwFixed;
        work.startPending = false;
        work.current = GCCycleStats{};
        work.current.tSweepTermStart = now();
        work.current.heap0 = gcController.heapLive;
        work.current.forced = work.userForced;
        work.current.procs = static_cast<std::uint32_t>(allp.size());
        emit(EventKind::stwStart, 0);
        // Every mcache must have been flushed since the last cycle (stale spans get swept here).
        for (P& p : allp) {
            if (p.needPrepareForSweep) {
                p.mcache.prepareForSweep(*this);
                p.needPrepareForSweep = false;
            }
        }
        stwStep = 1;
        return;
    }
    if (stwStep == 1) {
        // finishsweep_m: sweep whatever is left, one span per step.
        if (sweepone() != ~uintptr{0}) {
            sweep.npausesweep++;
            return;
        }
        stwStep = 2;
        scavengerWake(); // finishsweep_m: sweeping is done, there is work for the scavenger
        return;
    }
    // Set up the mark phase and start the world.
    work.cycles++;
    for (std::size_t a = 0; a < mheap.numArenas(); a++)
        mheap.arenaMut(a).pageMarks.fill(0);
    work.bytesMarked = 0;
    work.stores.clear();
    for (G& g : allgs)
        g.gcAssistBytes = 0;
    for (P& p : allp) {
        p.gcFractionalMarkTime = 0;
        p.workerMode = MarkWorkerMode::none;
    }
    work.current.num = work.cycles;
    work.current.globals = gcController.globalsScan;
    emit(EventKind::gcStart, work.cycles, work.userForced ? 1 : 0, gcController.heapLive);
    gcController.mem = heapMemory();
    gcController.startCycle(now(), static_cast<std::uint32_t>(allp.size()));
    work.markCostPermille = markCostPermille(cfg_.costs, mheap.heapInUse, gcController.heapMarked);
    if (cfg_.godebug.gcpacertrace)
        debugOut += formatPacerTraceStart(gcController, work.current.heap0);
    gcphase = GCPhase::mark;
    emit(EventKind::phase, static_cast<uintptr>(gcphase), work.cycles);
    gcMarkRootPrepare();
    gcMarkTinyAllocs();
    if (barrier == BarrierMode::yuasa) {
        // A deletion barrier needs a snapshot of every stack before the world restarts.
        for (G& g : allgs)
            if (g.status != GStatus::dead)
                scanstack(g, allp[0]);
    }
    gcBlackenEnabled = true;
    for (P& p : allp)
        p.preemptedForGC = p.id != startedOnP;
    stw = STWStage::none;
    stwStep = 0;
    work.current.tMarkStart = now() + stepCost;
    gcCPULimiter.finishGCTransition(work.current.tMarkStart, work.numgc);
    emit(EventKind::stwEnd, 0);
    if (cfg_.validate)
        validate();
}

bool Runtime::gcMarkDone() {
    // Ragged barrier: every P flushes its write-barrier buffer and its local work.
    bool flushed = false;
    for (P& p : allp) {
        wbBufFlush(p);
        flushed = p.gcw.dispose(work.full) || flushed;
        if (p.gcw.spanq.localSize() != 0) {
            // Green Tea: publish the P's queued spans so that any P can steal them.
            p.gcw.spanq.flush();
            flushed = true;
        }
    }
    if (flushed || markWorkAvailable())
        return false;
    // No work anywhere: stop the world for mark termination.
    gcController.mem = heapMemory();
    auto pacer = gcController.endCycle(now(), static_cast<std::uint32_t>(allp.size()),
                                       work.current.assistTime, work.current.idleTime);
    if (pacer && cfg_.godebug.gcpacertrace)
        debugOut += formatPacerTraceEnd(gcController, *pacer);
    gcBlackenEnabled = false;
    wakeAssists();
    for (P& p : allp) {
        if (p.workerMode != MarkWorkerMode::none)
            emit(EventKind::workerStop, static_cast<uintptr>(p.workerMode));
        p.workerMode = MarkWorkerMode::none;
    }
    work.current.tMarkTermStart = now();
    stw = STWStage::markTermination;
    stwStep = 0;
    return true;
}

HeapMemory Runtime::heapMemory() const {
    HeapMemory m;
    m.heapAlloc = mheap.heapStats.totalAlloc() - mheap.heapStats.totalFree();
    m.heapFree = mheap.heapFree;
    m.mappedReady = mheap.heapInUse + mheap.heapFree + work.wbufSpans.bytes() + nonHeapSys().total();
    return m;
}

NonHeapSys Runtime::nonHeapSys() const {
    return gclab::nonHeapSys({mheap.numArenas(), mheap.mspanHighWater(), mheap.mspansInUse(), allp.size(),
                              work.numgc > 0 || gcphase != GCPhase::off});
}

std::uint64_t Runtime::heapGoal() const {
    GCController c = gcController;
    c.mem = heapMemory();
    return c.heapGoal();
}

std::uint64_t Runtime::memoryLimitHeapGoal() const {
    GCController c = gcController;
    c.mem = heapMemory();
    return c.memoryLimitHeapGoal();
}

void Runtime::gcControllerUpdate(std::int64_t dHeapLive, std::int64_t dHeapScan) {
    if (gcBlackenEnabled)
        gcController.mem = heapMemory();
    gcController.update(dHeapLive, dHeapScan, gcBlackenEnabled);
}

void Runtime::gcControllerCommit() {
    gcController.mem = heapMemory();
    gcController.commit(isSweepDone());
    if (gcphase != GCPhase::off)
        gcController.revise();
    gcPaceScavenger();
    // gcPaceSweeper: spread the remaining sweeping over the allocation until the next trigger.
    if (isSweepDone()) {
        sweep.sweepPagesPerByte = 0;
        return;
    }
    std::int64_t heapDistance = static_cast<std::int64_t>(gcController.trigger()) -
                                static_cast<std::int64_t>(gcController.heapLive) - (1 << 20);
    if (heapDistance < static_cast<std::int64_t>(pageSize))
        heapDistance = static_cast<std::int64_t>(pageSize);
    std::int64_t sweepDistancePages =
        static_cast<std::int64_t>(mheap.pagesInUse) - static_cast<std::int64_t>(sweep.pagesSwept);
    if (sweepDistancePages <= 0) {
        sweep.sweepPagesPerByte = 0;
    } else {
        sweep.sweepPagesPerByte = static_cast<double>(sweepDistancePages) / static_cast<double>(heapDistance);
        sweep.sweepHeapLiveBasis = gcController.heapLive;
        sweep.pagesSweptBasis = sweep.pagesSwept;
    }
}

void Runtime::setGCPercent(std::int32_t gogc) {
    gcController.setGCPercent(gogc);
    gcControllerCommit();
}

std::int64_t Runtime::setMemoryLimit(std::int64_t limit) {
    std::int64_t out = gcController.setMemoryLimit(limit);
    if (limit < 0 || out == limit)
        return out;
    gcControllerCommit();
    return out;
}

void Runtime::setBarrier(BarrierMode mode) {
    // Whatever the old barrier buffered is shaded first, so switching never drops a recorded pointer.
    for (P& p : allp)
        wbBufFlush(p);
    barrier = mode;
}

void Runtime::gcSweep() {
    mheap.sweepgen += 2;
    sweep.centralIndex = 0;
    sweep.pagesSwept = 0;
    sweep.reclaimIndex = 0;
    sweep.reclaimCredit = 0;
    sweep.drained = false;
    for (P& p : allp)
        p.needPrepareForSweep = true;
    if (bgsweepG != 0 && goroutine(bgsweepG).status == GStatus::waitingSweep)
        ready(bgsweepG);
}

void Runtime::markTerminationStep() {
    if (stwStep == 0) {
        stopTheWorld();
        gcCPULimiter.startGCTransition(false, now(), work.numgc);
        stepCost += cfg_.costs.stwFixed;
        emit(EventKind::stwStart, 1);
        gcphase = GCPhase::marktermination;
        emit(EventKind::phase, static_cast<uintptr>(gcphase), work.cycles);
        work.current.heap1 = gcController.heapLive;
        stwStep = 1;
        if (barrier == BarrierMode::dijkstra) {
            // An insertion barrier does not cover stacks: re-scan every one of them now.
            for (G& g : allgs)
                if (g.status != GStatus::dead)
                    work.roots.push_back(RootJob{RootJob::Kind::stack, g.goid});
            for (G& g : allgs)
                g.gcscandone = 0;
        }
        return;
    }
    if (stwStep == 1) {
        // Drain whatever the pause still has to do (stack re-scans under Dijkstra), one unit a step.
        if (markUnit(allp[0]) >= 0)
            return;
        for (P& p : allp) {
            p.gcw.dispose(work.full);
            p.gcw.spanq.flush();
        }
        if (markWorkAvailable())
            return;
        stwStep = 2;
        return;
    }
    SIM_CHECK(!markWorkAvailable(), "mark termination with work remaining");
    for (P& p : allp) {
        work.bytesMarked += p.gcw.bytesMarked;
        p.gcw.bytesMarked = 0;
        p.wbBuf.buf.clear();
    }
    if (cfg_.checkmark)
        checkmark();
    gcController.resetLive(work.bytesMarked);
    // gctrace's "MB stacks": the allocated stacks in Go 1.19, the stack actually scanned since.
    work.current.stacks =
        cfg_.goVersion == GoVersion::go1_26 ? gcController.lastStackScan : gcController.maxStackScan;
    work.current.heap2 = work.bytesMarked;
    work.current.heapGoal = gcController.lastHeapGoal;
    gcphase = GCPhase::off;
    emit(EventKind::phase, static_cast<uintptr>(gcphase), work.cycles);
    prepareFreeWorkbufs();
    gcSweep();
    scavenger.lastHeapInUse = mheap.heapInUse;
    gcControllerCommit();
    work.numgc++;
    mheap.pages.nextGen(); // peak heap in use: sweeping is about to start
    if (work.current.forced)
        work.numForcedGC++;
    work.current.tEnd = now() + stepCost;
    gcCPULimiter.finishGCTransition(work.current.tEnd, work.numgc);
    work.history.push_back(work.current);
    if (cfg_.godebug.gctrace)
        debugOut += formatGCTrace(work.history);
    emit(EventKind::gcDone, work.numgc, work.bytesMarked);
    emit(EventKind::stwEnd, 1);
    stw = STWStage::none;
    stwStep = 0;
    if (work.forcedPending) {
        work.forcedPending = false;
        gcStart(true);
    }
    // runtime.GC callers waiting for this cycle continue (and help sweep).
    for (G& g : allgs) {
        if (g.status == GStatus::waitingGC && g.waitCycle <= work.cycles) {
            g.sweepAfterGC = true;
            ready(g.goid);
        }
    }
    if (cfg_.validate)
        validate();
}

} // namespace gclab
