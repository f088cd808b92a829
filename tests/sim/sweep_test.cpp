// Sweeping and mark-phase mechanics: stale mcache spans, lazy and proportional sweeping, the page
// reclaimer, oblets, termination detection, mark assists.
#include "test_config.h"

#include "sim/mstats.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

using namespace ops;

// runUntil steps until pred() holds (or the run ends); returns whether it held.
template <typename Pred>
bool runUntil(Runtime& rt, Pred pred, std::uint64_t maxSteps = 50'000'000) {
    for (std::uint64_t i = 0; i < maxSteps; i++) {
        if (pred())
            return true;
        if (!rt.step())
            return pred();
    }
    return false;
}

TEST(Sweep, ACachedSpanGoesStaleAtMarkTerminationAndIsSweptWhenItsPFlushes) {
    Runtime rt(test::testConfig(1));
    TypeId t = rt.types.define("T", 32, {0});
    uintptr kept = rt.newobject(t, 0);
    rt.newobject(t, 0); // garbage in the same cached span
    rt.addGlobals(1);
    rt.writePointer(PtrSlot::global(0), kept);
    SpanId cached = rt.allp[0].mcache.alloc[SpanClass::make(sizeToClass(32), false).value];
    EXPECT_EQ(rt.mheap.span(cached).sweepgen, rt.mheap.sweepgen + 3);
    rt.gcForce();
    ASSERT_TRUE(runUntil(rt, [&] { return rt.work.numgc == 1 && rt.stw == STWStage::none; }));
    // sweepgen advanced by 2 under the cached span: it is now stale (sg+1) until its P flushes.
    EXPECT_EQ(rt.mheap.span(cached).sweepgen, rt.mheap.sweepgen + 1);
    EXPECT_TRUE(rt.allp[0].needPrepareForSweep);
    rt.allp[0].mcache.prepareForSweep(rt);
    rt.allp[0].needPrepareForSweep = false;
    EXPECT_EQ(rt.mheap.span(cached).sweepgen, rt.mheap.sweepgen);
    EXPECT_EQ(rt.mheap.span(cached).allocCount, 1u); // the garbage object was swept away
    EXPECT_EQ(readMemStats(rt).Frees, 1u);
    rt.validate();
}

TEST(Sweep, BackgroundSweeperAndLazySweepBothFinishTheJob) {
    RuntimeConfig cfg = test::testConfig(1);
    cfg.recordEvents = true;
    Runtime rt(cfg);
    TypeId t = rt.types.define("T", 48, {0});
    // Garbage spread over many spans, then a cycle, then allocation that reuses the swept spans.
    Program p{"churn",
              {frame(1), loop(30000), newobj(0, t), endloop(), gc(), loop(30000), newobj(0, t), endloop()}};
    rt.newproc(rt.addProgram(p));
    rt.runUntilDone(100'000'000);
    std::uint64_t swept = 0, freedSpans = 0;
    for (const Event& e : rt.events) {
        swept += e.kind == EventKind::spanSwept ? 1 : 0;
        freedSpans += e.kind == EventKind::spanFree ? 1 : 0;
    }
    EXPECT_GT(swept, 0u);
    EXPECT_GT(freedSpans, 0u);
    EXPECT_GE(rt.work.numgc, 1u);
    // Every span has been swept for the current cycle or is cached.
    for (std::size_t i = 1; i < rt.mheap.numSpanRecords(); i++) {
        const MSpan& s = rt.mheap.span(static_cast<SpanId>(i));
        if (s.state == MSpanState::mSpanInUse && rt.isSweepDone()) {
            EXPECT_TRUE(s.sweepgen == rt.mheap.sweepgen || s.sweepgen == rt.mheap.sweepgen + 3);
        }
    }
}

