// gclab run — the export options (--memstats-json, --metrics-csv, --trace-json, --pprof).
#pragma once

#include "cli/exporters.h"

namespace CLI {
class App;
}

namespace gclab::cli {

void addExportOptions(CLI::App& run, ExportPaths& paths);

} // namespace gclab::cli
