// The pacer against real Go 1.19 running the same steady-state program (go/steadystate): the first
// cycle's goal and trigger exactly, the dedicated/fractional worker counts for GOMAXPROCS 1..16
// exactly, and the steady heap goal, marked heap and cycle rate, without a limit and at a tight one,
// within tolerances that cover Go's own run-to-run spread on a shared 2-CPU machine (docs/pacer.md
// has the numbers).
#include "pacer_compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace gclab::conformance {
namespace {

constexpr double MiB = 1 << 20;

// runGoUntilFirstCycleTraced runs the Go probe until its first cycle printed gcpacertrace's end
// line. Go's endCycle returns before printing when heapLive did not pass the trigger during the mark
// (no span was refilled while it ran), which happens on a loaded machine; the cycle's exact goal and
// trigger are then only in that line.
PacerRun runGoUntilFirstCycleTraced(const SteadyStateParams& p) {
    constexpr int attempts = 5;
    PacerRun go;
    for (int i = 0; i < attempts; i++) {
        go = runGoSteadyState(GCLAB_GO_STEADYSTATE, p);
        if (!go.cycles.empty() && go.cycles[0].hasPacerEnd)
            return go;
    }
    ADD_FAILURE() << "Go's first cycle printed no gcpacertrace end line in " << attempts << " runs";
    return go;
}

TEST(PacerConformance, FirstCycleGoalAndTriggerAreExact) {
    for (std::int32_t gogc : {100, 50}) {
        SteadyStateParams p;
        p.liveBytes = 4 << 20;
        p.iterations = 20'000;
        p.gogc = gogc;
        PacerRun go = runGoUntilFirstCycleTraced(p);
        PacerRun model = runModelSteadyState(p, go.globalsScan);
        ASSERT_FALSE(go.cycles.empty());
        ASSERT_FALSE(model.cycles.empty());
        ASSERT_TRUE(model.cycles[0].hasPacerEnd) << "GOGC=" << gogc;
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

// GoSpread is the lowest and highest of each summary field over runs of the Go probe (seeds 1, 2,
// ...: Go's own spread), and the globals the binary scans.
struct GoSpread {
    PacerSummary low, high;
    std::uint64_t globalsScan = 0;
};

GoSpread runGo(SteadyStateParams p, std::uint64_t times) {
    std::vector<PacerSummary> runs;
    GoSpread m;
    for (std::uint64_t seed = 1; seed <= times; seed++) {
        p.seed = seed;
        PacerRun go = runGoSteadyState(GCLAB_GO_STEADYSTATE, p);
        m.globalsScan = go.globalsScan;
        runs.push_back(summarize(go));
    }
    auto rankOf = [&runs](auto PacerSummary::*f, std::size_t rank) {
        std::vector<double> v;
        for (const PacerSummary& s : runs)
            v.push_back(static_cast<double>(s.*f));
        std::sort(v.begin(), v.end());
        return v[rank];
    };
    for (auto [out, rank] : {std::pair{&m.low, std::size_t{0}}, std::pair{&m.high, runs.size() - 1}}) {
        out->cycles = static_cast<std::size_t>(rankOf(&PacerSummary::cycles, rank));
        out->medianGoal = rankOf(&PacerSummary::medianGoal, rank);
        out->medianLive = rankOf(&PacerSummary::medianLive, rank);
        out->cyclesPerByte = rankOf(&PacerSummary::cyclesPerByte, rank);
        out->backgroundShare = rankOf(&PacerSummary::backgroundShare, rank);
    }
    return m;
}

// expectWithinGoSpread: the model's value lies between Go's lowest and highest run, widened by below
// and above (Go's steady goal moved by up to 12 % between identical runs while CI's sanitizer pass
// loaded the machine: 24.3 to 27.25 MiB).
void expectWithinGoSpread(double model, const GoSpread& go, double PacerSummary::*f, double below,
                          double above, const char* what) {
    const double low = go.low.*f, high = go.high.*f;
    EXPECT_GE(model, low * (1 - below)) << what << ": model " << model << ", Go " << low << " to " << high;
    EXPECT_LE(model, high * (1 + above)) << what << ": model " << model << ", Go " << low << " to " << high;
}

TEST(PacerConformance, SteadyStateGoalLiveHeapAndCycleRateAgree) {
    SteadyStateParams p;
    p.liveBytes = 8 << 20;
    p.iterations = 300'000;
    GoSpread go = runGo(p, 3);
    p.seed = 1;
    PacerSummary model = summarize(runModelSteadyState(p, go.globalsScan));
    ASSERT_GE(model.steadyCycles, 5u);
    expectWithinGoSpread(model.medianGoal, go, &PacerSummary::medianGoal, 0.05, 0.05, "heap goal");
    expectWithinGoSpread(model.medianLive, go, &PacerSummary::medianLive, 0.08, 0.08, "marked heap");
    expectWithinGoSpread(model.cyclesPerByte, go, &PacerSummary::cyclesPerByte, 0.12, 0.12, "cycle rate");
    // Go looks for a mark worker only in schedule(), which goroutines that never block reach when they
    // park in an assist, after sysmon's 10 ms preemption and at mark start, so assists do most of the
    // marking. gctrace over the steady phase (8 MiB, GOGC=100, quiet machine): Go's dedicated and
    // fractional workers did 7-18 % of the mark CPU at P=1 and P=2 (seeds 1-3), the model's 3-14 %
    // (by seed), and 41-42 % when the model asked for a worker before every operation. Go's share
    // grows with its wall time (26-43 % with a second conformance test running beside it), so the
    // check is one-sided: no more than Go's highest plus 10 points.
    EXPECT_LE(model.backgroundShare, go.high.backgroundShare + 0.10)
        << "background workers' share of the mark CPU: model " << model.backgroundShare << ", Go "
        << go.low.backgroundShare << " to " << go.high.backgroundShare;
}

// A limit the heap cannot meet (8 MiB live, GOGC=50, GOMEMLIMIT=24 MiB, GOMAXPROCS=2): cycles run back
// to back, each letting the heap run past the goal. Go takes one of two regimes in a run, decided by
// tens of KB of fragmentation: at the limit, the goal clamped to the marked heap (10.0-10.6 MB), or
// just above it (11.1-12.8 MB); three runs all landed in the second in 4 of 30 tries (2026-12-02), and
// Go's cycle count spreads further: 62-267 cycles for the same 163 MB of allocation, fewer on a loaded
// machine, where its mark phases take longer in wall time. So Go runs five times and the model with
// three seeds; the model's median goal and marked heap must lie within Go's spread widened by 6 and
// 8 % above and by 12 % below (the gap between the regimes, for five Go runs all in the upper one),
// and its cycle count within it widened by a factor of 5/3. The model before
// the workbuf spans were counted ran 1743 cycles at 8.6 MiB (docs/pacer.md). Both sides allocate the
// same bytes, so the cycle count is the cycle rate over the whole run, fill included.
TEST(PacerConformance, TightLimitGoalLiveHeapAndCycleCountAgree) {
    SteadyStateParams p;
    p.liveBytes = 8 << 20;
    p.iterations = 300'000;
    p.gogc = 50;
    p.memoryLimit = 24 << 20;
    GoSpread go = runGo(p, 5);
    std::vector<PacerSummary> seeds;
    for (p.seed = 1; p.seed <= 3; p.seed++) {
        seeds.push_back(summarize(runModelSteadyState(p, go.globalsScan)));
        ASSERT_GE(seeds.back().steadyCycles, 20u) << "seed " << p.seed;
    }
    auto medianOf = [&seeds](auto PacerSummary::*f) {
        std::vector<double> v;
        for (const PacerSummary& s : seeds)
            v.push_back(static_cast<double>(s.*f));
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    expectWithinGoSpread(medianOf(&PacerSummary::medianGoal), go, &PacerSummary::medianGoal, 0.12, 0.06,
                         "heap goal");
    expectWithinGoSpread(medianOf(&PacerSummary::medianLive), go, &PacerSummary::medianLive, 0.12, 0.08,
                         "marked heap");
    const auto cycles = medianOf(&PacerSummary::cycles);
    EXPECT_GE(cycles, 0.6 * static_cast<double>(go.low.cycles))
        << cycles << " cycles vs Go " << go.low.cycles << " to " << go.high.cycles;
    EXPECT_LE(cycles, 5.0 / 3 * static_cast<double>(go.high.cycles))
        << cycles << " cycles vs Go " << go.low.cycles << " to " << go.high.cycles;
}

} // namespace
} // namespace gclab::conformance