TEST(Sweep, ProportionalSweepPacesSweepingToAllocation) {
    Runtime rt(test::testConfig(1));
    TypeId t = rt.types.define("T", 64, {0});
    Program p{"churn", {frame(1), loop(200000), newobj(0, t), endloop()}};
    rt.newproc(rt.addProgram(p));
    ASSERT_TRUE(runUntil(rt, [&] { return rt.work.numgc >= 2 && rt.stw == STWStage::none; }));
    // After the second cycle there are unswept pages and a positive sweep ratio.
    EXPECT_GT(rt.sweep.sweepPagesPerByte, 0.0);
    uintptr before = rt.sweep.pagesSwept;
    rt.deductSweepCredit(64 << 10, 0);
    EXPECT_GT(rt.sweep.pagesSwept, before);
}

TEST(Mark, LargeObjectsAreScannedInOblets) {
    RuntimeConfig cfg = test::testConfig(1);
    cfg.recordEvents = true;
    Runtime rt(cfg);
    TypeId ptr = rt.types.define("*T", 8, {0});
    TypeId leaf = rt.types.define("Leaf", 16, {});
    rt.addGlobals(1);
    uintptr big = rt.newarray(ptr, 100000, 0); // 800 KB: seven 128 KiB oblets
    rt.writePointer(PtrSlot::global(0), big);
    uintptr last = rt.newobject(leaf, 0);
    rt.writePointer(PtrSlot::heap(big, 99999), last);
    rt.gcForce();
    rt.runUntilDone(10'000'000);
    ASSERT_TRUE(runUntil(rt, [&] { return rt.work.numgc == 1; }));
    ObjectRef ref;
    ASSERT_TRUE(rt.mheap.findObject(last, ref));
    EXPECT_TRUE(rt.mheap.span(ref.span).allocBits.test(ref.slot) ||
                ref.slot < rt.mheap.span(ref.span).freeindex);
    EXPECT_EQ(rt.gcController.heapMarked, alignUp(800000, pageSize) + 16);
    // Scan work counts the 800000 bytes of pointer data, across the oblets.
    EXPECT_EQ(rt.gcController.lastHeapScan, 800000u);
}

TEST(Mark, TerminationWaitsForWriteBarrierBuffers) {
    Runtime rt(test::testConfig(1));
    TypeId t = rt.types.define("T", 16, {0});
    rt.addGlobals(2);
    uintptr a = rt.newobject(t, 0);
    rt.writePointer(PtrSlot::global(0), a);
    rt.gcForce();
    ASSERT_TRUE(runUntil(rt, [&] { return rt.gcphase == GCPhase::mark; }));
    // A store during marking lands in the P's wbBuf; while it is there, the mark cannot end.
    uintptr b = rt.newobject(t, 0);
    rt.writePointer(PtrSlot::global(1), b);
    EXPECT_FALSE(rt.allp[0].wbBuf.empty());
    ASSERT_TRUE(runUntil(rt, [&] { return rt.gcphase == GCPhase::off; }));
    EXPECT_TRUE(rt.allp[0].wbBuf.empty());
    EXPECT_EQ(rt.work.numgc, 1u);
}

TEST(Mark, AssistsMakeAllocatorsPayForMarking) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.recordEvents = true;
    // This test is about the assist mechanism: without page faults the allocator outruns the
    // background worker. With them, its first write to each fresh page costs more than marking the
    // page's objects, and the worker keeps up alone.
    cfg.costs.pageFault = 0;
    Runtime rt(cfg);
    TypeId t = rt.types.define("T", 64, {0, 7});
    Program p{"alloc", {frame(2), loop(300000), newobj(0, t), store(0, 0, 1), move(1, 0), endloop()}};
    rt.newproc(rt.addProgram(p));
    rt.runUntilDone(100'000'000);
    std::uint64_t assists = 0;
    for (const Event& e : rt.events)
        assists += e.kind == EventKind::assist ? 1 : 0;
    EXPECT_GT(rt.work.numgc, 1u);
    EXPECT_GT(assists, 0u);
    std::int64_t assistTime = 0;
    for (const GCCycleStats& c : rt.work.history)
        assistTime += c.assistTime;
    EXPECT_GT(assistTime, 0);
}

} // namespace
} // namespace gclab
