// gclab — the headless command line: one function per subcommand.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace gclab::cli {

// printSizeClasses writes Go's size-class table; csv selects the machine-readable form.
void printSizeClasses(std::ostream& out, bool csv);

struct RunOptions {
    std::string scenario;
    std::string barrier = "hybrid";
    std::uint64_t seed = 1;
    std::uint32_t gomaxprocs = 0; // 0: the scenario's default
    std::string gogc;             // empty: the scenario's default; "off" or an integer
    bool hash = false;
    bool oracle = true;
};

// runScenario runs a built-in scenario to the end; returns the process exit code (0 ok, 2 bad
// input, 3 oracle violation).
int runScenario(const RunOptions& opt, std::ostream& out, std::ostream& err);

// listScenarios prints one scenario per line: name, then its description.
void listScenarios(std::ostream& out);

// runDemo walks the allocator model through a short allocation sequence and narrates each step.
int runDemo(std::ostream& out);

} // namespace gclab::cli
