// Tests for render/why_alive.h against the collector itself: when marking has finished, every object a
// root reaches must be marked (the chain is a real chain of pointers from a root), and an object
// whyAlive finds no chain to is one the model will free unless it was floating garbage.
#include "allocated_objects.h"

#include "render/scenario_source.h"
#include "render/why_alive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace gclab::render {
namespace {

// checkChain asserts that path is a chain of real pointers from a root to obj.
void checkChain(const Runtime& rt, const std::vector<PathStep>& path, uintptr obj) {
    ASSERT_FALSE(path.empty());
    EXPECT_NE(path.front().slot.kind, PtrSlot::Kind::heap);
    for (std::size_t i = 0; i < path.size(); i++) {
        ObjectRef ref;
        ASSERT_TRUE(rt.mheap.findObject(rt.readPointer(path[i].slot), ref));
        const MSpan& s = rt.mheap.span(ref.span);
        EXPECT_EQ(s.base() + uintptr{ref.slot} * s.elemsize, path[i].target);
        if (i > 0) {
            EXPECT_EQ(path[i].slot.kind, PtrSlot::Kind::heap);
            EXPECT_EQ(path[i].slot.index, path[i - 1].target);
        }
    }
    EXPECT_EQ(path.back().target, obj);
}

// atFirstMarkTermination runs sc to its first mark termination: marking is complete, nothing is swept yet.
Runtime atFirstMarkTermination(const LoadedScenario& sc) {
    RuntimeConfig cfg = runConfig(sc);
    cfg.recordEvents = false;
    Runtime rt(cfg);
    sc.scenario.build(rt, sc.scenario.defaults());
    while (rt.stw != STWStage::markTermination && rt.step()) {
    }
    return rt;
}

TEST(WhyAlive, EveryObjectWithAChainIsMarkedWhenMarkingEnds) {
    for (const char* name : {"tricolor-basics", "linked-list-churn", "binary-trees"}) {
        Runtime rt = atFirstMarkTermination(loadScenario(name));
        ASSERT_EQ(rt.stw, STWStage::markTermination) << name;
        // Each whyAlive is a search over the heap: check at most 150 objects, evenly spread.
        const std::vector<ObjectRef> objects = allocatedObjects(rt);
        const std::size_t stride = std::max<std::size_t>(1, objects.size() / 150);
        std::uint64_t chains = 0, none = 0;
        for (std::size_t k = 0; k < objects.size(); k += stride) {
            const MSpan& s = rt.mheap.span(objects[k].span);
            const std::uint32_t slot = objects[k].slot;
            const uintptr obj = s.base() + uintptr{slot} * s.elemsize;
            std::optional<std::vector<PathStep>> path = whyAlive(rt, obj);
            if (path) {
                chains++;
                EXPECT_TRUE(s.gcmarkBits.test(slot)) << name << ": reachable but unmarked " << obj;
                checkChain(rt, *path, obj);
            } else {
                none++;
            }
        }
        EXPECT_GT(chains, 0u) << name;
        EXPECT_GT(none, 0u) << name << ": expected some garbage";
    }
}

TEST(WhyAlive, ChainsAreShortest) {
    // A chain of k pointers cannot be shortened: no object on it is reachable from a root directly
    // with fewer steps than its position (checked by asking whyAlive for each intermediate object).
    LoadedScenario sc = loadScenario("binary-trees");
    Runtime rt = runScenario(sc, sc.scenario.defaults(), 5000);
    std::size_t checked = 0;
    for (std::size_t i = 1; i < rt.mheap.numSpanRecords() && checked < 50; i++) {
        const MSpan& s = rt.mheap.span(static_cast<SpanId>(i));
        if (s.state != MSpanState::mSpanInUse)
            continue;
        for (std::uint32_t slot = 0; slot < s.nelems && checked < 50; slot++) {
            if (s.isFree(slot))
                continue;
            const uintptr obj = s.base() + uintptr{slot} * s.elemsize;
            auto path = whyAlive(rt, obj);
            if (!path)
                continue;
            checked++;
            for (std::size_t k = 0; k < path->size(); k++) {
                auto sub = whyAlive(rt, (*path)[k].target);
                ASSERT_TRUE(sub);
                EXPECT_EQ(sub->size(), k + 1);
            }
        }
    }
    EXPECT_GT(checked, 10u);
}

TEST(WhyAlive, SlicedSearchEndsWithTheSameChainAfterAsManySlicesAsItNeeds) {
    // WhyAliveSearch spread over many small advances (as the window spreads it over frames) ends with the
    // chain of the search done at once, and a search that finds no chain scans every reachable object,
    // at most slice per advance.
    Runtime rt = atFirstMarkTermination(loadScenario("linked-list-churn"));
    const std::vector<ObjectRef> objects = allocatedObjects(rt);
    std::size_t searched = 0, garbage = 0;
    for (std::size_t k = 0; k < objects.size(); k += std::max<std::size_t>(1, objects.size() / 40)) {
        const MSpan& s = rt.mheap.span(objects[k].span);
        const uintptr obj = s.base() + uintptr{objects[k].slot} * s.elemsize;
        const std::optional<std::vector<PathStep>> once = whyAlive(rt, obj);
        for (std::size_t slice : {std::size_t{1}, std::size_t{7}, std::size_t{100}}) {
            WhyAliveSearch search(rt, obj);
            std::size_t advances = 0;
            while (!search.done()) {
                search.advance(slice);
                advances++;
                ASSERT_LT(advances, 1000000u);
            }
            const std::optional<std::vector<PathStep>> sliced = search.result();
            ASSERT_EQ(sliced.has_value(), once.has_value()) << obj << " slice " << slice;
            if (once) {
                checkChain(rt, *sliced, obj);
                ASSERT_EQ(sliced->size(), once->size());
                for (std::size_t step = 0; step < once->size(); step++)
                    EXPECT_EQ((*sliced)[step].target, (*once)[step].target) << obj << " step " << step;
            } else {
                // Every reachable object was scanned: the advances cover them slice by slice.
                EXPECT_GE(advances * slice, search.reached()) << obj << " slice " << slice;
            }
        }
        searched++;
        garbage += once ? 0 : 1;
    }
    EXPECT_GE(searched, 20u);
    EXPECT_GT(garbage, 0u);
}

TEST(WhyAlive, ALargeObjectIsSearchedOnePiecePerObjectOfTheSlice) {
    // steady-state's live set hangs off one 256 KiB pointer slice (4 096 pointer words): an advance of
    // one object takes at most scanPiecePointers of its fields, so it reaches at most that many objects,
    // and the search still ends with the chain of the search done at once.
    LoadedScenario sc = loadScenario("steady-state");
    ParamValues v = sc.scenario.defaults();
    v["live_bytes"] = 1 << 20;
    v["object_size"] = 32;
    const Runtime rt = runScenario(sc, v, 20000);
    const std::vector<ObjectRef> objects = allocatedObjects(rt);
    std::size_t chains = 0, throughTheSlice = 0;
    for (std::size_t k = 0; k < objects.size(); k += objects.size() / 8) {
        const MSpan& s = rt.mheap.span(objects[k].span);
        const uintptr obj = s.base() + uintptr{objects[k].slot} * s.elemsize;
        const std::optional<std::vector<PathStep>> once = whyAlive(rt, obj);
        WhyAliveSearch search(rt, obj);
        std::size_t advances = 0;
        while (!search.done()) {
            const std::size_t before = search.reached();
            search.advance(1);
            ASSERT_LE(search.reached() - before, scanPiecePointers) << obj;
            ASSERT_LT(++advances, 10000000u);
        }
        const std::optional<std::vector<PathStep>> sliced = search.result();
        ASSERT_EQ(sliced.has_value(), once.has_value()) << obj;
        if (!once)
            continue;
        chains++;
        checkChain(rt, *sliced, obj);
        ASSERT_EQ(sliced->size(), once->size());
        for (std::size_t step = 0; step < once->size(); step++) {
            EXPECT_EQ((*sliced)[step].slot.index, (*once)[step].slot.index) << obj << " step " << step;
            EXPECT_EQ((*sliced)[step].slot.field, (*once)[step].slot.field) << obj << " step " << step;
            EXPECT_EQ((*sliced)[step].target, (*once)[step].target) << obj << " step " << step;
            // A step out of an object with more pointer words than one piece: the slice.
            if ((*once)[step].slot.kind == PtrSlot::Kind::heap &&
                rt.types[rt.objectType((*once)[step].slot.index)].numPtrs() > 32 * scanPiecePointers)
                throughTheSlice++;
        }
    }
    EXPECT_GT(chains, 2u);
    EXPECT_GT(throughTheSlice, 0u);
}

} // namespace
} // namespace gclab::render
