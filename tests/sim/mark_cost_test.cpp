// What marking and the mutator cost in virtual time against Go 1.19 runs on this machine
// (docs/pacer.md, "Cost model calibration"): the steady-state run on both sides, and the per-object
// mark cost of sparse and of large heaps.
#include "test_config.h"

#include "sim/cost.h"
#include "sim/mstats.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

struct SteadyRun {
    std::uint32_t cycles = 0;
    double gcCPUns = 0;
    double mutatorNsPerIteration = 0;
};

// steadyRun is Go's `GOMAXPROCS=1 GOGC=gogc steadystate 8388608 1000000 1 3 1`: 8 MiB of live
// Objects, one goroutine, a million iterations of one replacement and three garbage Objects.
SteadyRun steadyRun(std::int32_t gogc) {
    constexpr std::uint64_t iterations = 1'000'000;
    RuntimeConfig cfg;
    cfg.gomaxprocs = 1;
    cfg.gogc = gogc;
    cfg.seed = 1;
    Runtime rt(cfg);
    test::buildScenario(rt, "steady-state",
                        {{"live_bytes", 8 << 20}, {"iterations", iterations}, {"goroutines", 1}});
    rt.runUntilDone(~std::uint64_t{0});
    const double total = static_cast<double>(rt.now());
    SteadyRun r;
    r.cycles = rt.work.numgc;
    r.gcCPUns = readMemStats(rt).GCCPUFraction * total;
    r.mutatorNsPerIteration = (total - r.gcCPUns) / static_cast<double>(iterations);
    return r;
}

// Go's range, widened by 10 % on each side.
void expectNearGo(double model, double goLow, double goHigh) {
    EXPECT_GE(model, goLow * 0.9) << "Go measured " << goLow << "-" << goHigh;
    EXPECT_LE(model, goHigh * 1.1) << "Go measured " << goLow << "-" << goHigh;
}

// Go, five runs each (gctrace's CPU fields for the GC, /usr/bin/time for the whole): GOGC=25 108-110
// cycles, 3.15-3.24 ms of GC CPU per cycle, 323-336 ns of mutator CPU per iteration; GOGC=200 9
// cycles, 24-31 ms of GC CPU per cycle, 194-214 ns per iteration. At GOGC=200 most cycles mark a
// heap still growing into pages nobody has touched yet (the program never writes its Objects), so
// the mark takes their page faults (mem_linux.h); before the model had them it could not follow
// that cost.
TEST(MarkCost, TheSteadyStateCostsWhatGoSpentInTheSameRun) {
    SteadyRun low = steadyRun(25);
    expectNearGo(low.cycles, 108, 110);
    expectNearGo(low.gcCPUns / low.cycles / 1e6, 3.15, 3.24);
    expectNearGo(low.mutatorNsPerIteration, 323, 336);
    SteadyRun high = steadyRun(200);
    expectNearGo(high.cycles, 9, 9);
    expectNearGo(high.gcCPUns / high.cycles / 1e6, 24, 31);
    expectNearGo(high.mutatorNsPerIteration, 194, 214);
}

