#include "render/p_lanes.h"

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

void PLaneRecorder::start(const Runtime& rt) {
    segs_.assign(rt.allp.size(), {});
    clock_.clear();
    for (const P& p : rt.allp)
        clock_.push_back(p.clock);
}

void PLaneRecorder::record(const Runtime& rt) {
    const bool stw = rt.lastStep == Runtime::StepKind::stw;
    for (std::size_t i = 0; i < segs_.size() && i < rt.allp.size(); i++) {
        const std::int64_t before = clock_[i], after = rt.allp[i].clock;
        if (after <= before)
            continue;
        clock_[i] = after;
        const auto s = static_cast<std::size_t>(stw ? PLaneState::stw : pLaneStateOf(rt.allp[i].lastRun));
        std::vector<PLaneSegment>& v = segs_[i];
        if (!v.empty() && v.back().t1 == before && v.back().ns[s] == v.back().t1 - v.back().t0) {
            v.back().t1 = after; // the same state goes on
            v.back().tick1 = rt.tick;
            v.back().ns[s] += after - before;
            continue;
        }
        PLaneSegment seg{before, after, rt.tick, rt.tick, {}};
        seg.ns[s] = after - before;
        v.push_back(seg);
        if (v.size() > maxSegments) {
            std::size_t n = 0;
            for (std::size_t k = 0; k + 1 < v.size(); k += 2) {
                PLaneSegment m = v[k];
                m.t1 = v[k + 1].t1;
                m.tick1 = v[k + 1].tick1;
                for (std::size_t j = 0; j < m.ns.size(); j++)
                    m.ns[j] += v[k + 1].ns[j];
                v[n++] = m;
            }
            if (v.size() % 2 == 1)
                v[n++] = v.back();
            v.resize(n);
        }
    }
}

void PLaneRecorder::forgetAfter(std::uint64_t tick, const Runtime& rt) {
    for (std::vector<PLaneSegment>& v : segs_)
        while (!v.empty() && v.back().tick1 > tick)
            v.pop_back();
    for (std::size_t i = 0; i < clock_.size() && i < rt.allp.size(); i++)
        clock_[i] = rt.allp[i].clock;
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
