// Tests for render/allocator_state.h and the model's alloc-path record behind it: the allocator view's
// rows are exactly the span classes holding a span, with each P's mcache and the mcentral sets as the
// model has them; and the path recorded for every allocation of several scenarios is the one an
// independent reading of the state just before and just after that allocation implies.
#include "render/allocator_state.h"
#include "render/scenario_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gclab::render {
namespace {

Runtime start(const std::string& name, const std::vector<std::pair<std::string, std::int64_t>>& params) {
    LoadedScenario sc = loadScenario(name);
    ParamValues v = sc.scenario.defaults();
    for (const auto& [k, x] : params)
        v[k] = x;
    return runScenario(sc, v, 0);
}

std::vector<SpanId> contents(const SpanSet& s) { return std::vector<SpanId>(s.begin(), s.end()); }

// The span classes holding a span, read straight from the heap's span records and mcentral sets.
std::set<int> classesInUse(const Runtime& rt) {
    std::set<int> out;
    for (std::size_t i = 1; i < rt.mheap.numSpanRecords(); i++)
        if (rt.mheap.span(static_cast<SpanId>(i)).state == MSpanState::mSpanInUse)
            out.insert(rt.mheap.span(static_cast<SpanId>(i)).spanclass.value);
    for (const MCentral& c : rt.mheap.central)
        if (!c.partial[0].empty() || !c.partial[1].empty() || !c.full[0].empty() || !c.full[1].empty())
            out.insert(c.spanclass.value);
    return out;
}

void expectStateMatchesModel(const Runtime& rt) {
    const AllocatorState st = readAllocatorState(rt);
    const std::set<int> want = classesInUse(rt);
    ASSERT_EQ(st.rows.size(), want.size());
    EXPECT_EQ(st.foldedClasses, static_cast<std::size_t>(numSpanClasses) - want.size());
    std::size_t i = 0;
    for (int spc : want) {
        const ClassRow& row = st.rows[i++];
        ASSERT_EQ(row.spanclass.value, spc);
        ASSERT_EQ(row.mcache.size(), rt.allp.size());
        for (const P& p : rt.allp) {
            EXPECT_EQ(row.mcache[p.id].span, p.mcache.alloc[static_cast<std::size_t>(spc)]);
            if (row.mcache[p.id].span != emptymspan) {
                EXPECT_EQ(row.mcache[p.id].allocCount, rt.mheap.span(row.mcache[p.id].span).allocCount);
            }
        }
        const MCentral& c = rt.mheap.central[static_cast<std::size_t>(spc)];
        const std::uint32_t sg = rt.mheap.sweepgen;
        // The swept half is the one sweepgen/2 % 2 indexes (mcentral.go: partialSwept, fullSwept).
        EXPECT_EQ(row.sets[0], contents(c.partial[sg / 2 % 2]));
        EXPECT_EQ(row.sets[1], contents(c.partial[1 - sg / 2 % 2]));
        EXPECT_EQ(row.sets[2], contents(c.full[sg / 2 % 2]));
        EXPECT_EQ(row.sets[3], contents(c.full[1 - sg / 2 % 2]));
    }
    ASSERT_EQ(st.tiny.size(), rt.allp.size());
    std::optional<std::uint32_t> latest;
    for (const P& p : rt.allp) {
        EXPECT_EQ(st.tiny[p.id].tiny, p.mcache.tiny);
        EXPECT_EQ(st.tiny[p.id].tinyoffset, p.mcache.tinyoffset);
        if (p.lastAlloc.path.stages != 0 && (!latest || p.lastAlloc.tick > rt.allp[*latest].lastAlloc.tick))
            latest = p.id;
    }
    EXPECT_EQ(st.currentP, latest);
}

TEST(AllocatorState, RowsAreTheSpanClassesHoldingASpanWithTheModelsMcachesAndSets) {
    for (const char* name : {"mcache-refill", "span-lifecycle", "tour"}) {
        SCOPED_TRACE(name);
        Runtime rt = start(name, {});
        std::uint64_t checked = 0;
        for (std::uint64_t t = 0; t < 40000 && rt.step(); t++)
            if (t % 997 == 0) {
                expectStateMatchesModel(rt);
                checked++;
            }
        expectStateMatchesModel(rt);
        EXPECT_GT(checked, 3u);
    }
}

// Before is what the test keeps of the state just before a step (a whole Runtime per tick would be slow).
struct Before {
    uintptr pagesEnd = 0;
    struct SpanRecord {
        bool inUse = false;
        uintptr base = 0;
        std::uint32_t allocCount = 0;
    };
    std::vector<SpanRecord> spans; // by SpanId
    std::vector<std::array<SpanId, numSpanClasses>> mcacheAlloc;
    std::vector<bool> needPrepareForSweep;
    std::array<std::array<std::vector<SpanId>, 4>, numSpanClasses> sets; // partial/full swept, unswept

