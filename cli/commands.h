// gclab — the headless command line: one function per subcommand.
#pragma once

#include <iosfwd>

namespace gclab::cli {

// printSizeClasses writes Go's size-class table; csv selects the machine-readable form.
void printSizeClasses(std::ostream& out, bool csv);

// runDemo walks the allocator model through a short allocation sequence and narrates each step.
int runDemo(std::ostream& out);

} // namespace gclab::cli
