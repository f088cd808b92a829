// gclab — when a scenario's narration beats come, followed from the model's event stream.
//
// The window shows a beat's caption when its moment comes and pauses at the beats with pause set
// (auto-breakpoints); tests check that every beat's moment happens. Both feed NarrationCues the
// events the model emits (RuntimeConfig::recordEvents, drained from Runtime::events after each
// step) and the step counter; each call returns the beats whose moment has just come, each beat once.
#pragma once

#include "sim/event.h"
#include "sim/gotype.h"

#include "scenarios/scenario.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gclab {

class NarrationCues {
  public:
    explicit NarrationCues(const std::vector<NarrationBeat>& beats);

    // start returns the beats shown before the first step ("start").
    std::vector<std::size_t> start();
    // observe returns the beats whose moment is this event: event:KIND, gc:N, phase:NAME, alloc:TYPE
    // (types names the event's type id).
    std::vector<std::size_t> observe(const Event& e, const TypeRegistry& types);
    // reachTick returns the tick:N beats with N <= tick.
    std::vector<std::size_t> reachTick(std::uint64_t tick);

    bool fired(std::size_t beat) const { return fired_[beat]; }
    std::size_t size() const { return fired_.size(); }

  private:
    std::vector<std::size_t> fire(const std::string& when);

    std::map<std::string, std::vector<std::size_t>> byWhen_; // beats by their `when`
    std::multimap<std::uint64_t, std::size_t> ticks_;        // tick:N beats by N
    std::vector<bool> fired_;
};

} // namespace gclab
