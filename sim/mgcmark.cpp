// gclab — marking: root jobs, greyobject, scanobject (with oblets), assists and background credit.
//
// Models: src/runtime/mgcmark.go (markroot, scanstack, scanobject, greyobject, shade, gcDrain,
// gcAssistAlloc, gcDrainN, gcFlushBgCredit) and gcMarkTinyAllocs, Go 1.19. One call of markUnit is one
// step of gcDrain (claim a root job, or take one grey object and scan it) or, for an assist, of
// gcDrainN (take one grey object, or claim a root job when there is none); markWorkerTick is one step of a
// background mark worker (gcBgMarkWorker), and drainWorkerStreak runs a worker's consecutive steps
// in one loop, as gcDrain does, without changing what any step does (scanStreak takes the plain ones:
// scan one object of the worker's own).
// Simplifications: scan work is flushed to the controller at once (Go batches 2000 bytes); stacks
// are scanned as flat arrays of pointer slots; there are no span-special roots, and the two fixed
// roots (finalizers, free G stacks) find nothing to do: only their root-job cost counts.
#include "sim/runtime.h"

#include <algorithm>

namespace gclab {

void Runtime::greyobject(uintptr obj, P& p) {
    SpanId id = mheap.spanOfHeap(obj);
    if (id == emptymspan)
        return;
    MSpan& s = mheap.span(id);
    if (s.state != MSpanState::mSpanInUse || obj >= s.limit)
        return;
    std::uint32_t slot = s.objIndex(obj);
    if (s.gcmarkBits.test(slot))
        return;
    s.gcmarkBits.set(slot);
    HeapArena& ha = mheap.arenaOf(s.base());
    uintptr page = (s.base() - arenaBaseHint) / pageSize % pagesPerArena;
    ha.pageMarks[page / 64] |= std::uint64_t{1} << (page % 64);
    uintptr base = s.base() + slot * s.elemsize;
    if (s.spanclass.noscan()) {
        p.gcw.bytesMarked += s.elemsize;
        emit(EventKind::black, base);
        return;
    }
    if (s.inlineMarkBits) {
        // Green Tea: queue the span, unless it is queued already (Go: tryDeferToSpanScan).
        if (tryAcquireSpan(s.owned))
            p.gcw.spanq.put(makeObjPtr(s.base(), slot));
        emit(EventKind::grey, base);
        return;
    }
    // Like Go's greyobject, prefetch the object: this P will most likely scan it soon.
    const uintptr* words = s.ptrSlots(slot);
    __builtin_prefetch(words);
    scanHint_ = {base, &s, slot, words};
    p.gcw.put(base, work.full);
    emit(EventKind::grey, base);
}

void Runtime::shade(uintptr ptr, std::uint32_t pid) {
    if (ptr < 4096 || ptr < arenaBaseHint || ptr >= mheap.arenaEnd())
        return;
    greyobject(ptr, allp[pid]);
}

[[gnu::flatten]] std::int64_t Runtime::scanobject(uintptr b, P& p) {
    const bool hinted = scanHintOn_ && b == scanHint_.obj;
    SpanId id = hinted ? emptymspan : mheap.spanOfHeap(b);
    SIM_CHECK(hinted || id != emptymspan, "scanobject of an address outside the heap");
    const MSpan& s = hinted ? *scanHint_.span : mheap.span(id);
    const std::uint32_t slot = hinted ? scanHint_.slot : s.objIndex(b);
    uintptr base = hinted ? b : s.base() + slot * s.elemsize;
    uintptr n = s.elemsize;
    if (n > maxObletBytes) {
        if (b == base) {
            // Queue the other oblets; they are scanned as separate work items.
            for (uintptr oblet = b + maxObletBytes; oblet < base + s.elemsize; oblet += maxObletBytes)
                p.gcw.put(oblet, work.full);
        }
        n = base + s.elemsize - b;
        if (n > maxObletBytes)
            n = maxObletBytes;
    }
    const uintptr* words = hinted ? scanHint_.words : s.ptrSlots(slot);
    uintptr off = b - base;
    std::int64_t examined = 0;
    const bool sole = s.soleType != MSpan::typeMixed;
    const GoType* t = sole ? nullptr : &types[s.slotType[slot]];
    const std::uint32_t numPtrs = sole ? s.soleNumPtrs : t->numPtrs();
    const uintptr ptrdata = sole ? s.solePtrdata : t->ptrdata;
    if (off == 0 && n == s.elemsize) {
        // The whole object at once (no oblets): every pointer word is in range.
        examined = numPtrs;
        for (std::uint32_t i = 0; i < numPtrs; i++) {
            uintptr v = words[i];
            if (v != 0 && (v < b || v >= b + n))
                greyobject(v, p);
        }
    } else {
        if (t == nullptr)
            t = &types[s.typeOf(slot)];
        for (std::uint32_t i = 0; i < numPtrs; i++) {
            uintptr byteOff = uintptr{t->ptrWords[i]} * 8;
            if (byteOff < off || byteOff >= off + n)
                continue;
            examined++;
            uintptr v = words[i];
            if (v != 0 && (v < b || v >= b + n))
                greyobject(v, p);
        }
    }
    p.gcw.bytesMarked += n;
    std::int64_t scanned = 0;
    if (ptrdata > off)
        scanned = static_cast<std::int64_t>(std::min<uintptr>(ptrdata - off, n));
    if (scanned != 0 && spanHasMallocHeaders(cfg_.goVersion, s.spanclass))
        scanned += mallocHeaderSize; // Go 1.26 scans from the header word
    gcController.heapScanWork += scanned;
    touchHeap(b, std::min<uintptr>(static_cast<uintptr>(scanned), n)); // reading the pointer words
    stepCost +=
        ((cfg_.costs.scanObject + examined * cfg_.costs.scanWord) * work.markCostPermille + 500) / 1000;
    if (b == base)
        emit(EventKind::black, base);
    return scanned;
}

std::int64_t Runtime::scanstack(G& g, P& p) {
    setStackSize(g, shrunkStackSize(g.stackSize, g.stack.size() * 8)); // Go: shrinkstack
    for (uintptr v : g.stack)
        if (v != 0)
            greyobject(v, p);
    g.gcscandone = work.cycles;
    auto scanned = static_cast<std::int64_t>(g.stack.size() * 8);
    gcController.stackScanWork += scanned;
    stepCost += cfg_.costs.rootJob + static_cast<std::int64_t>(g.stack.size()) * cfg_.costs.scanWord;
    return scanned;
}

std::int64_t Runtime::markroot(P& p, std::size_t i) {
    const RootJob& job = work.roots[i];
    emit(EventKind::rootJob, i, static_cast<uintptr>(job.kind), job.index);
    if (job.kind == RootJob::Kind::stack) {
        G& g = goroutine(job.index);
        if (g.status == GStatus::dead || g.gcscandone == work.cycles) {
            stepCost += cfg_.costs.rootJob;
            return 0;
        }
        return scanstack(g, p);
    }
    if (job.kind == RootJob::Kind::fixedRootFinalizers || job.kind == RootJob::Kind::fixedRootFreeGStacks) {
        // Go scans the finalizer queue / frees dead goroutines' stacks here; the model has neither.
        stepCost += cfg_.costs.rootJob;
        return 0;
    }
    std::uint64_t first = std::uint64_t{job.index} * rootBlockPointers;
    std::uint64_t words = globals.size();
    if (job.kind == RootJob::Kind::runtimeData)
        words = cfg_.runtimeRoots.dataBytes / 8;
    else if (job.kind == RootJob::Kind::runtimeBSS)
        words = cfg_.runtimeRoots.bssBytes / 8;
    std::uint64_t last = std::min(words, first + rootBlockPointers);
    // The runtime's own sections hold no pointers into the model's heap: only their cost and scan
    // work count.
    if (job.kind == RootJob::Kind::globals)
        for (std::uint64_t k = first; k < last; k++)
            if (globals[k] != 0)
                greyobject(globals[k], p);
    auto scanned = static_cast<std::int64_t>((last - first) * 8);
    gcController.globalsScanWork += scanned;
    stepCost += cfg_.costs.rootJob + static_cast<std::int64_t>(last - first) * cfg_.costs.scanRootWord;
    return scanned;
}

uintptr Runtime::nextGrey(P& p) {
    if (work.full.empty())
        p.gcw.balance(work.full);
    return p.gcw.tryGet(work.full);
}

Runtime::MarkWork Runtime::nextWork(P& p) {
    if (greenTea())
        return nextWorkGreenTea(p);
    uintptr b = nextGrey(p);
    if (b == 0) {
        wbBufFlush(p);
        b = p.gcw.tryGet(work.full);
    }
    return {b, 0};
}

std::int64_t Runtime::markUnit(P& p, DrainOrder order) {
    const bool rootJobLeft = work.markrootNext < work.roots.size();
    if (order == DrainOrder::rootsFirst && rootJobLeft)
        return markroot(p, work.markrootNext++);
    const MarkWork w = nextWork(p);
    if (w.obj != 0)
        return scanobject(w.obj, p);
    if (w.span != 0)
        return scanSpan(w.span, p);
    return rootJobLeft ? markroot(p, work.markrootNext++) : -1;
}

void Runtime::markWorkerTick(P& p, MarkWorkerMode mode) {
    lastStep = StepKind::markWorker;
    p.lastRun = mode == MarkWorkerMode::dedicated    ? PRun::markDedicated
                : mode == MarkWorkerMode::fractional ? PRun::markFractional
                                                     : PRun::markIdle;
    if (p.workerMode != mode) {
        if (p.curg != 0) {
            // The worker preempts the goroutine this P was running.
            ready(p.curg);
            p.curg = 0;
        }
        p.workerMode = mode;
        emit(EventKind::workerStart, static_cast<uintptr>(mode));
    }
    std::int64_t scanWork = markUnit(p);
    if (scanWork >= 0) {
        gcFlushBgCredit(scanWork);
    } else {
        // No work anywhere this P can see: try to finish the mark phase.
        gcMarkDone();
        if (p.workerMode != MarkWorkerMode::none && gcBlackenEnabled && mode != MarkWorkerMode::dedicated) {
            emit(EventKind::workerStop, static_cast<uintptr>(mode));
            p.workerMode = MarkWorkerMode::none;
        }
    }
    chargeWorker(p, mode);
}

void Runtime::chargeWorker(P& p, MarkWorkerMode mode) {
    stepCost = std::max<std::int64_t>(stepCost, 1);
    if (mode == MarkWorkerMode::dedicated)
        work.current.dedicatedTime += stepCost;
    else if (mode == MarkWorkerMode::fractional) {
        work.current.fractionalTime += stepCost;
        p.gcFractionalMarkTime += stepCost;
    } else {
        work.current.idleTime += stepCost;
        gcCPULimiter.idleTimePool += stepCost;
    }
    p.clock += stepCost;
}

bool Runtime::streakContinues(const P& p) const {
    if (stw != STWStage::none || work.startPending || !gcBlackenEnabled || p.needPrepareForSweep)
        return false;
    // runP keeps a dedicated worker unconditionally and an idle one while nothing else can run; a
    // fractional worker's choice depends on the time, so it goes through runP every step.
    if (p.workerMode == MarkWorkerMode::dedicated)
        return true;
    return p.workerMode == MarkWorkerMode::idle && p.curg == 0 && runq.empty();
}

bool Runtime::continueWorkerStreak() {
    if (workerStreakP_ == noWorkerStreak)
        return false;
    P& p = allp[workerStreakP_];
    if (p.clock >= workerStreakUntil_ || !streakContinues(p)) {
        workerStreakP_ = noWorkerStreak;
        return false;
    }
    beginTick(p);
    markWorkerTick(p, p.workerMode);
    getWorkbufSpans();
    return true;
}

std::uint64_t Runtime::scanStreak(P& p, std::uint64_t maxSteps) {
    if (!streakContinues(p) || work.markrootNext < work.roots.size() || !work.assistQueue.empty())
        return 0;
    const MarkWorkerMode mode = p.workerMode;
    // A step that starts with the CPU limiter's periodic update goes through beginTick; until then a
    // step only resets its cost (curP and curG are still p's and no goroutine's, from the step before).
    const std::int64_t until = std::min(workerStreakUntil_, gcCPULimiter.updateDue());
    std::uint64_t n = 0;
    const bool spans = greenTea();
    for (; n < maxSteps && p.clock < until && !(p.gcw.empty() && (!spans || p.gcw.spanq.empty())); n++) {
        tick++;
        stepCost = 0;
        gcFlushBgCredit(spans ? markUnit(p) : scanobject(nextGrey(p), p));
        chargeWorker(p, mode);
        getWorkbufSpans();
    }
    return n;
}

[[gnu::flatten, gnu::noinline]] std::uint64_t Runtime::drainWorkerStreak(std::uint64_t maxSteps) {
    std::uint64_t n = 0;
    scanHint_ = {};
    scanHintOn_ = true;
    while (n < maxSteps) {
        tick++;
        if (!continueWorkerStreak()) {
            tick--;
            break;
        }
        n++;
        n += scanStreak(allp[workerStreakP_], maxSteps - n);
    }
    scanHintOn_ = false;
    return n;
}

bool Runtime::markWorkAvailable() const {
    if (work.markrootNext < work.roots.size() || !work.full.empty())
        return true;
    for (const P& p : allp)
        if (!p.gcw.empty() || !p.gcw.spanq.empty() || !p.wbBuf.empty())
            return true;
    return false;
}

void Runtime::payParkedAssists(std::int64_t scanWork) {
    auto scanBytes = float64ToInt64(static_cast<double>(scanWork) * gcController.assistBytesPerWork);
    while (!work.assistQueue.empty() && scanBytes > 0) {
        std::uint32_t goid = work.assistQueue.front();
        work.assistQueue.erase(work.assistQueue.begin());
        G& g = goroutine(goid);
        if (scanBytes + g.gcAssistBytes >= 0) {
            // Pay this goroutine's whole debt and let it run.
            scanBytes += g.gcAssistBytes;
            g.gcAssistBytes = 0;
            ready(goid);
        } else {
            // Partial payment: it goes to the back of the queue.
            g.gcAssistBytes += scanBytes;
            scanBytes = 0;
            work.assistQueue.push_back(goid);
            break;
        }
    }
    if (scanBytes > 0)
        gcController.bgScanCredit +=
            float64ToInt64(static_cast<double>(scanBytes) * gcController.assistWorkPerByte);
}

void Runtime::gcAssistAlloc(G& g) {
    auto debtBytes = -g.gcAssistBytes;
    auto scanWork = float64ToInt64(gcController.assistWorkPerByte * static_cast<double>(debtBytes));
    if (scanWork < gcOverAssistWork) {
        scanWork = gcOverAssistWork;
        debtBytes = float64ToInt64(gcController.assistBytesPerWork * static_cast<double>(scanWork));
    }
    std::int64_t credit = gcController.bgScanCredit;
    if (credit > 0) {
        std::int64_t stolen;
        if (credit < scanWork) {
            stolen = credit;
            g.gcAssistBytes = addSaturating(g.gcAssistBytes,
                                            addSaturating(1, float64ToInt64(gcController.assistBytesPerWork *
                                                                            static_cast<double>(stolen))));
        } else {
            stolen = scanWork;
            g.gcAssistBytes = addSaturating(g.gcAssistBytes, debtBytes);
        }
        gcController.bgScanCredit -= stolen;
        scanWork -= stolen;
        if (scanWork == 0)
            return;
    }
    g.assistWorkLeft = scanWork;
    g.assistWorkDone = 0;
}

void Runtime::wakeAssists() {
    for (std::uint32_t goid : work.assistQueue)
        ready(goid);
    work.assistQueue.clear();
}

int Runtime::objectColor(uintptr obj) const {
    ObjectRef ref;
    if (!mheap.findObject(obj, ref))
        return 0;
    const MSpan& s = mheap.span(ref.span);
    if (!s.gcmarkBits.test(ref.slot))
        return 0;
    if (s.inlineMarkBits)
        return s.markedUnscanned(ref.slot) ? 1 : 2;
    uintptr base = s.base() + ref.slot * s.elemsize;
    auto queued = [&](const Workbuf& b) { return std::find(b.begin(), b.end(), base) != b.end(); };
    for (const P& p : allp)
        if (queued(p.gcw.wbuf1) || queued(p.gcw.wbuf2))
            return 1;
    for (const Workbuf& b : work.full.bufs)
        if (queued(b))
            return 1;
    return 2;
}

} // namespace gclab
