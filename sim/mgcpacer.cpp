#include "sim/mgcpacer.h"

#include <algorithm>
#include <limits>

namespace gclab {

void GCController::update(std::int64_t dHeapLive, std::int64_t dHeapScan, bool blackenEnabled) {
    if (dHeapLive != 0)
        heapLive = static_cast<uintptr>(static_cast<std::int64_t>(heapLive) + dHeapLive);
    if (!blackenEnabled) {
        heapScan = static_cast<uintptr>(static_cast<std::int64_t>(heapScan) + dHeapScan);
    } else {
        revise();
    }
}

bool PIController::next(double input, double setpoint, double period, double& output) {
    double prop = kp * (setpoint - input);
    double rawOutput = prop + errIntegral;
    if (std::isinf(rawOutput) || std::isnan(rawOutput)) {
        errIntegral = 0;
        output = min;
        return false;
    }
    output = std::clamp(rawOutput, min, max);
    if (ti != 0 && tt != 0) {
        errIntegral += (kp * period / ti) * (setpoint - input) + (period / tt) * (output - rawOutput);
        if (std::isinf(errIntegral) || std::isnan(errIntegral)) {
            errIntegral = 0;
            output = min;
            return false;
        }
    }
    return true;
}

void GCController::init(std::int32_t gogc) {
    heapMinimum = defaultHeapMinimum;
    triggered = noTriggered;
    consMarkController = PIController{0.9, 4.0, 1000.0, -1000.0, 1000.0, 0};
    setGCPercent(gogc);
    commit(true);
}

std::int64_t GCController::setMemoryLimit(std::int64_t limit) {
    std::int64_t out = memoryLimit;
    if (limit >= 0)
        memoryLimit = limit;
    return out;
}

void GCController::setGCPercent(std::int32_t gogc) {
    gcPercent = gogc < 0 ? -1 : gogc;
    heapMinimum =
        gcPercent < 0 ? defaultHeapMinimum : defaultHeapMinimum * static_cast<std::uint64_t>(gcPercent) / 100;
}

void GCController::commit(bool isSweepDone) {
    sweepDistMinTrigger = isSweepDone ? 0 : heapLive + sweepMinHeapDistance;
    std::uint64_t goal = ~std::uint64_t{0};
    if (gcPercent >= 0)
        goal = heapMarked +
               (heapMarked + lastStackScan + globalsScan) * static_cast<std::uint64_t>(gcPercent) / 100;
    if (goal < heapMinimum)
        goal = heapMinimum;
    gcPercentHeapGoal = goal;
    runway = static_cast<std::uint64_t>(
        float64ToInt64((consMark * (1 - gcGoalUtilization) / gcGoalUtilization) *
                       static_cast<double>(lastHeapScan + lastStackScan + globalsScan)));
}

std::uint64_t GCController::memoryLimitHeapGoal() const {
    auto limit = static_cast<std::uint64_t>(memoryLimit);
    std::uint64_t nonHeapMemory = mem.mappedReady - mem.heapFree - mem.heapAlloc;
    std::uint64_t overage = mem.mappedReady > limit ? mem.mappedReady - limit : 0;
    if (nonHeapMemory + overage >= limit)
        return heapMarked;
    std::uint64_t goal = limit - (nonHeapMemory + overage);
    std::uint64_t headroom = memoryLimitHeapGoalHeadroom;
    if (go126)
        headroom = std::max(headroom, goal / 100 * 3);
    if (goal < headroom || goal - headroom < headroom)
        goal = headroom;
    else
        goal -= headroom;
    return std::max(goal, heapMarked);
}

std::uint64_t GCController::heapGoalInternal(std::uint64_t& minTrigger) const {
    std::uint64_t goal = gcPercentHeapGoal;
    minTrigger = 0;
    std::uint64_t memoryLimitGoal = memoryLimit == noMemoryLimit ? ~std::uint64_t{0} : memoryLimitHeapGoal();
    if (memoryLimitGoal < goal) {
        goal = memoryLimitGoal;
    } else {
        // The sweep distance and the minimum runway apply only when the GOGC goal governs.
        std::uint64_t sweepDistTrigger = sweepDistMinTrigger;
        if (sweepDistTrigger > goal)
            goal = sweepDistTrigger;
        minTrigger = sweepDistTrigger;
        constexpr std::uint64_t minRunway = 64 << 10;
        if (triggered != noTriggered && goal < triggered + minRunway)
            goal = triggered + minRunway;
    }
    return goal;
}

std::uint64_t GCController::heapGoal() const {
    std::uint64_t minTrigger;
    return heapGoalInternal(minTrigger);
}

std::uint64_t GCController::trigger() const {
    std::uint64_t minTrigger;
    std::uint64_t goal = heapGoalInternal(minTrigger);
    if (heapMarked >= goal)
        return goal;
    if (minTrigger < heapMarked)
        minTrigger = heapMarked;
    constexpr std::uint64_t triggerRatioDen = 64, minTriggerRatioNum = 45, maxTriggerRatioNum = 61;
    std::uint64_t lowerBound = (goal - heapMarked) / triggerRatioDen * minTriggerRatioNum + heapMarked;
    if (minTrigger < lowerBound)
        minTrigger = lowerBound;
    std::uint64_t maxTrigger = (goal - heapMarked) / triggerRatioDen * maxTriggerRatioNum + heapMarked;
    if (goal > defaultHeapMinimum && goal - defaultHeapMinimum > maxTrigger)
        maxTrigger = goal - defaultHeapMinimum;
    if (maxTrigger < minTrigger)
        maxTrigger = minTrigger;
    std::uint64_t t = runway > goal ? minTrigger : goal - runway;
    if (t < minTrigger)
        t = minTrigger;
    if (t > maxTrigger)
        t = maxTrigger;
    SIM_CHECK(t <= goal, "produced a trigger greater than the heap goal");
    return t;
}

void GCController::startCycle(std::int64_t now, std::uint32_t procs) {
    heapScanWork = 0;
    stackScanWork = 0;
    globalsScanWork = 0;
    bgScanCredit = 0;
    markStartTime = now;
    // 1.19 records the computed trigger; newer releases record where the cycle actually started.
    triggered = go126 ? heapLive : trigger();

    double totalUtilizationGoal = static_cast<double>(procs) * gcBackgroundUtilization;
    dedicatedMarkWorkersNeeded = static_cast<std::int64_t>(totalUtilizationGoal + 0.5);
    double utilError = static_cast<double>(dedicatedMarkWorkersNeeded) / totalUtilizationGoal - 1;
    constexpr double maxUtilError = 0.3;
    if (utilError < -maxUtilError || utilError > maxUtilError) {
        if (static_cast<double>(dedicatedMarkWorkersNeeded) > totalUtilizationGoal)
            dedicatedMarkWorkersNeeded--;
        fractionalUtilizationGoal = (totalUtilizationGoal - static_cast<double>(dedicatedMarkWorkersNeeded)) /
                                    static_cast<double>(procs);
    } else {
        fractionalUtilizationGoal = 0;
    }
    maxIdleMarkWorkers =
        static_cast<std::int32_t>(procs) - static_cast<std::int32_t>(dedicatedMarkWorkersNeeded);
    idleMarkWorkers = 0;
    revise();
}

void GCController::revise() {
    std::int32_t percent = gcPercent < 0 ? 100000 : gcPercent;
    auto live = uint64ToInt64(heapLive);
    std::int64_t work = heapScanWork + stackScanWork + globalsScanWork;
    std::int64_t goal = uint64ToInt64(heapGoal());
    auto scanWorkExpected = uint64ToInt64(lastHeapScan + lastStackScan + globalsScan);
    auto maxScanWork = uint64ToInt64(heapScan + maxStackScan + globalsScan);
    // Go never sees scanWorkExpected == 0 (a real binary always has globals); the model can.
    if (work > scanWorkExpected && scanWorkExpected > 0) {
        // Saturating: with GOGC=off set mid-cycle the goal is unbounded and the sum would overflow.
        std::int64_t extHeapGoal = addSaturating(
            float64ToInt64(static_cast<double>(goal - uint64ToInt64(triggered)) /
                           static_cast<double>(scanWorkExpected) * static_cast<double>(maxScanWork)),
            uint64ToInt64(triggered));
        scanWorkExpected = maxScanWork;
        std::int64_t hardGoal =
            float64ToInt64((1.0 + static_cast<double>(percent) / 100.0) * static_cast<double>(goal));
        if (extHeapGoal > hardGoal)
            extHeapGoal = hardGoal;
        goal = extHeapGoal;
    }
    if (live > goal) {
        goal = float64ToInt64(static_cast<double>(goal) * 1.1);
        scanWorkExpected = maxScanWork;
    }
    std::int64_t scanWorkRemaining = scanWorkExpected - work;
    if (scanWorkRemaining < 1000)
        scanWorkRemaining = 1000;
    std::int64_t heapRemaining = goal - live;
    if (heapRemaining <= 0)
        heapRemaining = 1;
    assistWorkPerByte = static_cast<double>(scanWorkRemaining) / static_cast<double>(heapRemaining);
    assistBytesPerWork = static_cast<double>(heapRemaining) / static_cast<double>(scanWorkRemaining);
}

std::optional<PacerCycleEnd> GCController::endCycle(std::int64_t now, std::uint32_t procs,
                                                    std::int64_t assistTime, std::int64_t idleMarkTime) {
    lastHeapGoal = heapGoal();
    std::int64_t assistDuration = now - markStartTime;
    double utilization = gcBackgroundUtilization;
    if (assistDuration > 0)
        utilization += static_cast<double>(assistTime) /
                       static_cast<double>(assistDuration * static_cast<std::int64_t>(procs));
    if (heapLive <= triggered)
        return std::nullopt;
    double idleUtilization = 0;
    if (assistDuration > 0)
        idleUtilization = static_cast<double>(idleMarkTime) /
                          static_cast<double>(assistDuration * static_cast<std::int64_t>(procs));
    std::int64_t scanWork = heapScanWork + stackScanWork + globalsScanWork;
    double currentConsMark = (static_cast<double>(heapLive - triggered) * (utilization + idleUtilization)) /
                             (static_cast<double>(scanWork) * (1 - utilization));
    PacerCycleEnd e;
    e.utilization = utilization;
    e.oldConsMark = consMark;
    if (go126) {
        // Go 1.21+: the maximum of this and the last four measurements, no smoothing.
        double m = currentConsMark;
        for (double v : lastConsMark)
            m = std::max(m, v);
        for (std::size_t i = lastConsMark.size() - 1; i > 0; i--)
            lastConsMark[i] = lastConsMark[i - 1];
        lastConsMark[0] = currentConsMark;
        consMark = m;
        return e;
    }
    double out = 0;
    if (!consMarkController.next(consMark, currentConsMark, 1.0, out)) {
        out = 0;
        e.controllerReset = true;
    }
    consMark = out;
    return e;
}

void GCController::resetLive(uintptr bytesMarked) {
    heapMarked = bytesMarked;
    heapLive = bytesMarked;
    heapScan = static_cast<uintptr>(heapScanWork);
    lastHeapScan = static_cast<uintptr>(heapScanWork);
    lastStackScan = static_cast<uintptr>(stackScanWork);
    triggered = noTriggered;
}

} // namespace gclab
