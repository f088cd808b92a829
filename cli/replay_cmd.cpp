// gclab replay — re-run a recording, verify every stored hash, report the first divergence.
#include "sim/recording.h"
#include "sim/recording_file.h"

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/run_loop.h"
#include "cli/run_recording.h"

#include <iostream>
#include <ostream>

namespace gclab::cli {

namespace {

constexpr int exitDiverged = 4;

int diverged(std::ostream& err, const std::string& path, std::uint64_t tick, const std::string& what) {
    err << "gclab: " << path << ": the replay diverged from the recording at tick " << tick << ": " << what
        << "\n";
    return exitDiverged;
}

} // namespace

int replayRecording(const ReplayOptions& opt, std::ostream& out, std::ostream& err) {
    RecordingFile rec;
    std::string loadError;
    if (!loadRecording(opt.recording, rec, loadError)) {
        err << "gclab: " << loadError << "\n";
        return 2;
    }
    RecordedRun run;
    if (!restoreRun(opt.recording, rec, run, err))
        return 2;
    if (opt.seek && *opt.seek > rec.endTick) {
        err << "gclab: --seek " << *opt.seek << ": the recording ends at tick " << rec.endTick << "\n";
        return 2;
    }
    std::optional<Runtime> start = buildStart(run.setup, err);
    if (!start)
        return 2;
    auto first = rec.hashes.find(start->tick);
    if (first != rec.hashes.end() && first->second != start->eventHash.h)
        return diverged(err, opt.recording, start->tick,
                        "the scenario builds a different initial state (event hash " +
                            hex64(start->eventHash.h) + ", recorded " + hex64(first->second) + ")");

    Timeline timeline(*start, cliKeyframeBudget);
    timeline.load(rec.commands, rec.hashes);
    // Stop where the recording stopped (or at --seek), and at the first hash that differs.
    StopCondition stopAt{StopCondition::Kind::tick, opt.seek.value_or(rec.endTick)};
    ProgressLine progress(std::cerr, stderrIsTerminal());
    auto drawProgress = progressObserver(progress, stopAt, 0);
    RunResult result =
        driveRun([&timeline] { return !timeline.divergedAt() && timeline.stepForward(StepUnit::tick); },
                 timeline.current(), stopAt, run.setup.file, drawProgress);
    progress.clear();
    const Runtime& rt = timeline.current();
    if (timeline.divergedAt())
        return diverged(err, opt.recording, *timeline.divergedAt(), "the event hash differs");
    if (result.outcome != RunOutcome::stopped && rt.tick < rec.endTick) {
        std::string why = result.outcome == RunOutcome::ended ? "the run ended here"
                                                              : "the run stopped here: " + result.message;
        return diverged(err, opt.recording, rt.tick,
                        why + "; the recording goes on to tick " + std::to_string(rec.endTick));
    }
    if (!opt.seek && runHash(rt) != run.endHash)
        return diverged(err, opt.recording, rt.tick,
                        "the final hash is " + hex64(runHash(rt)) + ", recorded " + hex64(run.endHash));

    std::size_t verified = 0;
    for (const auto& sample : rec.hashes)
        if (sample.first <= rt.tick)
            verified++;
    // Report like gclab run did: until the recorded stop condition, or "stopped at" the --seek tick.
    RunResult report = result;
    report.steps = rt.tick - start->tick;
    StopCondition shown = opt.seek ? stopAt : run.stop;
    if (!opt.seek && result.outcome == RunOutcome::stopped)
        report.outcome = run.stop.reached(rt) ? RunOutcome::stopped : RunOutcome::ended;
    int code = reportRun(run.setup, rt, report, shown, false, out, err);
    if (code == 0 || code == 3)
        out << "replay: " << verified << " hashes verified up to tick " << rt.tick
            << (opt.seek ? "" : ", final hash matches") << "\n";
    if (opt.hash && code == 0)
        out << hex64(runHash(rt)) << "\n";
    return code;
}

} // namespace gclab::cli
