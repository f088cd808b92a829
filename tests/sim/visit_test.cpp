// The visitor reports exactly the model's state: span counts and bytes, object colours during a mark.
#include "test_config.h"

#include "sim/mstats.h"
#include "sim/visit.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

struct Counter : HeapVisitor {
    std::uint64_t spanBytes = 0, objects = 0, objectBytes = 0, grey = 0, black = 0, white = 0, ps = 0, gs = 0;
    uintptr lastBase = 0;
    bool ordered = true;
    void onSpan(const SpanView& s) override {
        spanBytes += s.span->spanBytes();
        ordered = ordered && s.span->base() > lastBase;
        lastBase = s.span->base();
    }
    bool wantsObjects() const override { return true; }
    void onObject(const ObjectView& o) override {
        objects++;
        (o.color == Color::grey ? grey : o.color == Color::black ? black : white)++;
    }
    void onP(const P&) override { ps++; }
    void onGoroutine(const G&) override { gs++; }
};

TEST(Visit, ReportsEverySpanAndObjectInAddressOrder) {
    Runtime rt(test::testConfig(2));
    test::buildScenario(rt, "missing-write-barrier");
    rt.runUntilDone(~std::uint64_t{0});
    Counter c;
    visitHeap(rt, c);
    MemStats m = readMemStats(rt);
    EXPECT_TRUE(c.ordered);
    EXPECT_EQ(c.spanBytes, m.HeapInuse);
    EXPECT_EQ(c.objects, m.HeapObjects);
    EXPECT_EQ(c.ps, 2u);
    EXPECT_EQ(c.gs, rt.allgs.size());
}

TEST(Visit, ColoursDuringMarkMatchTheQueues) {
    Runtime rt(test::testConfig(1));
    test::buildScenario(rt, "missing-write-barrier");
    bool sawGrey = false;
    while (rt.step()) {
        if (rt.gcphase != GCPhase::mark || rt.tick % 97 != 0)
            continue;
        Counter c;
        visitHeap(rt, c);
        std::uint64_t queued = 0;
        for (const P& p : rt.allp)
            queued += p.gcw.size();
        for (const Workbuf& b : rt.work.full.bufs)
            queued += b.size();
        EXPECT_EQ(c.grey, queued) << "tick " << rt.tick;
        sawGrey = sawGrey || c.grey > 0;
    }
    EXPECT_TRUE(sawGrey);
}

TEST(Visit, SweepStateFollowsTheSweepgenTable) {
    EXPECT_EQ(sweepStateOf(4, 6), SpanSweep::unswept);
    EXPECT_EQ(sweepStateOf(5, 6), SpanSweep::beingSwept);
    EXPECT_EQ(sweepStateOf(6, 6), SpanSweep::swept);
    EXPECT_EQ(sweepStateOf(7, 6), SpanSweep::cachedStale);
    EXPECT_EQ(sweepStateOf(9, 6), SpanSweep::cachedSwept);
}

} // namespace
} // namespace gclab
