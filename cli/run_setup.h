// gclab — what run, replay and sweep share before the first step: resolve the scenario (a built-in
// name or a file), apply --param overrides, turn the settings into a RuntimeConfig, build the Runtime.
#pragma once

#include "sim/runtime.h"

#include "cli/commands.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_file.h"

#include <iosfwd>
#include <memory>
#include <optional>

namespace gclab::cli {

struct RunSetup {
    const Scenario* scenario = nullptr;
    // The scenario's file (a library file or one read from disk): its settings, source positions and
    // text hash. Null for a C++ scenario.
    const ScenarioFile* file = nullptr;
    std::shared_ptr<const ScenarioFile> loaded; // owns *file when it was read from disk
    ParamValues values;                         // every parameter, defaults filled in
    RuntimeConfig cfg;
};

// prepareRun resolves opt's scenario and settings; on bad input it writes one error line to err and
// returns nothing (the caller exits 2).
std::optional<RunSetup> prepareRun(const RunOptions& opt, std::ostream& err);

// buildStart builds the scenario into a fresh Runtime (nothing runs yet); on failure it writes one
// error line to err and returns nothing.
std::optional<Runtime> buildStart(const RunSetup& setup, std::ostream& err);

// whereFailed names the op the failing goroutine was running, as FILE:LINE:COL, when the scenario
// came from a file; "" otherwise.
std::string whereFailed(const Runtime& rt, const ScenarioFile* file);

} // namespace gclab::cli
