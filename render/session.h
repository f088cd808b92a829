// gclab-gui — the run the window shows: a scenario driven through the Timeline (sim/recording.h).
//
// Session builds the scenario's Runtime, wraps it in a Timeline and is the only way the window moves
// or changes the model: steps forward and back by tick, mutator operation, phase or cycle; one event
// at a time inside a tick; seek; and live settings (GOGC, GOMEMLIMIT, barrier mode, a forced GC) as Timeline
// commands. The first such change forks: the unchanged run is kept for comparison (original()). While
// the run first reaches each tick, the session records the series the timeline view plots and when
// the narration beats fire. Pure C++: no ImGui.
#pragma once

#include "sim/recording.h"

#include "render/narration_track.h"
#include "render/p_lanes.h"
#include "render/scenario_source.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gclab::render {

// SeriesSample is one point of the timeline view's curves (gcControllerState.heapLive, heapGoal(),
// trigger(), memoryLimit; MemStats.HeapInuse, HeapSys, HeapReleased; the heap's resident bytes, pages
// with RAM behind them (sim/mem_linux.h); while a memory limit is set, the mapped memory it bounds:
// Sys - HeapReleased, gcControllerState.mappedReady) at a tick and its virtual time.
struct SeriesSample {
    static constexpr std::uint64_t unset = ~std::uint64_t{0}; // a value the curve skips (GOMEMLIMIT off)
    std::uint64_t tick = 0;
    std::int64_t ns = 0;
    std::uint64_t heapLive = 0;
    std::uint64_t heapGoal = 0;
    std::uint64_t heapInuse = 0;
    std::uint64_t heapReleased = 0;
    std::uint64_t trigger = 0;
    std::uint64_t memoryLimit = unset;
    std::uint64_t heapSys = 0;
    std::uint64_t mapped = unset;
    std::uint64_t heapResident = 0;
};

// CycleBand is one completed GC cycle for the timeline, with when its sweeping finished (the first
// observed tick with mheap sweeping drained after the cycle; 0 while it has not).
struct CycleBand {
    GCCycleStats stats;
    std::int64_t sweepDoneNs = 0;
};

// SeriesRecorder keeps at most maxSamples samples: when full, it drops every other one and samples
// half as often from then on. It also keeps every completed cycle (Runtime::work.history) and what each
// P ran over time (render/p_lanes.h).
class SeriesRecorder {
  public:
    static constexpr std::size_t maxSamples = 16384;
    // record looks at the state after a step that reached a new tick.
    void record(const Runtime& rt);
    // forgetAfter drops what was recorded after tick; rt is the state at tick.
    void forgetAfter(std::uint64_t tick, const Runtime& rt);
    const std::vector<SeriesSample>& samples() const { return samples_; }
    const std::vector<CycleBand>& cycles() const { return cycles_; }
    const PLaneRecorder& lanes() const { return lanes_; }
    // tickAt returns the tick of the last sample at or before virtual time ns (0 before the first).
    std::uint64_t tickAt(std::int64_t ns) const;

  private:
    std::vector<SeriesSample> samples_;
    std::vector<CycleBand> cycles_;
    std::uint64_t every_ = 1;
    PLaneRecorder lanes_;
};

class Session {
  public:
    // Builds the scenario with the given parameter values; throws std::runtime_error (ScenarioError,
    // RuntimeThrow) when the scenario cannot be built with them.
    Session(LoadedScenario sc, ParamValues params, bool validate = false);
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const LoadedScenario& scenario() const { return sc_; }
    const ParamValues& params() const { return params_; }
    const Runtime& runtime() const { return tl_->current(); }
    const Timeline& timeline() const { return *tl_; }
    std::uint64_t tick() const { return tl_->tick(); }

    // Each returns false when nothing moved (end of the run, tick 0, or after a failure).
    bool stepForward(StepUnit u);
    bool stepBack(StepUnit u);
    // stepForwardToward is stepForward in slices of at most maxSteps ticks: nothing while the unit is
    // not over yet (call again to go on), else what stepForward returns.
    std::optional<bool> stepForwardToward(StepUnit u, std::uint64_t maxSteps);
    // stepBackTarget is the tick stepBack(u) arrives at from tick t (seek there, in slices if need be);
    // nothing at tick 0.
    std::optional<std::uint64_t> stepBackTarget(StepUnit u, std::uint64_t t) const;
    // stepEventForward shows the current tick's next event, or steps to the next tick with events.
    bool stepEventForward();
    // stepEventBack shows the previous event of this tick, or goes back to the last event of the
    // previous tick with events.
    bool stepEventBack();
    // eventBackTarget is the tick stepEventBack seeks to when it leaves this tick (seek there, in slices
    // if need be, and its last event is shown); nothing when it stays in this tick or at tick 0.
    std::optional<std::uint64_t> eventBackTarget() const;
    void seek(std::uint64_t t);
    // seekToward is seek in slices of at most maxSteps re-stepped ticks (so that dragging the playhead
    // never stalls a frame); true once at t. Until then the session shows the ticks on the way.
    bool seekToward(std::uint64_t t, std::uint64_t maxSteps);

    // Live settings, applied now as Timeline commands (the future after now is recomputed).
    void setGOGC(std::int32_t gogc);         // negative: off
    void setMemoryLimit(std::int64_t bytes); // GOMEMLIMIT; int64 max: off
    void setBarrier(BarrierMode mode);
    void forceGC();

    // The run as it was before the first live change, and its series; null / empty before any.
    const Timeline* original() const { return original_.get(); }
    const std::vector<SeriesSample>& originalSamples() const { return originalSeries_.samples(); }

    // The events of the step that reached the current tick, and how many of them are shown.
    const std::vector<Event>& tickEvents() const { return tickEvents_; }
    std::size_t eventsShown() const { return shown_; }

    const SeriesRecorder& series() const { return series_; }
    const NarrationTrack& narration() const { return narration_; }
    // observed is the furthest tick the session has seen (series and narration go this far).
    std::uint64_t observed() const { return observed_; }

    // error is the model's failure message once a step threw; the session then stays put.
    const std::optional<std::string>& error() const { return error_; }

  private:
    void observe(Runtime& rt);
    void command(CommandKind k, std::int64_t value);
    template <class F>
    bool guarded(F&& f);

    LoadedScenario sc_;
    ParamValues params_;
    std::unique_ptr<Timeline> tl_;
    std::unique_ptr<Timeline> original_;
    SeriesRecorder series_, originalSeries_;
    NarrationTrack narration_;
    std::vector<Event> tickEvents_;
    std::size_t shown_ = 0;
    std::uint64_t observed_ = 0;
    std::optional<std::string> error_;
};

} // namespace gclab::render
