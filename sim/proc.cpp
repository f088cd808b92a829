// gclab — the deterministic scheduler and the execution of mutator operations.
//
// Models: schedule/findRunnable/findRunnableGCWorker from src/runtime/proc.go and mgcpacer.go and the
// goroutine side of runtime.GC (mgc.go), Go 1.19. The P with the lowest virtual clock acts next (ties:
// lowest id); at Go's scheduling points it runs a GC mark worker if the controller wants one, else
// the next goroutine, else an idle mark worker while marking, else it idles. While one P's dedicated
// or idle worker keeps running, step skips these decisions (a worker streak, see
// continueWorkerStreak): they cannot change.
// Simplifications: a goroutine's time slice is RuntimeConfig::sliceOps operations, after which the
// next runnable goroutine takes the P (Go lets one run forcePreemptNS before sysmon preempts it);
// that switch is a scheduling point for mark workers only once forcePreemptNS has passed.
#include "sim/runtime.h"

#include <limits>
#include <sstream>

namespace gclab {

std::int64_t Runtime::now() const {
    std::int64_t m = allp[0].clock;
    for (const P& p : allp)
        m = std::min(m, p.clock);
    return m;
}

void Runtime::ready(std::uint32_t goid) {
    G& g = goroutine(goid);
    if (g.status == GStatus::dead)
        return;
    g.status = GStatus::runnable;
    runq.push_back(goid);
}

std::uint32_t Runtime::popRunq() {
    while (!runq.empty()) {
        std::uint32_t goid = runq.front();
        runq.erase(runq.begin());
        if (goroutine(goid).status == GStatus::runnable)
            return goid;
    }
    return 0;
}

bool Runtime::userGoroutinesLeft() const { return liveUserGoroutines != 0; }

P& Runtime::pickP() {
    P* best = &allp[0];
    for (P& p : allp)
        if (p.clock < best->clock)
            best = &p;
    return *best;
}

MarkWorkerMode Runtime::findRunnableGCWorker(P& p) {
    if (p.workerMode == MarkWorkerMode::dedicated)
        return MarkWorkerMode::dedicated;
    if (gcController.dedicatedMarkWorkersNeeded > 0) {
        gcController.dedicatedMarkWorkersNeeded--;
        return MarkWorkerMode::dedicated;
    }
    if (gcController.fractionalUtilizationGoal == 0)
        return MarkWorkerMode::none;
    // A fractional worker starts when this P is under its share of mark time, and once running keeps
    // the P until it is 20% over (Go: findRunnableGCWorker and pollFractionalWorkerExit).
    std::int64_t delta = p.clock - gcController.markStartTime;
    double limit = gcController.fractionalUtilizationGoal;
    if (p.workerMode == MarkWorkerMode::fractional)
        limit *= 1.2;
    if (delta > 0 && static_cast<double>(p.gcFractionalMarkTime) / static_cast<double>(delta) > limit)
        return MarkWorkerMode::none;
    return MarkWorkerMode::fractional;
}

void Runtime::runP(P& p) {
    lastStep = StepKind::mcacheFlush;
    if (p.needPrepareForSweep) {
        p.lastRun = PRun::runtime;
        p.mcache.prepareForSweep(*this);
        p.needPrepareForSweep = false;
        stepCost += cfg_.costs.flushMCache;
        p.clock += stepCost;
        return;
    }

    const bool nothingToRun = p.curg == 0 && runq.empty();
    // A pass through schedule(): the goroutine stopped, the world restarted for marking, or sysmon
    // preempted it after forcePreemptNS. sysmon's clock runs whether or not the GC is marking, so a
    // mark starts at any point of the running goroutine's slice.
    const bool inSchedule = p.preemptedForGC || p.curg == 0 || goroutine(p.curg).status != GStatus::running ||
                            (p.sliceLeft == 0 && p.clock - p.schedwhen >= forcePreemptNS);
    if (inSchedule)
        p.schedwhen = p.clock;
    MarkWorkerMode mode = MarkWorkerMode::none;
    if (gcBlackenEnabled) {
        // Go looks for a mark worker only in schedule(). A goroutine that keeps allocating is not
        // interrupted for a worker; a running worker decides at each step whether it goes on. An idle
        // worker keeps its P until a goroutine becomes runnable (Go: gcDrain's pollWork); otherwise
        // dedicated and fractional workers come first, then idle marking.
        if (p.workerMode == MarkWorkerMode::idle && nothingToRun) {
            mode = MarkWorkerMode::idle;
        } else if (p.workerMode != MarkWorkerMode::none || inSchedule) {
            mode = findRunnableGCWorker(p);
            p.preemptedForGC = false;
        }
        if (mode == MarkWorkerMode::none && nothingToRun && gcController.maxIdleMarkWorkers > 0)
            mode = MarkWorkerMode::idle;
    }
    if (mode != MarkWorkerMode::none) {
        markWorkerTick(p, mode);
        return;
    }
    if (p.workerMode != MarkWorkerMode::none) {
        // The worker parks and schedule() picks a goroutine: a new slice for sysmon.
        emit(EventKind::workerStop, static_cast<uintptr>(p.workerMode));
        p.workerMode = MarkWorkerMode::none;
        p.schedwhen = p.clock;
    }

    if (p.curg != 0 && (p.sliceLeft == 0 || goroutine(p.curg).status != GStatus::running)) {
        G& g = goroutine(p.curg);
        if (g.status == GStatus::running) {
            g.status = GStatus::runnable;
            runq.push_back(g.goid);
        }
        p.curg = 0;
    }
    if (p.curg == 0 && scavengerRunsOn(p)) {
        // The background scavenger takes the P at its scheduling point (mgcscavenge.h).
        lastStep = StepKind::scavenger;
        p.lastRun = PRun::runtime;
        bgscavengeStep(p);
        stepCost = std::max<std::int64_t>(stepCost, 1);
        p.clock += stepCost;
        return;
    }
    if (p.curg == 0) {
        std::uint32_t next = popRunq();
        if (next == 0) {
            lastStep = StepKind::idle;
            p.lastRun = PRun::idle;
            p.clock += cfg_.costs.idle;
            gcCPULimiter.idleTimePool += cfg_.costs.idle;
            return;
        }
        p.curg = next;
        p.sliceLeft = cfg_.sliceOps;
        goroutine(next).status = GStatus::running;
        stepCost += cfg_.costs.schedule;
    }
    G& g = goroutine(p.curg);
    curG = g.goid;
    lastStep = g.kind == GKind::user ? StepKind::mutatorOp : StepKind::runtimeG;
    p.sliceLeft--;
    const std::int64_t assistBefore = work.current.assistTime;
    execOp(p, g);
    const bool assisted = g.assistWorkLeft > 0 || work.current.assistTime != assistBefore;
    p.lastRun = g.kind != GKind::user ? PRun::runtime : assisted ? PRun::assist : PRun::mutator;
    if (cfg_.jitterNs != 0)
        stepCost += static_cast<std::int64_t>(rng.below(cfg_.jitterNs + 1));
    stepCost = std::max<std::int64_t>(stepCost, 1);
    p.clock += stepCost;
    if (g.status != GStatus::running && p.curg == g.goid)
        p.curg = 0;
}

void Runtime::assistUnit(P& p, G& g) {
    if (gcCPULimiter.limiting()) {
        // gcDrainN bails out while the limiter is on; the goroutine goes on in debt.
        g.assistWorkLeft = 0;
        g.assistWorkDone = 0;
        return;
    }
    // The assist's time is what its unit of mark work cost (at least the fixed part of a scan).
    std::int64_t before = stepCost;
    std::int64_t done = gcBlackenEnabled ? markUnit(p, DrainOrder::greyFirst) : -1;
    std::int64_t spent = std::max(stepCost - before, cfg_.costs.scanObject);
    stepCost = before + spent;
    work.current.assistTime += spent;
    gcCPULimiter.assistTimePool += spent;
    if (done >= 0) {
        g.assistWorkDone += done;
        g.assistWorkLeft -= std::max<std::int64_t>(done, 1);
        if (g.assistWorkLeft > 0)
            return;
    }
    // The assist is over: credit what it did.
    emit(EventKind::assist, static_cast<uintptr>(g.assistWorkDone), static_cast<uintptr>(-g.gcAssistBytes));
    g.gcAssistBytes = addSaturating(g.gcAssistBytes,
                                    addSaturating(1, float64ToInt64(gcController.assistBytesPerWork *
                                                                    static_cast<double>(g.assistWorkDone))));
    g.assistWorkLeft = 0;
    g.assistWorkDone = 0;
    if (done < 0 && gcBlackenEnabled) {
        // No work to do here: finish marking if nothing is left anywhere, else park until credit.
        if (!gcMarkDone() && g.gcAssistBytes < 0) {
            g.status = GStatus::waitingAssist;
            work.assistQueue.push_back(g.goid);
        }
    }
}

namespace {
[[noreturn]] void opFailed(const Runtime& rt, const G& g, const std::string& what) {
    std::ostringstream o;
    o << "goroutine " << g.goid << " (program " << rt.programs[g.program].name << ", op " << g.pc
      << "): " << what;
    simThrow(o.str());
}
} // namespace

void Runtime::execOp(P& p, G& g) {
    if (g.kind == GKind::bgsweep) {
        if (sweepone() == ~uintptr{0}) {
            g.status = GStatus::waitingSweep;
        } else {
            sweep.nbgsweep++;
            g.status = GStatus::runnable; // Gosched after each span
            runq.push_back(g.goid);
        }
        p.curg = 0;
        return;
    }
    if (g.assistWorkLeft > 0) {
        assistUnit(p, g);
        return;
    }
    if (g.sweepAfterGC) {
        // runtime.GC: help sweep until sweeping is done, then return to the program.
        if (sweepone() == ~uintptr{0}) {
            g.sweepAfterGC = false;
            g.pc++;
        }
        return;
    }
    const Program& prog = programs[g.program];
    if (g.pc >= prog.ops.size()) {
        g.status = GStatus::dead;
        liveUserGoroutines--;
        g.stack.clear();
        setStackSize(g, 0);
        emit(EventKind::goroutineEnd);
        return;
    }
    const Op& op = prog.ops[g.pc];
    auto local = [&](std::uint32_t i) -> uintptr& {
        if (i >= g.stack.size())
            opFailed(*this, g,
                     "no local " + std::to_string(i) + " (stack has " + std::to_string(g.stack.size()) + ")");
        return g.stack[i];
    };
    auto objectIn = [&](std::uint32_t i) {
        uintptr v = local(i);
        if (v == 0)
            opFailed(*this, g, "nil pointer dereference of local " + std::to_string(i));
        return v;
    };
    auto typeOf = [&](uintptr obj) -> const GoType& { return types[objectType(obj)]; };
    // A load or store reads or writes the field's word: its page faults if it was never touched.
    auto touchField = [&](uintptr obj, const GoType& t, std::uint32_t field) {
        touchHeap(obj + uintptr{t.ptrWords[field]} * 8, 8);
    };
    auto allocate = [&](uintptr size, auto&& doAlloc) -> bool {
        // Mark assist: pay for the allocation before making it (mallocgc's deductAssistCredit).
        if (gcBlackenEnabled && !g.assistDebited) {
            g.assistDebited = true;
            g.gcAssistBytes -= static_cast<std::int64_t>(size);
            if (g.gcAssistBytes < 0 && !gcCPULimiter.limiting()) {
                gcAssistAlloc(g);
                if (g.assistWorkLeft > 0)
                    return false; // assist first; the op runs again afterwards
            }
        }
        doAlloc();
        g.assistDebited = false;
        stepCost += cfg_.costs.allocFast;
        return true;
    };

    switch (op.code) {
    case OpCode::frame:
        g.stack.resize(g.stack.size() + op.n, 0);
        growStack(g);
        break;
    case OpCode::ret:
        if (op.n > g.stack.size())
            opFailed(*this, g, "return pops more slots than the stack holds");
        g.stack.resize(g.stack.size() - op.n);
        break;
    case OpCode::newobj: {
        local(op.a);
        if (!allocate(types[op.b].size, [&] { g.stack[op.a] = newobject(op.b, p.id, g.goid); }))
            return;
        break;
    }
    case OpCode::newarray: {
        local(op.a);
        if (!allocate(types[op.b].size * op.n, [&] { g.stack[op.a] = newarray(op.b, op.n, p.id, g.goid); }))
            return;
        break;
    }
    case OpCode::load: {
        if ((op.n & guardNil) != 0 && local(op.b) == 0)
            break;
        uintptr obj = objectIn(op.b);
        const GoType& t = typeOf(obj);
        if (op.c >= t.numPtrs())
            opFailed(*this, g, "no pointer field " + std::to_string(op.c));
        local(op.a) = readPointer(PtrSlot::heap(obj, op.c));
        touchField(obj, t, op.c);
        stepCost += cfg_.costs.pointerOp;
        break;
    }
    case OpCode::loadRandom: {
        if ((op.n & guardNil) != 0 && local(op.b) == 0)
            break;
        uintptr obj = objectIn(op.b);
        const GoType& t = typeOf(obj);
        std::uint32_t n = t.numPtrs();
        if (n == 0)
            opFailed(*this, g, "object has no pointer fields");
        auto field = static_cast<std::uint32_t>(rng.below(n));
        local(op.a) = readPointer(PtrSlot::heap(obj, field));
        touchField(obj, t, field);
        stepCost += cfg_.costs.pointerOp + randomAccessCost(cfg_.costs, t.ptrdata);
        break;
    }
    case OpCode::store:
    case OpCode::storeRandom: {
        if ((op.n & guardNil) != 0 && local(op.a) == 0)
            break;
        uintptr obj = objectIn(op.a);
        const GoType& t = typeOf(obj);
        std::uint32_t n = t.numPtrs();
        std::uint32_t field = op.b;
        if (op.code == OpCode::storeRandom) {
            if (n == 0)
                opFailed(*this, g, "object has no pointer fields");
            field = static_cast<std::uint32_t>(rng.below(n));
            stepCost += randomAccessCost(cfg_.costs, t.ptrdata);
        }
        if (field >= n)
            opFailed(*this, g, "no pointer field " + std::to_string(field));
        uintptr v = op.c == nilLocal ? 0 : local(op.c);
        writePointer(PtrSlot::heap(obj, field), v, g.goid);
        touchField(obj, t, field);
        stepCost += cfg_.costs.pointerOp;
        break;
    }
    case OpCode::gload:
        if (op.b >= globals.size())
            opFailed(*this, g, "no global " + std::to_string(op.b));
        local(op.a) = globals[op.b];
        stepCost += cfg_.costs.pointerOp;
        break;
    case OpCode::gstore: {
        if (op.a >= globals.size())
            opFailed(*this, g, "no global " + std::to_string(op.a));
        uintptr v = op.c == nilLocal ? 0 : local(op.c);
        writePointer(PtrSlot::global(op.a), v, g.goid);
        stepCost += cfg_.costs.pointerOp;
        break;
    }
    case OpCode::move:
        local(op.a) = local(op.b);
        stepCost += cfg_.costs.pointerOp;
        break;
    case OpCode::clear:
        local(op.a) = 0;
        stepCost += cfg_.costs.pointerOp;
        break;
    case OpCode::gc:
        // runtime.GC: start a cycle (or queue one after the running cycle) and wait for it.
        if (stw == STWStage::sweepTermination || work.startPending)
            work.userForced = true;
        else if (gcphase == GCPhase::off && stw == STWStage::none)
            gcStart(true);
        else
            work.forcedPending = true;
        g.waitCycle = work.cycles + 1;
        g.status = GStatus::waitingGC;
        return; // pc advances after the sweep that follows the cycle
    case OpCode::yield:
        g.status = GStatus::runnable;
        runq.push_back(g.goid);
        break;
    case OpCode::go:
        if (op.a >= programs.size())
            opFailed(*this, g, "go: no program " + std::to_string(op.a));
        newproc(op.a);
        stepCost += cfg_.costs.schedule;
        break;
    case OpCode::loop:
        if (op.n == 0) {
            // Skip to the matching endloop.
            int depth = 0;
            std::uint32_t pc = g.pc;
            for (; pc < prog.ops.size(); pc++) {
                if (prog.ops[pc].code == OpCode::loop)
                    depth++;
                else if (prog.ops[pc].code == OpCode::endloop && --depth == 0)
                    break;
            }
            g.pc = pc;
        } else {
            g.loops.push_back(LoopFrame{g.pc + 1, op.n});
        }
        break;
    case OpCode::endloop: {
        if (g.loops.empty())
            opFailed(*this, g, "endloop without loop");
        LoopFrame& f = g.loops.back();
        if (--f.remaining > 0) {
            g.pc = f.bodyStart;
            return;
        }
        g.loops.pop_back();
        break;
    }
    }
    g.pc++;
}

bool Runtime::step() {
    tick++;
    if (continueWorkerStreak())
        return true;
    if (stw != STWStage::none) {
        lastStep = StepKind::stw;
        runSTW();
        getWorkbufSpans();
        return true;
    }
    if (work.startPending) {
        lastStep = StepKind::stw;
        stw = STWStage::sweepTermination;
        stwStep = 0;
        runSTW();
        getWorkbufSpans();
        return true;
    }
    if (!userGoroutinesLeft() && gcphase == GCPhase::off) {
        tick--;
        return false;
    }
    P& p = pickP(); // the lowest clock: p.clock is now()
    beginTick(p);
    runP(p);
    getWorkbufSpans();
    if (cfg_.workerStreaks && lastStep == StepKind::markWorker && streakContinues(p))
        startWorkerStreak(p);
    return true;
}

void Runtime::startWorkerStreak(const P& p) {
    // pickP takes the lowest clock, the lowest id among equals: p stays its choice while its clock is
    // below every P with a lower id and not above every P with a higher one.
    std::int64_t until = std::numeric_limits<std::int64_t>::max();
    for (const P& q : allp)
        if (q.id != p.id)
            until = std::min(until, q.id < p.id ? q.clock : q.clock + 1);
    workerStreakP_ = p.id;
    workerStreakUntil_ = until;
}

std::uint64_t Runtime::runUntilDone(std::uint64_t maxSteps) {
    std::uint64_t n = 0;
    while (n < maxSteps) {
        n += drainWorkerStreak(maxSteps - n);
        if (n == maxSteps || !step())
            break;
        n++;
    }
    return n;
}

} // namespace gclab
