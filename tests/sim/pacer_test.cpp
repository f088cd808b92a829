// The pacer against Go 1.19's numbers and commit semantics: the first cycle's goal and trigger, the
// memory-limit goal Go computed on this machine, worker counts, the consMark controller, what
// SetGCPercent / SetMemoryLimit change mid-run (including through the timeline), and the cycles at a
// limit the heap cannot meet.
#include "test_config.h"

#include "sim/mstats.h"
#include "sim/recording.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace gclab {
namespace {

constexpr std::uint64_t MiB = 1 << 20;

TEST(Pacer, FirstCycleGoalAndTriggerAreGos) {
    // gc 1 of every Go 1.19 program: "4 MB goal", triggered at 4 MiB x 61/64 = 3.8125 MiB.
    Runtime rt(test::testConfig(2));
    EXPECT_EQ(rt.gcController.heapGoal(), 4 * MiB);
    EXPECT_EQ(rt.gcController.trigger(), 3997696u);
    // GOGC=50: heapMinimum = 4 MiB x 50/100 ("2 MB goal" in Go's gc 1).
    RuntimeConfig cfg = test::testConfig(2);
    cfg.gogc = 50;
    Runtime half(cfg);
    EXPECT_EQ(half.gcController.heapGoal(), 2 * MiB);
    EXPECT_EQ(half.gcController.trigger(), 2 * MiB / 64 * 61);
}

TEST(Pacer, MemoryLimitGoalReproducesGosMeasurement) {
    // Go 1.19.8 on this machine (facts section 13): limit 80 MiB, Sys 63421456, HeapReleased 1466368,
    // heapFree 32768, heap objects 52485832 -> /gc/heap/goal 73401016.
    GCController c;
    c.init(100);
    c.heapMarked = 52 * MiB;
    c.commit(false);
    c.setMemoryLimit(80 * MiB);
    c.mem = HeapMemory{63421456 - 1466368, 32768, 52485832};
    EXPECT_EQ(c.memoryLimitHeapGoal(), 73401016u);
    EXPECT_EQ(c.heapGoal(), 73401016u); // below the GOGC goal of ~104 MiB
    // The newest runtime keeps 3 % headroom instead of 1 MiB.
    c.go126 = true;
    std::uint64_t before = 80 * MiB - (63421456 - 1466368 - 32768 - 52485832);
    EXPECT_EQ(c.memoryLimitHeapGoal(), before - before / 100 * 3);
    // The goal never goes below the live heap, and a limit below the non-heap memory gives heapMarked.
    c.go126 = false;
    c.setMemoryLimit(60 * MiB);
    EXPECT_EQ(c.memoryLimitHeapGoal(), 52 * MiB);
    c.setMemoryLimit(9 * MiB);
    EXPECT_EQ(c.memoryLimitHeapGoal(), 52 * MiB);
}

TEST(Pacer, WorkerCountsMatchGoForEveryGOMAXPROCS) {
    for (std::uint32_t procs = 1; procs <= 16; procs++) {
        GCController c;
        c.init(100);
        c.startCycle(0, procs);
        // Go's rule, computed here independently: round 25 % of the Ps; if that is off by more than
        // 30 %, use fewer dedicated workers and make up the rest with a fractional one.
        double goal = procs * 0.25;
        auto dedicated = static_cast<std::int64_t>(std::floor(goal + 0.5));
        double fractional = 0;
        if (std::fabs(static_cast<double>(dedicated) / goal - 1) > 0.3) {
            if (static_cast<double>(dedicated) > goal)
                dedicated--;
            fractional = (goal - static_cast<double>(dedicated)) / procs;
        }
        EXPECT_EQ(c.dedicatedMarkWorkersNeeded, dedicated) << procs;
        EXPECT_DOUBLE_EQ(c.fractionalUtilizationGoal, fractional) << procs;
    }
    // Values Go's gcpacertrace printed (facts 9.6 and 13).
    auto workers = [](std::uint32_t procs) {
        GCController c;
        c.init(100);
        c.startCycle(0, procs);
        return std::pair{c.dedicatedMarkWorkersNeeded, c.fractionalUtilizationGoal};
    };
    EXPECT_EQ(workers(1), (std::pair<std::int64_t, double>{0, 0.25}));
    EXPECT_EQ(workers(2), (std::pair<std::int64_t, double>{0, 0.25}));
    EXPECT_EQ(workers(8), (std::pair<std::int64_t, double>{2, 0}));
    EXPECT_EQ(workers(16), (std::pair<std::int64_t, double>{4, 0}));
    EXPECT_EQ(workers(6).first, 1);
    EXPECT_NEAR(workers(6).second, 1.0 / 12, 1e-12);
}

TEST(Pacer, ConsMarkFollowsGos19PIController) {
    // kp = 0.9, Ti = 4, Tt = 1000: from 0 towards a steady measurement of 1.
    PIController pi{0.9, 4.0, 1000.0, -1000.0, 1000.0, 0};
    double out = 0;
    ASSERT_TRUE(pi.next(0, 1, 1, out));
    EXPECT_DOUBLE_EQ(out, 0.9);              // 0.9 x 1 + 0
    EXPECT_DOUBLE_EQ(pi.errIntegral, 0.225); // 0.9/4 x 1
    ASSERT_TRUE(pi.next(0.9, 1, 1, out));
    EXPECT_DOUBLE_EQ(out, 0.9 * 0.1 + 0.225);
    // Clamping feeds back through Tt.
    PIController clamp{0.9, 4.0, 1000.0, -1000.0, 1000.0, 0};
    ASSERT_TRUE(clamp.next(0, 2000, 1, out));
    EXPECT_DOUBLE_EQ(out, 1000);
    EXPECT_DOUBLE_EQ(clamp.errIntegral, 0.225 * 2000 + (1000 - 1800) / 1000.0);
    // A NaN measurement resets.
    EXPECT_FALSE(clamp.next(0, std::nan(""), 1, out));
    EXPECT_EQ(clamp.errIntegral, 0);
}

// steadyState builds the steady-state scenario with a small live set.
Runtime steadyState(RuntimeConfig cfg, std::int64_t iterations = 30'000, std::int64_t liveBytes = 2 << 20) {
    cfg.validate = false;
    Runtime rt(cfg);
    test::buildScenario(rt, "steady-state", {{"live_bytes", liveBytes}, {"iterations", iterations}});
    return rt;
}

void runCycles(Runtime& rt, std::uint32_t n) {
    std::uint32_t target = rt.work.numgc + n;
    while (rt.work.numgc < target && rt.step()) {
    }
    ASSERT_GE(rt.work.numgc, target);
}

// firstCycleOfGogcTradeoff runs gogc-tradeoff with a 4 MiB live set up to the end of its first cycle.
Runtime firstCycleOfGogcTradeoff(RuntimeConfig cfg) {
    cfg.validate = false;
    cfg.checkmark = false;
    Runtime rt(cfg);
    test::buildScenario(rt, "gogc-tradeoff", {{"live_bytes", 4 << 20}});
    while (rt.work.numgc < 1 && rt.step()) {
    }
    return rt;
}

TEST(Pacer, RuntimeRootsAreScannedEveryCycle) {
    RuntimeConfig cfg = test::testConfig(1);
    Runtime rt = firstCycleOfGogcTradeoff(cfg);
    ASSERT_EQ(rt.work.numgc, 1u);
    // Go 1.19's empty program scans 200304 B of data+BSS per cycle; the scenario adds its own globals.
    std::uint64_t runtimeRoots = cfg.runtimeRoots.dataBytes + cfg.runtimeRoots.bssBytes;
    EXPECT_EQ(runtimeRoots, 200304u);
    EXPECT_EQ(rt.gcController.globalsScan, runtimeRoots + rt.globals.size() * 8);
    EXPECT_EQ(rt.gcController.globalsScanWork, static_cast<std::int64_t>(rt.gcController.globalsScan));
    EXPECT_EQ(rt.work.history[0].heapGoal, 4 * MiB);
}

// firstCycleOvershoot runs steady-state with a 4 MiB live set, 20000 iterations, at P=1 with the
// globals of the Go probe (239888 B of data+BSS, as its gcpacertrace prints), and returns how far the
// heap went past the goal in gc 1.
std::int64_t firstCycleOvershoot(RuntimeConfig cfg) {
    Runtime rt = steadyState(cfg, 20'000, 4 << 20);
    rt.addGlobals((239888 - rt.gcController.globalsScan) / 8);
    runCycles(rt, 1);
    if (rt.work.history.empty())
        return 0;
    const GCCycleStats& gc1 = rt.work.history[0];
    EXPECT_EQ(gc1.heapGoal, 4 * MiB);
    return static_cast<std::int64_t>(gc1.heap1) - static_cast<std::int64_t>(gc1.heapGoal);
}

TEST(Pacer, FirstCycleOvershootIsWithinGos) {
    // Go 1.19 on this machine, seeds 1-8 (GOMAXPROCS=1 GODEBUG=gcpacertrace=1 go-steadystate 4194304
    // 20000 2 3 SEED, docs/pacer.md "Runtime roots"): gc 1 ends 0 to 671744 B past its 4 MiB goal,
    // 671744 in every seed on a quiet machine. The runtime's roots set the first cycle's scan
    // expectation, and with it the assist ratio.
    for (std::uint64_t seed = 1; seed <= 8; seed++) {
        RuntimeConfig cfg = test::testConfig(1);
        cfg.seed = seed;
        std::int64_t over = firstCycleOvershoot(cfg);
        EXPECT_GE(over, 0) << "seed " << seed;
        EXPECT_LE(over, 671744) << "seed " << seed;
    }
    // Without the runtime's roots the first cycle expects a few bytes of scan work, and one 64 KiB
    // over-assist (gcOverAssistWork) credits more allocation than the whole 4 MiB goal; with them,
    // a small part of it. (Before the model had page faults this also showed as an overshoot of
    // 4 MiB past the goal; the faults the first mark takes now slow every assist down.)
    auto overAssistCredit = [](RuntimeConfig cfg) {
        Runtime rt = steadyState(cfg, 20'000, 4 << 20);
        while (rt.gcphase != GCPhase::mark && rt.step()) {
        }
        return rt.gcController.assistBytesPerWork * 65536;
    };
    RuntimeConfig bare = test::testConfig(1);
    bare.runtimeRoots = RuntimeRoots{0, 0};
    EXPECT_GT(overAssistCredit(bare), 4.0 * MiB);
    EXPECT_LT(overAssistCredit(test::testConfig(1)), 4.0 * MiB / 16);
}

TEST(Pacer, SetGCPercentCommitsAtOnce) {
    Runtime rt = steadyState(test::testConfig(2));
    runCycles(rt, 3);
    const GCController& c = rt.gcController;
    std::uint64_t base = c.heapMarked + c.lastStackScan + c.globalsScan;
    EXPECT_EQ(c.gcPercentHeapGoal, std::max<std::uint64_t>(c.heapMarked + base, 4 * MiB));
    rt.setGCPercent(50);
    EXPECT_EQ(c.gcPercentHeapGoal, std::max<std::uint64_t>(c.heapMarked + base * 50 / 100, 2 * MiB));
    EXPECT_EQ(readMemStats(rt).NextGC, rt.heapGoal());
    rt.setGCPercent(-1);
    EXPECT_EQ(c.gcPercentHeapGoal, ~std::uint64_t{0});
    EXPECT_EQ(c.gcPercent, -1);
}

// GOGC=off arriving while a cycle has done more scan work than expected: revise() extends an unbounded
// goal, which overflowed int64 (UBSan, found by the window's soak). The extended goal saturates and
// assists become (almost) free.
TEST(Pacer, ReviseWithGOGCOffAfterTheScanExpectationSaturates) {
    Runtime rt = steadyState(test::testConfig(2));
    runCycles(rt, 2);
    GCController& c = rt.gcController;
    c.triggered = c.heapLive;
    c.heapScanWork = static_cast<std::int64_t>(c.lastHeapScan + c.lastStackScan + c.globalsScan) + 1;
    rt.setGCPercent(-1); // commits: gcPercentHeapGoal becomes unbounded, then revise()
    ASSERT_EQ(rt.heapGoal(), ~std::uint64_t{0});
    c.revise();
    EXPECT_GE(c.assistWorkPerByte, 0.0);
    EXPECT_LT(c.assistWorkPerByte, 1e-9);
    EXPECT_GT(c.assistBytesPerWork, 1e9);
}

TEST(Pacer, SetMemoryLimitCommitsAtOnceAndQueriesWithANegativeLimit) {
    Runtime rt = steadyState(test::testConfig(2));
    runCycles(rt, 3);
    std::uint64_t gogcGoal = rt.heapGoal();
    EXPECT_EQ(rt.setMemoryLimit(-1), noMemoryLimit);
    EXPECT_EQ(rt.gcController.memoryLimit, noMemoryLimit);
    HeapMemory m = rt.heapMemory();
    std::int64_t limit = static_cast<std::int64_t>(m.mappedReady) + static_cast<std::int64_t>(MiB);
    EXPECT_EQ(rt.setMemoryLimit(limit), noMemoryLimit);
    EXPECT_EQ(rt.setMemoryLimit(-5), limit);
    // Independent of the controller: limit minus the non-heap memory minus 1 MiB of headroom, and
    // never below the marked heap.
    std::uint64_t expected =
        static_cast<std::uint64_t>(limit) - (m.mappedReady - m.heapFree - m.heapAlloc) - MiB;
    expected = std::max<std::uint64_t>(expected, rt.gcController.heapMarked);
    EXPECT_EQ(rt.heapGoal(), std::min(expected, gogcGoal));
    EXPECT_EQ(readMemStats(rt).NextGC, rt.heapGoal());
    // Lifting the limit restores the GOGC goal.
    rt.setMemoryLimit(noMemoryLimit);
    EXPECT_EQ(rt.heapGoal(), gogcGoal);
}

TEST(Pacer, GOGCOffRunsNoCycleWithoutALimitAndPacesToTheLimitWithOne) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.gogc = -1;
    Runtime off = steadyState(cfg, 12'000);
    off.runUntilDone(~std::uint64_t{0});
    EXPECT_EQ(off.work.numgc, 0u);
    cfg.memoryLimit = 6 * MiB;
    Runtime limited = steadyState(cfg, 12'000);
    limited.runUntilDone(~std::uint64_t{0});
    ASSERT_GE(limited.work.numgc, 2u);
    // The memory-limit goal leaves room for the non-heap memory and 1 MiB of headroom below the 6 MiB
    // limit. It is never below the last marked heap, so a cycle after a mark that ended above it
    // (floating garbage, when the marks are slow) has the marked heap as its goal.
    std::uint64_t lastMarked = 0;
    for (const GCCycleStats& c : limited.work.history) {
        if (c.heapGoal != lastMarked) {
            EXPECT_LT(c.heapGoal, 5 * MiB) << c.num;
        }
        lastMarked = c.heap2;
    }
}

TEST(Pacer, TimelineSetMemoryLimitReplaysAndForks) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.checkmark = false;
    Timeline original(steadyState(cfg, 9'000));
    original.seek(150'000);
    Timeline whatIf = original.fork();
    whatIf.command(Command{0, CommandKind::setMemoryLimit, static_cast<std::int64_t>(5 * MiB)});
    EXPECT_EQ(whatIf.current().gcController.memoryLimit, static_cast<std::int64_t>(5 * MiB));
    whatIf.seek(~std::uint64_t{0});
    original.seek(~std::uint64_t{0});
    EXPECT_EQ(original.current().gcController.memoryLimit, noMemoryLimit);
    EXPECT_GT(whatIf.current().work.numgc, original.current().work.numgc);
    std::uint64_t end = whatIf.current().stateHash();
    whatIf.seek(100'000);
    EXPECT_EQ(whatIf.current().gcController.memoryLimit, noMemoryLimit);
    whatIf.seek(~std::uint64_t{0});
    EXPECT_EQ(whatIf.current().stateHash(), end);
    EXPECT_FALSE(whatIf.divergedAt());
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// At a limit the heap cannot meet, Go 1.19 settles with its mapped memory just over the limit: the
// memory-limit goal is the marked heap, a cycle starts as soon as the heap passes it, and revise()
// lets the heap run up to 10 % past the goal before the cycle ends. Measured (8 MiB live,
// GOMEMLIMIT=24 MiB, GOGC=50, GOMAXPROCS=2, three runs): 1.02-1.05 MB of growth per cycle at a
// 10.4 MB goal. The model used to stop growing exactly at the limit, because the work buffers'
// memory was not counted: its goal stayed a few KiB above the marked heap and each cycle allocated
// 0.8 % of the goal (seeds 1 and 3 here: 163 and 225 cycles, now 12 and 16). Over seeds: the
// median growth per cycle, from one cycle's marked heap to the next one's end of mark, is at least
// 5 % of the median goal.
TEST(Pacer, TightLimitCyclesRunPastTheMarkedHeapLikeGo) {
    for (std::uint64_t seed = 1; seed <= 8; seed++) {
        RuntimeConfig cfg = test::testConfig(2);
        cfg.seed = seed;
        cfg.memoryLimit = 16 * MiB;
        cfg.checkmark = false;
        Runtime rt = steadyState(cfg, 20'000, 4 << 20);
        rt.runUntilDone(~std::uint64_t{0});
        const std::vector<GCCycleStats>& h = rt.work.history;
        ASSERT_GE(h.size(), 6u) << "seed " << seed;
        std::vector<double> growth, goals;
        for (std::size_t i = h.size() / 3; i < h.size(); i++) {
            growth.push_back(static_cast<double>(h[i].heap1) - static_cast<double>(h[i - 1].heap2));
            goals.push_back(static_cast<double>(h[i].heapGoal));
        }
        EXPECT_GE(median(growth), 0.05 * median(goals)) << "seed " << seed << ": " << h.size() << " cycles";
    }
}

} // namespace
} // namespace gclab
