// The collector, mechanism by mechanism: a full cycle, sweepgen, freeing, allocate-black, stacks
// scanned once per cycle, large objects, stale mcache spans, gcWork buffers and the workbuf spans
// they live in.
#include "test_config.h"

#include "sim/mstats.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

#include <bit>
#include <map>
#include <set>

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

// startListAndWorkers publishes a 200-node list in a global and starts two goroutines that each
// allocate `iterations` 32-byte objects, keeping only the latest: several cycles on a small GOGC.
void startListAndWorkers(Runtime& r, std::uint64_t iterations) {
    test::publishList(r, 200);
    TypeId t = r.types.define("T", 32, {0});
    Program worker{"worker",
                   {frame(2), loop(iterations), newobj(0, t), store(0, 0, 1), move(1, 0), endloop()}};
    std::uint32_t w = r.addProgram(worker);
    for (int i = 0; i < 2; i++)
        r.newproc(w);
}

TEST_F(GC, FixedRootsComeFirstAndGreyNothing) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.recordEvents = true;
    cfg.gogc = 10; // a 400 KiB minimum heap: several cycles in a short run
    Runtime r(cfg);
    startListAndWorkers(r, 30000);
    r.runUntilDone(50'000'000);
    ASSERT_GE(r.work.numgc, 2u);
    // Go's order (mgcmark.go): fixedRootFinalizers, fixedRootFreeGStacks, then the data blocks.
    const std::map<uintptr, RootJob::Kind> expected{{0, RootJob::Kind::fixedRootFinalizers},
                                                    {1, RootJob::Kind::fixedRootFreeGStacks},
                                                    {2, RootJob::Kind::runtimeData}};
    std::map<std::uint32_t, int> firstJobsSeen; // cycle -> jobs 0..2 seen
    std::uint32_t cycle = 0;
    std::set<std::pair<std::uint64_t, std::uint32_t>> fixedRootSteps; // (tick, P) of a fixed root job
    for (const Event& e : r.events) {
        if (e.kind == EventKind::gcStart)
            cycle = static_cast<std::uint32_t>(e.a);
        if (e.kind == EventKind::rootJob && expected.count(e.a) != 0) {
            EXPECT_EQ(e.b, static_cast<uintptr>(expected.at(e.a))) << "cycle " << cycle << " job " << e.a;
            firstJobsSeen[cycle]++;
            if (e.a < 2)
                fixedRootSteps.insert({e.tick, e.p});
        }
        // One step is one mark unit: a fixed root job's step greys nothing (no finalizers, no stacks).
        if (e.kind == EventKind::grey) {
            EXPECT_EQ(fixedRootSteps.count({e.tick, e.p}), 0u) << "tick " << e.tick;
        }
    }
    EXPECT_GE(firstJobsSeen.size(), 2u);
    for (auto& [c, n] : firstJobsSeen)
        EXPECT_EQ(n, 3) << "cycle " << c;
}

