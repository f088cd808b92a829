// gclab — the scavenger: goals, the background worker's batches and sleeps, allocation-time and forced
// scavenging, and the scavtrace line. See mgcscavenge.h for what is modelled and what simplified.
#include "sim/runtime.h"

#include <sstream>

namespace gclab {

std::uint64_t float64ToUint64(double v) {
    // Go's amd64 lowering: below 2^63 a signed conversion; above it, convert v - 2^63 and set the top
    // bit. CVTTSD2SI gives 0x8000000000000000 for anything it cannot represent.
    constexpr double two63 = 9223372036854775808.0;
    auto cvttsd2si = [](double x) -> std::uint64_t {
        if (std::isnan(x) || x >= two63 || x < -two63)
            return std::uint64_t{1} << 63;
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(x));
    };
    if (v < two63)
        return cvttsd2si(v);
    return cvttsd2si(v - two63) | (std::uint64_t{1} << 63);
}

ScavengeGoals gcPaceScavenger(const ScavengePaceInput& in) {
    ScavengeGoals g;
    // 1.19 multiplies by (100 - 5) instead of (1 - 5/100): the goal is 95 x the limit.
    const double reduce = in.go126 ? 1.0 - reduceExtraPercent / 100.0 : 100.0 - reduceExtraPercent;
    std::uint64_t memoryLimitGoal = float64ToUint64(static_cast<double>(in.memoryLimit) * reduce);
    if (in.mappedReady > memoryLimitGoal)
        g.memoryLimitGoal = memoryLimitGoal;
    if (in.lastHeapGoal == 0)
        return g; // before the first cycle has ended
    double goalRatio = static_cast<double>(in.heapGoal) / static_cast<double>(in.lastHeapGoal);
    std::uint64_t gcPercentGoal = float64ToUint64(static_cast<double>(in.lastHeapInUse) * goalRatio);
    gcPercentGoal += gcPercentGoal / (100 / retainExtraPercent);
    gcPercentGoal = (gcPercentGoal + physPageSize - 1) & ~(std::uint64_t{physPageSize} - 1);
    if (in.heapRetained > gcPercentGoal && in.heapRetained - gcPercentGoal >= physPageSize)
        g.gcPercentGoal = gcPercentGoal;
    return g;
}

std::string formatScavTrace(const ScavTraceInput& in) {
    std::ostringstream o;
    // Go divides by heapRetained unguarded; the model prints 0 for an empty heap instead of crashing.
    std::uint64_t util = in.heapRetained == 0 ? 0 : in.heapInUse * 100 / in.heapRetained;
    if (in.go126)
        o << "scav " << (in.released >> 10) << " KiB work (bg), " << (in.releasedEager >> 10)
          << " KiB work (eager), " << (in.heapReleased >> 10) << " KiB now, " << util << "% util";
    else
        o << "scav " << (in.released >> 10) << " KiB work, " << (in.heapReleased >> 10) << " KiB total, "
          << util << "% util";
    if (in.forced)
        o << " (forced)";
    else if (in.controllerReset)
        o << " [controller reset]";
    o << '\n';
    return o.str();
}

uintptr Runtime::scavenge(uintptr nbytes, ScavengeSource src, bool force) {
    // Go 1.21+ (the go1_26 profile): only forced scavenging (FreeOSMemory, the memory limit) takes
    // pages from densely used chunks, to keep their huge pages whole.
    const bool skipDense = cfg_.goVersion == GoVersion::go1_26 && !force;
    uintptr released = 0;
    while (released < nbytes) {
        uintptr left = nbytes - released;
        uintptr maxPages = left / pageSize + (left % pageSize != 0 ? 1 : 0);
        PageAlloc::Range r = mheap.scavengeOne(maxPages, skipDense);
        if (r.npages == 0)
            break; // nothing free and unreleased is left
        released += r.npages * pageSize;
        stepCost += static_cast<std::int64_t>(r.npages) * cfg_.costs.scavengePage;
        emit(EventKind::scavenge, r.base, r.npages, static_cast<uintptr>(src));
        // Allocation-time scavenging stops as soon as the GC CPU limiter turns on.
        if (src == ScavengeSource::allocation && gcCPULimiter.limiting())
            break;
    }
    return released;
}

uintptr Runtime::scavengeAll() {
    uintptr released = scavenge(~uintptr{0}, ScavengeSource::forced, true);
    scavenger.totalForced += released;
    if (cfg_.godebug.scavtrace) {
        ScavTraceInput t;
        t.go126 = cfg_.goVersion == GoVersion::go1_26;
        (t.go126 ? t.releasedEager : t.released) = released;
        t.heapReleased = mheap.heapReleased;
        t.heapInUse = mheap.heapInUse;
        t.heapRetained = mheap.heapInUse + mheap.heapFree;
        t.forced = true;
        debugOut += formatScavTrace(t);
    }
    if (cfg_.validate)
        validate();
    return released;
}

void Runtime::gcPaceScavenger() {
    ScavengePaceInput in;
    in.memoryLimit = gcController.memoryLimit;
    in.heapGoal = gcController.heapGoal();
    in.lastHeapGoal = gcController.lastHeapGoal;
    in.lastHeapInUse = scavenger.lastHeapInUse;
    in.mappedReady = gcController.mem.mappedReady;
    in.heapRetained = mheap.heapInUse + mheap.heapFree;
    in.go126 = cfg_.goVersion == GoVersion::go1_26;
    scavenger.goals = gclab::gcPaceScavenger(in);
}

