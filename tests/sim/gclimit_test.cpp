// The GC CPU limiter (Go 1.19 mgclimit.go): the bucket fills with GC time and drains with mutator
// time; limiting is on exactly while it is full; while limiting, allocation runs without assists.
#include "test_config.h"

#include "sim/mgclimit.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

#include <tuple>

namespace gclab {
namespace {

TEST(GCCPULimiter, OnExactlyWhileTheBucketIsFull) {
    GCCPULimiter l;
    l.init(2);
    EXPECT_EQ(l.capacity, 2'000'000'000);
    l.accumulate(0, 1'500'000'000, 7);
    EXPECT_FALSE(l.limiting());
    EXPECT_EQ(l.fill, 1'500'000'000);
    l.accumulate(100, 600'000'100, 7); // +600 ms: over capacity
    EXPECT_TRUE(l.limiting());
    EXPECT_EQ(l.fill, l.capacity);
    EXPECT_EQ(l.overflow, 100'000'000);
    EXPECT_EQ(l.lastEnabledCycle, 8u);
    l.accumulate(1, 0, 9); // any drain turns it off
    EXPECT_FALSE(l.limiting());
    EXPECT_EQ(l.fill, l.capacity - 1);
    l.accumulate(5'000'000'000, 0, 9);
    EXPECT_EQ(l.fill, 0);
}

TEST(GCCPULimiter, UpdateCountsAQuarterOfTheWindowWhileTheGCIsOnAndSTWAsGC) {
    GCCPULimiter l;
    l.init(4);
    l.startGCTransition(true, 0, 0);
    l.finishGCTransition(1'000, 0); // 1 us of stop-the-world on 4 Ps: all GC time
    EXPECT_EQ(l.fill, 4'000);
    l.assistTimePool = 10'000;
    l.idleTimePool = 2'000;
    l.update(101'000, 0); // window 4 x 100 us = 400 us: GC = 10 us + 100 us, mutator = 400 - 2 - 110 us
    EXPECT_EQ(l.fill, 0); // 4 us + 110 us of GC - 288 us of mutator: drained
    EXPECT_EQ(l.assistTimePool, 0);
    EXPECT_EQ(l.idleTimePool, 0);
    EXPECT_EQ(l.lastUpdate, 101'000);
    l.assistTimePool = 3'000'000;
    l.update(1'101'000, 0); // 4 ms window: 3 ms of assists + 1 ms background = all GC
    EXPECT_EQ(l.fill, 4'000'000);
    EXPECT_FALSE(l.limiting());
}

TEST(GCCPULimiter, AssistsAreSkippedWhileLimiting) {
    auto run = [](bool limit) {
        RuntimeConfig cfg = test::testConfig(2);
        cfg.validate = false;
        Runtime rt(cfg);
        test::buildScenario(rt, "steady-state", {{"live_bytes", 2 << 20}, {"iterations", 40'000}});
        std::uint64_t assists = 0;
        rt.gcCPULimiter.enabled = limit;
        while (rt.step()) {
            if (limit) {
                rt.gcCPULimiter.enabled = true; // keep it on whatever the updates say
                rt.gcCPULimiter.fill = 0;
            }
        }
        for (const GCCycleStats& c : rt.work.history)
            assists += static_cast<std::uint64_t>(c.assistTime);
        return std::tuple{assists, rt.work.numgc,
                          rt.work.history.empty() ? GCCycleStats{} : rt.work.history[0]};
    };
    auto [normalAssists, normalCycles, normalFirst] = run(false);
    auto [limitedAssists, limitedCycles, limitedFirst] = run(true);
    ASSERT_GE(normalCycles, 2u);
    // Without assists only the fractional workers mark, and Go asks for them only at scheduling points
    // (sysmon's 10 ms preemption): the limited run's first cycle lasts until the goroutines end. The
    // goroutines allocated through all of it without assisting, far past the goal.
    ASSERT_GE(limitedCycles, 1u);
    EXPECT_GT(normalFirst.assistTime, 0);
    EXPECT_GT(limitedFirst.heap1, 2 * limitedFirst.heapGoal);
    EXPECT_GT(normalAssists, 0u);
    EXPECT_EQ(limitedAssists, 0u);
}

} // namespace
} // namespace gclab