// Assists drain as gcDrainN does: a grey object first, and a root job only when the P sees none (its
// work buffers and the global full list are empty, and flushing its write-barrier buffer greyed
// nothing new); background workers take the root jobs first (gcDrain). Checked at every step of runs
// over several seeds.
TEST_F(GC, AssistsScanGreyObjectsBeforeRootJobsWorkersAfter) {
    std::uint64_t assistRootJobs = 0, assistScansBeforeRoots = 0, workerRootJobs = 0;
    for (std::uint64_t seed = 1; seed <= 4; seed++) {
        RuntimeConfig cfg = test::testConfig(2);
        cfg.recordEvents = true;
        cfg.workerStreaks = false; // one step per call, so the state before each step is observable
        cfg.seed = seed;
        cfg.gogc = 10;
        Runtime r(cfg);
        startListAndWorkers(r, 60000);
        for (std::uint64_t n = 0; n < 5'000'000; n++) {
            std::vector<bool> greyVisible;
            for (const P& p : r.allp)
                greyVisible.push_back(!p.gcw.empty() || !r.work.full.empty());
            const bool rootsLeft = r.work.markrootNext < r.work.roots.size();
            r.events.clear();
            if (!r.step())
                break;
            bool rootJob = false, scanned = false;
            for (const Event& e : r.events) {
                rootJob |= e.kind == EventKind::rootJob;
                scanned |= e.kind == EventKind::black;
            }
            if (r.lastStep == Runtime::StepKind::mutatorOp && r.allp[r.curP].lastRun == PRun::assist) {
                if (rootJob) {
                    assistRootJobs++;
                    EXPECT_FALSE(greyVisible[r.curP])
                        << "seed " << seed << " tick " << r.tick
                        << ": an assist took a root job with grey objects in view";
                }
                if (scanned && rootsLeft)
                    assistScansBeforeRoots++;
            } else if (r.lastStep == Runtime::StepKind::markWorker && rootsLeft) {
                workerRootJobs += rootJob;
                EXPECT_FALSE(scanned) << "seed " << seed << " tick " << r.tick
                                      << ": a worker scanned an object with root jobs left";
            }
        }
        EXPECT_GE(r.work.numgc, 2u) << "seed " << seed;
    }
    // Each rule was exercised, not vacuously true.
    EXPECT_GT(assistRootJobs, 0u);
    EXPECT_GT(assistScansBeforeRoots, 0u);
    EXPECT_GT(workerRootJobs, 0u);
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

// notReleasedPageBytes counts the heap's pages that are in use or free but not released, from the
// page allocator's bitmaps.
std::uint64_t notReleasedPageBytes(const MHeap& h) {
    std::uint64_t scavenged = 0;
    for (std::size_t ci = 0; ci < h.pages.numChunks(); ci++)
        for (std::uint64_t w : h.pages.scavengedBits(ci))
            scavenged += static_cast<std::uint64_t>(std::popcount(w));
    return (h.pages.numChunks() * pallocChunkPages - scavenged) * pageSize;
}

// Workbufs are carved 16 at a time out of 32 KiB spans (Go's getempty and mheap.allocManual). After
// every step, over random seeds, GOMAXPROCS and GOGC: every buffer that exists (two per P holding its
// gcWork, the full list, the empty list) was carved from a busy span; the spans are mapped memory
// outside the heap, so mappedReady (which the memory-limit goal reads) is every unreleased heap page
// plus the workbuf spans plus the non-heap estimate; and once sweeping is done outside a cycle the
// spans are freed.
TEST(GCWork, WorkbufSpansHoldEveryBufferAndStayMappedUntilSweepingIsDone) {
    for (std::uint64_t seed = 1; seed <= 6; seed++) {
        RuntimeConfig cfg = test::testConfig(1 + static_cast<std::uint32_t>(seed % 3));
        cfg.seed = seed;
        cfg.gogc = seed % 2 == 0 ? 50 : 25;
        cfg.validate = false; // validate() runs at the end of every cycle below
        cfg.checkmark = false;
        Runtime rt(cfg);
        test::buildScenario(rt, "steady-state", {{"live_bytes", 1 << 20}, {"iterations", 20'000}});
        std::uint64_t mostWorkBufBytes = 0, freedAfterSweep = 0;
        std::uint32_t validatedAt = 0;
        while (rt.step()) {
            const WorkbufSpans& spans = rt.work.wbufSpans;
            std::uint64_t buffers = rt.work.full.bufs.size() + rt.work.full.nempty;
            for (const P& p : rt.allp)
                buffers += p.gcw.initialized ? 2 : 0;
            ASSERT_EQ(rt.work.full.spansWanted, 0u) << "seed " << seed;
            ASSERT_EQ(buffers, spans.busy * workbufsPerSpan) << "seed " << seed << " tick " << rt.tick;
            std::uint64_t wbufBytes = (spans.busy + spans.free) * workbufAlloc;
            ASSERT_EQ(rt.heapMemory().mappedReady,
                      notReleasedPageBytes(rt.mheap) + wbufBytes + rt.nonHeapSys().total())
                << "seed " << seed << " tick " << rt.tick;
            if (rt.isSweepDone() && rt.gcphase == GCPhase::off) {
                ASSERT_EQ(spans.free, 0u) << "seed " << seed << " tick " << rt.tick;
                freedAfterSweep += wbufBytes == 0 ? 1 : 0;
            }
            mostWorkBufBytes = std::max(mostWorkBufBytes, wbufBytes);
            if (rt.work.numgc != validatedAt) {
                validatedAt = rt.work.numgc;
                rt.validate();
            }
        }
        ASSERT_GE(rt.work.numgc, 3u) << "seed " << seed;
        EXPECT_GT(mostWorkBufBytes, 0u) << "seed " << seed; // marking took workbuf spans
        EXPECT_GT(freedAfterSweep, 0u) << "seed " << seed;  // and gave them back
    }
}

} // namespace
} // namespace gclab
