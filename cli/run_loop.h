// gclab — the run loop run, replay and sweep share: step until the stop condition (--until), catch the
// oracle's and the model's throws, and print the summary.
#pragma once

#include "sim/runtime.h"

#include "cli/progress.h"
#include "cli/run_setup.h"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace gclab::cli {

// StopCondition is --until: the end of the run (default), a tick, or the end of the N-th GC cycle.
struct StopCondition {
    enum class Kind : std::uint8_t { end, tick, cycle };
    Kind kind = Kind::end;
    std::uint64_t n = 0;
    bool reached(const Runtime& rt) const;
};

// parseUntil reads "end", "TICK" or "cycle:N" (N >= 1); on failure sets err to what was expected.
bool parseUntil(std::string_view text, StopCondition& out, std::string& err);
std::string formatUntil(const StopCondition& c);

enum class RunOutcome : std::uint8_t { ended, stopped, oracleViolation, failed };

struct RunResult {
    RunOutcome outcome = RunOutcome::ended;
    std::uint64_t steps = 0;
    std::string message; // the violation or failure, with FILE:LINE:COL of the op when known
};

// driveRun calls step (one tick; false once the run has ended) until stop is reached, calling
// observe with the current state after every step. rt is the state step advances.
RunResult driveRun(const std::function<bool()>& step, const Runtime& rt, const StopCondition& stop,
                   const ScenarioFile* file, const std::function<void(const Runtime&)>& observe);

// progressObserver draws run progress on line: ticks towards an --until tick or a known end tick
// (knownEnd, 0 if unknown), cycles towards --until cycle:N.
std::function<void(const Runtime&)> progressObserver(ProgressLine& line, const StopCondition& stop,
                                                     std::uint64_t knownEnd);

// runHash is the value --hash prints: the state hash combined with the running event hash.
std::uint64_t runHash(const Runtime& rt);
std::string hex64(std::uint64_t v);

// reportRun prints what gclab run prints after the loop and returns the exit code: the summary
// (0), the violation on out (3), or the failure on err (2).
int reportRun(const RunSetup& setup, const Runtime& rt, const RunResult& result, const StopCondition& stop,
              bool hash, std::ostream& out, std::ostream& err);

} // namespace gclab::cli
