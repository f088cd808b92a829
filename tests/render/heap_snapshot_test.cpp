// Tests for render/heap_snapshot.h: the page states and span places the heap map colours, checked
// against the model's own accounting and lists.
#include "sim/mstats.h"

#include "render/heap_layout.h"
#include "render/heap_snapshot.h"
#include "render/scenario_source.h"

#include <gtest/gtest.h>

#include <set>

namespace gclab::render {
namespace {

Runtime steadyState(std::uint64_t ticks, bool validate = false) {
    LoadedScenario sc = loadScenario("steady-state");
    return runScenario(sc, sc.scenario.defaults(), ticks, validate);
}

TEST(HeapSnapshot, EmptyRuntimeHasNoPages) {
    Runtime rt(runConfig(loadScenario("steady-state")));
    HeapSnapshot s = takeSnapshot(rt);
    EXPECT_EQ(s.numPages, 0u);
    EXPECT_TRUE(s.pages.empty());
}

class ScenarioSnapshot : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(ScenarioSnapshot, PageCountsMatchTheHeapAccounting) {
    Runtime rt = steadyState(GetParam(), true);
    HeapSnapshot s = takeSnapshot(rt);
    const MHeap& h = rt.mheap;
    EXPECT_EQ(s.numPages, h.numArenas() * pagesPerArena);
    EXPECT_EQ(s.mappedPages * pageSize, h.pages.end() - arenaBaseHint);
    EXPECT_EQ(s.pagesIn(PageState::inUse) * pageSize, h.heapInUse);
    EXPECT_EQ(s.pagesIn(PageState::inUse), h.pagesInUse);
    EXPECT_EQ(s.pagesIn(PageState::free) * pageSize, h.heapFree);
    EXPECT_EQ(s.pagesIn(PageState::released) * pageSize, h.heapReleased);
    EXPECT_EQ(s.pagesIn(PageState::unmapped), s.numPages - s.mappedPages);
    MemStats m = readMemStats(rt);
    EXPECT_EQ(s.pagesIn(PageState::inUse) * pageSize, m.HeapInuse);
    EXPECT_EQ((s.pagesIn(PageState::free) + s.pagesIn(PageState::released)) * pageSize, m.HeapIdle);
}

TEST_P(ScenarioSnapshot, EveryInUsePageNamesTheSpanThatCoversItAndRunsStartAtSpanBases) {
    Runtime rt = steadyState(GetParam());
    HeapSnapshot s = takeSnapshot(rt);
    for (std::uint64_t p = 0; p < s.numPages; p++) {
        const PageInfo& pi = s.pages[p];
        if (pi.state != PageState::inUse) {
            ASSERT_EQ(pi.span, emptymspan);
            continue;
        }
        const MSpan& sp = rt.mheap.span(pi.span);
        ASSERT_TRUE(sp.contains(pageAddr(p))) << p;
        ASSERT_EQ(pi.spanclass, sp.spanclass);
        ASSERT_EQ(s.runStart(p), sp.base() == pageAddr(p)) << p;
    }
}

TEST_P(ScenarioSnapshot, SpanPlacesAgreeWithTheMCachesAndMCentralSets) {
    Runtime rt = steadyState(GetParam());
    HeapSnapshot s = takeSnapshot(rt);
    const MHeap& h = rt.mheap;
    std::set<SpanId> cached;
    for (const P& p : rt.allp)
        for (SpanId id : p.mcache.alloc)
            if (id != emptymspan) {
                cached.insert(id);
                EXPECT_EQ(s.spans[id].role, SpanRole::cached);
                EXPECT_EQ(s.spans[id].p, p.id);
            }
    std::set<SpanId> inUse;
    for (const PageInfo& pi : s.pages)
        if (pi.state == PageState::inUse)
            inUse.insert(pi.span);
    ASSERT_FALSE(inUse.empty());
    int large = 0, full = 0;
    for (SpanId id : inUse) {
        const MSpan& sp = h.span(id);
        SpanRole r = s.spans[id].role;
        ASSERT_NE(r, SpanRole::none) << "span " << id;
        if (sp.spanclass.sizeclass() == 0) {
            EXPECT_EQ(r, SpanRole::large);
            large++;
        } else if (!cached.count(id)) {
            // Not cached: on one of its mcentral's sets; full means every slot allocated.
            EXPECT_TRUE(r == SpanRole::fullSwept || r == SpanRole::partialSwept ||
                        r == SpanRole::fullUnswept || r == SpanRole::partialUnswept);
            if (r == SpanRole::fullSwept) {
                EXPECT_EQ(sp.allocCount, sp.nelems);
                full++;
            }
        }
    }
    if (GetParam() >= 3000) { // by then the workload has made large objects and filled spans
        EXPECT_GT(large, 0);
        EXPECT_GT(full, 0);
    }
}

// The RAM the heap map shows: the pages' resident halves add up to the model's resident set (a counter
// kept apart from the bits), released and unmapped pages have none, and before the first mark has read
// the heap some in-use pages have none either (steady-state never writes its Objects).
TEST_P(ScenarioSnapshot, ResidentHalvesAddUpToTheResidentSet) {
    Runtime rt = steadyState(GetParam());
    HeapSnapshot s = takeSnapshot(rt);
    std::uint64_t sum = 0, inUseWithout = 0;
    for (const PageInfo& pi : s.pages) {
        ASSERT_LE(pi.residentHalves, 2);
        sum += pi.residentHalves;
        if (pi.state == PageState::released || pi.state == PageState::unmapped) {
            ASSERT_EQ(pi.residentHalves, 0);
        }
        inUseWithout += pi.state == PageState::inUse && pi.residentHalves == 0;
    }
    EXPECT_EQ(sum << osPageShift, rt.mheap.resident.residentBytes());
    EXPECT_GT(sum, 0u);
    if (rt.work.numgc == 0) {
        EXPECT_GT(inUseWithout, 0u);
    }
}

INSTANTIATE_TEST_SUITE_P(Steps, ScenarioSnapshot, ::testing::Values(400u, 3000u, 30000u));

TEST(HeapSnapshot, NamesForEveryStateAndRole) {
    for (PageState st : {PageState::unmapped, PageState::released, PageState::free, PageState::inUse})
        EXPECT_STRNE(pageStateName(st), "?");
    for (int r = 0; r <= static_cast<int>(SpanRole::large); r++)
        EXPECT_STRNE(spanRoleName(static_cast<SpanRole>(r)), "?");
}

} // namespace
} // namespace gclab::render
