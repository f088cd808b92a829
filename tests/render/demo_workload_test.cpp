// Tests for render/demo_workload.h: the built-in demonstration is deterministic, valid, and covers
// every allocation path the heap map shows.
#include "sim/mstats.h"

#include "render/demo_workload.h"

#include <gtest/gtest.h>

#include <vector>

namespace gclab::render {
namespace {

TEST(DemoWorkload, SameSeedSameAllocations) {
    Runtime a(DemoWorkload::config()), b(DemoWorkload::config());
    DemoWorkload wa(a), wb(b);
    for (int i = 0; i < 2000; i++) {
        DemoStep sa = wa.step(a), sb = wb.step(b);
        ASSERT_EQ(sa.addr, sb.addr) << i;
        ASSERT_EQ(sa.expr, sb.expr) << i;
        ASSERT_EQ(sa.index, static_cast<std::uint64_t>(i + 1));
    }
    EXPECT_EQ(readMemStats(a).HeapAlloc, readMemStats(b).HeapAlloc);
}

TEST(DemoWorkload, OtherSeedsGiveOtherHeaps) {
    EXPECT_NE(readMemStats(runDemo(500, 1)).HeapAlloc, readMemStats(runDemo(500, 2)).HeapAlloc);
}

TEST(DemoWorkload, EveryStepIsOneAllocationOnOneOfTwoPs) {
    Runtime rt(DemoWorkload::config(true)); // validate after every heavy allocator step
    DemoWorkload w(rt);
    bool tiny = false, small = false, large = false, noscan = false, scan = false, p0 = false, p1 = false;
    std::uint64_t before = 0;
    for (int i = 0; i < 3000; i++) {
        DemoStep s = w.step(rt);
        MemStats m = readMemStats(rt);
        ASSERT_EQ(m.Mallocs, before + 1) << "step " << i << " " << s.expr;
        before = m.Mallocs;
        tiny |= s.noscan && s.size < maxTinySize;
        small |= s.size >= maxTinySize && s.size <= maxSmallSize;
        large |= s.size > maxSmallSize;
        noscan |= s.noscan;
        scan |= !s.noscan;
        p0 |= s.p == 0;
        p1 |= s.p == 1;
    }
    EXPECT_TRUE(tiny && small && large && noscan && scan && p0 && p1);
    EXPECT_EQ(rt.allp.size(), DemoWorkload::gomaxprocs);
    EXPECT_NO_THROW(rt.validate());
}

TEST(DemoWorkload, RunsToTheEndAndStops) {
    Runtime rt(DemoWorkload::config());
    DemoWorkload w(rt);
    while (!w.finished())
        w.step(rt);
    EXPECT_EQ(w.stepsDone(), DemoWorkload::length);
    EXPECT_NO_THROW(rt.validate());
    EXPECT_EQ(rt.mheap.heapStats.largeFreeCount, 0u); // the collector stays off in the demonstration
    EXPECT_EQ(runDemo(DemoWorkload::length + 10).mheap.heapInUse, rt.mheap.heapInUse);
}

} // namespace
} // namespace gclab::render
