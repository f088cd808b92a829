// gclab — the headless command line: one function per subcommand.
#pragma once

#include "sim/runtime.h"

#include "cli/exporters.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace gclab::cli {

// printSizeClasses writes Go's size-class table; csv selects the machine-readable form. Under Go
// 1.26 the objects per span and the reserved bytes differ for pointerful and noscan spans.
void printSizeClasses(std::ostream& out, bool csv, GoVersion v);

struct RunOptions {
    std::string scenario; // a built-in scenario's name, or a scenario file (ends in .toml or has a '/')
    std::string barrier;  // empty: the scenario's ([settings] barrier of a file, else hybrid)
    std::uint64_t seed = 1;
    bool seedSet = false;            // false: the scenario's seed ([settings] seed of a file, else 1)
    std::vector<std::string> params; // name=value overrides
    std::uint32_t gomaxprocs = 0;    // 0: the scenario's default
    std::string gogc;                // empty: the scenario's default; "off" or an integer
    std::string gomemlimit;          // empty: GOMEMLIMIT from the environment, else off
    std::string goVersion;           // empty: 1.19
    bool gctrace = false;            // print Go's gctrace line per cycle on stderr (as GODEBUG=gctrace=1)
    bool hash = false;
    bool oracle = true;
    ExportPaths exports;       // files to write; empty: not written
    std::string until = "end"; // end, TICK, or cycle:N
    std::string record;        // save a recording of the run to this file
};

// applyGoSettings layers the environment (GOGC, GOMEMLIMIT, GOMAXPROCS, GODEBUG) and then the flags
// over cfg; false (after printing one error line) when a value is malformed.
bool applyGoSettings(const RunOptions& opt, RuntimeConfig& cfg, std::ostream& err);

// runScenario runs a built-in scenario or a scenario file to the end (or --until); returns the process
// exit code (0 ok, 2 bad input or a failed op, 3 oracle violation).
int runScenario(const RunOptions& opt, std::ostream& out, std::ostream& err);

struct SweepOptions {
    RunOptions base;                     // the scenario and the settings every run shares
    std::vector<std::string> gogc;       // one run per value
    std::vector<std::string> gomemlimit; // one run per value (per GOGC value, when both are given)
    bool csv = false;
    unsigned jobs = 0; // 0: every core
};

// sweepScenario runs base once per setting, in parallel, and prints one row per setting; returns 0,
// 2 (bad input, or a run failed) or 3 (a run's oracle found a violation).
int sweepScenario(const SweepOptions& opt, std::ostream& out, std::ostream& err);

struct ReplayOptions {
    std::string recording;
    std::optional<std::uint64_t> seek; // stop at this tick instead of where the recording ended
    bool hash = false;
};

// replayRecording re-runs a recording made by gclab run --record and verifies every stored hash;
// returns 0 (reproduced), 2 (unreadable or corrupt recording, changed scenario, bad --seek), 3 (oracle
// violation, as the recorded run had) or 4 (the replay diverged from the recording).
int replayRecording(const ReplayOptions& opt, std::ostream& out, std::ostream& err);

// checkScenarioFile parses a scenario file and builds it with its defaults without running it:
// prints "ok" and returns 0, or prints the one FILE:LINE:COL error line to err and returns 2.
int checkScenarioFile(const std::string& path, std::ostream& out, std::ostream& err);

// listScenarios prints one scenario per line: name, then its description.
void listScenarios(std::ostream& out);

// runDemo walks the allocator model through a short allocation sequence and narrates each step.
int runDemo(std::ostream& out);

} // namespace gclab::cli
