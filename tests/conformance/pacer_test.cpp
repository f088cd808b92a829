// The pacer against real Go 1.19 running the same steady-state program (go/steadystate): the first
// cycle's goal and trigger exactly, the dedicated/fractional worker counts for GOMAXPROCS 1..16
// exactly, and the steady heap goal, marked heap and cycles per allocated byte within tolerances
// that cover Go's own run-to-run spread on a shared 2-CPU machine (docs/pacer.md has the numbers).
#include "pacer_compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace gclab::conformance {
namespace {

constexpr double MiB = 1 << 20;

TEST(PacerConformance, FirstCycleGoalAndTriggerAreExact) {
    for (std::int32_t gogc : {100, 50}) {
        SteadyStateParams p;
        p.liveBytes = 4 << 20;
        p.iterations = 20'000;
        p.gogc = gogc;
        PacerRun go = runGoSteadyState(GCLAB_GO_STEADYSTATE, p);
        PacerRun model = runModelSteadyState(p, go.globalsScan);
        ASSERT_FALSE(go.cycles.empty());
        ASSERT_FALSE(model.cycles.empty());
        double goal = 4 * MiB * gogc / 100;
        EXPECT_EQ(go.cycles[0].goal, goal) << "GOGC=" << gogc; // what Go printed: the reference
        EXPECT_EQ(model.cycles[0].goal, goal) << "GOGC=" << gogc;
        EXPECT_EQ(model.cycles[0].triggered, go.cycles[0].triggered) << "GOGC=" << gogc;
        EXPECT_EQ(model.cycles[0].triggered, std::floor(goal / 64) * 61) << "GOGC=" << gogc;
    }
}

TEST(PacerConformance, WorkerCountsMatchGoForGOMAXPROCS1To16) {
    for (std::uint32_t procs = 1; procs <= 16; procs++) {
        SteadyStateParams p;
        p.liveBytes = 4 << 20;
        p.iterations = 2'000;
        p.goroutines = 1;
        p.gomaxprocs = procs;
        PacerRun go = runGoSteadyState(GCLAB_GO_STEADYSTATE, p);
        PacerRun model = runModelSteadyState(p, go.globalsScan);
        ASSERT_FALSE(go.cycles.empty()) << procs;
        ASSERT_FALSE(model.cycles.empty()) << procs;
        EXPECT_EQ(model.cycles[0].dedicated, go.cycles[0].dedicated) << "GOMAXPROCS=" << procs;
        // Both sides printed the fraction with Go's 7 significant digits.
        EXPECT_EQ(model.cycles[0].fractional, go.cycles[0].fractional) << "GOMAXPROCS=" << procs;
    }
}

TEST(PacerConformance, SteadyStateGoalLiveHeapAndCycleRateAgree) {
    SteadyStateParams p;
    p.liveBytes = 8 << 20;
    p.iterations = 300'000;
    // Go is run three times; its median summary is the reference.
    std::vector<PacerSummary> runs;
    std::uint64_t globals = 0;
    for (std::uint64_t seed = 1; seed <= 3; seed++) {
        p.seed = seed;
        PacerRun go = runGoSteadyState(GCLAB_GO_STEADYSTATE, p);
        globals = go.globalsScan;
        runs.push_back(summarize(go));
    }
    auto medianOf = [&runs](double PacerSummary::*f) {
        std::vector<double> v;
        for (const PacerSummary& s : runs)
            v.push_back(s.*f);
        std::sort(v.begin(), v.end());
        return v[1];
    };
    p.seed = 1;
    PacerSummary model = summarize(runModelSteadyState(p, globals));
    ASSERT_GE(model.steadyCycles, 5u);
    double goGoal = medianOf(&PacerSummary::medianGoal);
    double goLive = medianOf(&PacerSummary::medianLive);
    double goRate = medianOf(&PacerSummary::cyclesPerByte);
    EXPECT_NEAR(model.medianGoal / goGoal, 1.0, 0.05) << model.medianGoal << " vs Go " << goGoal;
    EXPECT_NEAR(model.medianLive / goLive, 1.0, 0.08) << model.medianLive << " vs Go " << goLive;
    EXPECT_NEAR(model.cyclesPerByte / goRate, 1.0, 0.12) << model.cyclesPerByte << " vs Go " << goRate;
}

} // namespace
} // namespace gclab::conformance
