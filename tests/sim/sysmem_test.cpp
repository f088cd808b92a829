// The memory outside the heap: the estimate against Go 1.19's MemStats on this machine, and MemStats.Sys
// minus HeapReleased equal to the mapped memory the memory-limit goal counts, at every step of a run.
#include "test_config.h"

#include "sim/mstats.h"
#include "sim/runtime.h"
#include "sim/sysmem.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace gclab {
namespace {

// Go 1.19.8 here: the steady-state probe with every MemStats field printed at exit (`GOMAXPROCS=P
// steadystate L 200000 2 3 1`, L = 1, 8, 64, 256 MiB, P = 1, 2; 2026-12-02).
struct GoSys {
    std::uint64_t heapSys, sys, gcSys;
};
constexpr GoSys oneArena[] = {
    {7'995'392, 17'021'968, 8'319'784},
    {16'482'304, 25'934'864, 8'225'744},
    {28'966'912, 38'517'776, 8'369'032},
    {29'097'984, 38'779'920, 8'227'816},
};
constexpr GoSys severalArenas[] = {
    {129'597'440, 143'853'600, 11'231'560},
    {125'599'744, 139'659'296, 11'055'552},
    {356'057'088, 384'043'104, 21'284'432},
    {360'480'768, 388'827'232, 21'448'440},
};

std::uint64_t arenasFor(std::uint64_t heapSys) { return (heapSys + (64 << 20) - 1) / (64 << 20); }

TEST(NonHeapSys, AgreesWithGoWithinThreePercentInOneArena) {
    for (const GoSys& g : oneArena) {
        const NonHeapSys model = nonHeapSys(g.heapSys, arenasFor(g.heapSys));
        const double goNonHeap = static_cast<double>(g.sys - g.heapSys);
        EXPECT_NEAR(static_cast<double>(model.total()), goNonHeap, 0.03 * goNonHeap)
            << "HeapSys " << g.heapSys;
        EXPECT_NEAR(static_cast<double>(model.gcMiscSys), static_cast<double>(g.gcSys), 0.03 * g.gcSys)
            << "HeapSys " << g.heapSys;
    }
}

// Past one arena the fit (made at 8-264 MB) falls short of Go by up to 11 %: GCSys grows with the heap
// by more than one heapArena per 64 MiB (sim/sysmem.h; docs/pacer.md).
TEST(NonHeapSys, FallsShortOfGoByAtMostElevenPercentInLargerHeaps) {
    for (const GoSys& g : severalArenas) {
        const NonHeapSys model = nonHeapSys(g.heapSys, arenasFor(g.heapSys));
        const double goNonHeap = static_cast<double>(g.sys - g.heapSys);
        EXPECT_LE(static_cast<double>(model.total()), goNonHeap) << "HeapSys " << g.heapSys;
        EXPECT_GE(static_cast<double>(model.total()), 0.88 * goNonHeap) << "HeapSys " << g.heapSys;
    }
}

// runtime/debug.SetMemoryLimit: the limit is on Sys - HeapReleased. The model's memory-limit goal reads
// mappedReady (Runtime::heapMemory); MemStats must report the same memory.
TEST(MemStatsSys, SysMinusHeapReleasedIsTheMemoryTheLimitCounts) {
    for (std::uint64_t seed = 1; seed <= 4; seed++) {
        RuntimeConfig cfg = test::testConfig(1 + static_cast<std::uint32_t>(seed % 2));
        cfg.validate = false;
        cfg.checkmark = false;
        cfg.seed = seed;
        cfg.memoryLimit = 16 << 20; // binds: about 9.4 MB of it lies outside the heap
        Runtime rt(cfg);
        test::buildScenario(rt, "steady-state", {{"live_bytes", 4 << 20}, {"iterations", 20'000}});
        std::uint64_t checked = 0, mostReleased = 0;
        while (rt.step()) {
            if (rt.tick % 97 != 0)
                continue;
            const MemStats m = readMemStats(rt);
            ASSERT_EQ(m.Sys - m.HeapReleased, rt.heapMemory().mappedReady)
                << "seed " << seed << " tick " << rt.tick;
            ASSERT_EQ(m.Sys, m.HeapSys + m.StackSys + m.MSpanSys + m.MCacheSys + m.BuckHashSys + m.GCSys +
                                 m.OtherSys);
            mostReleased = std::max(mostReleased, m.HeapReleased);
            checked++;
        }
        EXPECT_GT(checked, 100u);
        EXPECT_GT(rt.work.numgc, 5u);
        EXPECT_GT(mostReleased, 0u) << "the scavenger never released memory: HeapReleased untested";
    }
}

} // namespace
} // namespace gclab
