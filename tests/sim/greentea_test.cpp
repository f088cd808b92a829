// Green Tea marking (the Go 1.26 profile): the span queue's ring, spills and steals; spans queued
// once and scanned in bulk; scan work as the packed kernel counts it; and, over random programs,
// the invariant that keeps it precise: every marked, unscanned object's span is queued exactly once.
#include "random_mutator.h"
#include "test_config.h"

#include "sim/runtime.h"
#include "sim/visit.h"

#include "scenarios/scenario.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace gclab {
namespace {

using namespace ops;

constexpr uintptr spanAt(std::uint32_t i) { return 0xc000000000 + uintptr{i} * pageSize; }

std::vector<ObjPtr> takeAll(SpanQueue& q) {
    std::vector<ObjPtr> out;
    while (ObjPtr s = q.tryGetFast())
        out.push_back(s);
    return out;
}

TEST(SpanQueue, TheLocalRingIsFirstInFirstOut) {
    SpanQueue q;
    for (std::uint32_t i = 0; i < 10; i++)
        EXPECT_FALSE(q.put(makeObjPtr(spanAt(i), i)));
    EXPECT_EQ(q.localSize(), 10u);
    const std::vector<ObjPtr> got = takeAll(q);
    ASSERT_EQ(got.size(), 10u);
    for (std::uint32_t i = 0; i < 10; i++) {
        EXPECT_EQ(objPtrSpanBase(got[i]), spanAt(i));
        EXPECT_EQ(objPtrIndex(got[i]), i);
    }
    EXPECT_TRUE(q.empty());
}

TEST(SpanQueue, Every64PutsItPublishesUpTo16SpansIfNoneArePublished) {
    SpanQueue q;
    for (std::uint32_t i = 0; i < 63; i++)
        EXPECT_FALSE(q.put(spanAt(i)));
    EXPECT_TRUE(q.put(spanAt(63))) << "the 64th put publishes min(64 / 2, 16) spans";
    EXPECT_EQ(q.publishedSize(), 16u);
    EXPECT_EQ(q.localSize(), 48u);
    // The published ones are the oldest: the local ring now starts at the 17th.
    EXPECT_EQ(q.tryGetFast(), spanAt(16));
    // While spans stay published, the next 64 puts publish nothing more.
    for (std::uint32_t i = 64; i < 128; i++)
        EXPECT_FALSE(q.put(spanAt(i)));
    EXPECT_EQ(q.publishedSize(), 16u);
}

TEST(SpanQueue, AFullRingPublishesHalfOfIt) {
    SpanQueue q;
    // 64 puts publish 16; the ring then fills up after 208 more (48 + 208 = 256).
    for (std::uint32_t i = 0; i < 272; i++)
        q.put(spanAt(i));
    EXPECT_EQ(q.localSize(), SpanQueue::ringSize);
    EXPECT_EQ(q.publishedSize(), 16u);
    EXPECT_TRUE(q.put(spanAt(272)));
    EXPECT_EQ(q.publishedSize(), 16u + SpanQueue::ringSize / 2);
    EXPECT_EQ(q.localSize(), SpanQueue::ringSize / 2 + 1);
    EXPECT_EQ(q.tryGetFast(), spanAt(16 + 128));
}

TEST(SpanQueue, AStealTakesTheOlderHalfOfThePublishedSpansAtMostHalfARing) {
    SpanQueue victim, thief;
    for (std::uint32_t i = 0; i < 64; i++)
        victim.put(spanAt(i)); // publishes spans 0..15
    EXPECT_EQ(thief.steal(victim), spanAt(0));
    EXPECT_EQ(victim.publishedSize(), 8u) << "16 - 16/2 taken";
    EXPECT_EQ(thief.localSize(), 7u);
    EXPECT_EQ(takeAll(thief).back(), spanAt(7));
    EXPECT_EQ(thief.steal(victim), spanAt(8));
    takeAll(thief);
    thief.steal(victim); // 4 left: takes 2
    takeAll(thief);
    thief.steal(victim); // 2 left: takes 1
    takeAll(thief);
    EXPECT_EQ(thief.steal(victim), spanAt(15)) << "one left: n - n/2 takes it";
    EXPECT_EQ(thief.steal(victim), 0u);
    // A P may steal from its own published spans.
    SpanQueue self;
    for (std::uint32_t i = 0; i < 64; i++)
        self.put(spanAt(i));
    takeAll(self);
    EXPECT_EQ(self.steal(self), spanAt(0));
    // The cap: at most half a ring per steal.
    SpanQueue big;
    for (std::uint32_t i = 0; i < 2000; i++)
        big.put(spanAt(i));
    big.flush();
    SpanQueue other;
    other.steal(big);
    EXPECT_EQ(other.localSize(), SpanQueue::ringSize / 2 - 1);
}

TEST(SpanOwnership, TheFirstMarkQueuesTheSpanLaterOnesOnlySayMany) {
    std::uint8_t owned = spanScanUnowned;
    EXPECT_TRUE(tryAcquireSpan(owned));
    EXPECT_EQ(releaseSpan(owned), spanScanOneMark);
    EXPECT_EQ(owned, spanScanUnowned);
    EXPECT_TRUE(tryAcquireSpan(owned));
    EXPECT_FALSE(tryAcquireSpan(owned));
    EXPECT_FALSE(tryAcquireSpan(owned));
    EXPECT_NE(releaseSpan(owned), spanScanOneMark);
}

// One array of n pointers to n 64-byte objects (one pointer word each), then runtime.GC().
struct FanOut {
    static constexpr std::uint32_t n = 1240; // ten spans of 124 under Go 1.26
    Runtime rt;
    explicit FanOut(GoVersion v) : rt(config(v)) {
        TypeId obj = rt.types.define("Obj", 64, {0});
        std::vector<std::uint32_t> words(n);
        for (std::uint32_t i = 0; i < n; i++)
            words[i] = i;
        TypeId arr = rt.types.define("Arr", 8 * n, words);
        const uintptr global = rt.addGlobals(1);
        const uintptr a = rt.newobject(arr, 0);
        rt.writePointer(PtrSlot::global(global), a);
        for (std::uint32_t i = 0; i < n; i++)
            rt.writePointer(PtrSlot::heap(a, i), rt.newobject(obj, 0));
        rt.newproc(rt.addProgram(Program{"collect", {gc()}}));
        rt.runUntilDone(10'000'000);
    }
    static RuntimeConfig config(GoVersion v) {
        RuntimeConfig c = test::testConfig(1);
        c.goVersion = v;
        return c;
    }
};

TEST(GreenTea, AFanOutQueuesEachSpanOnceAndScansItDenselyCountingWholeObjects) {
    FanOut go126(GoVersion::go1_26);
    const GCCycleStats& c = go126.rt.work.current;
    ASSERT_EQ(go126.rt.work.numgc, 1u);
    EXPECT_EQ(c.spansDenseScanned, FanOut::n / 124);
    EXPECT_EQ(c.spanObjsDenseScanned, FanOut::n);
    EXPECT_EQ(c.spansSparseScanned, 0u);
    EXPECT_EQ(c.spansOneMarkScanned, 0u);
    // The packed kernel counts each object's 64 bytes; the array is scanned from its header word.
    EXPECT_EQ(go126.rt.gcController.lastHeapScan, FanOut::n * 64 + (8 * FanOut::n + mallocHeaderSize));

    FanOut go119(GoVersion::go1_19);
    EXPECT_EQ(go119.rt.work.current.spansDenseScanned + go119.rt.work.current.spansOneMarkScanned, 0u);
    // Go 1.19 scans each object up to its last pointer word.
    EXPECT_EQ(go119.rt.gcController.lastHeapScan, FanOut::n * 8 + 8 * FanOut::n);
    // The same objects are marked: the array (10240 B class in both) and the 64 B objects.
    EXPECT_EQ(go119.rt.gcController.heapMarked, 10240 + FanOut::n * 64);
    EXPECT_EQ(go126.rt.gcController.heapMarked, go119.rt.gcController.heapMarked);
}

TEST(GreenTea, ALinkedListIsScannedOneObjectAtATime) {
    RuntimeConfig cfg = test::testConfig(1);
    cfg.goVersion = GoVersion::go1_26;
    Runtime rt(cfg);
    test::publishList(rt, 5000);
    rt.newproc(rt.addProgram(Program{"collect", {gc()}}));
    rt.runUntilDone(10'000'000);
    // Each node's scan marks the next one, in a span that was just released: the span is queued
    // again for that one mark. Green Tea gains nothing on a list (Go's design notes say the same).
    EXPECT_EQ(rt.work.current.spansOneMarkScanned, 5000u);
    EXPECT_EQ(rt.work.current.spansSparseScanned + rt.work.current.spansDenseScanned, 0u);
    EXPECT_EQ(rt.gcController.heapMarked, 5000u * 16);
}

// The green-tea lesson does what its narration says: under Go 1.26 the fan-out's spans are scanned
// densely and every list Node is a one-mark span scan; under Go 1.19 no span is queued.
TEST(GreenTea, TheLessonScansTheFanOutDenselyAndTheListOneNodeAtATime) {
    const Scenario* sc = findScenario("green-tea");
    ASSERT_NE(sc, nullptr);
    for (GoVersion v : {GoVersion::go1_19, GoVersion::go1_26}) {
        RuntimeConfig cfg = test::testConfig(1);
        cfg.goVersion = v;
        Runtime rt(cfg);
        sc->build(rt, sc->defaults());
        rt.runUntilDone(10'000'000);
        ASSERT_EQ(rt.work.numgc, 1u);
        const GCCycleStats& c = rt.work.current;
        if (v == GoVersion::go1_19) {
            EXPECT_EQ(c.spansOneMarkScanned + c.spansSparseScanned + c.spansDenseScanned, 0u);
            continue;
        }
        EXPECT_GE(c.spansOneMarkScanned, 2000u) << "each of the 2000 Nodes";
        EXPECT_GT(c.spansDenseScanned, 0u);
        // About 63 % of 2000 Items live, 124 per span: about 11 spans of them, each scanned once or twice.
        EXPECT_LE(c.spansDenseScanned + c.spansSparseScanned, 30u);
        EXPECT_GT(c.spanObjsDenseScanned + c.spanObjsSparseScanned, 1000u);
    }
}

// GreySpans collects the span of every object visitHeap draws grey.
struct GreySpans : HeapVisitor {
    std::vector<SpanId> spans;
    bool wantsObjects() const override { return true; }
    void onObject(const ObjectView& o) override {
        if (o.color == Color::grey)
            spans.push_back(o.span);
    }
};

std::set<uintptr> queuedBases(const Runtime& rt) {
    std::set<uintptr> bases;
    for (const QueuedSpan& q : queuedSpans(rt))
        bases.insert(q.base);
    return bases;
}

// The invariant that keeps Green Tea precise — validate(): a span is owned exactly when it has one queue
// entry, and every marked object not scanned yet lies in an owned span, so some P will scan it — holds
// between steps of random programs, and every object the window draws grey (visitHeap) has its span in a
// queue when the span has inline mark bits.
TEST(GreenTea, EveryGreyObjectsSpanIsQueuedExactlyOnceInRandomPrograms) {
    std::uint64_t checks = 0, greySeen = 0;
    for (std::uint64_t seed = 1; seed <= 40; seed++) {
        Runtime rt = test::randomRun(seed, BarrierMode::hybrid, false, GoVersion::go1_26);
        for (std::uint64_t step = 0; step < 400'000 && rt.step(); step++) {
            if (step % 397 != 0)
                continue;
            ASSERT_NO_THROW(rt.validate()) << "seed " << seed << " step " << step;
            const std::set<uintptr> queued = queuedBases(rt);
            GreySpans grey;
            visitHeap(rt, grey);
            for (SpanId id : grey.spans) {
                const MSpan& s = rt.mheap.span(id);
                if (!s.inlineMarkBits)
                    continue; // marked through the work buffers, as under Go 1.19
                greySeen++;
                ASSERT_TRUE(queued.contains(s.base()))
                    << "seed " << seed << " step " << step << ": a grey object in span " << std::hex
                    << s.base() << ", which no P will scan";
            }
            checks++;
        }
    }
    EXPECT_GT(checks, 1000u);
    EXPECT_GT(greySeen, 100u) << "the runs must catch objects between marking and scanning";
}

// validate() is the oracle above: it must see each way the queues can break.
TEST(GreenTea, ValidateSeesAQueuedSpanNotOwnedAndAGreyObjectInAnUnownedSpan) {
    Runtime rt = test::randomRun(1, BarrierMode::hybrid, false, GoVersion::go1_26);
    while (queuedSpans(rt).empty())
        ASSERT_TRUE(rt.step()) << "the run ended before a span was queued";
    ASSERT_NO_THROW(rt.validate());

    Runtime notOwned = rt;
    notOwned.mheap.span(notOwned.mheap.spanOf(queuedSpans(notOwned).front().base)).owned = spanScanUnowned;
    EXPECT_THROW(notOwned.validate(), RuntimeThrow);

    // An unowned span whose marked objects are all scanned; forget one scan.
    Runtime lostScan = rt;
    bool corrupted = false;
    for (std::size_t id = 1; id < lostScan.mheap.numSpanRecords() && !corrupted; id++) {
        MSpan& s = lostScan.mheap.span(static_cast<SpanId>(id));
        if (s.state != MSpanState::mSpanInUse || !s.inlineMarkBits || s.spanclass.noscan() ||
            s.owned != spanScanUnowned)
            continue;
        for (std::uint32_t slot = 0; slot < s.nelems && !corrupted; slot++)
            if (s.gcmarkBits.test(slot)) {
                s.scans.clear(slot);
                corrupted = true;
            }
    }
    ASSERT_TRUE(corrupted) << "no unowned span with a marked object at the first queued span";
    EXPECT_THROW(lostScan.validate(), RuntimeThrow);
}

} // namespace
} // namespace gclab
