// MemStats.GCCPUFraction: Go's gc_cpu_fraction, GC CPU time over the CPU time available since the start.
#include "test_config.h"

#include "sim/mstats.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

Runtime steadyState(std::int32_t gogc, std::uint64_t seed) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.validate = false;
    cfg.gogc = gogc;
    cfg.seed = seed;
    Runtime rt(cfg);
    test::buildScenario(rt, "steady-state", {{"live_bytes", 128 << 10}, {"iterations", 3000}});
    return rt;
}

TEST(GCCPUFraction, ChangesOnlyWhenACycleEndsAndCoversThePauses) {
    for (std::uint64_t seed : {1u, 2u}) {
        Runtime rt = steadyState(5, seed);
        double last = readMemStats(rt).GCCPUFraction;
        EXPECT_EQ(last, 0.0);
        std::uint32_t cycles = 0;
        while (rt.step()) {
            double f = readMemStats(rt).GCCPUFraction;
            if (rt.work.numgc != cycles) {
                cycles = rt.work.numgc;
                // Both pauses stop every P, so their CPU time alone is PauseTotalNs × GOMAXPROCS.
                const GCCycleStats& c = rt.work.history.back();
                EXPECT_GE(f * static_cast<double>(c.tEnd),
                          static_cast<double>(rt.work.pauseTotalNs) * (1 - 1e-12));
                EXPECT_LE(f, 1.0);
            } else {
                ASSERT_EQ(f, last) << "tick " << rt.tick;
            }
            last = f;
        }
        EXPECT_GE(cycles, 2u);
        EXPECT_GT(last, 0.0);
    }
}

TEST(GCCPUFraction, FallsAsGOGCRises) {
    double lowGOGC = 0, highGOGC = 0;
    for (auto [gogc, out] : {std::pair{5, &lowGOGC}, std::pair{25, &highGOGC}}) {
        Runtime rt = steadyState(gogc, 1);
        rt.runUntilDone(~std::uint64_t{0});
        *out = readMemStats(rt).GCCPUFraction;
    }
    EXPECT_GT(lowGOGC, highGOGC);
    EXPECT_GT(highGOGC, 0.0);
}

} // namespace
} // namespace gclab
