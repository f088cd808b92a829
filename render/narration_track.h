// gclab-gui — when each of a scenario's narration beats comes (scenarios/scenario.h: NarrationBeat).
//
// The track watches the run tick by tick as it first reaches each tick and records the tick at which
// every beat fires: start (tick 0), tick:N, gc:N (work.cycles reaches N: the Nth cycle starts),
// phase:NAME (gcphase becomes NAME; "off" once a cycle has ended), event:KIND (the first event of that
// kind). A change of settings mid-run forgets the beats after that tick. Pure C++: no ImGui.
#pragma once

#include "sim/event.h"
#include "sim/runtime.h"

#include "scenarios/scenario.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gclab::render {

class NarrationTrack {
  public:
    NarrationTrack() = default;
    explicit NarrationTrack(const std::vector<NarrationBeat>& beats);

    // observe looks at the state after a step that reached a new tick, with that step's events.
    void observe(const Runtime& rt, const std::vector<Event>& events);
    // forgetAfter un-fires the beats that fired after tick t; rt is the state at t.
    void forgetAfter(std::uint64_t t, const Runtime& rt);

    // firedAt[i] is the tick beat i fired at, if it has.
    const std::vector<std::optional<std::uint64_t>>& firedAt() const { return fired_; }
    // latest is the beat that fired last at or before tick t (ties: the later beat in the file).
    std::optional<std::size_t> latest(std::uint64_t t) const;

  private:
    enum class When : std::uint8_t { start, tick, gc, phase, event, never };
    struct Rule {
        When when = When::never;
        std::uint64_t n = 0; // tick:N, gc:N
        GCPhase phase = GCPhase::off;
        std::string event; // event:KIND
    };

    std::vector<Rule> rules_;
    std::vector<std::optional<std::uint64_t>> fired_;
    GCPhase lastPhase_ = GCPhase::off;
};

} // namespace gclab::render
