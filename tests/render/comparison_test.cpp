// Tests for side by side (render/comparison.h, run_overrides.h, key_stats.h): the compared run is a
// plain run of the scenario with the changed settings, always at the primary's tick (or at its end),
// and the diff table shows both runs' runtime.MemStats. The oracles are fresh Runtimes stepped without a
// Timeline, read with readMemStats.
#include "sim/mstats.h"

#include "render/comparison.h"
#include "render/key_stats.h"
#include "render/scenario_source.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>

namespace gclab::render {
namespace {

std::uint64_t hashOf(const Runtime& rt) { return rt.stateHash() ^ rt.eventHash.h; }

// A small steady-state: 64 KiB live, GOGC 25 (a 1 MiB minimum heap), ten garbage objects per iteration.
struct Small {
    LoadedScenario sc = loadScenario("steady-state");
    ParamValues params = sc.scenario.defaults();
    Small() {
        sc.scenario.gogc = 25;
        params["live_bytes"] = 64 << 10;
        params["garbage_per_iter"] = 10;
        params["iterations"] = 2000;
    }
    std::unique_ptr<Session> session() const { return std::make_unique<Session>(sc, params, true); }
    // plain runs the scenario with the overrides applied, without a Timeline, to tick t.
    Runtime plain(const RunOverrides& o, std::uint64_t t) const {
        LoadedScenario s = sc;
        ParamValues p = params;
        applyRunOverrides(o, s, p);
        return runScenario(s, p, t);
    }
};

RunOverrides parsed(const std::string& spec) {
    RunOverrides o;
    EXPECT_EQ(parseRunOverrides(spec, loadScenario("steady-state").scenario, o), "") << spec;
    return o;
}

TEST(RunOverrides, ParsesEverySetting) {
    RunOverrides o =
        parsed("gogc=50,gomemlimit=64MiB,gomaxprocs=2,barrier=dijkstra,go-version=1.26,iterations=7");
    EXPECT_EQ(o.gogc, 50);
    EXPECT_EQ(o.memoryLimit, std::int64_t{64} << 20);
    EXPECT_EQ(o.gomaxprocs, 2u);
    EXPECT_EQ(o.barrier, BarrierMode::dijkstra);
    EXPECT_EQ(o.goVersion, GoVersion::go1_26);
    EXPECT_EQ(o.params, (ParamValues{{"iterations", 7}}));
    EXPECT_EQ(parsed("gogc=off").gogc, -1);
    EXPECT_EQ(parsed("gomemlimit=off").memoryLimit, std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(parsed("live_bytes=1MiB").params.at("live_bytes"), 1 << 20);
    EXPECT_TRUE(parsed("original").empty());
}

TEST(RunOverrides, RejectsBadSpecsSayingWhatWasExpected) {
    const Scenario sc = loadScenario("steady-state").scenario;
    const std::pair<const char*, const char*> bad[] = {
        {"", "expected 'original' or KEY=VALUE"},
        {"gogc", "expected KEY=VALUE"},
        {"gogc=fifty", "gogc: GOGC=fifty"},
        {"gomemlimit=64MB", "gomemlimit: GOMEMLIMIT=64MB"},
        {"gomaxprocs=0", "gomaxprocs:"},
        {"barrier=steele", "barrier: expected hybrid, hybrid-conceptual, dijkstra, yuasa or off"},
        {"go-version=1.20", "go-version:"},
        {"nope=1", "unknown setting 'nope'; expected gogc"},
        {"iterations=-1", "iterations:"},
        {"gogc=50,", "after the last ','"},
        {"gogc=50,,gogc=60", "expected KEY=VALUE"},
    };
    for (const auto& [spec, want] : bad) {
        RunOverrides o;
        const std::string err = parseRunOverrides(spec, sc, o);
        EXPECT_EQ(err.rfind("--compare: ", 0), 0u) << spec << ": " << err;
        EXPECT_NE(err.find(want), std::string::npos) << spec << ": " << err;
        EXPECT_EQ(err.find('\n'), std::string::npos) << "one line: " << err;
    }
}

TEST(RunOverrides, ApplyChangesTheRunConfigurationAndKnownParametersOnly) {
    LoadedScenario sc = loadScenario("steady-state");
    ParamValues p = sc.scenario.defaults();
    RunOverrides o =
        parsed("gogc=50,gomemlimit=8MiB,gomaxprocs=3,barrier=yuasa,go-version=1.26,iterations=9");
    o.params["no_such_param"] = 1;
    applyRunOverrides(o, sc, p);
    const RuntimeConfig cfg = runConfig(sc);
    EXPECT_EQ(cfg.gogc, 50);
    EXPECT_EQ(cfg.memoryLimit, 8 << 20);
    EXPECT_EQ(cfg.gomaxprocs, 3u);
    EXPECT_EQ(cfg.barrier, BarrierMode::yuasa);
    EXPECT_EQ(cfg.goVersion, GoVersion::go1_26);
    EXPECT_EQ(p.at("iterations"), 9);
    EXPECT_FALSE(p.contains("no_such_param"));
}

// Property: whatever the primary does (steps by each unit, back, seeks), after follow the compared run is
// at the same tick, in the state a plain run with its settings reaches there.
TEST(Comparison, FollowsThePrimaryTickToThePlainRunsState) {
    const Small small;
    const RunOverrides o = parsed("gogc=60,garbage_per_iter=5");
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        auto s = small.session();
        Comparison c(*s, o, true);
        std::mt19937 rng(seed);
        for (int i = 0; i < 12; i++) {
            switch (rng() % 5) {
            case 0:
                s->stepForward(StepUnit::tick);
                break;
            case 1:
                s->stepForward(StepUnit::phase);
                break;
            case 2:
                s->stepForward(StepUnit::mutatorOp);
                break;
            case 3:
                s->stepBack(StepUnit::phase);
                break;
            default:
                s->seek(rng() % 20000);
                break;
            }
            c.follow(s->tick());
            ASSERT_FALSE(c.endedBefore(s->tick()));
            ASSERT_EQ(c.run().tick(), s->tick()) << "seed " << seed << " op " << i;
            EXPECT_EQ(hashOf(c.run().runtime()), hashOf(small.plain(o, s->tick()))) << "tick " << s->tick();
        }
    }
}

TEST(Comparison, KeyStatsAreBothRunsMemStats) {
    const Small small;
    const RunOverrides o = parsed("gogc=5,gomaxprocs=2");
    auto s = small.session();
    Comparison c(*s, o);
    const std::uint64_t t = 20000; // GOGC=5 completed its first cycle at tick 7 886, GOGC=25 has not yet
    s->seek(t);
    c.follow(t);
    const Runtime a = small.plain(RunOverrides{}, t), b = small.plain(o, t);
    const MemStats ma = readMemStats(a), mb = readMemStats(b);
    ASSERT_GT(mb.NumGC, 0u);
    ASSERT_NE(ma.NumGC, mb.NumGC); // the settings make a difference at this tick
    const std::vector<KeyStat> rows = keyStats(s->runtime(), c.run().runtime());
    auto row = [&](const std::string& name) -> const KeyStat& {
        for (const KeyStat& k : rows)
            if (name == k.name)
                return k;
        ADD_FAILURE() << "no row " << name;
        return rows.front();
    };
    auto expectRow = [&](const char* name, double va, double vb) {
        const KeyStat& k = row(name);
        EXPECT_EQ(k.a, va) << name;
        EXPECT_EQ(k.b, vb) << name;
        EXPECT_EQ(k.diff(), vb - va) << name;
        if (va != 0) {
            EXPECT_DOUBLE_EQ(*k.relative(), (vb - va) / va) << name;
        }
    };
    auto d = [](std::uint64_t v) { return static_cast<double>(v); };
    expectRow("HeapAlloc", d(ma.HeapAlloc), d(mb.HeapAlloc));
    expectRow("HeapInuse", d(ma.HeapInuse), d(mb.HeapInuse));
    expectRow("HeapSys", d(ma.HeapSys), d(mb.HeapSys));
    expectRow("heap goal", d(ma.NextGC), d(mb.NextGC));
    expectRow("heapLive", d(a.gcController.heapLive), d(b.gcController.heapLive));
    expectRow("HeapObjects", d(ma.HeapObjects), d(mb.HeapObjects));
    expectRow("Mallocs", d(ma.Mallocs), d(mb.Mallocs));
    expectRow("TotalAlloc", d(ma.TotalAlloc), d(mb.TotalAlloc));
    expectRow("NumGC", d(ma.NumGC), d(mb.NumGC));
    expectRow("GC CPU", ma.GCCPUFraction, mb.GCCPUFraction);
    expectRow("PauseTotal", d(ma.PauseTotalNs), d(mb.PauseTotalNs));
    expectRow("virtual time", static_cast<double>(a.now()), static_cast<double>(b.now()));
    double assistA = 0, assistB = 0;
    for (const GCCycleStats& x : a.work.history)
        assistA += static_cast<double>(x.assistTime);
    for (const GCCycleStats& x : b.work.history)
        assistB += static_cast<double>(x.assistTime);
    expectRow("assist time", assistA, assistB);
}

TEST(Comparison, TheOriginalRunIsTheRunALiveChangeForkedFrom) {
    const Small small;
    auto s = small.session();
    s->seek(3000);
    s->setGOGC(5);
    ASSERT_NE(s->original(), nullptr);
    s->seek(20000);
    Comparison c(*s, RunOverrides{});
    c.follow(s->tick());
    ASSERT_EQ(c.run().tick(), 20000u);
    EXPECT_EQ(hashOf(c.run().runtime()), hashOf(small.plain(RunOverrides{}, 20000)));
    EXPECT_NE(hashOf(c.run().runtime()), hashOf(s->runtime())); // the fork went elsewhere
    EXPECT_NE(c.label(*s).find("GOGC=25"), std::string::npos) << c.label(*s);
}

TEST(Comparison, ARunThatEndedEarlierStaysAtItsEnd) {
    const Small small;
    auto s = small.session();
    Comparison c(*s, parsed("iterations=50"));
    s->seek(std::numeric_limits<std::uint64_t>::max() >> 1);
    const std::uint64_t endA = s->tick();
    c.follow(endA);
    const std::uint64_t endB = c.run().tick();
    ASSERT_LT(endB, endA);
    EXPECT_TRUE(c.endedBefore(endA));
    EXPECT_TRUE(c.run().timeline().finished());
    EXPECT_EQ(hashOf(c.run().runtime()), hashOf(small.plain(parsed("iterations=50"), endA)));
    // Back before its end, it follows again.
    s->seek(endB / 2);
    c.follow(s->tick());
    EXPECT_EQ(c.run().tick(), endB / 2);
    EXPECT_FALSE(c.endedBefore(s->tick()));
    EXPECT_NE(c.label(*s).find("iterations=50"), std::string::npos) << c.label(*s);
}

TEST(KeyStats, DifferencesAndTheirFormatting) {
    KeyStat k{"x", "", StatUnit::bytes, 2048, 3072};
    EXPECT_EQ(k.diff(), 1024);
    EXPECT_DOUBLE_EQ(*k.relative(), 0.5);
    EXPECT_EQ(formatStatDiff(k.unit, k.diff()), "+1 KiB");
    EXPECT_EQ(formatStatDiff(k.unit, -k.diff()), "-1 KiB");
    EXPECT_EQ(formatRelative(k.relative()), "+50.0 %");
    EXPECT_FALSE((KeyStat{"y", "", StatUnit::count, 0, 3}.relative()));
    EXPECT_EQ(formatRelative(KeyStat{"y", "", StatUnit::count, 0, 3}.relative()), "new");
    EXPECT_EQ(formatRelative(KeyStat{"z", "", StatUnit::count, 0, 0}.relative()), "=");
    EXPECT_EQ(formatStatDiff(StatUnit::fraction, 0.025), "+2.5 pp");
    EXPECT_EQ(formatStatValue(StatUnit::fraction, 0.125), "12.5 %");
    EXPECT_EQ(formatStatDiff(StatUnit::nanoseconds, -1.5e6), "-1.5 ms");
    EXPECT_EQ(formatStatValue(StatUnit::count, 1234567), "1 234 567");
}

} // namespace
} // namespace gclab::render
