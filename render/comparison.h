// gclab-gui — side by side: a second run of the window's scenario with other start settings, kept at
// the window's tick.
//
// The compared run is a Session of its own, built from the primary session's scenario and parameters
// with RunOverrides applied (empty overrides: the run as the scenario starts it, which is also the
// original run a live settings change forked from, since runs are deterministic). follow() moves it to
// the primary's tick; when it ended earlier it stays at its end. Pure C++: no ImGui.
#pragma once

#include "render/run_overrides.h"
#include "render/session.h"

#include <cstdint>
#include <memory>
#include <string>

namespace gclab::render {

class Comparison {
  public:
    // Throws std::runtime_error when the scenario cannot be built with the overrides.
    Comparison(const Session& primary, RunOverrides overrides, bool validate = false);

    const Session& run() const { return *run_; }
    const RunOverrides& overrides() const { return overrides_; }

    // follow moves the compared run to tick t (or to its end, when it ended before t).
    void follow(std::uint64_t t);
    // endedBefore says the compared run ended before tick t, so it shows its last tick instead.
    bool endedBefore(std::uint64_t t) const { return run_->tick() < t; }

    // label names the compared run's settings, with the parameters that differ from the primary's.
    std::string label(const Session& primary) const;

  private:
    RunOverrides overrides_;
    std::unique_ptr<Session> run_;
};

} // namespace gclab::render
