// Conformance: the memory of the mspan and mcache structs (MemStats MSpanInuse/MSpanSys and
// MCacheInuse/MCacheSys), which the model counts as Go allocates them (sim/sysmem.h), against Go 1.19
// at the end of the same steady-state run.
#include "pacer_compare.h"

#include "sim/sysmem.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace gclab::conformance {
namespace {

SteadyStateParams steadyRun(std::uint64_t liveBytes, std::uint32_t procs) {
    SteadyStateParams p;
    p.liveBytes = liveBytes;
    p.iterations = 200'000;
    p.gogc = 100;
    p.gomaxprocs = procs;
    return p;
}

// peakHeapLive is the largest heapLive at the end of a mark in a run (gcpacertrace, exact on both sides).
double peakHeapLive(const PacerRun& r) {
    double peak = 0;
    for (const CycleRecord& c : r.cycles)
        peak = std::max(peak, c.heap1);
    return peak;
}

// Go's heap at exit is not the model's (HeapInuse 0.97-1.5 times the model's at these points), so
// the model's heap spans are scaled by the ratio before MSpanInuse is compared; the 56 spans of Go's
// own (stacks, workbufs, the runtime's objects) are a fit that varies from run to run by about +-60,
// and MSpanSys counts whole chunks of 113 mspans: the tolerance is two chunks or 8 %, whichever is
// more. MSpanSys follows the most mspans ever in use, so the heap at its largest: it is compared per
// byte of the largest heapLive at the end of a mark (gcpacertrace, exact on both sides). Go's grows
// with the machine's load (its marks take longer and more spans are in use at the peak: 455616 to
// 520704 B at 8 MiB, two Ps, the highest beside a sanitizer test run), so the model's share must lie
// between 80 % and 110 % of Go's. Not per byte of HeapSys: the heap is mapped in 4 MiB steps, and at 8
// MiB, one P, the peak lies near a step (Go 28 MiB mapped, the model 24 or 28 MiB by seed and
// scheduling, with the same MSpanSys), a 17 % jump that says nothing about the mspans. At 1 MiB Go's
// own spans weigh as much as the heap's (5 to 10 chunks between runs with two Ps), so it is compared
// at 8 MiB only.
TEST(MetadataConformance, MSpanAndMCacheMemoryAgreeWithGo) {
    const double chunk = static_cast<double>(fixAllocSys(1, mspanBytes));
    for (std::uint64_t live : {std::uint64_t{1} << 20, std::uint64_t{8} << 20}) {
        for (std::uint32_t procs : {1u, 2u}) {
            const SteadyStateParams p = steadyRun(live, procs);
            const PacerRun go = runGoSteadyState(GCLAB_GO_STEADYSTATE, p);
            const PacerRun model = runModelSteadyState(p, go.globalsScan);
            auto goStat = [&](const char* k) { return static_cast<double>(go.memStats.at(k)); };
            auto modelStat = [&](const char* k) { return static_cast<double>(model.memStats.at(k)); };
            const std::string where =
                std::to_string(live >> 20) + " MiB, GOMAXPROCS " + std::to_string(procs);

            EXPECT_EQ(model.memStats.at("MCacheInuse"), go.memStats.at("MCacheInuse")) << where;
            EXPECT_EQ(model.memStats.at("MCacheSys"), go.memStats.at("MCacheSys")) << where;

            const double modelHeapSpans = modelStat("MSpanInuse") / mspanBytes - runtimeMSpans;
            const double scaled =
                (modelHeapSpans * goStat("HeapInuse") / modelStat("HeapInuse") + runtimeMSpans) * mspanBytes;
            EXPECT_NEAR(scaled, goStat("MSpanInuse"), std::max(2 * chunk, 0.08 * goStat("MSpanInuse")))
                << where << ": model " << modelStat("MSpanInuse") << " B for HeapInuse "
                << modelStat("HeapInuse") << ", Go " << goStat("MSpanInuse") << " B for "
                << goStat("HeapInuse");
            if (live >= 8 << 20) {
                const double modelPeak = peakHeapLive(model), goPeak = peakHeapLive(go);
                ASSERT_GT(modelPeak, 0) << where;
                ASSERT_GT(goPeak, 0) << where;
                const double modelShare = modelStat("MSpanSys") / modelPeak;
                const double goShare = goStat("MSpanSys") / goPeak;
                const std::string shares =
                    where + ": MSpanSys model " + std::to_string(modelStat("MSpanSys")) +
                    " for a peak heapLive of " + std::to_string(modelPeak) + ", Go " +
                    std::to_string(goStat("MSpanSys")) + " for " + std::to_string(goPeak);
                EXPECT_GE(modelShare, 0.80 * goShare) << shares;
                EXPECT_LE(modelShare, 1.10 * goShare) << shares;
            }
            EXPECT_EQ(std::fmod(goStat("MSpanSys"), chunk), 0.0)
                << where << ": Go maps mspans in chunks of 113";
        }
    }
}

} // namespace
} // namespace gclab::conformance
