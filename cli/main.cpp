// gclab — headless command-line front end to the model. Links no graphics.
#include "sim/goenv.h"

#include "cli/commands.h"
#include "cli/export_options.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

// addSetupOptions adds what run and sweep both take: the scenario, --param, --barrier, --seed,
// --gomaxprocs, --go-version and --no-oracle. Returns --seed, to tell a given seed from the default.
CLI::Option* addSetupOptions(CLI::App* cmd, gclab::cli::RunOptions& o) {
    cmd->add_option(
           "scenario", o.scenario,
           "Scenario name (see gclab list), or a scenario file (a path ending in .toml or containing /)")
        ->required();
    cmd->add_option("--param", o.params, "Set a scenario parameter: name=value (repeat for more)")
        ->type_name("NAME=VALUE")
        ->allow_extra_args(false); // one value per --param, so that the scenario may come after it
    cmd->add_option(
        "--barrier", o.barrier,
        "Write barrier: hybrid, hybrid-conceptual, dijkstra, yuasa, off (default: the scenario's)");
    auto* seed = cmd->add_option(
        "--seed", o.seed, "Seed for the scheduler's and the program's randomness (default: the scenario's)");
    cmd->add_option("--gomaxprocs", o.gomaxprocs, "Number of Ps (overrides the GOMAXPROCS variable)")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--go-version", o.goVersion,
                    "Whose runtime to follow where releases differ: 1.19 or 1.26");
    cmd->add_flag("!--no-oracle", o.oracle, "Skip the reachability oracle (checkmark)");
    return seed;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"gclab: a faithful, step-by-step model of the Go 1.19 runtime's memory management"};
    app.set_version_flag("--version",
                         std::string("gclab ") + GCLAB_VERSION + " (models the Go 1.19 runtime)");
    app.require_subcommand(0, 1);

    bool csv = false;
    auto* sizeclasses = app.add_subcommand("sizeclasses", "Print Go's size-class table");
    sizeclasses->add_flag("--csv", csv,
                          "CSV with header class,bytes_per_obj,bytes_per_span,objects,tail_waste,max_waste");
    std::string sizeclassesVersion;
    sizeclasses->add_option(
        "--go-version", sizeclassesVersion,
        "1.19 (default) or 1.26: objects per span and reserved bytes, pointerful and noscan");

    auto* demo =
        app.add_subcommand("demo", "Narrate the allocator model through a short allocation sequence");

    auto* list = app.add_subcommand("list", "List the built-in scenarios");

    std::string checkFile;
    auto* check =
        app.add_subcommand("check", "Check a scenario file: print ok, or its first error as FILE:LINE:COL");
    check->add_option("file", checkFile, "Scenario file (.toml; see docs/scenario-format.md)")->required();

    gclab::cli::RunOptions run;
    auto* runCmd = app.add_subcommand("run", "Run a scenario headless to the end, with the GC oracle on");
    auto* seedOpt = addSetupOptions(runCmd, run);
    runCmd->add_option("--gogc", run.gogc, "GOGC: a percentage, or off (overrides the GOGC variable)");
    runCmd->add_option("--gomemlimit", run.gomemlimit,
                       "GOMEMLIMIT: bytes with an optional B/KiB/MiB/GiB/TiB suffix, or off (overrides the "
                       "GOMEMLIMIT variable)");
    runCmd->add_flag("--gctrace", run.gctrace,
                     "Print Go's gctrace line per cycle on stderr (GODEBUG=gctrace=1)");
    runCmd->add_flag("--hash", run.hash, "Print the final state hash as the last line");
    gclab::cli::addExportOptions(*runCmd, run.exports);
    runCmd
        ->add_option("--until", run.until,
                     "Stop after tick N, after the N-th GC cycle (cycle:N), or at the end")
        ->type_name("TICK|cycle:N|end");
    runCmd->add_option("--record", run.record, "Save a recording of the run to FILE (for gclab replay)")
        ->type_name("FILE");

    gclab::cli::ReplayOptions replay;
    auto* replayCmd =
        app.add_subcommand("replay", "Re-run a recording, verify its hashes and report the first divergence");
    replayCmd->add_option("recording", replay.recording, "A file saved by gclab run --record")->required();
    replayCmd->add_option("--seek", replay.seek, "Stop at this tick instead of where the recording ends")
        ->type_name("TICK");
    replayCmd->add_flag("--hash", replay.hash, "Print the final state hash as the last line");

    gclab::cli::SweepOptions sweep;
    auto* sweepCmd = app.add_subcommand(
        "sweep", "Run a scenario once per setting, in parallel, and tabulate heap and GC cost");
    auto* sweepSeedOpt = addSetupOptions(sweepCmd, sweep.base);
    sweepCmd->add_option("--gogc", sweep.gogc, "GOGC values to compare, comma-separated (off allowed)")
        ->delimiter(',')
        ->type_name("LIST")
        ->allow_extra_args(false); // one list per --gogc, so that the scenario may come after it
    sweepCmd
        ->add_option("--gomemlimit", sweep.gomemlimit,
                     "GOMEMLIMIT values to compare, comma-separated (sizes as for run, off allowed)")
        ->delimiter(',')
        ->type_name("LIST")
        ->allow_extra_args(false);
    sweepCmd->add_option("--until", sweep.base.until, "Stop every run after tick N, cycle:N, or at the end")
        ->type_name("TICK|cycle:N|end");
    sweepCmd->add_flag("--csv", sweep.csv, "CSV instead of a table");
    sweepCmd->add_option("--jobs", sweep.jobs, "Runs at once (default: every core)")
        ->check(CLI::Range(1, 1024));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0)
            return app.exit(e);
        std::cerr << "gclab: " << e.what() << "\n\n" << app.help();
        return 2;
    }

    if (*sizeclasses) {
        auto v = gclab::parseGoVersion(sizeclassesVersion.empty() ? "1.19" : sizeclassesVersion);
        if (!v.value) {
            std::cerr << "gclab: " << v.error << "\n";
            return 2;
        }
        gclab::cli::printSizeClasses(std::cout, csv, *v.value);
        return 0;
    }
    if (*demo)
        return gclab::cli::runDemo(std::cout);
    if (*list) {
        gclab::cli::listScenarios(std::cout);
        return 0;
    }
    if (*check)
        return gclab::cli::checkScenarioFile(checkFile, std::cout, std::cerr);
    if (*runCmd) {
        run.seedSet = seedOpt->count() > 0;
        return gclab::cli::runScenario(run, std::cout, std::cerr);
    }
    if (*replayCmd)
        return gclab::cli::replayRecording(replay, std::cout, std::cerr);
    if (*sweepCmd) {
        sweep.base.seedSet = sweepSeedOpt->count() > 0;
        return gclab::cli::sweepScenario(sweep, std::cout, std::cerr);
    }
    std::cerr << "gclab: a subcommand is required\n\n" << app.help();
    return 2;
}