void Runtime::scavengeOnAlloc(const SpanAlloc& a) {
    // mheap.allocSpan, after taking the span: the larger of the memory-limit excess and the part of
    // this call's heap growth that takes heapRetained past the scavenge goal. The model's stats
    // already count the span, so mappedReady here is Go's mappedReady + scav, and heapRetained before
    // the span is today's minus the span's reused released bytes.
    uintptr todo = 0;
    bool force = false; // Go: forceScavenge, set by the memory-limit case
    if (!gcCPULimiter.limiting()) {
        std::uint64_t inuse = heapMemory().mappedReady;
        auto limit = static_cast<std::uint64_t>(gcController.memoryLimit);
        if (inuse > limit) {
            todo = inuse - limit;
            force = true;
        }
    }
    std::uint64_t goal = scavenger.goals.gcPercentGoal;
    if (goal != scavengeGoalOff && a.growth > 0) {
        std::uint64_t retained = mheap.heapInUse + mheap.heapFree - a.scav;
        if (retained + a.growth > goal)
            todo = std::max<uintptr>(todo, std::min<uintptr>(a.growth, retained + a.growth - goal));
    }
    if (todo == 0)
        return;
    std::int64_t before = stepCost;
    uintptr released = scavenge(todo, ScavengeSource::allocation, force);
    gcCPULimiter.assistTimePool += stepCost - before; // Go: limiterEventScavengeAssist
    scavenger.totalAllocation += released;
    scavenger.releasedEager += released;
}

void Runtime::scavengerWake() {
    ScavengerState& s = scavenger;
    if (s.status == ScavengerStatus::sleeping) {
        s.status = ScavengerStatus::runnable;
        s.controllerPending = true;
    } else if (s.status == ScavengerStatus::parked && !scavengerShouldStop()) {
        // A parked scavenger with both goals met would only check them and park again: skip that.
        s.status = ScavengerStatus::runnable;
    }
}

bool Runtime::scavengerShouldStop() const {
    return mheap.heapInUse + mheap.heapFree <= scavenger.goals.gcPercentGoal &&
           heapMemory().mappedReady <= scavenger.goals.memoryLimitGoal;
}

bool Runtime::scavengerRunsOn(const P& p) {
    ScavengerState& s = scavenger;
    if (s.status == ScavengerStatus::sleeping && p.clock >= s.wakeAt)
        scavengerWake(); // the sleep timer fired
    return s.status == ScavengerStatus::runnable || (s.status == ScavengerStatus::running && s.p == p.id);
}

void Runtime::bgscavengeStep(P& p) {
    ScavengerState& s = scavenger;
    if (s.status == ScavengerStatus::runnable) {
        s.status = ScavengerStatus::running;
        s.p = p.id;
        s.worked = 0;
        s.batchReleased = 0;
        if (s.controllerPending) {
            s.controllerPending = false;
            s.afterSleep(p.clock - s.sleepStart, static_cast<std::uint32_t>(allp.size()));
        }
        if (scavengerShouldStop()) {
            s.status = ScavengerStatus::parked; // run() released nothing: park
            return;
        }
    }
    // One iteration of run()'s loop: a 64 KiB quantum.
    std::int64_t before = stepCost;
    uintptr r = scavenge(scavengeQuantum, ScavengeSource::background, false);
    s.worked += static_cast<double>(stepCost - before);
    s.batchReleased += r;
    if (r == scavengeQuantum && s.worked < minScavWorkTime && !scavengerShouldStop())
        return;
    if (s.batchReleased == 0) {
        s.status = ScavengerStatus::parked;
        return;
    }
    s.released += s.batchReleased;
    s.totalBackground += s.batchReleased;
    s.sleep(p.clock + stepCost);
}

void ScavengerState::sleep(std::int64_t now) {
    sleepWorked = std::max(worked, minScavWorkTime);
    sleepStart = now;
    wakeAt = now + static_cast<std::int64_t>(sleepWorked / sleepRatio);
    status = ScavengerStatus::sleeping;
}

void ScavengerState::afterSleep(std::int64_t slept, std::uint32_t procs) {
    if (controllerCooldown > 0) {
        std::int64_t t = slept + static_cast<std::int64_t>(sleepWorked);
        controllerCooldown = t > controllerCooldown ? 0 : controllerCooldown - t;
        return;
    }
    double period = static_cast<double>(slept) + sleepWorked;
    double cpuFraction = sleepWorked / (period * static_cast<double>(procs));
    if (!sleepController.next(cpuFraction, scavengePercent / 100.0, period, sleepRatio)) {
        sleepRatio = startingScavSleepRatio;
        controllerCooldown = scavControllerCooldown;
        printControllerReset = true;
    }
}

void Runtime::printScavTraceSweepDone() {
    if (cfg_.godebug.scavtrace) {
        ScavTraceInput t;
        t.go126 = cfg_.goVersion == GoVersion::go1_26;
        t.released = scavenger.released;
        t.releasedEager = scavenger.releasedEager;
        t.heapReleased = mheap.heapReleased;
        t.heapInUse = mheap.heapInUse;
        t.heapRetained = mheap.heapInUse + mheap.heapFree;
        t.controllerReset = scavenger.printControllerReset;
        scavenger.printControllerReset = false;
        debugOut += formatScavTrace(t);
        scavenger.released = 0;
        scavenger.releasedEager = 0;
    }
    scavengerWake(); // Go: scavenger.ready(), and sysmon wakes it
}

} // namespace gclab
