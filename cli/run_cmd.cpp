// gclab run / gclab list — run a built-in scenario or a scenario file headless, with the oracle on.
#include "sim/recording.h"
#include "sim/recording_file.h"

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/run_loop.h"
#include "cli/run_recording.h"
#include "cli/run_setup.h"

#include <iostream>
#include <optional>
#include <ostream>

namespace gclab::cli {

void listScenarios(std::ostream& out) {
    for (const Scenario& s : allScenarios())
        out << s.name << "  " << s.description << "\n";
}

int runScenario(const RunOptions& opt, std::ostream& out, std::ostream& err) {
    std::optional<RunSetup> setup = prepareRun(opt, err);
    if (!setup)
        return 2;
    StopCondition stop;
    std::string untilError;
    if (!parseUntil(opt.until, stop, untilError)) {
        err << "gclab: " << untilError << "\n";
        return 2;
    }
    std::optional<Runtime> start = buildStart(*setup, err);
    if (!start)
        return 2;

    ProgressLine progress(std::cerr, stderrIsTerminal());
    auto observe = progressObserver(progress, stop, 0);
    if (opt.record.empty()) {
        Runtime& rt = *start;
        RunResult result = driveRun([&rt] { return rt.step(); }, rt, stop, setup->file, observe);
        progress.clear();
        return reportRun(*setup, rt, result, stop, opt.hash, out, err);
    }

    Timeline timeline(*start, cliKeyframeBudget);
    RunResult result = driveRun([&timeline] { return timeline.stepForward(StepUnit::tick); },
                                timeline.current(), stop, setup->file, observe);
    progress.clear();
    const Runtime& rt = timeline.current();
    RecordingFile rec;
    rec.meta = describeRun(opt.scenario, *setup, stop, rt);
    rec.commands = timeline.commands();
    rec.hashes = timeline.hashSamples();
    rec.endTick = rt.tick;
    std::string saveError;
    if (!saveRecording(opt.record, rec, saveError)) {
        err << "gclab: --record: " << saveError << "\n";
        return 2;
    }
    return reportRun(*setup, rt, result, stop, opt.hash, out, err);
}

} // namespace gclab::cli
