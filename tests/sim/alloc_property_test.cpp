// Property test: random allocation sequences on random numbers of Ps, with the model's structural
// validation on, against an independent tally of what Go's MemStats must report and a check that
// no two live objects overlap.
#include "test_config.h"

#include "sim/malloc.h"
#include "sim/mstats.h"
#include "sim/rng.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

#include <map>

namespace gclab {
namespace {

// Slot size for a request, computed by scanning the table (independent of the lookup arrays).
// Go 1.26 (go-runtime-facts.md §1.5): requests above 32760 B are large, and a pointerful object above
// 512 B is looked up with its 8-byte header.
uintptr expectedSlot(GoVersion v, uintptr n, bool scan, int& sizeclass) {
    const bool go126 = v == GoVersion::go1_26;
    if (n > (go126 ? maxSmallSize - 8 : maxSmallSize)) {
        sizeclass = 0;
        return alignUp(n, pageSize);
    }
    if (go126 && scan && n > 512)
        n += 8;
    for (int c = 1; c < numSizeClasses; c++)
        if (class_to_size[c] >= n) {
            sizeclass = c;
            return class_to_size[c];
        }
    return 0;
}

uintptr randomSize(Rng& rng) {
    switch (rng.below(10)) {
    case 0:
        return 0;
    case 1:
    case 2:
        return 1 + rng.below(15); // tiny candidates
    case 3:
        return rng.chance(1, 4) ? maxSmallSize - 8 + rng.below(16)      // both sides of either cutoff
                                : maxSmallSize + 1 + rng.below(300000); // large
    case 4:
        return 1 + rng.below(maxSmallSize);
    default:
        return 1 + rng.below(512);
    }
}

class AllocProperty : public ::testing::TestWithParam<GoVersion> {};

TEST_P(AllocProperty, RandomSequencesKeepInvariantsAndMatchAnIndependentTally) {
    const GoVersion version = GetParam();
    for (std::uint64_t seed = 1; seed <= 30; seed++) {
        Rng rng(seed);
        auto procs = static_cast<std::uint32_t>(1 + rng.below(4));
        RuntimeConfig cfg = test::testConfig(procs);
        cfg.goVersion = version;
        Runtime rt(cfg);
        TypeId u8 = rt.types.define("uint8", 1, {});

        std::map<uintptr, uintptr> objects; // start -> end of every allocation (tiny: its bytes)
        std::uint64_t mallocs = 0, tinyObjects = 0, nonTinyCount = 0;
        uintptr nonTinyBytes = 0;
        std::array<std::uint64_t, numSizeClasses> byClass{};

        for (int op = 0; op < 1500; op++) {
            if (rng.chance(1, 100)) {
                rt.flushallmcaches();
                continue;
            }
            auto p = static_cast<std::uint32_t>(rng.below(procs));
            bool scan = rng.chance(1, 2);
            uintptr n = randomSize(rng);
            uintptr addr;
            if (scan && n >= 8 && (n <= 4096 || n >= maxSmallSize - 8)) {
                n = alignUp(n, 8);
                TypeId t;
                std::string name = "T" + std::to_string(n);
                if (!rt.types.find(name, t))
                    t = rt.types.define(name, n, {0});
                addr = rt.newobject(t, p);
            } else {
                scan = false;
                addr = rt.mallocgc(n, u8, p);
            }
            if (n == 0) {
                EXPECT_EQ(addr, zerobase);
                continue;
            }
            mallocs++;
            uintptr extent = n;
            if (!scan && n < maxTinySize) {
                tinyObjects++;
            } else {
                int c = 0;
                extent = expectedSlot(version, n, scan, c);
                nonTinyBytes += extent;
                nonTinyCount++;
                byClass[c]++;
                ObjectRef ref;
                ASSERT_TRUE(rt.mheap.findObject(addr, ref));
                ASSERT_EQ(rt.mheap.span(ref.span).elemsize, extent) << "seed " << seed << " op " << op;
                ASSERT_EQ(rt.mheap.span(ref.span).spanclass.noscan(), !scan);
            }
            auto next = objects.lower_bound(addr);
            ASSERT_TRUE(next == objects.end() || next->first >= addr + extent) << "overlap, seed " << seed;
            ASSERT_TRUE(next == objects.begin() || std::prev(next)->second <= addr)
                << "overlap, seed " << seed;
            objects.emplace(addr, addr + extent);
        }

        rt.validate();
        MemStats m = readMemStats(rt);
        std::uint64_t tinyFolded = m.Frees; // with no GC, Frees counts only tiny objects in existing blocks
        std::uint64_t tinyBlocks = tinyObjects - tinyFolded;
        EXPECT_EQ(m.Mallocs, mallocs) << "seed " << seed;
        EXPECT_EQ(m.HeapObjects, nonTinyCount + tinyBlocks) << "seed " << seed;
        EXPECT_EQ(m.HeapAlloc, nonTinyBytes + tinyBlocks * maxTinySize) << "seed " << seed;
        for (int c = 1; c < static_cast<int>(m.BySize.size()); c++) {
            std::uint64_t want = byClass[c] + (c == tinySizeClass ? tinyBlocks : 0);
            EXPECT_EQ(m.BySize[c].Mallocs, want) << "seed " << seed << " class " << c;
        }
        EXPECT_EQ(m.HeapSys % pallocChunkBytes, 0u);
        EXPECT_GE(m.HeapInuse, m.HeapAlloc);
    }
}

INSTANTIATE_TEST_SUITE_P(Versions, AllocProperty, ::testing::Values(GoVersion::go1_19, GoVersion::go1_26),
                         [](const auto& paramInfo) {
                             return paramInfo.param == GoVersion::go1_19 ? "go1_19" : "go1_26";
                         });

} // namespace
} // namespace gclab
