#include "cli/exporters.h"

namespace gclab::cli {

RunObservers makeExporters(const ExportPaths& paths, const ProfileSource& source) {
    RunObservers v;
    if (!paths.memstatsJson.empty())
        v.push_back(makeMemStatsJsonExporter(paths.memstatsJson));
    if (!paths.metricsCsv.empty())
        v.push_back(makeMetricsCsvExporter(paths.metricsCsv));
    if (!paths.traceJson.empty())
        v.push_back(makeTraceJsonExporter(paths.traceJson));
    if (!paths.pprof.empty())
        v.push_back(makePprofExporter(paths.pprof, source));
    return v;
}

} // namespace gclab::cli
