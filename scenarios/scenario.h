// gclab — scenarios: named workloads that set up a Runtime's types, roots and goroutines.
//
// A scenario is plain data plus a build function that only uses the sim's public API, so every
// scenario runs headless in tests, in the CLI and in the window alike. Scenarios register
// themselves (registry.cpp); the list is sorted by name.
#pragma once

#include "sim/runtime.h"

#include <string>
#include <vector>

namespace gclab {

struct Scenario {
    std::string name;
    std::string description;
    // Defaults the scenario was written for; command-line settings override them.
    std::uint32_t gomaxprocs = 1;
    std::int32_t gogc = 100;
    // build adds types, globals, programs and goroutines to a fresh Runtime.
    void (*build)(Runtime& rt) = nullptr;
};

// registerScenario adds a scenario at static-initialisation time; returns a dummy for the idiom
// `static const bool registered = registerScenario(...)`.
bool registerScenario(Scenario s);
const std::vector<Scenario>& allScenarios();
const Scenario* findScenario(const std::string& name);

} // namespace gclab
