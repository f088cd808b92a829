#include "render/p_lanes.h"

#include <bit>

namespace gclab::render {

PLaneState pLaneStateOf(PRun r) {
    switch (r) {
    case PRun::idle:
        return PLaneState::idle;
    case PRun::mutator:
        return PLaneState::mutator;
    case PRun::assist:
        return PLaneState::assist;
    case PRun::markDedicated:
        return PLaneState::markDedicated;
    case PRun::markFractional:
        return PLaneState::markFractional;
    case PRun::markIdle:
        return PLaneState::markIdle;
    case PRun::runtime:
        break;
    }
    return PLaneState::runtime;
}

PLaneMask pLaneMaskOf(const Runtime& rt, const P& p) {
    PLaneMask m = pLaneBit(pLaneStateOf(p.lastRun));
    if (rt.lastStep == Runtime::StepKind::stw || rt.stw != STWStage::none)
        m |= pLaneBit(PLaneState::stw);
    return m;
}

PLaneState pLaneShown(PLaneMask m) {
    return m == 0 ? PLaneState::idle : static_cast<PLaneState>(std::bit_width(unsigned{m}) - 1);
}

const char* pLaneName(PLaneState s) {
    switch (s) {
    case PLaneState::idle:
        return "idle";
    case PLaneState::mutator:
        return "mutator";
    case PLaneState::runtime:
        return "sweep/scavenge";
    case PLaneState::markIdle:
        return "idle worker";
    case PLaneState::assist:
        return "assist";
    case PLaneState::markFractional:
        return "fractional";
    case PLaneState::markDedicated:
        return "dedicated";
    case PLaneState::stw:
        break;
    }
    return "STW";
}

const char* pLaneTip(PLaneState s) {
    switch (s) {
    case PLaneState::idle:
        return "The P found nothing to run (findrunnable came back empty; the idle time pool of "
               "gcCPULimiter)";
    case PLaneState::mutator:
        return "User code: the P's goroutine ran a program operation";
    case PLaneState::runtime:
        return "Runtime goroutines and work: bgsweep (sweepone), the background scavenger (bgscavenge), "
               "mcache.prepareForSweep";
    case PLaneState::markIdle:
        return "gcBgMarkWorker in gcMarkWorkerIdleMode: marks because the P has nothing else to run";
    case PLaneState::assist:
        return "gcAssistAlloc: the allocating goroutine pays its debt in mark work (gcDrainN)";
    case PLaneState::markFractional:
        return "gcBgMarkWorker in gcMarkWorkerFractionalMode: marks for part of the time "
               "(fractionalUtilizationGoal)";
    case PLaneState::markDedicated:
        return "gcBgMarkWorker in gcMarkWorkerDedicatedMode: marks for the whole cycle "
               "(dedicatedMarkWorkersNeeded)";
    case PLaneState::stw:
        break;
    }
    return "Stop the world (stopTheWorldWithSema): sweep termination and mark termination; no P runs Go code";
}

} // namespace gclab::render
