// gclab sweep — run one scenario under several settings in parallel and compare the heaps they keep
// and the GC CPU they cost.
//
// Each setting is an independent deterministic Runtime, so the table does not depend on --jobs.
// Definitions (docs/cli.md): peak HeapAlloc / HeapInuse are the largest MemStats values after any
// step; avg HeapAlloc is HeapAlloc weighted by virtual time; GC CPU is MemStats.GCCPUFraction at the
// end; max pause is the longest stop-the-world stage (sweep or mark termination) of a completed cycle.
#include "sim/mstats.h"

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/run_loop.h"
#include "cli/run_setup.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <ostream>
#include <sstream>
#include <thread>

namespace gclab::cli {

namespace {

// SweepAxis is one setting a sweep varies; apply sets the RunOptions field the matching `gclab run` flag
// sets (prepareRun validates the value).
struct SweepAxis {
    std::string name;
    std::vector<std::string> values;
    void (*apply)(RunOptions&, const std::string&);
};

std::vector<SweepAxis> sweepAxes(const SweepOptions& opt) {
    std::vector<SweepAxis> axes;
    if (!opt.gogc.empty())
        axes.push_back({"GOGC", opt.gogc, [](RunOptions& o, const std::string& v) { o.gogc = v; }});
    if (!opt.gomemlimit.empty())
        axes.push_back(
            {"GOMEMLIMIT", opt.gomemlimit, [](RunOptions& o, const std::string& v) { o.gomemlimit = v; }});
    return axes;
}

struct HeapTrace {
    std::uint64_t peakHeapAlloc = 0;
    std::uint64_t peakHeapInuse = 0;
    double heapAllocTimeIntegral = 0; // HeapAlloc × virtual ns
    std::int64_t startNs = 0;
    std::int64_t lastNs = 0;
    std::uint64_t lastHeapAlloc = 0;

    void start(const Runtime& rt) {
        MemStats m = readMemStats(rt);
        startNs = lastNs = rt.now();
        peakHeapAlloc = lastHeapAlloc = m.HeapAlloc;
        peakHeapInuse = m.HeapInuse;
    }
    void sample(const Runtime& rt) {
        MemStats m = readMemStats(rt);
        std::int64_t now = rt.now();
        heapAllocTimeIntegral += static_cast<double>(lastHeapAlloc) * static_cast<double>(now - lastNs);
        lastNs = now;
        lastHeapAlloc = m.HeapAlloc;
        peakHeapAlloc = std::max(peakHeapAlloc, m.HeapAlloc);
        peakHeapInuse = std::max(peakHeapInuse, m.HeapInuse);
    }
    double averageHeapAlloc() const {
        return lastNs > startNs ? heapAllocTimeIntegral / static_cast<double>(lastNs - startNs)
                                : static_cast<double>(lastHeapAlloc);
    }
};

struct SweepRow {
    std::vector<std::string> setting; // one value per axis
    RunSetup setup;
    std::ostringstream errors;
    bool built = false;
    RunResult result;
    HeapTrace heap;
    std::uint64_t numGC = 0;
    double gcCPUFraction = 0;
    std::int64_t maxPauseNs = 0;
    std::int64_t virtualNs = 0;
};

void runRow(SweepRow& row, const StopCondition& stop, std::atomic<std::uint64_t>& ticks) {
    std::optional<Runtime> start = buildStart(row.setup, row.errors);
    if (!start)
        return;
    row.built = true;
    Runtime& rt = *start;
    row.heap.start(rt);
    row.result = driveRun([&rt] { return rt.step(); }, rt, stop, row.setup.file,
                          [&](const Runtime& r) {
                              row.heap.sample(r);
                              if (r.tick % 4096 == 0)
                                  ticks.fetch_add(4096, std::memory_order_relaxed);
                          });
    MemStats m = readMemStats(rt);
    row.numGC = m.NumGC;
    row.gcCPUFraction = m.GCCPUFraction;
    for (const GCCycleStats& c : rt.work.history)
        row.maxPauseNs =
            std::max({row.maxPauseNs, c.tMarkStart - c.tSweepTermStart, c.tEnd - c.tMarkTermStart});
    row.virtualNs = rt.now();
}

std::string outcomeName(const SweepRow& row) {
    if (!row.built)
        return "failed";
    switch (row.result.outcome) {
    case RunOutcome::ended:
    case RunOutcome::stopped:
        return "ok";
    case RunOutcome::oracleViolation:
        return "oracle-violation";
    case RunOutcome::failed:
        return "failed";
    }
    return "failed";
}

// bytesText writes a byte count in KiB below 1 MiB, else in MiB, with two decimals.
std::string bytesText(double bytes) {
    char buf[32];
    if (bytes < 1024.0 * 1024.0)
        std::snprintf(buf, sizeof buf, "%.2f KiB", bytes / 1024.0);
    else
        std::snprintf(buf, sizeof buf, "%.2f MiB", bytes / (1024.0 * 1024.0));
    return buf;
}

std::string fixed(double v, const char* unit) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%s", v, unit);
    return buf;
}

void printTable(std::ostream& out, const std::vector<SweepAxis>& axes, const std::vector<SweepRow>& rows) {
    std::vector<std::string> header;
    for (const SweepAxis& a : axes)
        header.push_back(a.name);
    for (const char* h : {"peak HeapAlloc", "peak HeapInuse", "avg HeapAlloc", "GCs", "GC CPU", "max pause",
                          "virtual time", "outcome"})
        header.emplace_back(h);
    std::vector<std::vector<std::string>> cells{header};
    for (const SweepRow& r : rows) {
        std::vector<std::string> line = r.setting;
        bool ok = r.built;
        line.push_back(ok ? bytesText(static_cast<double>(r.heap.peakHeapAlloc)) : "-");
        line.push_back(ok ? bytesText(static_cast<double>(r.heap.peakHeapInuse)) : "-");
        line.push_back(ok ? bytesText(r.heap.averageHeapAlloc()) : "-");
        line.push_back(ok ? std::to_string(r.numGC) : "-");
        line.push_back(ok ? fixed(r.gcCPUFraction * 100, "%") : "-");
        line.push_back(ok ? fixed(static_cast<double>(r.maxPauseNs) / 1000, " us") : "-");
        line.push_back(ok ? fixed(static_cast<double>(r.virtualNs) / 1e6, " ms") : "-");
        line.push_back(outcomeName(r));
        cells.push_back(std::move(line));
    }
    std::vector<std::size_t> width(header.size(), 0);
    for (const auto& line : cells)
        for (std::size_t i = 0; i < line.size(); i++)
            width[i] = std::max(width[i], line[i].size());
    for (const auto& line : cells) {
        for (std::size_t i = 0; i < line.size(); i++) {
            // Settings and the outcome read left-aligned; the numbers right-aligned.
            bool left = i < axes.size() || i + 1 == line.size();
            std::string pad(width[i] - line[i].size(), ' ');
            out << (i == 0 ? "" : "  ")
                << (left ? line[i] + (i + 1 == line.size() ? "" : pad) : pad + line[i]);
        }
        out << "\n";
    }
}

void printCsv(std::ostream& out, const std::vector<SweepAxis>& axes, const std::vector<SweepRow>& rows) {
    for (const SweepAxis& a : axes)
        out << a.name << ",";
    out << "peak_heap_alloc_bytes,peak_heap_inuse_bytes,avg_heap_alloc_bytes,num_gc,gc_cpu_fraction,"
           "max_pause_ns,virtual_ns,outcome\n";
    for (const SweepRow& r : rows) {
        for (const std::string& v : r.setting)
            out << v << ",";
        char avg[32], cpu[32];
        std::snprintf(avg, sizeof avg, "%.0f", r.heap.averageHeapAlloc());
        std::snprintf(cpu, sizeof cpu, "%.6f", r.gcCPUFraction);
        out << r.heap.peakHeapAlloc << "," << r.heap.peakHeapInuse << "," << avg << "," << r.numGC << ","
            << cpu << "," << r.maxPauseNs << "," << r.virtualNs << "," << outcomeName(r) << "\n";
    }
}

} // namespace

