#include "cli/export_options.h"

#include <CLI/CLI.hpp>

namespace gclab::cli {

void addExportOptions(CLI::App& run, ExportPaths& paths) {
    run.add_option("--memstats-json", paths.memstatsJson,
                   "Write the final runtime.MemStats as JSON (Go's field names; docs/exports.md)")
        ->type_name("FILE");
    run.add_option("--metrics-csv", paths.metricsCsv,
                   "Write runtime/metrics values over virtual time as CSV, a row per sample")
        ->type_name("FILE");
    run.add_option("--trace-json", paths.traceJson,
                   "Write a Chrome/Perfetto trace: GC phases, STW, per-P workers, assists, goroutines")
        ->type_name("FILE");
    run.add_option("--pprof", paths.pprof, "Write a gzipped pprof heap profile with allocation sites")
        ->type_name("FILE");
}

} // namespace gclab::cli