    explicit Before(const Runtime& rt) : pagesEnd(rt.mheap.pages.end()) {
        for (std::size_t i = 0; i < rt.mheap.numSpanRecords(); i++) {
            const MSpan& s = rt.mheap.span(static_cast<SpanId>(i));
            spans.push_back(SpanRecord{s.state == MSpanState::mSpanInUse, s.base(), s.allocCount});
        }
        for (const P& p : rt.allp) {
            mcacheAlloc.push_back(p.mcache.alloc);
            needPrepareForSweep.push_back(p.needPrepareForSweep);
        }
        const std::uint32_t sg = rt.mheap.sweepgen;
        for (const MCentral& c : rt.mheap.central) {
            auto& out = sets[c.spanclass.value];
            out = {contents(c.partialSwept(sg)), contents(c.partialUnswept(sg)), contents(c.fullSwept(sg)),
                   contents(c.fullUnswept(sg))};
        }
    }
};

// What the state before and after one step says about the allocation the step made on P p.
struct Observed {
    bool tinyOnly = false; // the object went into the existing tiny block: no slot was taken
    bool refilled = false; // the P's span of the class changed, or its mcache was flushed first
    bool newSpan = false;  // the object lies in a span that was not in use before
    bool grew = false;     // the page allocator's range grew
};

Observed observe(const Before& before, const Runtime& after, std::uint32_t p, const AllocRecord& rec) {
    Observed o;
    const SpanId now = after.mheap.spanOf(rec.addr);
    const MSpan& s = after.mheap.span(now);
    const bool existed =
        now < before.spans.size() && before.spans[now].inUse && before.spans[now].base == s.base();
    o.newSpan = !existed;
    o.grew = after.mheap.pages.end() > before.pagesEnd;
    o.tinyOnly = existed && !before.needPrepareForSweep[p] && before.spans[now].allocCount == s.allocCount;
    const auto spc = static_cast<std::size_t>(rec.spanclass.value);
    o.refilled =
        rec.spanclass.sizeclass() != 0 &&
        (before.needPrepareForSweep[p] || before.mcacheAlloc[p][spc] != after.allp[p].mcache.alloc[spc]);
    return o;
}

struct Case {
    const char* name;
    std::vector<std::pair<std::string, std::int64_t>> params;
};

TEST(AllocatorState, RecordedPathIsWhatTheStateBeforeAndAfterTheAllocationImplies) {
    const std::vector<Case> cases = {{"tiny-allocator", {{"rounds", 600}}},
                                     {"mcache-refill", {{"nodes", 400}}},
                                     {"large-objects", {}},
                                     {"span-lifecycle", {}},
                                     {"tour", {}}};
    std::uint64_t fromSets = 0; // refills from an mcentral set whose source was checked
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        Runtime rt = start(c.name, c.params);
        std::set<AllocStage> deepestSeen;
        std::uint64_t allocations = 0;
        for (std::uint64_t t = 0; t < 12000; t++) {
            const Before before(rt);
            if (!rt.step())
                break;
            for (const P& p : rt.allp) {
                const AllocRecord& rec = p.lastAlloc;
                if (rec.tick != rt.tick || rec.path.stages == 0)
                    continue;
                allocations++;
                const AllocPath& path = rec.path;
                const Observed o = observe(before, rt, p.id, rec);
                SCOPED_TRACE("tick " + std::to_string(rt.tick) + " P" + std::to_string(p.id));
                deepestSeen.insert(path.deepest());
                // The stages visited form the path the state change implies.
                EXPECT_EQ(path.deepest() == AllocStage::tiny, o.tinyOnly);
                EXPECT_EQ(path.visited(AllocStage::mcache), !o.tinyOnly);
                EXPECT_EQ(path.visited(AllocStage::mcentral), o.refilled);
                EXPECT_EQ(path.visited(AllocStage::mheap), o.newSpan);
                EXPECT_EQ(path.visited(AllocStage::pageAlloc), o.newSpan);
                EXPECT_EQ(path.visited(AllocStage::grow), o.grew);
                if (path.visited(AllocStage::tiny)) {
                    EXPECT_EQ(rec.spanclass, tinySpanClass);
                }
                // mcentral says where its span came from: a fresh span from the heap, or a set the span
                // was on just before (unless the P flushed its mcache first, which moved it there).
                EXPECT_EQ(path.source != SpanSource::none, o.refilled);
                if (o.refilled) {
                    EXPECT_EQ(path.source == SpanSource::grow, o.newSpan);
                }
                if (o.refilled && !o.newSpan && !before.needPrepareForSweep[p.id]) {
                    const auto& sets = before.sets[rec.spanclass.value];
                    const SpanId got = rt.allp[p.id].mcache.alloc[rec.spanclass.value];
                    const std::vector<SpanId>& from = path.source == SpanSource::partialSwept     ? sets[0]
                                                      : path.source == SpanSource::partialUnswept ? sets[1]
                                                                                                  : sets[3];
                    EXPECT_NE(path.source, SpanSource::grow);
                    fromSets++;
                    EXPECT_TRUE(std::find(from.begin(), from.end(), got) != from.end());
                }
                // The event's encoding round-trips.
                EXPECT_EQ(AllocPath::decode(path.encode()), path);
            }
        }
        EXPECT_GT(allocations, 100u);
        // Not vacuous: fast paths and slow paths down to heap growth both happened.
        EXPECT_TRUE(deepestSeen.count(AllocStage::grow));
        EXPECT_TRUE(deepestSeen.count(AllocStage::mcache) || deepestSeen.count(AllocStage::tiny));
    }
    EXPECT_GT(fromSets, 0u);
}

