#include "render/key_stats.h"

#include "sim/mstats.h"

#include "render/heap_describe.h"

#include <cmath>
#include <cstdio>

namespace gclab::render {

namespace {

std::int64_t assistTotal(const Runtime& rt) {
    std::int64_t t = 0;
    for (const GCCycleStats& c : rt.work.history)
        t += c.assistTime;
    return t;
}

} // namespace

std::optional<double> KeyStat::relative() const {
    if (a == 0)
        return b == 0 ? std::optional<double>(0.0) : std::nullopt;
    return (b - a) / a;
}

std::vector<KeyStat> keyStats(const Runtime& a, const Runtime& b) {
    const MemStats ma = readMemStats(a), mb = readMemStats(b);
    auto u = [](std::uint64_t v) { return static_cast<double>(v); };
    auto i = [](std::int64_t v) { return static_cast<double>(v); };
    return {
        {"HeapAlloc", "Bytes of allocated heap objects.\nruntime.MemStats.HeapAlloc", StatUnit::bytes,
         u(ma.HeapAlloc), u(mb.HeapAlloc)},
        {"HeapInuse", "Bytes in in-use spans.\nruntime.MemStats.HeapInuse", StatUnit::bytes, u(ma.HeapInuse),
         u(mb.HeapInuse)},
        {"HeapSys", "Heap memory obtained from the OS.\nruntime.MemStats.HeapSys", StatUnit::bytes,
         u(ma.HeapSys), u(mb.HeapSys)},
        {"heap goal", "The heap size the next cycle aims to finish by.\nruntime.MemStats.NextGC (heapGoal)",
         StatUnit::bytes, u(ma.NextGC), u(mb.NextGC)},
        {"heapLive", "The pacer's live heap estimate.\ngcControllerState.heapLive (runtime/mgcpacer.go)",
         StatUnit::bytes, u(a.gcController.heapLive), u(b.gcController.heapLive)},
        {"HeapObjects", "Allocated objects: Mallocs - Frees.\nruntime.MemStats.HeapObjects", StatUnit::count,
         u(ma.HeapObjects), u(mb.HeapObjects)},
        {"Mallocs", "Objects allocated.\nruntime.MemStats.Mallocs", StatUnit::count, u(ma.Mallocs),
         u(mb.Mallocs)},
        {"TotalAlloc", "Cumulative bytes allocated.\nruntime.MemStats.TotalAlloc", StatUnit::bytes,
         u(ma.TotalAlloc), u(mb.TotalAlloc)},
        {"NumGC", "Completed GC cycles.\nruntime.MemStats.NumGC", StatUnit::count, u(ma.NumGC), u(mb.NumGC)},
        {"GC CPU", "Share of the run's CPU time spent in GC (virtual time).\nruntime.MemStats.GCCPUFraction",
         StatUnit::fraction, ma.GCCPUFraction, mb.GCCPUFraction},
        {"PauseTotal", "Stop-the-world time of all cycles (virtual).\nruntime.MemStats.PauseTotalNs",
         StatUnit::nanoseconds, u(ma.PauseTotalNs), u(mb.PauseTotalNs)},
        {"assist time", "Mutator time spent in mark assists, completed cycles (gcAssistAlloc, mgcmark.go)",
         StatUnit::nanoseconds, i(assistTotal(a)), i(assistTotal(b))},
        {"virtual time",
         "Virtual time at this tick: the same number of runtime operations can take a "
         "different time",
         StatUnit::nanoseconds, i(a.now()), i(b.now())},
    };
}

std::string formatStatValue(StatUnit u, double v) {
    char b[32];
    switch (u) {
    case StatUnit::bytes:
        return humanBytes(static_cast<std::uint64_t>(std::llround(std::fabs(v))));
    case StatUnit::count:
        return withThousands(static_cast<std::uint64_t>(std::llround(std::fabs(v))));
    case StatUnit::fraction:
        std::snprintf(b, sizeof b, "%.1f %%", v * 100);
        return b;
    case StatUnit::nanoseconds:
        return formatDuration(v);
    }
    return "?";
}

std::string formatStatDiff(StatUnit u, double d) {
    if (d == 0)
        return "0";
    const std::string sign = d > 0 ? "+" : "-";
    if (u == StatUnit::fraction) {
        char b[32];
        std::snprintf(b, sizeof b, "%+.1f pp", d * 100); // percentage points
        return b;
    }
    return sign + formatStatValue(u, std::fabs(d));
}

std::string formatRelative(const std::optional<double>& r) {
    if (!r)
        return "new";
    if (*r == 0)
        return "=";
    char b[32];
    std::snprintf(b, sizeof b, "%+.1f %%", *r * 100);
    return b;
}

} // namespace gclab::render
