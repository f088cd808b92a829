// gclab-gui — which scenario the window runs: a built-in name or a scenario file, with its run settings.
//
// Resolves a name (allScenarios()) or a path (.toml or containing '/', as the CLI decides) into the
// Scenario and the RuntimeConfig it asks for (GOMAXPROCS, GOGC, GOMEMLIMIT, barrier, seed). The window
// turns on event recording so that it can show each tick's events and time the narration.
#pragma once

#include "sim/runtime.h"

#include "scenarios/scenario.h"

#include <string>

namespace gclab::render {

struct LoadedScenario {
    Scenario scenario;
    BarrierMode barrier = BarrierMode::hybrid;
    std::uint64_t seed = 1;
    std::string file;                        // the scenario file's path; "" for a built-in scenario
    GoVersion goVersion = GoVersion::go1_19; // the profile to run with (the window's Go selector)
};

// loadScenario resolves nameOrPath; throws std::runtime_error with a one-line message: a ScenarioError
// (FILE:LINE:COL) for a bad file, or one naming the built-in scenarios for an unknown name.
LoadedScenario loadScenario(const std::string& nameOrPath);

// runConfig is the configuration a run of sc starts with.
RuntimeConfig runConfig(const LoadedScenario& sc);

// runScenario builds sc with the given values on a fresh Runtime and steps it `ticks` times (or until
// it ends), without a Timeline: tests and the screenshot checker compare the window with it.
Runtime runScenario(const LoadedScenario& sc, const ParamValues& values, std::uint64_t ticks,
                    bool validate = false);

// defaultScenarioName is "tour" when that scenario exists, else "steady-state".
std::string defaultScenarioName();

} // namespace gclab::render
