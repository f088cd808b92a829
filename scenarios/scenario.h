// gclab — scenarios: named workloads that set up a Runtime's types, roots and goroutines.
//
// A scenario is data (settings, typed tunable parameters, narration) plus a build function that
// only uses the sim's public API, so every scenario runs headless in tests, in the CLI and in the
// window alike. Built-in C++ scenarios register themselves (registry.cpp); the list is sorted by name.
#pragma once

#include "sim/runtime.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace gclab {

// ScenarioParam is a tunable the CLI (--param name=value) and the window (a slider) can set.
struct ScenarioParam {
    enum class Kind : std::uint8_t { integer, bytes }; // bytes accepts size suffixes (KiB, MiB, ...)
    std::string name;
    Kind kind = Kind::integer;
    std::int64_t defaultValue = 0;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::string help; // one line
};

using ParamValues = std::map<std::string, std::int64_t>;

// NarrationBeat is a caption shown when its moment comes. `when` is "start", "tick:N", "gc:N"
// (the Nth cycle starts), "phase:mark|marktermination|off", "event:KIND" (the first event of that
// kind, e.g. event:grey) or "alloc:TYPE" (the first alloc event of an object of that type). goSource names
// the Go runtime file and function the moment models. A beat with pause set is an auto-breakpoint: the window
// stops the run when its moment comes.
struct NarrationBeat {
    std::string when;
    std::string caption;
    std::string goSource;
    bool pause = false;
};

struct Scenario {
    std::string name;
    std::string description; // one line
    // Defaults the scenario was written for; command-line settings override them.
    std::uint32_t gomaxprocs = 1;
    std::int32_t gogc = 100;
    std::int64_t memoryLimit = std::numeric_limits<std::int64_t>::max(); // GOMEMLIMIT; max: off
    std::vector<ScenarioParam> params;
    std::vector<NarrationBeat> narration;
    // build adds types, globals, programs and goroutines to a fresh Runtime, given every parameter's
    // value (defaults filled in).
    std::function<void(Runtime&, const ParamValues&)> build;

    // defaults returns every parameter at its default value.
    ParamValues defaults() const;
    // breakpoints lists the beats with pause set (the auto-breakpoints), in narration order.
    std::vector<const NarrationBeat*> breakpoints() const;
};

// registerScenario adds a scenario at static-initialisation time; returns a dummy for the idiom
// `static const bool registered = registerScenario(...)`.
bool registerScenario(Scenario s);
const std::vector<Scenario>& allScenarios();
const Scenario* findScenario(const std::string& name);

} // namespace gclab
