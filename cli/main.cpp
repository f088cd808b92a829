// gclab — headless command-line front end to the model. Links no graphics.
#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"gclab: a faithful, step-by-step model of the Go 1.19 runtime's memory management"};
    app.set_version_flag("--version",
                         std::string("gclab ") + GCLAB_VERSION + " (models the Go 1.19 runtime)");
    app.require_subcommand(0, 1);

    bool csv = false;
    auto* sizeclasses = app.add_subcommand("sizeclasses", "Print Go's size-class table");
    sizeclasses->add_flag("--csv", csv,
                          "CSV with header class,bytes_per_obj,bytes_per_span,objects,tail_waste,max_waste");

    auto* demo =
        app.add_subcommand("demo", "Narrate the allocator model through a short allocation sequence");

    auto* list = app.add_subcommand("list", "List the built-in scenarios");

    std::string checkFile;
    auto* check =
        app.add_subcommand("check", "Check a scenario file: print ok, or its first error as FILE:LINE:COL");
    check->add_option("file", checkFile, "Scenario file (.toml; see docs/scenario-format.md)")->required();

    gclab::cli::RunOptions run;
    auto* runCmd = app.add_subcommand("run", "Run a scenario headless to the end, with the GC oracle on");
    runCmd
        ->add_option(
            "scenario", run.scenario,
            "Scenario name (see gclab list), or a scenario file (a path ending in .toml or containing /)")
        ->required();
    runCmd->add_option("--param", run.params, "Set a scenario parameter: name=value (repeat for more)")
        ->type_name("NAME=VALUE")
        ->allow_extra_args(false); // one value per --param, so that the scenario may come after it
    runCmd->add_option(
        "--barrier", run.barrier,
        "Write barrier: hybrid, hybrid-conceptual, dijkstra, yuasa, off (default: the scenario's)");
    auto* seedOpt = runCmd->add_option("--seed", run.seed,
                                       "Seed for the scheduler's and the program's randomness (default: the "
                                       "scenario's)");
    runCmd->add_option("--gomaxprocs", run.gomaxprocs, "Number of Ps (overrides the GOMAXPROCS variable)")
        ->check(CLI::Range(1, 256));
    runCmd->add_option("--gogc", run.gogc, "GOGC: a percentage, or off (overrides the GOGC variable)");
    runCmd->add_option("--gomemlimit", run.gomemlimit,
                       "GOMEMLIMIT: bytes with an optional B/KiB/MiB/GiB/TiB suffix, or off (overrides the "
                       "GOMEMLIMIT variable)");
    runCmd->add_option("--go-version", run.goVersion,
                       "Whose runtime to follow where releases differ: 1.19 or 1.26");
    runCmd->add_flag("--gctrace", run.gctrace,
                     "Print Go's gctrace line per cycle on stderr (GODEBUG=gctrace=1)");
    runCmd->add_flag("--hash", run.hash, "Print the final state hash as the last line");
    runCmd->add_flag("!--no-oracle", run.oracle, "Skip the reachability oracle (checkmark)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0)
            return app.exit(e);
        std::cerr << "gclab: " << e.what() << "\n\n" << app.help();
        return 2;
    }

    if (*sizeclasses) {
        gclab::cli::printSizeClasses(std::cout, csv);
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
    std::cerr << "gclab: a subcommand is required\n\n" << app.help();
    return 2;
}
