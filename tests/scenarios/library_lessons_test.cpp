// Each lesson in the built-in library shows what it claims: checked on the model's events and
// MemStats, with the oracle on, at the scenario's defaults unless a lesson is about a setting.
#include "sim/mstats.h"

#include "scenarios/scenario_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace gclab {
namespace {

struct LessonRun {
    std::vector<Event> events;
    MemStats end;
    std::uint64_t peakHeapInuse = 0;
    std::uint64_t peakNextGC = 0;
    bool oracleFailed = false;
    std::vector<GCCycleStats> cycles; // gctrace's numbers per finished cycle

    std::vector<std::uint64_t> markedPerCycle() const {
        std::vector<std::uint64_t> v;
        for (const Event& e : events)
            if (e.kind == EventKind::gcDone)
                v.push_back(e.b);
        return v;
    }
    std::size_t count(EventKind k) const {
        return static_cast<std::size_t>(
            std::count_if(events.begin(), events.end(), [k](const Event& e) { return e.kind == k; }));
    }
};

// runLesson runs a library scenario to the end with the oracle on, keeping every event and sampling
// MemStats every 256 steps. adjust may change the configuration the scenario asks for.
LessonRun runLesson(const std::string& name, const ParamValues& overrides = {},
                    const std::function<void(RuntimeConfig&)>& adjust = nullptr) {
    const ScenarioFile* f = findLibraryScenario(name);
    EXPECT_NE(f, nullptr) << name;
    LessonRun run;
    if (f == nullptr)
        return run;
    RuntimeConfig cfg = scenarioSettings(f->scenario, f);
    cfg.checkmark = true;
    cfg.logStores = true;
    cfg.recordEvents = true;
    if (adjust)
        adjust(cfg);
    ParamValues values = f->scenario.defaults();
    for (const auto& [k, v] : overrides)
        values[k] = v;
    Runtime rt(cfg);
    f->scenario.build(rt, values);
    std::uint64_t steps = 0;
    try {
        while (rt.step()) {
            if (++steps % 256 == 0) {
                MemStats m = readMemStats(rt);
                run.peakHeapInuse = std::max(run.peakHeapInuse, m.HeapInuse);
                run.peakNextGC = std::max(run.peakNextGC, m.NextGC);
            }
        }
    } catch (const OracleViolation&) {
        run.oracleFailed = true;
    }
    run.events = rt.events;
    run.cycles = rt.work.history;
    run.end = readMemStats(rt);
    run.peakHeapInuse = std::max(run.peakHeapInuse, run.end.HeapInuse);
    run.peakNextGC = std::max(run.peakNextGC, run.end.NextGC);
    return run;
}

TEST(ScenarioLessons, TourVisitsEveryStageAndPausesAtItsBreakpoints) {
    LessonRun r = runLesson("tour");
    EXPECT_FALSE(r.oracleFailed);
    EXPECT_EQ(r.end.NumGC, 2u);
    EXPECT_GT(r.count(EventKind::shade), 0u); // the second cycle's stores went through the barrier
    EXPECT_GT(r.count(EventKind::spanFree), 0u);
    std::set<std::uint64_t> largeSpans; // the Buffer: one span of 5 pages, size class 0
    for (const Event& e : r.events)
        if (e.kind == EventKind::spanAlloc && e.b == 5 && e.c / 2 == 0)
            largeSpans.insert(e.a);
    EXPECT_EQ(largeSpans.size(), 1u);
    EXPECT_EQ(r.end.BySize[3].Mallocs, 600u); // every Item is in class 3 (24 B)
    const Scenario* s = findScenario("tour");
    ASSERT_NE(s, nullptr);
    std::vector<std::string> pauses;
    for (const NarrationBeat* b : s->breakpoints())
        pauses.push_back(b->when);
    EXPECT_EQ(pauses, (std::vector<std::string>{"gc:1", "phase:marktermination", "event:shade"}));
}

TEST(ScenarioLessons, SpanLifecycleFreesAnEmptySpanThroughSweeping) {
    LessonRun r = runLesson("span-lifecycle");
    EXPECT_FALSE(r.oracleFailed);
    std::set<std::uint64_t> sweptAndFreed, freed;
    std::size_t sweptPartlyLive = 0;
    for (const Event& e : r.events) {
        if (e.kind == EventKind::spanSwept && e.c == 1)
            sweptAndFreed.insert(e.a);
        if (e.kind == EventKind::spanSwept && e.c == 0 && e.b > 0)
            sweptPartlyLive++; // some Objs freed, the span kept for its live ones
        if (e.kind == EventKind::spanFree)
            freed.insert(e.a);
    }
    EXPECT_GE(sweptAndFreed.size(), 4u) << "the spans of dropped Objs are freed by sweeping";
    for (std::uint64_t base : sweptAndFreed)
        EXPECT_TRUE(freed.contains(base)) << "a swept-empty span goes back to the heap";
    EXPECT_GE(sweptPartlyLive, 4u);
    EXPECT_EQ(r.end.HeapObjects, 8u * 64u + 256u); // the kept Objs and the reused slots
}

std::uint64_t firstCycleMarked(const LessonRun& r) {
    std::vector<std::uint64_t> m = r.markedPerCycle();
    return m.empty() ? 0 : m.front();
}

TEST(ScenarioLessons, DijkstraAndYuasaShadeDifferentObjectsAndBothKeepEveryLeaf) {
    auto with = [](BarrierMode mode) {
        return runLesson("dijkstra-vs-yuasa", {}, [mode](RuntimeConfig& c) { c.barrier = mode; });
    };
    LessonRun dijkstra = with(BarrierMode::dijkstra);
    LessonRun yuasa = with(BarrierMode::yuasa);
    LessonRun hybrid = with(BarrierMode::hybrid);
    EXPECT_FALSE(dijkstra.oracleFailed);
    EXPECT_FALSE(yuasa.oracleFailed);
    EXPECT_FALSE(hybrid.oracleFailed);
    // Yuasa shades every Leaf overwritten in the slice: floating garbage that Dijkstra lets die.
    EXPECT_GT(firstCycleMarked(yuasa), firstCycleMarked(dijkstra));
    EXPECT_GE(firstCycleMarked(hybrid), firstCycleMarked(dijkstra));
    EXPECT_TRUE(with(BarrierMode::off).oracleFailed) << "without a barrier a Leaf is lost";
}

TEST(ScenarioLessons, LeakingMapLiveHeapGrowsCycleOverCycle) {
    LessonRun r = runLesson("leaking-map");
    EXPECT_FALSE(r.oracleFailed);
    ASSERT_GE(r.cycles.size(), 3u);
    ASSERT_EQ(r.markedPerCycle().size(), r.cycles.size());
    // Marked bytes also count the request garbage allocated black while a cycle marks, which varies
    // with the length of the mark phase (a mark into pages nobody touched yet pays their faults and
    // lasts longer). Without it (heapLive's growth during the mark, heap1 - heap0), what the mark
    // kept from before it started shows the leak: a rising floor that never falls back.
    std::vector<std::uint64_t> kept;
    for (const GCCycleStats& c : r.cycles)
        kept.push_back(c.heap2 - std::min(c.heap2, c.heap1 - std::min(c.heap1, c.heap0)));
    std::uint64_t highest = kept.front();
    for (std::size_t i = 1; i < kept.size(); i++) {
        EXPECT_GE(kept[i] * 10, highest * 7) << "cycle " << i + 1;
        highest = std::max(highest, kept[i]);
    }
    EXPECT_GE(kept.back(), 3 * kept.front());
}

TEST(ScenarioLessons, GogcTradesCyclesForPeakHeap) {
    auto with = [](std::int32_t gogc) {
        return runLesson("gogc-tradeoff", {}, [gogc](RuntimeConfig& c) { c.gogc = gogc; });
    };
    LessonRun low = with(50);
    LessonRun high = with(400);
    EXPECT_FALSE(low.oracleFailed);
    EXPECT_FALSE(high.oracleFailed);
    EXPECT_GE(low.end.NumGC, 4 * high.end.NumGC);
    EXPECT_GE(high.end.NumGC, 1u);
    EXPECT_GE(high.peakHeapInuse, 3 * low.peakHeapInuse);
}

TEST(ScenarioLessons, MemoryLimitIsTighterThanTheGogcGoal) {
    const Scenario* s = findScenario("memory-limit");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->memoryLimit, 10 << 20);
    // The limit, not GOGC, binds: with it the heap goal stays far below GOGC's 4 MiB minimum goal.
    LessonRun limited = runLesson("memory-limit");
    LessonRun unlimited = runLesson("memory-limit", {}, [](RuntimeConfig& c) {
        c.memoryLimit = std::numeric_limits<std::int64_t>::max();
    });
    EXPECT_FALSE(limited.oracleFailed);
    EXPECT_FALSE(unlimited.oracleFailed);
    EXPECT_GE(unlimited.peakNextGC, std::uint64_t{4} << 20);
    EXPECT_LT(2 * limited.peakNextGC, unlimited.peakNextGC);
}

