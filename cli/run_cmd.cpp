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

namespace {

// finishExports writes the export files after a run that reached its end or its --until stop.
int finishExports(ObserverFeed& feed, const RunResult& result, const Runtime& rt, std::ostream& err) {
    if (result.outcome != RunOutcome::ended && result.outcome != RunOutcome::stopped)
        return 0;
    try {
        feed.finish(rt);
    } catch (const ExportError& e) {
        err << e.what() << "\n";
        return 2;
    }
    return 0;
}

// printDebugOut moves what GODEBUG's traces printed during the last step to stderr, as Go prints them.
void printDebugOut(Runtime& rt, std::ostream& err) {
    if (rt.debugOut.empty())
        return;
    err << rt.debugOut << std::flush;
    rt.debugOut.clear();
}

} // namespace

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
    RunObservers exporters;
    try {
        exporters = makeExporters(opt.exports, ProfileSource{setup->scenario->name, setup->file});
    } catch (const ExportError& e) {
        err << e.what() << "\n";
        return 2;
    }
    setup->cfg.recordEvents = !exporters.empty();
    std::optional<Runtime> start = buildStart(*setup, err);
    if (!start)
        return 2;

    ProgressLine progress(std::cerr, stderrIsTerminal());
    auto observe = progressObserver(progress, stop, 0);
    try {
        ObserverFeed feed(exporters, *start);
        if (opt.record.empty()) {
            Runtime& rt = *start;
            RunResult result = driveRun([&rt] { return rt.step(); }, rt, stop, setup->file,
                                        [&](const Runtime&) {
                                            feed.afterStep(rt);
                                            printDebugOut(rt, err);
                                            observe(rt);
                                        });
            progress.clear();
            if (int code = finishExports(feed, result, rt, err); code != 0)
                return code;
            return reportRun(*setup, rt, result, stop, opt.hash, out, err);
        }

        Timeline timeline(*start, cliKeyframeBudget);
        timeline.onStep([&](Runtime& rt) {
            feed.afterStep(rt);
            printDebugOut(rt, err);
        });
        RunResult result = driveRun([&timeline] { return timeline.stepForward(StepUnit::tick); },
                                    timeline.current(), stop, setup->file, observe);
        progress.clear();
        const Runtime& rt = timeline.current();
        if (int code = finishExports(feed, result, rt, err); code != 0)
            return code;
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
    } catch (const ExportError& e) {
        progress.clear();
        err << e.what() << "\n";
        return 2;
    }
}

} // namespace gclab::cli
