// Tests for render/heap_describe.h: the hover text names the model's fields with their values and the
// Go symbol behind them.
#include "render/heap_describe.h"
#include "render/heap_layout.h"
#include "render/scenario_source.h"

#include <gtest/gtest.h>

#include <map>

namespace gclab::render {
namespace {

Runtime steadyState(std::uint64_t ticks) {
    LoadedScenario sc = loadScenario("steady-state");
    return runScenario(sc, sc.scenario.defaults(), ticks);
}

std::map<std::string, std::string> fields(const PageDescription& d) {
    std::map<std::string, std::string> m;
    for (const auto& l : d.lines)
        m[l.label] = l.value;
    return m;
}

TEST(DescribePage, InUsePageShowsTheSpanFieldsWithTheirValues) {
    Runtime rt = steadyState(3000);
    HeapSnapshot snap = takeSnapshot(rt);
    int checked = 0;
    for (std::uint64_t p = 0; p < snap.mappedPages && checked < 50; p += 7) {
        if (snap.pages[p].state != PageState::inUse)
            continue;
        const MSpan& s = rt.mheap.span(snap.pages[p].span);
        PageDescription d = describePage(rt, snap, p);
        auto f = fields(d);
        EXPECT_EQ(d.goSymbol, "mspan (runtime/mheap.go)");
        EXPECT_EQ(f["nelems"], std::to_string(s.nelems));
        EXPECT_EQ(f["allocCount"], std::to_string(s.allocCount));
        EXPECT_EQ(f["freeindex"], std::to_string(s.freeindex));
        EXPECT_EQ(f["spanclass"], spanClassLabel(s.spanclass));
        EXPECT_EQ(f["sweepgen"].rfind(std::to_string(s.sweepgen) + " (", 0), 0u);
        EXPECT_NE(f["elemsize"].find(humanBytes(s.elemsize)), std::string::npos);
        EXPECT_NE(d.title.find(hexAddr(s.base())), std::string::npos);
        checked++;
    }
    EXPECT_GT(checked, 10);
}

TEST(DescribePage, WordShowsItsSlotAndWhetherItIsAllocated) {
    LoadedScenario sc = loadScenario("tiny-allocator");
    Runtime rt = runScenario(sc, sc.scenario.defaults(), 3000);
    HeapSnapshot snap = takeSnapshot(rt);
    SpanId id = emptymspan;
    for (const P& p : rt.allp)
        if (id == emptymspan)
            id = p.mcache.alloc[tinySpanClass.value];
    ASSERT_NE(id, emptymspan);
    const MSpan& s = rt.mheap.span(id);
    ASSERT_LT(s.freeindex, s.nelems);
    std::uint64_t page = pageIndex(s.base());
    auto f0 = fields(describePage(rt, snap, page, 0));
    EXPECT_EQ(f0["slot"], "0 at " + hexAddr(s.base()) + ": allocated");
    EXPECT_EQ(f0["object type"], "tiny block (16 B of noscan values)");
    // The slot at freeindex is free (16-byte slots: two words each).
    auto ff = fields(describePage(rt, snap, page, s.freeindex * 2 + 1));
    EXPECT_EQ(ff["slot"],
              std::to_string(s.freeindex) + " at " + hexAddr(s.base() + s.freeindex * 16) + ": free");
}

TEST(DescribePage, FreeAndReservedPagesNameThePageAllocatorAndTheArena) {
    Runtime rt = steadyState(3000);
    HeapSnapshot snap = takeSnapshot(rt);
    std::uint64_t released = snap.mappedPages - 1; // the top of the last mapped chunk is fresh growth
    ASSERT_EQ(snap.pages[released].state, PageState::released);
    PageDescription r = describePage(rt, snap, released);
    EXPECT_NE(r.goSymbol.find("runtime/mpagealloc.go"), std::string::npos);
    EXPECT_EQ(fields(r)["scavenged"], "yes (counted in HeapReleased)");
    PageDescription u = describePage(rt, snap, snap.mappedPages);
    EXPECT_NE(u.goSymbol.find("heapArena"), std::string::npos);
    EXPECT_EQ(describePage(rt, snap, snap.numPages).title, "outside the reserved arenas");
}

TEST(Format, NumbersAndAddresses) {
    EXPECT_EQ(hexAddr(0xc000002000), "0xc000002000");
    EXPECT_EQ(humanBytes(24), "24 B");
    EXPECT_EQ(humanBytes(8192), "8 KiB");
    EXPECT_EQ(humanBytes(1536), "1.5 KiB");
    EXPECT_EQ(humanBytes(4u << 20), "4 MiB");
    EXPECT_EQ(withThousands(1234567), "1 234 567");
    EXPECT_EQ(withThousands(999), "999");
    EXPECT_EQ(bytesExactAndHuman(16777216), "16 777 216 (16 MiB)");
    EXPECT_EQ(spanClassLabel(SpanClass::make(3, true)), "7 (size class 3: 24 B, noscan)");
    EXPECT_EQ(spanClassLabel(SpanClass::make(0, false)), "0 (large, pointers)");
    EXPECT_EQ(sweepgenLabel(7, 4), "7 (mheap 4 + 3: swept, then cached)");
    EXPECT_EQ(sweepgenLabel(2, 4), "2 (mheap 4 - 2: needs sweeping)");
}

} // namespace
} // namespace gclab::render
