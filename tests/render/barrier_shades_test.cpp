// Tests for Runtime::recentShades (sim/mbarrier.h) and render/barrier_shades.h: the kept barriers are the
// latest shade events of the event stream, in order, and the marks name the objects they touched. The
// oracle is the event stream of a plain run (the shade event, and the store event after it).
#include "render/barrier_shades.h"
#include "render/scenario_source.h"
#include "scenarios/param_value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace gclab::render {
namespace {

TEST(RecentShades, TheRingKeepsTheLatestBarriersOldestFirst) {
    RecentShades r;
    EXPECT_EQ(r.size(), 0u);
    for (std::uint64_t t = 1; t <= 20; t++) {
        r.push(ShadeRecord{t, 0, false, 0xc000000000 + t, 0, 0, 0});
        ASSERT_EQ(r.size(), std::min<std::uint64_t>(t, RecentShades::capacity));
        for (std::size_t i = 0; i < r.size(); i++)
            EXPECT_EQ(r.at(i).tick, t - r.size() + 1 + i);
    }
}

TEST(BarrierShades, TheRuntimeKeepsTheEventStreamsLatestBarriers) {
    LoadedScenario sc = loadScenario("steady-state");
    sc.scenario.gogc = 25;
    ParamValues v = sc.scenario.defaults();
    ASSERT_EQ(applyParamOverride(sc.scenario, "live_bytes=256KiB", v), "");
    RuntimeConfig cfg = runConfig(sc);
    cfg.recordEvents = true;
    Runtime rt(cfg);
    sc.scenario.build(rt, v);
    std::vector<ShadeRecord> oracle;
    bool awaitingStore = false;
    std::uint64_t checks = 0;
    while (rt.tick < 47000 && rt.step()) {
        for (const Event& e : rt.events) {
            if (e.kind == EventKind::shade) {
                oracle.push_back(ShadeRecord{e.tick, e.p, e.a == 0, e.a, 0, e.b, e.c, rt.work.cycles});
                awaitingStore = true;
            } else if (e.kind == EventKind::store && awaitingStore) {
                // The store names the slot: a global's index (field ~0) or the object and its field.
                oracle.back().global = e.b == ~uintptr{0};
                oracle.back().slot = e.a;
                oracle.back().field = oracle.back().global ? 0 : static_cast<std::uint32_t>(e.b);
                awaitingStore = false;
            }
        }
        rt.events.clear();
        if (rt.tick % 97 != 0 || oracle.empty())
            continue;
        checks++;
        const std::size_t n = std::min(oracle.size(), RecentShades::capacity);
        ASSERT_EQ(rt.recentShades.size(), n);
        for (std::size_t i = 0; i < n; i++)
            ASSERT_EQ(rt.recentShades.at(i), oracle[oracle.size() - n + i])
                << "tick " << rt.tick << " #" << i;
        // Every mark is an allocated object's base, touched by its barrier in its role.
        for (const ShadeMark& m : barrierShadeMarks(rt)) {
            const ShadeRecord& b = rt.recentShades.at(m.barrier);
            ObjectRef ref;
            ASSERT_TRUE(rt.mheap.findObject(m.object, ref));
            const MSpan& s = rt.mheap.span(ref.span);
            EXPECT_EQ(s.base() + uintptr{ref.slot} * s.elemsize, m.object);
            const uintptr touched = m.role == ShadeRole::slot       ? b.slot
                                    : m.role == ShadeRole::oldValue ? b.oldValue
                                                                    : b.newValue;
            EXPECT_TRUE(touched >= m.object && touched < m.object + s.elemsize);
            if (m.role == ShadeRole::slot) {
                EXPECT_FALSE(b.global);
                const GoType& t = rt.types[rt.objectType(m.object)];
                ASSERT_LT(b.field, t.numPtrs());
                EXPECT_NE(std::find(t.ptrWords.begin(), t.ptrWords.end(), m.word), t.ptrWords.end());
            }
        }
    }
    EXPECT_GT(checks, 10u) << "the run made too few write barriers to check";
}

// The views highlight only the barriers of the mark phase under way: Go's write barrier is on from
// gcStart to the end of mark termination. The oracle counts the shade events since the barrier was last
// off (gcphase off after a step); the kept barriers that count as current are the latest of those.
TEST(BarrierShades, OnlyTheMarkPhaseUnderWayIsHighlighted) {
    LoadedScenario sc = loadScenario("steady-state");
    sc.scenario.gogc = 25;
    ParamValues v = sc.scenario.defaults();
    ASSERT_EQ(applyParamOverride(sc.scenario, "live_bytes=256KiB", v), "");
    RuntimeConfig cfg = runConfig(sc);
    cfg.recordEvents = true;
    Runtime rt(cfg);
    sc.scenario.build(rt, v);
    std::uint64_t sinceOn = 0; // shade events since the barrier was last off
    std::uint64_t offWithKept = 0, mixed = 0, marksChecked = 0;
    std::uint32_t cyclesDone = 0;
    bool wasOn = false;
    while (cyclesDone < 2 && rt.step()) {
        for (const Event& e : rt.events)
            if (e.kind == EventKind::shade)
                sinceOn++;
        rt.events.clear();
        const bool on = rt.gcphase != GCPhase::off;
        if (!on) {
            sinceOn = 0;
            if (wasOn)
                cyclesDone++;
        }
        wasOn = on;
        std::size_t current = 0;
        for (std::size_t i = 0; i < rt.recentShades.size(); i++)
            current += shadeIsCurrent(rt, rt.recentShades.at(i)) ? 1 : 0;
        ASSERT_EQ(current, std::min<std::uint64_t>(sinceOn, RecentShades::capacity)) << "tick " << rt.tick;
        // The current ones are the latest kept.
        for (std::size_t i = rt.recentShades.size() - current; i < rt.recentShades.size(); i++)
            ASSERT_TRUE(shadeIsCurrent(rt, rt.recentShades.at(i))) << "tick " << rt.tick;
        if (!on && rt.recentShades.size() > 0)
            offWithKept++;
        if (on && current > 0 && current < rt.recentShades.size())
            mixed++;
        if (rt.tick % 97 == 0) {
            marksChecked++;
            for (const ShadeMark& m : barrierShadeMarks(rt))
                ASSERT_TRUE(shadeIsCurrent(rt, rt.recentShades.at(m.barrier))) << "tick " << rt.tick;
            if (!on) {
                EXPECT_TRUE(barrierShadeMarks(rt).empty()) << "tick " << rt.tick;
            }
        }
    }
    EXPECT_EQ(cyclesDone, 2u);
    EXPECT_GT(offWithKept, 0u) << "no tick after a cycle with barriers kept: not a meaningful check";
    EXPECT_GT(mixed, 0u) << "no tick that kept barriers of two cycles: not a meaningful check";
    EXPECT_GT(marksChecked, 10u);
}

} // namespace
} // namespace gclab::render
