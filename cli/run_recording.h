// gclab — what a recording made by gclab run --record says about the run, so that gclab replay can
// rebuild its start on its own (docs/cli.md, "Recordings", lists every key).
//
// The description is the scenario as given (a built-in name or a file path) with the hash of its
// file's text, every parameter's value, the resolved RuntimeConfig settings, the stop condition and
// the final hash. A scenario whose file changed since the recording is an error, not a divergence.
#pragma once

#include "sim/recording_file.h"

#include "cli/run_loop.h"
#include "cli/run_setup.h"

#include <map>
#include <string>

namespace gclab::cli {

// The memory budget for the keyframes of a CLI timeline: the CLI records and replays straight through,
// so a few keyframes are enough.
inline constexpr std::size_t cliKeyframeBudget = std::size_t{16} << 20;

std::map<std::string, std::string> describeRun(const std::string& scenario, const RunSetup& setup,
                                               const StopCondition& stop, const Runtime& end);

// RecordedRun is a recording's description read back.
struct RecordedRun {
    RunSetup setup;
    StopCondition stop;
    std::uint64_t endHash = 0;
};

// restoreRun resolves the recorded scenario (checking its file's hash), parameters and settings; on
// failure it writes one error line to err.
bool restoreRun(const std::string& path, const RecordingFile& rec, RecordedRun& out, std::ostream& err);

} // namespace gclab::cli