int sweepScenario(const SweepOptions& opt, std::ostream& out, std::ostream& err) {
    StopCondition stop;
    std::string untilError;
    if (!parseUntil(opt.base.until, stop, untilError)) {
        err << "gclab: " << untilError << "\n";
        return 2;
    }
    std::vector<SweepAxis> axes = sweepAxes(opt);
    if (axes.empty()) {
        err << "gclab: sweep: nothing to vary; give --gogc or --gomemlimit with a list, like --gogc "
               "50,100,200\n";
        return 2;
    }
    // Every combination of the axes' values, the first axis varying slowest. Each is checked before
    // anything runs.
    std::vector<SweepRow> rows;
    std::vector<std::size_t> index(axes.size(), 0);
    for (;;) {
        RunOptions o = opt.base;
        SweepRow& row = rows.emplace_back();
        for (std::size_t a = 0; a < axes.size(); a++) {
            row.setting.push_back(axes[a].values[index[a]]);
            axes[a].apply(o, axes[a].values[index[a]]);
        }
        std::optional<RunSetup> setup = prepareRun(o, err);
        if (!setup)
            return 2;
        row.setup = std::move(*setup);
        std::size_t a = axes.size();
        while (a > 0 && ++index[a - 1] == axes[a - 1].values.size())
            index[--a] = 0;
        if (a == 0)
            break;
    }

    unsigned jobs = opt.jobs != 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = std::min<unsigned>(jobs, static_cast<unsigned>(rows.size()));
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> finished{0};
    std::atomic<std::uint64_t> ticks{0};
    std::vector<std::thread> workers;
    for (unsigned j = 0; j < jobs; j++)
        workers.emplace_back([&] {
            std::size_t i = next.fetch_add(1);
            while (i < rows.size()) {
                runRow(rows[i], stop, ticks);
                finished.fetch_add(1);
                i = next.fetch_add(1);
            }
        });
    ProgressLine progress(std::cerr, stderrIsTerminal());
    while (progress.enabled() && finished.load() < rows.size()) {
        progress.draw(finished.load(), rows.size(),
                      "settings done, " + std::to_string(ticks.load() >> 10) + "Ki ticks");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (std::thread& w : workers)
        w.join();
    progress.clear();

    int code = 0;
    for (const SweepRow& r : rows) {
        err << r.errors.str();
        if (!r.built || r.result.outcome == RunOutcome::failed) {
            if (!r.result.message.empty())
                err << r.result.message << "\n";
            code = code == 3 ? 3 : 2;
        } else if (r.result.outcome == RunOutcome::oracleViolation) {
            err << r.result.message << "\n";
            code = 3;
        }
    }
    const Scenario& sc = *rows.front().setup.scenario;
    if (opt.csv) {
        printCsv(out, axes, rows);
    } else {
        const RuntimeConfig& cfg = rows.front().setup.cfg;
        out << "scenario " << sc.name << ": " << rows.size() << " settings, gomaxprocs " << cfg.gomaxprocs
            << ", seed " << cfg.seed << ", barrier " << barrierModeName(cfg.barrier) << ", until "
            << formatUntil(stop) << "\n";
        printTable(out, axes, rows);
    }
    return code;
}

} // namespace gclab::cli