TEST(AllocatorState, EveryAllocEventFollowsItsAllocPathEvent) {
    LoadedScenario sc = loadScenario("tour");
    RuntimeConfig cfg = runConfig(sc);
    cfg.recordEvents = true;
    Runtime rt(cfg);
    sc.scenario.build(rt, sc.scenario.defaults());
    for (int t = 0; t < 5000 && rt.step(); t++) {
    }
    std::uint64_t allocs = 0;
    for (std::size_t i = 0; i < rt.events.size(); i++) {
        const Event& e = rt.events[i];
        if (e.kind != EventKind::alloc)
            continue;
        allocs++;
        ASSERT_GT(i, 0u);
        const Event& path = rt.events[i - 1];
        ASSERT_EQ(path.kind, EventKind::allocPath) << "tick " << e.tick;
        EXPECT_EQ(path.c, e.a);
        EXPECT_EQ(path.tick, e.tick);
        EXPECT_EQ(path.p, e.p);
        EXPECT_NE(AllocPath::decode(path.a).stages, 0);
    }
    EXPECT_GT(allocs, 100u);
}

TEST(AllocatorState, PathStagesAreTheVisitedStagesInPathOrder) {
    AllocPath p;
    p.visit(AllocStage::grow);
    p.visit(AllocStage::mcache);
    p.visit(AllocStage::mheap);
    EXPECT_EQ(pathStages(p),
              (std::vector<AllocStage>{AllocStage::mcache, AllocStage::mheap, AllocStage::grow}));
    EXPECT_EQ(p.deepest(), AllocStage::grow);
    EXPECT_TRUE(pathStages(AllocPath{}).empty());
}

AllocRecord record(std::uint64_t tick, uintptr addr) {
    AllocRecord r{tick, AllocPath{}, tinySpanClass, addr, 8};
    r.path.visit(AllocStage::tiny);
    r.path.visit(AllocStage::mcache);
    r.path.visit(AllocStage::mcentral);
    return r;
}

TEST(PathAnimation, TheFirstAllocationShownIsCompleteANewOneLightsStageByStage) {
    PathAnimation a;
    const AllocRecord r1 = record(10, 0xc000000000), r2 = record(11, 0xc000000010);
    a.update(0u, &r1, 1.0 / 60, PathAnimation::stageSeconds);
    EXPECT_EQ(a.lit(3), 3u);
    a.update(0u, &r2, 1.0 / 60, PathAnimation::stageSeconds);
    EXPECT_EQ(a.lit(3), 1u);
    // Frames of 1/60 s: the second stage after stageSeconds, the third after twice that.
    int frames = 0;
    while (a.lit(3) < 2) {
        a.update(0u, &r2, 1.0 / 60, PathAnimation::stageSeconds);
        frames++;
    }
    EXPECT_NEAR(frames, PathAnimation::stageSeconds * 60, 1.0);
    for (int i = 0; i < 60; i++)
        a.update(0u, &r2, 1.0 / 60, PathAnimation::stageSeconds);
    EXPECT_EQ(a.lit(3), 3u);
    // The same allocation on another P is a new one; a shorter stage time (playing fast) is honoured.
    a.update(1u, &r2, 1.0 / 60, 0.001);
    EXPECT_EQ(a.lit(3), 1u);
    a.update(1u, &r2, 1.0 / 60, 0.001);
    EXPECT_EQ(a.lit(3), 3u);
}

} // namespace
} // namespace gclab::render
