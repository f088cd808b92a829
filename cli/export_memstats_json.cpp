// gclab run --memstats-json: the final runtime.MemStats as JSON, with Go's field names and types, so
// that Go's json.Unmarshal reads it into a runtime.MemStats (encoding/json's form of the struct).
//
// The model's MemStats (sim/mstats.h) gives the heap fields. This exporter adds what Go's ReadMemStats
// reports about pauses, which it follows from the run: PauseNs and PauseEnd (ring buffers indexed by
// NumGC % 256, one total pause per cycle) and LastGC; GCCPUFraction is MemStats' (Go's definition, over
// the completed cycles). Times are virtual nanoseconds since the run started (Go: Unix nanoseconds). Fields
// the model has no value for are 0 (docs/exports.md lists them).
#include "sim/mstats.h"

#include "cli/atomic_file.h"
#include "cli/exporters.h"

#include <array>
#include <cstdio>

namespace gclab::cli {

namespace {

class MemStatsJsonExporter : public RunObserver {
  public:
    explicit MemStatsJsonExporter(const std::string& path) : file_(path, "--memstats-json") {}

    void onStep(const Runtime& rt, const StepSpan& span, std::span<const Event> events) override {
        for (const Event& e : events) {
            if (e.kind != EventKind::gcDone)
                continue;
            // gcMarkTermination: record this cycle's pauses.
            const std::size_t i = (e.a + 255) % 256; // e.a is the new NumGC
            pauseNs_[i] = rt.work.pauseTotalNs - pauseTotalAtLastGC_;
            pauseTotalAtLastGC_ = rt.work.pauseTotalNs;
            pauseEnd_[i] = static_cast<std::uint64_t>(span.end);
            lastGC_ = static_cast<std::uint64_t>(span.end);
        }
    }

    void finish(const Runtime& rt) override {
        const MemStats m = readMemStats(rt);
        std::ostream& o = file_.out();
        auto field = [&o](const char* name, std::uint64_t v) { o << "\"" << name << "\":" << v << ","; };
        auto ring = [&o](const char* name, const std::array<std::uint64_t, 256>& v) {
            o << "\"" << name << "\":[";
            for (std::size_t i = 0; i < v.size(); i++)
                o << (i != 0 ? "," : "") << v[i];
            o << "],";
        };
        o << "{";
        field("Alloc", m.Alloc);
        field("TotalAlloc", m.TotalAlloc);
        field("Sys", m.Sys);
        field("Lookups", 0);
        field("Mallocs", m.Mallocs);
        field("Frees", m.Frees);
        field("HeapAlloc", m.HeapAlloc);
        field("HeapSys", m.HeapSys);
        field("HeapIdle", m.HeapIdle);
        field("HeapInuse", m.HeapInuse);
        field("HeapReleased", m.HeapReleased);
        field("HeapObjects", m.HeapObjects);
        field("StackInuse", m.StackInuse);
        field("StackSys", m.StackSys);
        field("MSpanInuse", m.MSpanInuse);
        field("MSpanSys", m.MSpanSys);
        field("MCacheInuse", m.MCacheInuse);
        field("MCacheSys", m.MCacheSys);
        field("BuckHashSys", m.BuckHashSys);
        field("GCSys", m.GCSys);
        field("OtherSys", m.OtherSys);
        field("NextGC", m.NextGC);
        field("LastGC", lastGC_);
        field("PauseTotalNs", m.PauseTotalNs);
        ring("PauseNs", pauseNs_);
        ring("PauseEnd", pauseEnd_);
        field("NumGC", m.NumGC);
        field("NumForcedGC", m.NumForcedGC);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", m.GCCPUFraction);
        o << "\"GCCPUFraction\":" << buf << ",";
        o << "\"EnableGC\":true,\"DebugGC\":false,\"BySize\":[";
        for (std::size_t c = 0; c < m.BySize.size(); c++) {
            const MemStats::BySizeEntry& b = m.BySize[c];
            o << (c != 0 ? "," : "") << "{\"Size\":" << b.Size << ",\"Mallocs\":" << b.Mallocs
              << ",\"Frees\":" << b.Frees << "}";
        }
        o << "]}\n";
        file_.commit();
    }

  private:
    AtomicFile file_;
    std::array<std::uint64_t, 256> pauseNs_{};
    std::array<std::uint64_t, 256> pauseEnd_{};
    std::uint64_t pauseTotalAtLastGC_ = 0;
    std::uint64_t lastGC_ = 0;
};

} // namespace

std::unique_ptr<RunObserver> makeMemStatsJsonExporter(const std::string& path) {
    return std::make_unique<MemStatsJsonExporter>(path);
}

} // namespace gclab::cli
