#include "render/session.h"

#include <algorithm>
#include <utility>

namespace gclab::render {

namespace {

// Keyframe memory per timeline; the original run, once kept, has its own.
constexpr std::size_t keyframeBudget = std::size_t{128} << 20;

} // namespace

void SeriesRecorder::record(const Runtime& rt) {
    const std::vector<GCCycleStats>& done = rt.work.history;
    for (std::size_t i = cycles_.size(); i < done.size(); i++)
        cycles_.push_back(CycleBand{done[i], 0});
    if (!cycles_.empty() && cycles_.back().sweepDoneNs == 0 && rt.gcphase == GCPhase::off && rt.isSweepDone())
        cycles_.back().sweepDoneNs = rt.now();
    if (samples_.empty())
        lanes_.start(rt);
    else
        lanes_.record(rt);
    if (!samples_.empty() && rt.tick < samples_.back().tick + every_)
        return;
    const bool limited = rt.gcController.memoryLimit != noMemoryLimit;
    samples_.push_back(
        SeriesSample{rt.tick, rt.now(), rt.gcController.heapLive, rt.gcController.heapGoal(),
                     rt.mheap.heapInUse, rt.mheap.heapReleased, rt.gcController.trigger(),
                     limited ? static_cast<std::uint64_t>(rt.gcController.memoryLimit) : SeriesSample::unset,
                     rt.mheap.heapSys(), limited ? rt.heapMemory().mappedReady : SeriesSample::unset,
                     rt.mheap.resident.residentBytes()});
    if (samples_.size() > maxSamples) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < samples_.size(); i += 2)
            samples_[n++] = samples_[i];
        samples_.resize(n);
        every_ *= 2;
    }
}

void SeriesRecorder::forgetAfter(std::uint64_t tick, const Runtime& rt) {
    std::erase_if(samples_, [&](const SeriesSample& s) { return s.tick > tick; });
    lanes_.forgetAfter(tick, rt);
    cycles_.resize(std::min(cycles_.size(), rt.work.history.size()));
    if (!cycles_.empty() && cycles_.back().sweepDoneNs > rt.now())
        cycles_.back().sweepDoneNs = 0;
}

std::uint64_t SeriesRecorder::tickAt(std::int64_t ns) const {
    auto it = std::upper_bound(samples_.begin(), samples_.end(), ns,
                               [](std::int64_t v, const SeriesSample& s) { return v < s.ns; });
    return it == samples_.begin() ? 0 : std::prev(it)->tick;
}

Session::Session(LoadedScenario sc, ParamValues params, bool validate)
    : sc_(std::move(sc)), params_(std::move(params)), narration_(sc_.scenario.narration) {
    RuntimeConfig cfg = runConfig(sc_);
    cfg.validate = validate;
    Runtime rt(cfg);
    sc_.scenario.build(rt, params_);
    rt.events.clear();
    observed_ = rt.tick;
    series_.record(rt);
    tl_ = std::make_unique<Timeline>(rt, keyframeBudget);
    tl_->onStep([this](Runtime& r) { observe(r); });
}

void Session::observe(Runtime& rt) {
    tickEvents_.swap(rt.events);
    rt.events.clear();
    shown_ = tickEvents_.size();
    if (rt.tick > observed_) {
        observed_ = rt.tick;
        series_.record(rt);
        narration_.observe(rt, tickEvents_);
    }
}

template <class F>
bool Session::guarded(F&& f) {
    if (error_)
        return false;
    try {
        return f();
    } catch (const RuntimeThrow& e) {
        error_ = e.what();
        return false;
    }
}

bool Session::stepForward(StepUnit u) { return *stepForwardToward(u, ~std::uint64_t{0}); }

std::optional<bool> Session::stepForwardToward(StepUnit u, std::uint64_t maxSteps) {
    std::optional<bool> result;
    const bool ok = guarded([&] {
        result = tl_->stepForwardToward(u, maxSteps);
        return result.value_or(true);
    });
    if (!ok)
        return false;
    return result;
}

void Session::seek(std::uint64_t t) { seekToward(t, ~std::uint64_t{0}); }

bool Session::seekToward(std::uint64_t t, std::uint64_t maxSteps) {
    bool arrived = true;
    guarded([&] {
        if (t == tl_->tick())
            return false;
        if (t == 0) {
            tl_->seek(0);
            tickEvents_.clear();
            shown_ = 0;
            return true;
        }
        // Arrive by stepping the last tick, so that its events are known.
        if (!tl_->seekToward(t - 1, maxSteps)) {
            arrived = false;
            return true;
        }
        tl_->stepForward(StepUnit::tick);
        return true;
    });
    return arrived || error_.has_value();
}

std::optional<std::uint64_t> Session::stepBackTarget(StepUnit u, std::uint64_t t) const {
    if (t == 0)
        return std::nullopt;
    return tl_->unitStartBefore(u, t);
}

bool Session::stepBack(StepUnit u) {
    std::optional<std::uint64_t> t = stepBackTarget(u, tick());
    if (!t)
        return false;
    seek(*t);
    return true;
}

bool Session::stepEventForward() {
    if (error_)
        return false;
    if (shown_ < tickEvents_.size()) {
        shown_++;
        return true;
    }
    while (stepForward(StepUnit::tick)) {
        if (!tickEvents_.empty()) {
            shown_ = 1;
            return true;
        }
    }
    return false;
}

bool Session::stepEventBack() {
    if (error_)
        return false;
    if (shown_ > 1) {
        shown_--;
        return true;
    }
    std::optional<std::uint64_t> t = eventBackTarget();
    if (!t)
        return false;
    seek(*t);
    return !error_;
}

std::optional<std::uint64_t> Session::eventBackTarget() const {
    if (shown_ > 1 || tick() == 0)
        return std::nullopt;
    return tl_->eventTickBefore(tick());
}

void Session::command(CommandKind k, std::int64_t value) {
    guarded([&] {
        if (!original_) {
            // Keep the run as it was; continue on a fork that shares its past.
            originalSeries_ = series_;
            original_ = std::move(tl_);
            tl_ = std::make_unique<Timeline>(original_->fork());
            original_->onStep(nullptr);
            tl_->onStep([this](Runtime& r) { observe(r); });
        }
        tl_->command(Command{0, k, value});
        const std::uint64_t now = tl_->tick();
        series_.forgetAfter(now, tl_->current());
        narration_.forgetAfter(now, tl_->current());
        observed_ = now;
        return true;
    });
}

void Session::setGOGC(std::int32_t gogc) { command(CommandKind::setGOGC, gogc); }
void Session::setMemoryLimit(std::int64_t bytes) { command(CommandKind::setMemoryLimit, bytes); }
void Session::setBarrier(BarrierMode mode) {
    command(CommandKind::setBarrier, static_cast<std::int64_t>(mode));
}
void Session::forceGC() { command(CommandKind::forceGC, 0); }

} // namespace gclab::render