TEST(ScenarioLessons, ScavengerSpikeLeavesIdlePagesToReturn) {
    LessonRun r = runLesson("scavenger");
    EXPECT_FALSE(r.oracleFailed);
    constexpr std::uint64_t spike = 16 << 20;
    EXPECT_GE(r.peakHeapInuse, spike);
    EXPECT_LE(r.end.HeapInuse, spike / 4);
    EXPECT_GE(r.end.HeapIdle, spike / 2);          // free pages still mapped, or released to the OS
    EXPECT_GE(r.count(EventKind::spanFree), 200u); // each 64 KiB Block's span
}

TEST(ScenarioLessons, FragmentationKeepsHeapInuseFarAboveHeapAlloc) {
    LessonRun r = runLesson("fragmentation");
    EXPECT_FALSE(r.oracleFailed);
    EXPECT_EQ(r.end.HeapObjects, 2000u);
    EXPECT_GE(r.end.HeapInuse, 8 * r.end.HeapAlloc);
    EXPECT_EQ(r.count(EventKind::spanFree), 0u) << "no span is ever empty";
}

TEST(ScenarioLessons, EscapeAnalysisStackVariantAllocatesNothing) {
    LessonRun stack = runLesson("escape-analysis", {{"escape", 0}});
    LessonRun heap = runLesson("escape-analysis", {{"escape", 1}});
    EXPECT_FALSE(stack.oracleFailed);
    EXPECT_FALSE(heap.oracleFailed);
    EXPECT_EQ(stack.end.Mallocs, 0u);
    EXPECT_EQ(stack.end.TotalAlloc, 0u);
    EXPECT_EQ(stack.count(EventKind::alloc), 0u);
    EXPECT_EQ(heap.end.Mallocs, 2000u);
    EXPECT_EQ(heap.end.HeapObjects, 1u); // only the Point in the sink survives runtime.GC()
    EXPECT_EQ(stack.end.NumGC, 1u);
}

} // namespace
} // namespace gclab
