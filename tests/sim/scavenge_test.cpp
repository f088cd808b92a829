// The scavenger (Go 1.19 mgcscavenge.go): goal formulas against numbers derived by hand from the facts,
// highest-address-first release against an independent walk of the bitmaps, the released-bytes
// accounting as an invariant over random heaps, reuse of released pages, allocation-time scavenging
// under a memory limit, the background scavenger's pacing and the scavtrace line, field by field.
#include "test_config.h"

#include "sim/mgcscavenge.h"
#include "sim/rng.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <vector>

namespace gclab {
namespace {

TEST(ScavengeGoals, GcPercentGoalIsLastHeapInUseScaledByTheGoalPlusTenPercentRoundedToAPage) {
    ScavengePaceInput in;
    in.lastHeapInUse = 10'000'000;
    in.heapGoal = 3'000'000;
    in.lastHeapGoal = 4'000'000;
    in.mappedReady = 20'000'000;
    // 10e6 x 0.75 = 7.5e6; + 7.5e6 / 10 = 8.25e6; rounded up to 4096: 2015 x 4096 = 8253440.
    in.heapRetained = 9'000'000;
    EXPECT_EQ(gcPaceScavenger(in).gcPercentGoal, 8'253'440u);
    in.heapRetained = 8'253'440 + 4095; // within one physical page of the goal: off
    EXPECT_EQ(gcPaceScavenger(in).gcPercentGoal, scavengeGoalOff);
    in.heapRetained = 8'253'440 + 4096;
    EXPECT_EQ(gcPaceScavenger(in).gcPercentGoal, 8'253'440u);
    in.heapRetained = 8'000'000; // below the goal: off
    EXPECT_EQ(gcPaceScavenger(in).gcPercentGoal, scavengeGoalOff);
    in.heapRetained = 9'000'000;
    in.lastHeapGoal = 0; // before the first cycle ends
    EXPECT_EQ(gcPaceScavenger(in).gcPercentGoal, scavengeGoalOff);
}

TEST(ScavengeGoals, MemoryLimitGoalIsNinetyFiveTimesTheLimitIn119AndNinetyFivePercentIn126) {
    ScavengePaceInput in;
    in.memoryLimit = 100 << 20; // 104857600
    in.mappedReady = 100'000'000;
    // 1.19: 104857600 x 95 = 9961472000, far above what is mapped: the goal is off.
    EXPECT_EQ(gcPaceScavenger(in).memoryLimitGoal, scavengeGoalOff);
    in.mappedReady = 10'000'000'000;
    EXPECT_EQ(gcPaceScavenger(in).memoryLimitGoal, 9'961'472'000u);
    // 1.26: 104857600 x 0.95 = 99614720, below 100e6 mapped: active.
    in.go126 = true;
    in.mappedReady = 100'000'000;
    EXPECT_EQ(gcPaceScavenger(in).memoryLimitGoal, 99'614'720u);
    in.mappedReady = 99'614'720;
    EXPECT_EQ(gcPaceScavenger(in).memoryLimitGoal, scavengeGoalOff);
    // No limit: off in both profiles.
    in.memoryLimit = noMemoryLimit;
    in.mappedReady = 1ULL << 40;
    EXPECT_EQ(gcPaceScavenger(in).memoryLimitGoal, scavengeGoalOff);
    in.go126 = false;
    EXPECT_EQ(gcPaceScavenger(in).memoryLimitGoal, scavengeGoalOff);
}

TEST(ScavengeGoals, Float64ToUint64FollowsAmd64) {
    EXPECT_EQ(float64ToUint64(1e19), 10'000'000'000'000'000'000ULL);
    EXPECT_EQ(float64ToUint64(12345.9), 12345u);
    // 95 x MaxInt64 is beyond uint64: amd64 gives 2^63 (so an unlimited 1.19 goal is 2^63).
    EXPECT_EQ(float64ToUint64(9223372036854775807.0 * 95.0), 1ULL << 63);
}

constexpr uintptr heapBase = 0xc000000000;

// pagesInUse counts a chunk's in-use pages page by page.
std::uint32_t pagesInUse(const PageAlloc& pa, std::size_t chunk) {
    std::uint32_t n = 0;
    for (uintptr i = 0; i < pallocChunkPages; i++)
        n += pa.inUse(heapBase + (chunk * pallocChunkPages + i) * pageSize) ? 1 : 0;
    return n;
}

// The independent walk: the highest page that is free and not scavenged, and the run below it,
// in a chunk not in skip (the chunks the caller counts as dense).
PageAlloc::Range oracleCandidate(const PageAlloc& pa, uintptr maxPages, const std::vector<bool>& skip = {}) {
    uintptr npages = pa.numChunks() * pallocChunkPages;
    auto candidate = [&](uintptr i) {
        uintptr a = heapBase + i * pageSize;
        std::size_t chunk = i / pallocChunkPages;
        return !pa.inUse(a) && !pa.scavenged(a) && !(chunk < skip.size() && skip[chunk]);
    };
    for (uintptr top = npages; top-- > 0;) {
        if (!candidate(top))
            continue;
        // Go searches one chunk at a time: the run stops at the chunk's first page.
        uintptr chunkFirst = top / pallocChunkPages * pallocChunkPages;
        uintptr first = top;
        while (first > chunkFirst && candidate(first - 1))
            first--;
        uintptr size = std::min(top + 1 - first, std::max<uintptr>(maxPages, 1));
        return PageAlloc::Range{heapBase + (top + 1 - size) * pageSize, size};
    }
    return PageAlloc::Range{};
}

TEST(ScavengeOrder, HighestAddressFirstMatchesAnIndependentWalkOverRandomHeaps) {
    // Density (Go 1.21+): a chunk is dense while 496 of its 512 pages are in use, or were when the
    // generation began; scavenging with skipDense passes over it. The oracle snapshots the counts at
    // every nextGen by walking the pages.
    std::uint64_t skippedDense = 0;
    for (std::uint64_t seed = 1; seed <= 30; seed++) {
        Rng rng(seed);
        PageAlloc pa(heapBase);
        pa.grow(heapBase, 3 * pallocChunkBytes);
        std::vector<PageAlloc::Range> live;
        std::vector<std::uint32_t> atGenStart(pa.numChunks(), 0);
        for (int op = 0; op < 300; op++) {
            std::uint64_t what = rng.below(11);
            if (what == 10) {
                pa.nextGen();
                for (std::size_t c = 0; c < pa.numChunks(); c++)
                    atGenStart[c] = pagesInUse(pa, c);
            } else if (what < 5) {
                uintptr n = 1 + rng.below(what == 0 ? 600 : 12);
                PageAlloc::Result r = pa.alloc(n);
                if (r.base != 0)
                    live.push_back(PageAlloc::Range{r.base, n});
            } else if (what < 8 && !live.empty()) {
                std::size_t i = rng.below(live.size());
                pa.free(live[i].base, live[i].npages);
                live.erase(live.begin() + static_cast<std::ptrdiff_t>(i));
            } else {
                uintptr maxPages = rng.below(20);
                const bool skipDense = rng.chance(1, 2);
                std::vector<bool> dense(pa.numChunks());
                for (std::size_t c = 0; c < pa.numChunks(); c++) {
                    dense[c] = skipDense && (pagesInUse(pa, c) >= 496 || atGenStart[c] >= 496);
                    ASSERT_EQ(pa.dense(c), pagesInUse(pa, c) >= 496 || atGenStart[c] >= 496);
                }
                PageAlloc::Range want = oracleCandidate(pa, maxPages, dense);
                if (want.base != oracleCandidate(pa, maxPages).base)
                    skippedDense++;
                PageAlloc::Range got = pa.scavengeOne(maxPages, skipDense);
                ASSERT_EQ(got.base, want.base) << "seed " << seed << " op " << op;
                ASSERT_EQ(got.npages, want.npages) << "seed " << seed << " op " << op;
                for (uintptr p = 0; p < got.npages; p++) {
                    ASSERT_TRUE(pa.scavenged(got.base + p * pageSize));
                    ASSERT_FALSE(pa.inUse(got.base + p * pageSize));
                }
            }
        }
    }
    EXPECT_GT(skippedDense, 10u) << "the random heaps must make chunks dense";
}

// Walks every page of the heap: free pages, and free pages that are released.
struct PageCount {
    uintptr free = 0;
    uintptr released = 0;
    uintptr releasedInUse = 0;
};
PageCount countPages(const MHeap& h) {
    PageCount c;
    for (uintptr a = h.pages.base(); a < h.pages.end(); a += pageSize) {
        bool used = h.pages.inUse(a), scav = h.pages.scavenged(a);
        c.free += used ? 0 : 1;
        c.released += scav ? 1 : 0;
        c.releasedInUse += used && scav ? 1 : 0;
    }
    return c;
}

TEST(ScavengeAccounting, ReleasedBytesNeverExceedFreePagesOverRandomAllocFreeScavenge) {
    for (std::uint64_t seed = 1; seed <= 25; seed++) {
        Rng rng(seed);
        MHeap h;
        std::vector<SpanId> spans;
        for (int op = 0; op < 400; op++) {
            std::uint64_t what = rng.below(10);
            if (what < 4) {
                uintptr npages = 1 + rng.below(rng.below(8) == 0 ? 700 : 16);
                SpanAlloc a = h.allocSpan(npages, SpanClass{0});
                spans.push_back(a.id);
                ASSERT_LE(a.scav, npages * pageSize);
            } else if (what < 7 && !spans.empty()) {
                std::size_t i = rng.below(spans.size());
                h.freeSpan(spans[i]);
                spans.erase(spans.begin() + static_cast<std::ptrdiff_t>(i));
            } else {
                h.scavengeOne(1 + rng.below(64), false);
            }
            PageCount c = countPages(h);
            ASSERT_LE(h.heapReleased, c.free * pageSize) << "seed " << seed << " op " << op;
            ASSERT_EQ(h.heapReleased, c.released * pageSize) << "seed " << seed << " op " << op;
            ASSERT_EQ(h.heapFree + h.heapReleased, c.free * pageSize) << "seed " << seed << " op " << op;
            ASSERT_EQ(c.releasedInUse, 0u) << "seed " << seed << " op " << op;
        }
    }
}

TEST(ScavengeAccounting, ReusingReleasedPagesUnreleasesThem) {
    MHeap h;
    SpanAlloc a = h.allocSpan(100, SpanClass{0});
    EXPECT_EQ(a.growth, pallocChunkBytes); // one 4 MiB chunk
    EXPECT_EQ(a.scav, 100 * pageSize);     // fresh growth counts as released until used
    h.freeSpan(a.id);
    EXPECT_EQ(h.heapReleased, (pallocChunkPages - 100) * pageSize);
    EXPECT_EQ(h.heapFree, 100 * pageSize);
    // Releasing takes the highest free, unreleased pages first: the top of the freed span.
    PageAlloc::Range r = h.scavengeOne(30, false);
    EXPECT_EQ(r.base, heapBase + 70 * pageSize);
    EXPECT_EQ(r.npages, 30u);
    EXPECT_EQ(h.heapFree, 70 * pageSize);
    // A span over pages 0..99 reuses 30 released pages: they leave heapReleased (sysUsed).
    SpanAlloc b = h.allocSpan(100, SpanClass{0});
    EXPECT_EQ(h.span(b.id).startAddr, heapBase);
    EXPECT_EQ(b.growth, 0u);
    EXPECT_EQ(b.scav, 30 * pageSize);
    EXPECT_EQ(h.heapReleased, (pallocChunkPages - 100) * pageSize);
    EXPECT_EQ(h.heapFree, 0u);
    for (uintptr p = 0; p < 100; p++)
        EXPECT_FALSE(h.pages.scavenged(heapBase + p * pageSize));
}

TEST(ScavengerPacing, SleepsWorkOverRatioAndTheControllerMovesTowardOnePercent) {
    ScavengerState s;
    s.worked = 400'000; // less than 1 ms of work counts as 1 ms
    s.sleep(5'000);
    EXPECT_EQ(s.status, ScavengerStatus::sleeping);
    EXPECT_EQ(s.wakeAt, 5'000 + 1'000'000'000); // 1 ms / 0.001
    // Slept 1 s on 1 P: cpuFraction = 1e6 / 1.001e9; error = 0.01 - that; output = 0.3375 x error.
    s.afterSleep(1'000'000'000, 1);
    double cpu = 1e6 / 1.001e9;
    EXPECT_NEAR(s.sleepRatio, 0.3375 * (0.01 - cpu), 1e-12);
    // The integral term: kp x period / Ti x error = 0.3375 x 1.001e9 / 3.2e6 x error.
    EXPECT_NEAR(s.sleepController.errIntegral, 0.3375 * 1.001e9 / 3.2e6 * (0.01 - cpu), 1e-9);
    // During a cooldown the controller is left alone and the cooldown shrinks by slept + worked.
    s.controllerCooldown = 3'000'000'000;
    double ratio = s.sleepRatio;
    s.afterSleep(1'000'000'000, 2);
    EXPECT_EQ(s.controllerCooldown, 3'000'000'000 - 1'001'000'000);
    EXPECT_EQ(s.sleepRatio, ratio);
}

// A Runtime with every check on, the scavenger scenario built with a spike of `spike`.
Runtime scavengerRun(RuntimeConfig cfg, std::int64_t spike, std::int64_t steady) {
    Runtime rt(cfg);
    test::buildScenario(rt, "scavenger", {{"spike_bytes", spike}, {"steady_bytes", steady}});
    return rt;
}

TEST(BackgroundScavenger, ReleasesFromTheTopDownAfterTheGoalCollapses) {
    RuntimeConfig cfg = test::testConfig(1);
    cfg.recordEvents = true;
    Runtime rt = scavengerRun(cfg, 8 << 20, 1 << 20);
    uintptr lastBase = ~uintptr{0};
    bool sawBackground = false;
    while (rt.step()) {
        for (const Event& e : rt.events) {
            if (e.kind != EventKind::scavenge || e.c != static_cast<uintptr>(ScavengeSource::background))
                continue;
            sawBackground = true;
            // Within one batch every release lies below the previous one.
            EXPECT_LE(e.a + e.b * pageSize, lastBase);
            lastBase = e.a;
        }
        rt.events.clear();
        if (rt.scavenger.status == ScavengerStatus::sleeping)
            lastBase = ~uintptr{0};
    }
    EXPECT_TRUE(sawBackground);
    EXPECT_GT(rt.scavenger.totalBackground, 0u);
    // Released bytes are the background's work plus never-used growth, never more than the free pages.
    EXPECT_LE(rt.mheap.heapReleased, countPages(rt.mheap).free * pageSize);
    EXPECT_GE(rt.mheap.heapReleased, rt.scavenger.totalBackground);
}

TEST(AllocationScavenging, KeepsMappedReadyUnderTheLimitWhenPagesAreFree) {
    // A limit just above what the steady phase needs: after the spike is dropped, allocation must
    // release free pages as the heap grows again.
    RuntimeConfig cfg = test::testConfig(1);
    cfg.memoryLimit = 20 << 20;
    cfg.recordEvents = true;
    Runtime rt = scavengerRun(cfg, 12 << 20, 6 << 20);
    std::uint64_t spans = 0, violations = 0;
    while (rt.step()) {
        bool allocated = false;
        for (const Event& e : rt.events)
            allocated = allocated || e.kind == EventKind::spanAlloc;
        rt.events.clear();
        if (!allocated)
            continue;
        // Right after mheap.allocSpan: over the limit only if no free, unreleased page is left.
        spans++;
        if (rt.heapMemory().mappedReady > static_cast<std::uint64_t>(cfg.memoryLimit) &&
            rt.mheap.heapFree > 0 && !rt.gcCPULimiter.limiting())
            violations++;
    }
    EXPECT_GT(spans, 100u);
    EXPECT_EQ(violations, 0u);
    EXPECT_GT(rt.scavenger.totalAllocation, 0u);
}

TEST(ScavengeAll, ReleasesEveryFreePage) {
    Runtime rt = scavengerRun(test::testConfig(1), 4 << 20, 64 << 10);
    rt.runUntilDone(~std::uint64_t{0});
    rt.flushallmcaches();
    uintptr released = rt.scavengeAll();
    EXPECT_EQ(rt.mheap.heapFree, 0u);
    EXPECT_EQ(rt.mheap.heapReleased, countPages(rt.mheap).free * pageSize);
    EXPECT_EQ(rt.scavenger.totalForced, released);
    EXPECT_EQ(rt.scavengeAll(), 0u);
}

// Go 1.21+ (the go1_26 profile): background and heap-growth scavenging pass over a chunk that had
// 496 of its 512 pages in use when the generation began (or has now); forced and memory-limit
// scavenging take its free pages anyway; a generation later, with fewer pages in use, it is fair game.
// Go 1.19 has no such rule.
TEST(ScavengeDense, Go126SkipsDenselyUsedChunksUnlessForced) {
    auto denseHeap = [](GoVersion v) {
        RuntimeConfig cfg = test::testConfig(1);
        cfg.goVersion = v;
        cfg.validate = false; // the spans are taken from mheap directly, not through an mcentral
        Runtime rt(cfg);
        std::vector<SpanId> spans;
        for (int i = 0; i < 500; i++) // chunk 0: 500 pages in use, 12 fresh (released) ones
            spans.push_back(rt.mheap.allocSpan(1, SpanClass::make(1, true)).id);
        rt.mheap.pages.nextGen(); // a mark termination: the generation begins with the chunk dense
        for (int i = 0; i < 20; i++)
            rt.mheap.freeSpan(spans[static_cast<std::size_t>(i)]); // 480 in use, 20 free and unreleased
        return rt;
    };
    auto released = [](Runtime& rt, bool skipDense) { return rt.mheap.scavengeOne(256, skipDense).npages; };
    Runtime rt = denseHeap(GoVersion::go1_26);
    EXPECT_TRUE(rt.mheap.pages.dense(0));
    EXPECT_EQ(released(rt, true), 0u);
    rt.mheap.pages.nextGen();
    EXPECT_FALSE(rt.mheap.pages.dense(0));
    EXPECT_EQ(released(rt, true), 20u);
    // FreeOSMemory (scavengeAll) is forced: it takes the dense chunk's free pages in either profile.
    for (GoVersion v : {GoVersion::go1_19, GoVersion::go1_26}) {
        Runtime forced = denseHeap(v);
        EXPECT_EQ(forced.scavengeAll(), 20 * pageSize);
    }
}

// The scavtrace line of Go 1.19 (runtime/mgcscavenge.go printScavTrace), field by field.
const std::regex scavtrace119(
    R"(scav (\d+) KiB work, (\d+) KiB total, (\d+)% util( \(forced\)| \[controller reset\])?\n)");
const std::regex scavtrace126(
    R"(scav (\d+) KiB work \(bg\), (\d+) KiB work \(eager\), (\d+) KiB now, (\d+)% util( \(forced\)| \[controller reset\])?\n)");

std::uint64_t num(const std::smatch& m, int i) { return std::stoull(m[i].str()); }

void checkScavTraceFields(GoVersion version) {
    RuntimeConfig cfg = test::testConfig(1);
    cfg.godebug.scavtrace = true;
    cfg.recordEvents = true;
    cfg.goVersion = version;
    cfg.memoryLimit = 24 << 20;
    const bool go126 = version == GoVersion::go1_26;
    // Under 1.26 the chunks the spike filled count as dense until a generation (a GC cycle) begins
    // after they were swept, so the newest line needs more cycles after the spike to show bg work.
    Runtime rt = scavengerRun(cfg, 8 << 20, go126 ? 24 << 20 : 4 << 20);
    std::uint64_t bgAtLastLine = 0, eagerAtLastLine = 0;
    int lines = 0;
    auto check = [&](const std::string& line, bool forced, uintptr forcedBytes) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(line, m, go126 ? scavtrace126 : scavtrace119)) << line;
        lines++;
        int f = 1;
        std::uint64_t bg = rt.scavenger.totalBackground;
        std::uint64_t eager = rt.scavenger.totalAllocation;
        if (forced)
            EXPECT_EQ(num(m, f++), go126 ? 0 : forcedBytes >> 10);
        else
            EXPECT_EQ(num(m, f++), (bg - bgAtLastLine) >> 10);
        if (go126) {
            if (forced)
                EXPECT_EQ(num(m, f++), forcedBytes >> 10);
            else
                EXPECT_EQ(num(m, f++), (eager - eagerAtLastLine) >> 10);
        }
        EXPECT_EQ(num(m, f++), rt.mheap.heapReleased >> 10);
        EXPECT_EQ(num(m, f++), rt.mheap.heapInUse * 100 / (rt.mheap.heapInUse + rt.mheap.heapFree));
        EXPECT_EQ(m[f].str(), forced ? " (forced)" : "");
        if (!forced) {
            bgAtLastLine = bg;
            eagerAtLastLine = eager;
        }
    };
    int formatOnly = 0;
    while (rt.step()) {
        // The line is printed by whoever finishes sweeping; when that was an allocation, the span it
        // took after printing changed the heap, so only the format can be checked after the step.
        bool allocated = false;
        for (const Event& e : rt.events)
            allocated = allocated || e.kind == EventKind::spanAlloc;
        rt.events.clear();
        if (rt.debugOut.empty())
            continue;
        if (allocated) {
            EXPECT_TRUE(std::regex_match(rt.debugOut, go126 ? scavtrace126 : scavtrace119)) << rt.debugOut;
            bgAtLastLine = rt.scavenger.totalBackground;
            eagerAtLastLine = rt.scavenger.totalAllocation;
            formatOnly++;
        } else {
            check(rt.debugOut, false, 0);
        }
        rt.debugOut.clear();
    }
    EXPECT_GE(lines, 2);
    EXPECT_LT(formatOnly, lines);
    EXPECT_GT(rt.scavenger.totalBackground + rt.scavenger.totalAllocation, 0u);
    rt.flushallmcaches();
    uintptr released = rt.scavengeAll();
    EXPECT_GT(released, 0u);
    check(rt.debugOut, true, released);
}

TEST(ScavTrace, EveryFieldOfGo119sLineAgreesWithTheHeap) { checkScavTraceFields(GoVersion::go1_19); }

TEST(ScavTrace, EveryFieldOfTheNewestLineAgreesWithTheHeap) { checkScavTraceFields(GoVersion::go1_26); }

TEST(ScavTrace, FormatsAsGoPrints) {
    ScavTraceInput t;
    t.released = 246808 << 10;
    t.heapReleased = 250192 << 10;
    t.heapInUse = 21;
    t.heapRetained = 100;
    EXPECT_EQ(formatScavTrace(t), "scav 246808 KiB work, 250192 KiB total, 21% util\n");
    t.controllerReset = true;
    EXPECT_EQ(formatScavTrace(t), "scav 246808 KiB work, 250192 KiB total, 21% util [controller reset]\n");
    t.forced = true;
    EXPECT_EQ(formatScavTrace(t), "scav 246808 KiB work, 250192 KiB total, 21% util (forced)\n");
    t.go126 = true;
    t.releasedEager = 1023;
    EXPECT_EQ(formatScavTrace(t),
              "scav 246808 KiB work (bg), 0 KiB work (eager), 250192 KiB now, 21% util (forced)\n");
}

} // namespace
} // namespace gclab
