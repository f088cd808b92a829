// gclab-gui — what each P ran over time, for the timeline's lanes under the plot: user code, a GC mark
// worker (dedicated, fractional, idle), a mark assist, runtime work (bgsweep, the scavenger), the world
// stopped, or nothing.
//
// Every step moves the acting P's clock (a stop-the-world step moves every P's clock) over the time the
// step cost; PLaneRecorder books that interval on the P's own clock under what the step ran (P::lastRun;
// Runtime::lastStep for stop-the-world). Consecutive intervals of one state join into one segment; when
// a P has too many segments, neighbours merge pairwise and keep the time of each state. A lane's pixel
// column shows the state with the most time in it. Pure C++.
#pragma once

#include "sim/runtime.h"

#include <array>
#include <cstdint>
#include <vector>

namespace gclab::render {

// PLaneState, least to most GC-related (ties of time go to the later one).
enum class PLaneState : std::uint8_t {
    idle,
    mutator,
    runtime,
    markIdle,
    assist,
    markFractional,
    markDedicated,
    stw
};
inline constexpr int pLaneStates = 8;

// PLaneTimes is virtual nanoseconds per PLaneState.
using PLaneTimes = std::array<std::int64_t, pLaneStates>;

// PLaneSegment is [t0, t1) of one P's clock and the time it spent in each state there, from the steps
// of ticks [tick0, tick1].
struct PLaneSegment {
    std::int64_t t0 = 0, t1 = 0;
    std::uint64_t tick0 = 0, tick1 = 0;
    PLaneTimes ns{};
};

class PLaneRecorder {
  public:
    static constexpr std::size_t maxSegments = 8192; // per P; more merge pairwise
    // start takes the Ps' clocks of the state the run starts from.
    void start(const Runtime& rt);
    // record books what the step that reached rt.tick cost each P.
    void record(const Runtime& rt);
    // forgetAfter drops the segments holding steps after tick; rt is the state at tick.
    void forgetAfter(std::uint64_t tick, const Runtime& rt);
    std::size_t procs() const { return segs_.size(); }
    const std::vector<PLaneSegment>& segments(std::size_t p) const { return segs_[p]; }

  private:
    std::vector<std::vector<PLaneSegment>> segs_;
    std::vector<std::int64_t> clock_; // each P's clock when last recorded
};

// pLaneStateOf maps a P's latest step to its state (stop-the-world is not a P's own).
PLaneState pLaneStateOf(PRun r);
// pLaneDominant is the state with the most time in t (indexed by PLaneState; the more GC-related one on
// a tie).
template <class T>
PLaneState pLaneDominant(const std::array<T, pLaneStates>& t) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < t.size(); i++)
        if (t[i] >= t[best])
            best = i;
    return static_cast<PLaneState>(best);
}

// pLaneName is the legend's label; pLaneTip names what Go runs in that state.
const char* pLaneName(PLaneState s);
const char* pLaneTip(PLaneState s);

} // namespace gclab::render
