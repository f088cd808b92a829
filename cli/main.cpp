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
    std::cerr << "gclab: a subcommand is required\n\n" << app.help();
    return 2;
}
