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
        // RAM: "none" exactly when neither 4 KiB half of the page has been accessed.
        const bool anyRam = rt.mheap.resident.residentIn(pageAddr(p), pageSize) > 0;
        EXPECT_EQ(f["RAM"].rfind("none", 0) == 0, !anyRam) << f["RAM"];
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

// Go 1.26: a 64 B pointerful span holds 124 objects (7936 B), then 128 B of pointer bitmap (words
// 992-1007) and 128 B of inline mark bits (words 1008-1023); under 1.19 those words are slots 124-127.
TEST(DescribePage, Go126NamesTheReservedTailAndTheAllocationHeader) {
    for (GoVersion v : {GoVersion::go1_19, GoVersion::go1_26}) {
        LoadedScenario sc = loadScenario("steady-state");
        sc.goVersion = v;
        Runtime rt = runScenario(sc, sc.scenario.defaults(), 3000);
        HeapSnapshot snap = takeSnapshot(rt);
        const SpanClass obj64 = SpanClass::make(6, false);
        SpanId id = rt.allp[0].mcache.alloc[obj64.value];
        ASSERT_NE(id, emptymspan);
        std::uint64_t page = pageIndex(rt.mheap.span(id).base());
        auto last = fields(describePage(rt, snap, page, 991));
        auto bitmap = fields(describePage(rt, snap, page, 1007));
        auto marks = fields(describePage(rt, snap, page, 1008));
        EXPECT_EQ(last["slot"].substr(0, 4), "123 ");
        if (v == GoVersion::go1_19) {
            EXPECT_EQ(bitmap["slot"].substr(0, 4), "125 ");
            EXPECT_EQ(marks["slot"].substr(0, 4), "126 ");
            continue;
        }
        EXPECT_NE(bitmap["word"].find(": pointer bitmap"), std::string::npos) << bitmap["word"];
        EXPECT_NE(marks["word"].find(": inline mark bits"), std::string::npos) << marks["word"];
        EXPECT_EQ(bitmap.count("slot"), 0u);
    }
    RuntimeConfig cfg;
    cfg.goVersion = GoVersion::go1_26;
    Runtime rt(cfg);
    uintptr x = rt.newobject(rt.types.define("Big", 1024, {0}), 0);
    rt.newobject(rt.types.define("Small", 512, {0}), 0);
    HeapSnapshot snap = takeSnapshot(rt);
    auto big = fields(describePage(rt, snap, pageIndex(x), 0));
    EXPECT_EQ(big["header"], "its first 8 B hold the type pointer (Go 1.22+ allocation header)");
    ObjectRef ref;
    ASSERT_TRUE(rt.mheap.findObject(x, ref));
    EXPECT_EQ(rt.mheap.span(ref.span).elemsize, 1152u);
    auto small = fields(describePage(rt, snap, pageIndex(x) + 1, 0));
    EXPECT_EQ(small.count("header"), 0u);
    EXPECT_EQ(small["object type"], "Small");
}

// Go 1.26: an idle page in a densely used chunk says that the background scavenger passes over it.
TEST(DescribePage, Go126SaysWhetherTheScavengerSkipsAnIdlePagesChunk) {
    RuntimeConfig cfg;
    cfg.goVersion = GoVersion::go1_26;
    Runtime rt(cfg);
    std::vector<SpanId> spans;
    for (int i = 0; i < 500; i++)
        spans.push_back(rt.mheap.allocSpan(1, SpanClass::make(1, true)).id);
    rt.mheap.pages.nextGen();
    const uintptr idle = rt.mheap.span(spans[0]).base();
    rt.mheap.freeSpan(spans[0]);
    auto dense = fields(describePage(rt, takeSnapshot(rt), pageIndex(idle)));
    EXPECT_EQ(dense["scavenged"], "no (counted in HeapIdle only)");
    EXPECT_EQ(dense["scavenger"].substr(0, 9), "skips it:") << dense["scavenger"];
    rt.mheap.pages.nextGen(); // this generation begins with 499 in use: still dense
    for (int i = 1; i < 20; i++)
        rt.mheap.freeSpan(spans[static_cast<std::size_t>(i)]);
    rt.mheap.pages.nextGen(); // 480 in use when this one began
    auto sparse = fields(describePage(rt, takeSnapshot(rt), pageIndex(idle)));
    EXPECT_EQ(sparse["scavenger"], "may release it (the chunk is not densely used)");
}

// Go 1.26: a span of pointerful 16-512 B objects says whether it waits in a span queue and how many
// of its objects are marked but not scanned; a grey slot says so too.
TEST(DescribePage, Go126SaysWhetherASpanIsQueuedForScanning) {
    RuntimeConfig cfg;
    cfg.goVersion = GoVersion::go1_26;
    cfg.gomaxprocs = 1;
    Runtime rt(cfg);
    const TypeId obj = rt.types.define("Obj", 64, {0});
    const uintptr global = rt.addGlobals(40);
    for (uintptr i = 0; i < 40; i++)
        rt.writePointer(PtrSlot::global(global + i), rt.newobject(obj, 0));
    rt.newproc(rt.addProgram(Program{"collect", {ops::gc()}}));
    while (queuedSpans(rt).empty())
        ASSERT_TRUE(rt.step());
    const QueuedSpan q = queuedSpans(rt).front();
    const MSpan& s = rt.mheap.span(rt.mheap.spanOf(q.base));
    std::uint32_t waiting = 0, firstGrey = s.nelems;
    for (std::uint32_t i = 0; i < s.nelems; i++)
        if (s.gcmarkBits.test(i) && !s.scans.test(i)) {
            waiting++;
            firstGrey = std::min(firstGrey, i);
        }
    ASSERT_GT(waiting, 0u);
    auto queued = fields(describePage(rt, takeSnapshot(rt), pageIndex(q.base)));
    EXPECT_EQ(queued["span queue"].substr(0, 13), "queued on P0:") << queued["span queue"];
    EXPECT_NE(queued["span queue"].find(" " + std::to_string(waiting) + " marked object"), std::string::npos)
        << queued["span queue"];
    auto grey = fields(describePage(rt, takeSnapshot(rt), pageIndex(q.base), firstGrey * 8));
    EXPECT_NE(grey["slot"].find("marked, not scanned yet (grey)"), std::string::npos) << grey["slot"];
    rt.runUntilDone(1'000'000);
    auto after = fields(describePage(rt, takeSnapshot(rt), pageIndex(q.base)));
    EXPECT_EQ(after["span queue"].substr(0, 10), "not queued") << after["span queue"];
    Runtime go119 = steadyState(3000);
    const SpanId id = go119.allp[0].mcache.alloc[SpanClass::make(6, false).value];
    ASSERT_NE(id, emptymspan);
    const std::uint64_t page = pageIndex(go119.mheap.span(id).base());
    EXPECT_EQ(fields(describePage(go119, takeSnapshot(go119), page)).count("span queue"), 0u);
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
