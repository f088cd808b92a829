// gclab run — the exporters behind --memstats-json, --metrics-csv, --trace-json and --pprof
// (docs/exports.md describes each format). Each opens its output when made (throwing ExportError if it
// cannot) and writes it atomically in finish().
#pragma once

#include "cli/run_observer.h"

#include <string>

namespace gclab {
struct ScenarioFile;
}

namespace gclab::cli {

struct ExportPaths {
    std::string memstatsJson;
    std::string metricsCsv;
    std::string traceJson;
    std::string pprof;
};

// ProfileSource names what allocated: the scenario, and its file when it has one (for file:line).
struct ProfileSource {
    std::string scenarioName;
    const ScenarioFile* file = nullptr;
};

std::unique_ptr<RunObserver> makeMemStatsJsonExporter(const std::string& path);
std::unique_ptr<RunObserver> makeMetricsCsvExporter(const std::string& path);
std::unique_ptr<RunObserver> makeTraceJsonExporter(const std::string& path);
std::unique_ptr<RunObserver> makePprofExporter(const std::string& path, ProfileSource source);

// makeExporters makes one exporter per path given; throws ExportError.
RunObservers makeExporters(const ExportPaths& paths, const ProfileSource& source);

} // namespace gclab::cli
