// The memory outside the heap: the estimate against Go 1.19's MemStats on this machine, and MemStats.Sys
// minus HeapReleased equal to the mapped memory the memory-limit goal counts, at every step of a run.
#include "test_config.h"

#include "sim/mstats.h"
#include "sim/runtime.h"
#include "sim/sysmem.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace gclab {
namespace {

// Go 1.19.8 here: the steady-state probe with the MemStats fields printed at exit (`GOMAXPROCS=P
// steadystate L 200000 2 3 SEED`; 2026-12-02), MCacheSys 15600 in every run.
struct GoSys {
    std::uint64_t heapSys, sys, mspanSys, gcSys;
};
// L = 1, 4, 8, 16 MiB; P = 1, 2; seeds 1-3: one heap arena.
constexpr GoSys oneArena[] = {
    {7'995'392, 17'021'968, 97'632, 8'336'096},   {8'028'160, 17'021'968, 97'632, 8'307'448},
    {7'995'392, 17'021'968, 97'632, 8'307'448},   {8'159'232, 17'349'648, 113'904, 8'256'320},
    {16'482'304, 25'934'864, 227'808, 8'194'904}, {8'093'696, 17'349'648, 113'904, 8'256'320},
    {16'351'232, 25'672'720, 260'352, 8'354'624}, {16'416'768, 25'672'720, 260'352, 8'350'504},
    {16'416'768, 25'672'720, 260'352, 8'350'504}, {16'547'840, 25'672'720, 276'624, 8'199'024},
    {16'220'160, 25'672'720, 276'624, 8'493'936}, {16'252'928, 25'934'864, 276'624, 8'506'272},
    {28'966'912, 38'517'776, 455'616, 8'360'816}, {28'966'912, 38'517'776, 439'344, 8'360'816},
    {28'966'912, 38'517'776, 455'616, 8'360'816}, {29'130'752, 38'779'920, 488'160, 8'211'360},
    {29'097'984, 38'517'776, 488'160, 8'209'312}, {29'130'752, 38'517'776, 488'160, 8'207'264},
    {45'809'664, 55'753'744, 715'968, 8'543'184}, {41'615'360, 51'559'440, 699'696, 8'537'016},
    {50'003'968, 59'948'048, 781'056, 8'541'136}, {50'102'272, 60'275'728, 813'600, 8'502'344},
    {49'840'128, 60'275'728, 797'328, 8'750'080}, {49'840'128, 60'275'728, 829'872, 8'764'464},
};
// L = 64 and 256 MiB, P = 1, 2, seed 1.
constexpr GoSys severalArenas[] = {
    {129'662'976, 143'853'600, 2'082'816, 11'186'456},
    {121'372'672, 135'268'384, 1'920'096, 11'114'920},
    {347'701'248, 375'392'352, 5'499'936, 21'247'184},
    {352'092'160, 379'848'800, 5'581'296, 21'094'016},
};

std::uint64_t arenasFor(std::uint64_t heapSys) { return (heapSys + (64 << 20) - 1) / (64 << 20); }

// The part of the non-heap memory that is a fit: all of it but the mspans and mcaches, which are
// counted (one P here, as in Go's MCacheSys of 15600).
double goFitted(const GoSys& g) { return static_cast<double>(g.sys - g.heapSys - g.mspanSys - 15'600); }
double modelFitted(std::uint64_t heapSys) {
    const NonHeapSys s = nonHeapSys({arenasFor(heapSys), 0, 0, 1});
    return static_cast<double>(s.total() - s.mspanSys - s.mcacheSys);
}

// Go's own spread in one arena is 8.83-9.62 MB: the fit lies within 1 % of the median of the 24 runs
// and within 7 % of each, and its GC metadata within 8 % of Go's GCSys (8.2-8.8 MB; Go's holds the
// workbufs too, which the model counts apart).
TEST(NonHeapSys, AgreesWithGoInOneArena) {
    std::vector<double> go;
    for (const GoSys& g : oneArena) {
        go.push_back(goFitted(g));
        EXPECT_NEAR(modelFitted(g.heapSys), goFitted(g), 0.07 * goFitted(g)) << "HeapSys " << g.heapSys;
        const double gcMisc = static_cast<double>(nonHeapSys({arenasFor(g.heapSys), 0, 0, 1}).gcMiscSys);
        EXPECT_NEAR(gcMisc, static_cast<double>(g.gcSys), 0.08 * g.gcSys) << "HeapSys " << g.heapSys;
    }
    std::sort(go.begin(), go.end());
    const double median = (go[go.size() / 2 - 1] + go[go.size() / 2]) / 2;
    EXPECT_NEAR(modelFitted(8 << 20), median, 0.01 * median);
}

// Before its first collection Go has mapped less outside the heap (`gclabcalib -reps 5 -n 60000
// nonheap`, 2026-12-03: 8423168 B before, 8898416 after runtime.GC(), in every run; HeapSys 16.6 MB,
// one arena, one P): the model's estimate before the first cycle starts is within 1 % of the first,
// and after it within 3 % of the second (which holds Go's workbufs too).
TEST(NonHeapSys, BeforeTheFirstCycleGoHasMappedLess) {
    auto fitted = [](bool cycleStarted) {
        const NonHeapSys s = nonHeapSys({1, 0, 0, 1, cycleStarted});
        return static_cast<double>(s.total() - s.mspanSys - s.mcacheSys);
    };
    EXPECT_NEAR(fitted(false), 8'423'168.0, 0.01 * 8'423'168.0);
    EXPECT_NEAR(fitted(true), 8'898'416.0, 0.03 * 8'898'416.0);
}

// Past one arena the fit falls short of Go by up to 11 %: GCSys grows with the heap by more than one
// heapArena per 64 MiB (sim/sysmem.h; docs/pacer.md).
TEST(NonHeapSys, FallsShortOfGoByAtMostElevenPercentInLargerHeaps) {
    for (const GoSys& g : severalArenas) {
        EXPECT_LE(modelFitted(g.heapSys), goFitted(g)) << "HeapSys " << g.heapSys;
        EXPECT_GE(modelFitted(g.heapSys), 0.89 * goFitted(g)) << "HeapSys " << g.heapSys;
    }
}

// The mspan and mcache structs come from fixallocs of 16 KiB chunks. Go 1.19.8 here
// (a program printing MemStats after a 1 MiB live set, GOMAXPROCS 1-40): MCacheInuse 1200 per P,
// MCacheSys 15600 up to 13 Ps, 31200 at 14 and 26, 46800 at 27, 62400 at 40; MSpanInuse always a
// multiple of 144 and MSpanSys of 16272 (113 mspans).
TEST(NonHeapSys, CountsMSpansAndMCachesInFixAllocChunks) {
    const std::pair<std::uint64_t, std::uint64_t> mcacheSys[] = {
        {1, 15'600}, {2, 15'600}, {13, 15'600}, {14, 31'200}, {26, 31'200}, {27, 46'800}, {40, 62'400}};
    for (auto [procs, sys] : mcacheSys) {
        const NonHeapSys s = nonHeapSys({1, 0, 0, procs});
        EXPECT_EQ(s.mcacheSys, sys) << procs << " Ps";
        EXPECT_EQ(s.mcacheInuse, 1200 * procs) << procs << " Ps";
    }
    // Go's runs: 97632 (6 chunks) with 594 mspans in use at the end, 455616 (28) with 3090, 2115360
    // (130) with 14610.
    EXPECT_EQ(fixAllocSys(594, mspanBytes), 97'632u);
    EXPECT_EQ(fixAllocSys(3090, mspanBytes), 455'616u);
    EXPECT_EQ(fixAllocSys(14610, mspanBytes), 2'115'360u);
    const NonHeapSys s = nonHeapSys({1, 1000, 400, 1});
    EXPECT_EQ(s.mspanInuse, (400 + runtimeMSpans) * mspanBytes);
    EXPECT_EQ(s.mspanSys, fixAllocSys(1000 + runtimeMSpans, mspanBytes));
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
