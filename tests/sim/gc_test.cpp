// The collector, mechanism by mechanism: a full cycle, sweepgen, freeing, allocate-black, stacks
// scanned once per cycle, large objects, stale mcache spans, gcWork buffers.
#include "test_config.h"

#include "sim/mstats.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

using namespace ops;

struct GC : ::testing::Test {
    Runtime rt{test::testConfig(1)};
    TypeId node = rt.types.define("Node", 16, {0, 1}); // next, payload
    TypeId leaf = rt.types.define("Leaf", 16, {});
};

// A program that builds a list of n nodes in global 0, keeps only the first `keep`, then calls
// runtime.GC().
Program listThenGC(TypeId node, std::uint64_t n, std::uint64_t keep) {
    Program p{"list", {}};
    p.ops = {frame(3), newobj(0, node), gstore(0, 0), move(1, 0)};
    p.ops.push_back(loop(n - 1));
    p.ops.insert(p.ops.end(), {newobj(2, node), store(1, 0, 2), move(1, 2)});
    p.ops.push_back(endloop());
    // Walk to node keep-1 and cut the list there.
    p.ops.insert(p.ops.end(), {gload(1, 0)});
    if (keep > 1) {
        p.ops.push_back(loop(keep - 1));
        p.ops.push_back(load(1, 1, 0));
        p.ops.push_back(endloop());
    }
    p.ops.insert(p.ops.end(), {store(1, 0, nilLocal), clear(1), clear(2), gc()});
    return p;
}

TEST_F(GC, RuntimeGCFreesWhatIsUnreachable) {
    rt.addGlobals(1);
    rt.newproc(rt.addProgram(listThenGC(node, 1000, 10)));
    rt.runUntilDone(10'000'000);
    EXPECT_EQ(rt.work.numgc, 1u);
    EXPECT_EQ(rt.work.numForcedGC, 1u);
    EXPECT_EQ(rt.mheap.sweepgen, 2u);
    EXPECT_TRUE(rt.isSweepDone());
    MemStats m = readMemStats(rt);
    EXPECT_EQ(m.HeapObjects, 10u);
    EXPECT_EQ(m.Frees, 990u);
    EXPECT_EQ(rt.gcController.heapMarked, 10 * 16u);
    rt.validate();
}

TEST_F(GC, SweepgenAdvancesByTwoPerCycleAndSpansFollow) {
    rt.addGlobals(1);
    Program p = listThenGC(node, 600, 600);
    p.ops.insert(p.ops.end(), {gc(), gc()});
    rt.newproc(rt.addProgram(p));
    rt.runUntilDone(10'000'000);
    EXPECT_EQ(rt.work.numgc, 3u);
    EXPECT_EQ(rt.mheap.sweepgen, 6u);
    for (std::size_t i = 1; i < rt.mheap.numSpanRecords(); i++) {
        const MSpan& s = rt.mheap.span(static_cast<SpanId>(i));
        if (s.state == MSpanState::mSpanInUse) {
            EXPECT_TRUE(s.sweepgen == 6u || s.sweepgen == 9u) << "span " << i << " sweepgen " << s.sweepgen;
        }
    }
    EXPECT_EQ(readMemStats(rt).HeapObjects, 600u);
}

TEST_F(GC, HeapTriggerStartsCyclesWithoutRuntimeGC) {
    // 8 MiB of garbage in 64-byte objects on a 4 MiB minimum heap: the trigger must fire.
    TypeId obj = rt.types.define("Obj", 64, {0});
    Program p{"garbage", {frame(1), loop(8 << 20 >> 6), newobj(0, obj), endloop()}};
    rt.newproc(rt.addProgram(p));
    rt.runUntilDone(100'000'000);
    EXPECT_GE(rt.work.numgc, 1u);
    EXPECT_EQ(rt.work.numForcedGC, 0u);
    ASSERT_FALSE(rt.work.history.empty());
    // First cycle: GOGC=100 goal 4 MiB, trigger at 61/64 of it (3.8125 MiB).
    EXPECT_EQ(rt.work.history[0].heapGoal, 4u << 20);
    EXPECT_GE(rt.work.history[0].heap0, (4u << 20) / 64 * 61);
    EXPECT_LT(rt.work.history[0].heap0, (4u << 20) / 64 * 61 + pageSize);
}

TEST_F(GC, LargeObjectsAreFreedWholeWhenUnreachable) {
    TypeId u8 = rt.types.define("uint8", 1, {});
    rt.addGlobals(1);
    Program p{"large",
              {frame(1), newarray(0, u8, 100000), gstore(0, 0), newarray(0, u8, 200000), clear(0), gc()}};
    rt.newproc(rt.addProgram(p));
    rt.runUntilDone(1'000'000);
    MemStats m = readMemStats(rt);
    EXPECT_EQ(m.HeapObjects, 1u);
    EXPECT_EQ(m.HeapInuse, alignUp(100000, pageSize));
    EXPECT_EQ(rt.mheap.heapStats.largeFreeCount, 1u);
}

TEST_F(GC, EachStackIsScannedExactlyOncePerCycle) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.recordEvents = true;
    Runtime r(cfg);
    TypeId t = r.types.define("T", 32, {0});
    Program worker{"worker", {frame(2), loop(50000), newobj(0, t), store(0, 0, 1), move(1, 0), endloop()}};
    std::uint32_t w = r.addProgram(worker);
    for (int i = 0; i < 4; i++)
        r.newproc(w);
    r.runUntilDone(50'000'000);
    ASSERT_GE(r.work.numgc, 1u);
    std::map<std::pair<std::uint32_t, uintptr>, int> scans; // (cycle, goid) -> stack jobs run
    std::uint32_t cycle = 0;
    for (const Event& e : r.events) {
        if (e.kind == EventKind::gcStart)
            cycle = static_cast<std::uint32_t>(e.a);
        if (e.kind == EventKind::rootJob && e.b == 1)
            scans[{cycle, e.c}]++;
    }
    ASSERT_FALSE(scans.empty());
    for (auto& [key, count] : scans)
        EXPECT_EQ(count, 1) << "cycle " << key.first << " goroutine " << key.second;
}

TEST(GCWork, BuffersSwapSpillAndBalance) {
    WorkFull full;
    GCWork w;
    for (uintptr i = 1; i <= 2 * workbufEntries; i++)
        w.put(i, full);
    EXPECT_TRUE(full.empty()); // two buffers hold 506 pointers
    w.put(9999, full);
    ASSERT_EQ(full.bufs.size(), 1u); // the third buffer's worth spills a full one
    EXPECT_EQ(full.bufs[0].size(), workbufEntries);
    EXPECT_EQ(w.tryGet(full), 9999u); // LIFO
    GCWork other;
    std::size_t got = 0;
    while (other.tryGet(full) != 0)
        got++;
    EXPECT_EQ(got, workbufEntries); // another P takes the spilled buffer
    // balance hands half of a lone buffer to the global list.
    GCWork lone;
    for (uintptr i = 1; i <= 10; i++)
        lone.put(i, full);
    lone.balance(full);
    ASSERT_EQ(full.bufs.size(), 1u);
    EXPECT_EQ(full.bufs[0].size(), 5u);
    EXPECT_EQ(lone.size(), 5u);
    EXPECT_EQ(lone.tryGet(full), 10u);
    EXPECT_TRUE(lone.dispose(full));
    EXPECT_FALSE(lone.dispose(full));
}

} // namespace
} // namespace gclab