// Go, six runs of `GOGC=off GOMEMLIMIT=134217728 GOMAXPROCS=1 steadystate 67108864 600000 2 3 1`
// (tools/pacer_conformance.sh --go-keep, two days' runs): 15-22 cycles, the GC CPU limiter on in every
// run. The first cycle overshoots to about 130 MB, and from then on the goal is clamped to the last
// marked heap, so each cycle starts as the last one ends; the live objects lie spread over the pages
// of part-empty spans (HeapInuse 138 MB for 70 MB of HeapAlloc at exit), and each mark costs what
// that footprint costs (44-74 ms per cycle). Priced by heapLive instead, as a dense heap, the model's
// marks cost half as much, its limiter never came on and it ran 38 cycles.
TEST(MarkCost, AtATightLimitTheMarkPaysForTheSpansFootprint) {
    RuntimeConfig cfg;
    cfg.gomaxprocs = 1;
    cfg.gogc = -1;
    cfg.memoryLimit = 134217728;
    cfg.seed = 1;
    cfg.hashEvents = false;
    Runtime rt(cfg);
    test::buildScenario(rt, "steady-state",
                        {{"live_bytes", 64 << 20}, {"iterations", 600'000}, {"goroutines", 2}});
    rt.runUntilDone(~std::uint64_t{0});
    expectNearGo(rt.work.numgc, 15, 22);
    EXPECT_GT(rt.gcCPULimiter.lastEnabledCycle, 0u) << "the GC CPU limiter never came on";
}

// Go, stopped-the-world marks of the same live set (GODEBUG=gcstoptheworld=1): 3.0-3.1 ms in a heap
// 1.22 times the marked heap, 7.0-7.5 ms at 2.85 times: 2.3-2.5 times the cost per object.
// bench/go-markcost: one mark of a dense live set, 2.2-2.4 ms at 8 MiB and 34-35 ms at 64 MiB:
// 1.77-1.99 times the cost per object for eight times the objects.
TEST(MarkCost, SparseAndLargeHeapsCostMorePerObject) {
    const CostModel c;
    constexpr std::uint64_t MiB = 1 << 20;
    const double dense = static_cast<double>(markCostPermille(c, 106 * MiB / 10, 87 * MiB / 10));
    const double sparse = static_cast<double>(markCostPermille(c, 254 * MiB / 10, 89 * MiB / 10));
    EXPECT_GE(sparse / dense, 2.3);
    EXPECT_LE(sparse / dense, 2.5);
    const double small = static_cast<double>(markCostPermille(c, 8 * MiB, 8 * MiB));
    const double large = static_cast<double>(markCostPermille(c, 64 * MiB, 64 * MiB));
    EXPECT_GE(large / small, 1.77);
    EXPECT_LE(large / small, 1.99);
    // No history yet (the first cycle) and a heap smaller than its marked part cost the base.
    EXPECT_EQ(markCostPermille(c, 4 * MiB, 0), 1000);
    EXPECT_EQ(markCostPermille(c, 2 * MiB, 3 * MiB), 1000);
}

// mutatorNsPerIteration is the steady-state loop's cost with the GC off and one goroutine: the
// difference between 200 000 and 100 000 iterations after the same fill, per iteration.
double mutatorNsPerIteration(std::int64_t liveBytes) {
    auto run = [&](std::int64_t iterations) {
        RuntimeConfig cfg;
        cfg.gomaxprocs = 1;
        cfg.gogc = -1;
        cfg.seed = 1;
        cfg.hashEvents = false;
        Runtime rt(cfg);
        test::buildScenario(rt, "steady-state",
                            {{"live_bytes", liveBytes}, {"iterations", iterations}, {"goroutines", 1}});
        rt.runUntilDone(~std::uint64_t{0});
        return static_cast<double>(rt.now());
    };
    return (run(200'000) - run(100'000)) / 100'000;
}

// Go, gclabcalib mutator 8 16 64 (the same loop with the GC off; medians of 9-15 runs with the sizes
// taking turns): a 2 MiB slice (16 MiB of Objects) costs 4-8 ns per iteration more than a 1 MiB one,
// an 8 MiB slice (64 MiB of Objects) 65-88 ns more, on a base of 129-195 ns: its random store misses
// the caches once the allocations between two stores have evicted the slice.
TEST(MutatorCost, ARandomStoreIntoALargeSliceMissesTheCaches) {
    const double small = mutatorNsPerIteration(8 << 20);
    expectNearGo(small, 129, 195);
    expectNearGo(mutatorNsPerIteration(16 << 20) - small, 0, 8);
    expectNearGo(mutatorNsPerIteration(64 << 20) - small, 65, 88);
}

} // namespace
} // namespace gclab
