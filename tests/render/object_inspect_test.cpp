// Tests for render/object_inspect.h: the span fields are the span record's, the pointers out are the
// object's non-nil fields, and the pointers in equal a brute-force scan of every span record's allocated
// slots and every root (capped lists keep a prefix of real referrers and count them all). The sliced scan
// (PointersInScan) ends with exactly the one-shot result, one slice per advance at most.
#include "allocated_objects.h"

#include "render/object_inspect.h"
#include "render/scenario_source.h"
#include "render/why_alive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace gclab::render {
namespace {

using SlotKey = std::tuple<int, std::uint32_t, uintptr, std::uint32_t>;
SlotKey key(const PtrSlot& s) { return {static_cast<int>(s.kind), s.goid, s.index, s.field}; }

// baseOf: the allocated object containing p, from the span record (independent of objectBase).
uintptr baseOf(const Runtime& rt, uintptr p) {
    if (p == 0)
        return 0;
    const SpanId id = rt.mheap.spanOf(p);
    if (id == emptymspan)
        return 0;
    const MSpan& s = rt.mheap.span(id);
    const auto slot = static_cast<std::uint32_t>((p - s.base()) / s.elemsize);
    return slot < s.nelems && !s.isFree(slot) ? s.base() + uintptr{slot} * s.elemsize : 0;
}

// Every slot holding a pointer into each object: roots, then all allocated slots of in-use spans.
std::map<uintptr, std::vector<SlotKey>> allReferrers(const Runtime& rt) {
    std::map<uintptr, std::vector<SlotKey>> in;
    for (uintptr i = 0; i < rt.globals.size(); i++)
        if (uintptr b = baseOf(rt, rt.globals[i]))
            in[b].push_back(key(PtrSlot::global(i)));
    for (const G& g : rt.allgs)
        if (g.status != GStatus::dead)
            for (uintptr i = 0; i < g.stack.size(); i++)
                if (uintptr b = baseOf(rt, g.stack[i]))
                    in[b].push_back(key(PtrSlot::stack(g.goid, i)));
    for (const ObjectRef& o : allocatedObjects(rt)) {
        const MSpan& s = rt.mheap.span(o.span);
        const uintptr obj = s.base() + uintptr{o.slot} * s.elemsize;
        for (std::uint32_t f = 0; f < rt.types[rt.objectType(obj)].numPtrs(); f++)
            if (uintptr b = baseOf(rt, rt.readPointer(PtrSlot::heap(obj, f))))
                in[b].push_back(key(PtrSlot::heap(obj, f)));
    }
    return in;
}

TEST(ObjectInspect, SpanPointersOutAndInAgreeWithABruteForceScan) {
    for (const char* name : {"binary-trees", "tour"}) {
        LoadedScenario sc = loadScenario(name);
        const Runtime rt = runScenario(sc, sc.scenario.defaults(), 4000);
        const auto referrers = allReferrers(rt);
        ASSERT_GT(referrers.size(), 10u) << name;
        std::size_t checked = 0, withOut = 0, capped = 0;
        for (const auto& [obj, expected] : referrers) {
            // An interior address finds the same object. Every other object keeps no pointer in.
            const std::size_t cap = checked % 2 == 0 ? 2 : 0;
            const std::optional<ObjectInspection> in = inspectObject(rt, obj + 1, cap);
            ASSERT_TRUE(in) << name;
            EXPECT_EQ(in->base, obj);
            const MSpan& s = rt.mheap.span(rt.mheap.spanOf(obj));
            EXPECT_EQ(in->spanBase, s.base());
            EXPECT_EQ(in->npages, s.npages);
            EXPECT_EQ(in->elemsize, s.elemsize);
            EXPECT_EQ(in->spanclass.value, s.spanclass.value);
            EXPECT_EQ(in->sweepgen, s.sweepgen);
            EXPECT_EQ(in->state, MSpanState::mSpanInUse);
            EXPECT_EQ(in->slot, (obj - s.base()) / s.elemsize);
            // Pointers out: the non-nil fields in field order.
            std::vector<std::uint32_t> fields;
            for (std::uint32_t f = 0; f < rt.types[rt.objectType(obj)].numPtrs(); f++)
                if (rt.readPointer(PtrSlot::heap(obj, f)) != 0)
                    fields.push_back(f);
            ASSERT_EQ(in->out.size(), fields.size());
            for (std::size_t i = 0; i < fields.size(); i++) {
                EXPECT_EQ(in->out[i].field, fields[i]);
                EXPECT_EQ(in->out[i].value, rt.readPointer(PtrSlot::heap(obj, fields[i])));
                EXPECT_EQ(in->out[i].target, baseOf(rt, in->out[i].value));
            }
            withOut += fields.empty() ? 0 : 1;
            // Pointers in: all counted, at most cap kept, each a real referrer.
            EXPECT_EQ(in->inTotal, expected.size());
            EXPECT_EQ(in->in.size(), std::min(cap, expected.size()));
            for (const PtrSlot& p : in->in)
                EXPECT_NE(std::find(expected.begin(), expected.end(), key(p)), expected.end());
            capped += expected.size() > cap ? 1 : 0;
            // Uncapped: exactly the referrers.
            if (checked++ % 16 == 0) {
                const std::optional<ObjectInspection> all = inspectObject(rt, obj, 1000000);
                std::vector<SlotKey> got;
                for (const PtrSlot& p : all->in)
                    got.push_back(key(p));
                std::vector<SlotKey> want = expected;
                std::sort(got.begin(), got.end());
                std::sort(want.begin(), want.end());
                EXPECT_EQ(got, want);
            }
        }
        EXPECT_GT(withOut, 0u) << name;
        EXPECT_GT(capped, 0u) << name;
        std::printf("%s: %zu objects, %zu with pointers out, %zu with more pointers in than kept\n", name,
                    checked, withOut, capped);
    }
}

// steadyStateWithASlice: steady-state's live set held in a 256 KiB pointer slice (4 096 pointer words,
// many scan pieces) of 32-byte Objects, run for 20 000 ticks.
Runtime steadyStateWithASlice() {
    LoadedScenario sc = loadScenario("steady-state");
    ParamValues v = sc.scenario.defaults();
    v["live_bytes"] = 1 << 20;
    v["object_size"] = 32;
    return runScenario(sc, v, 20000);
}

TEST(ObjectInspect, SlicedPointersInScanEndsWithTheOneShotResultOneSliceAtATime) {
    std::vector<std::pair<std::string, Runtime>> runs;
    for (const char* name : {"binary-trees", "tour"}) {
        LoadedScenario sc = loadScenario(name);
        runs.emplace_back(name, runScenario(sc, sc.scenario.defaults(), 4000));
    }
    runs.emplace_back("steady-state", steadyStateWithASlice());
    for (const auto& [name, rt] : runs) {
        const auto referrers = allReferrers(rt);
        // The work a scan takes: one unit per allocated object, a large object one per scan piece,
        // counted from the span records; and the largest object's pointer words.
        std::size_t objects = 0, units = 0;
        std::uint32_t mostPointers = 0;
        for (const ObjectRef& o : allocatedObjects(rt)) {
            const std::uint32_t n = rt.types[rt.mheap.span(o.span).typeOf(o.slot)].numPtrs();
            objects++;
            units += std::max<std::size_t>(1, (n + scanPiecePointers - 1) / scanPiecePointers);
            mostPointers = std::max(mostPointers, n);
        }
        if (name == "steady-state") {
            ASSERT_GE(mostPointers, 32 * scanPiecePointers) << "expected the pointer slice";
        }
        std::vector<uintptr> targets;
        for (const auto& [obj, slots] : referrers)
            targets.push_back(obj);
        ASSERT_GE(targets.size(), 12u) << name;
        for (std::size_t k = 0; k < 12; k++) {
            const uintptr obj = targets[k * targets.size() / 12];
            // The scan's order: roots as found, then heap slots by object address and field.
            std::vector<SlotKey> expected = referrers.at(obj);
            std::stable_sort(expected.begin(), expected.end(), [](const SlotKey& a, const SlotKey& b) {
                const bool heapA = std::get<0>(a) == static_cast<int>(PtrSlot::Kind::heap);
                const bool heapB = std::get<0>(b) == static_cast<int>(PtrSlot::Kind::heap);
                if (!heapA || !heapB)
                    return !heapA && heapB;
                return std::tie(std::get<2>(a), std::get<3>(a)) < std::tie(std::get<2>(b), std::get<3>(b));
            });
            const std::optional<ObjectInspection> once = inspectObject(rt, obj, 3);
            ASSERT_TRUE(once);
            ASSERT_EQ(once->inTotal, expected.size()) << name << " " << obj;
            ASSERT_EQ(once->in.size(), std::min<std::size_t>(3, expected.size()));
            for (std::size_t i = 0; i < once->in.size(); i++)
                EXPECT_EQ(key(once->in[i]), expected[i]) << name << " " << obj << " #" << i;
            for (std::size_t slice : {std::size_t{1}, std::size_t{7}, std::size_t{100}}) {
                PointersInScan scan(rt, obj, 3);
                EXPECT_EQ(scan.objects(), objects);
                std::size_t advances = 0;
                while (!scan.done()) {
                    const std::size_t before = scan.scanned();
                    scan.advance(slice);
                    ASSERT_LE(scan.scanned() - before, slice) << name << " slice " << slice;
                    ASSERT_LT(++advances, units + 1) << name << " slice " << slice;
                }
                EXPECT_EQ(scan.scanned(), objects);
                // One unit per advance of 1: a large object took one advance per piece.
                if (slice == 1) {
                    EXPECT_EQ(advances, units) << name;
                }
                EXPECT_EQ(scan.inTotal(), once->inTotal) << name << " " << obj << " slice " << slice;
                ASSERT_EQ(scan.in().size(), once->in.size());
                for (std::size_t i = 0; i < once->in.size(); i++)
                    EXPECT_EQ(key(scan.in()[i]), key(once->in[i])) << name << " " << obj << " #" << i;
            }
        }
    }
}

TEST(ObjectInspect, NothingForAFreeSlotOrOutsideTheHeap) {
    LoadedScenario sc = loadScenario("binary-trees");
    const Runtime rt = runScenario(sc, sc.scenario.defaults(), 4000);
    EXPECT_FALSE(inspectObject(rt, 0));
    EXPECT_FALSE(inspectObject(rt, 0x1000));
    std::size_t freeSlots = 0;
    for (SpanId id = 0; id < rt.mheap.numSpanRecords(); id++) {
        const MSpan& s = rt.mheap.span(id);
        if (s.state != MSpanState::mSpanInUse)
            continue;
        for (std::uint32_t slot = 0; slot < s.nelems; slot++)
            if (s.isFree(slot)) {
                freeSlots++;
                EXPECT_FALSE(inspectObject(rt, s.base() + uintptr{slot} * s.elemsize));
            }
    }
    EXPECT_GT(freeSlots, 0u);
}

TEST(ObjectInspect, SpanStateNamesAreGos) {
    EXPECT_STREQ(spanStateName(MSpanState::mSpanInUse), "mSpanInUse");
    EXPECT_STREQ(spanStateName(MSpanState::mSpanDead), "mSpanDead");
    EXPECT_STREQ(spanStateName(MSpanState::mSpanManual), "mSpanManual");
}

} // namespace
} // namespace gclab::render
