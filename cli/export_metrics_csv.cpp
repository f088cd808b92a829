// gclab run --metrics-csv: the model's state over time under Go's runtime/metrics names.
//
// One row per sample of SampleSchedule; columns: virtual_ns, sample (why the row was taken), then one
// column per metric below. `since` is the Go release that introduced the name (docs/exports.md lists
// the newer ones: the model reports them although Go 1.19 does not have them).
#include "sim/mstats.h"

#include "cli/alloc_event.h"
#include "cli/atomic_file.h"
#include "cli/exporters.h"
#include "cli/gc_cpu_time.h"
#include "cli/sample_schedule.h"

#include <cstdio>
#include <functional>
#include <string>
#include <variant>

namespace gclab::cli {

namespace {

// MetricInput is what one row's values are computed from.
struct MetricInput {
    const Runtime& rt;
    const MemStats& m;
    std::uint64_t tinyAllocs; // /gc/heap/tiny/allocs:objects, counted from alloc events
    GCCPUTime cpu;
};

using MetricValue = std::variant<std::uint64_t, double>;

struct Metric {
    const char* name;
    const char* since;
    MetricValue (*value)(const MetricInput&);
};

double cpuSeconds(std::int64_t ns) { return static_cast<double>(ns) / 1e9; }

const Metric metrics[] = {
    {"/gc/cycles/automatic:gc-cycles", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.NumGC - in.m.NumForcedGC; }},
    {"/gc/cycles/forced:gc-cycles", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.NumForcedGC; }},
    {"/gc/cycles/total:gc-cycles", "1.16", [](const MetricInput& in) -> MetricValue { return in.m.NumGC; }},
    // GOGC=off is -1, which Go reports converted to uint64 as well.
    {"/gc/gogc:percent", "1.21",
     [](const MetricInput& in) -> MetricValue {
         return static_cast<std::uint64_t>(static_cast<std::int64_t>(in.rt.gcController.gcPercent));
     }},
    {"/gc/gomemlimit:bytes", "1.21",
     [](const MetricInput& in) -> MetricValue {
         return static_cast<std::uint64_t>(in.rt.gcController.memoryLimit);
     }},
    {"/gc/heap/allocs:bytes", "1.16", [](const MetricInput& in) -> MetricValue { return in.m.TotalAlloc; }},
    {"/gc/heap/allocs:objects", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.Mallocs - in.tinyAllocs; }},
    {"/gc/heap/frees:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.TotalAlloc - in.m.HeapAlloc; }},
    {"/gc/heap/frees:objects", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.Frees - in.tinyAllocs; }},
    {"/gc/heap/goal:bytes", "1.16", [](const MetricInput& in) -> MetricValue { return in.m.NextGC; }},
    {"/gc/heap/live:bytes", "1.21",
     [](const MetricInput& in) -> MetricValue { return std::uint64_t{in.rt.gcController.heapMarked}; }},
    {"/gc/heap/objects:objects", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.HeapObjects; }},
    {"/gc/heap/tiny/allocs:objects", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.tinyAllocs; }},
    {"/gc/limiter/last-enabled:gc-cycle", "1.19",
     [](const MetricInput& in) -> MetricValue { return std::uint64_t{in.rt.gcCPULimiter.lastEnabledCycle}; }},
    {"/gc/scan/globals:bytes", "1.21",
     [](const MetricInput& in) -> MetricValue { return std::uint64_t{in.rt.gcController.globalsScan}; }},
    {"/gc/scan/heap:bytes", "1.21",
     [](const MetricInput& in) -> MetricValue { return std::uint64_t{in.rt.gcController.heapScan}; }},
    {"/gc/scan/stack:bytes", "1.21",
     [](const MetricInput& in) -> MetricValue { return std::uint64_t{in.rt.gcController.lastStackScan}; }},
    {"/memory/classes/heap/free:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.HeapIdle - in.m.HeapReleased; }},
    {"/memory/classes/heap/objects:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.HeapAlloc; }},
    {"/memory/classes/heap/released:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.HeapReleased; }},
    {"/memory/classes/heap/stacks:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.StackInuse; }},
    {"/memory/classes/heap/unused:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.HeapInuse - in.m.HeapAlloc; }},
    {"/memory/classes/metadata/mcache/free:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.MCacheSys - in.m.MCacheInuse; }},
    {"/memory/classes/metadata/mcache/inuse:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.MCacheInuse; }},
    {"/memory/classes/metadata/mspan/free:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.MSpanSys - in.m.MSpanInuse; }},
    {"/memory/classes/metadata/mspan/inuse:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.MSpanInuse; }},
    {"/memory/classes/metadata/other:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.GCSys; }},
    {"/memory/classes/os-stacks:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.StackSys - in.m.StackInuse; }},
    {"/memory/classes/other:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.OtherSys; }},
    {"/memory/classes/profiling/buckets:bytes", "1.16",
     [](const MetricInput& in) -> MetricValue { return in.m.BuckHashSys; }},
    {"/memory/classes/total:bytes", "1.16", [](const MetricInput& in) -> MetricValue { return in.m.Sys; }},
    {"/sched/gomaxprocs:threads", "1.16",
     [](const MetricInput& in) -> MetricValue { return std::uint64_t{in.rt.allp.size()}; }},
    {"/sched/goroutines:goroutines", "1.16",
     [](const MetricInput& in) -> MetricValue {
         std::uint64_t n = 0;
         for (const G& g : in.rt.allgs)
             n += g.status != GStatus::dead ? 1 : 0;
         return n;
     }},
    {"/cpu/classes/gc/mark/assist:cpu-seconds", "1.20",
     [](const MetricInput& in) -> MetricValue { return cpuSeconds(in.cpu.assist); }},
    {"/cpu/classes/gc/mark/dedicated:cpu-seconds", "1.20",
     [](const MetricInput& in) -> MetricValue { return cpuSeconds(in.cpu.dedicated + in.cpu.fractional); }},
    {"/cpu/classes/gc/mark/idle:cpu-seconds", "1.20",
     [](const MetricInput& in) -> MetricValue { return cpuSeconds(in.cpu.idle); }},
    {"/cpu/classes/gc/pause:cpu-seconds", "1.20",
     [](const MetricInput& in) -> MetricValue { return cpuSeconds(in.cpu.pause); }},
    {"/cpu/classes/gc/total:cpu-seconds", "1.20",
     [](const MetricInput& in) -> MetricValue { return cpuSeconds(in.cpu.total()); }},
    {"/cpu/classes/total:cpu-seconds", "1.20",
     [](const MetricInput& in) -> MetricValue {
         return cpuSeconds(in.rt.now() * static_cast<std::int64_t>(in.rt.allp.size()));
     }},
};

class MetricsCsvExporter : public RunObserver {
  public:
    explicit MetricsCsvExporter(const std::string& path) : file_(path, "--metrics-csv") {
        file_.out() << "virtual_ns,sample";
        for (const Metric& m : metrics)
            file_.out() << "," << m.name;
        file_.out() << "\n";
    }

    void onStep(const Runtime& rt, const StepSpan&, std::span<const Event> events) override {
        for (const Event& e : events)
            tinyAllocs_ += isTinySubAllocation(rt, e) ? 1 : 0;
        if (!started_) {
            started_ = true;
            row(rt, SampleSchedule::Reason::start);
            return;
        }
        schedule_.forEachSample(rt.now(), events, [&](SampleSchedule::Reason r) { row(rt, r); });
    }

    void finish(const Runtime& rt) override {
        row(rt, SampleSchedule::Reason::end);
        file_.commit();
    }

  private:
    void row(const Runtime& rt, SampleSchedule::Reason reason) {
        MemStats m = readMemStats(rt);
        MetricInput in{rt, m, tinyAllocs_, gcCPUTime(rt)};
        std::ostream& o = file_.out();
        o << rt.now() << "," << SampleSchedule::name(reason);
        for (const Metric& metric : metrics) {
            MetricValue v = metric.value(in);
            if (const auto* u = std::get_if<std::uint64_t>(&v)) {
                o << "," << *u;
            } else {
                char buf[40];
                std::snprintf(buf, sizeof buf, ",%.9f", std::get<double>(v));
                o << buf;
            }
        }
        o << "\n";
    }

    AtomicFile file_;
    SampleSchedule schedule_;
    std::uint64_t tinyAllocs_ = 0;
    bool started_ = false;
};

} // namespace

std::unique_ptr<RunObserver> makeMetricsCsvExporter(const std::string& path) {
    return std::make_unique<MetricsCsvExporter>(path);
}

} // namespace gclab::cli
