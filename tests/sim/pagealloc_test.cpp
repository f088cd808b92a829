// Page allocator: address-ordered first fit and scavenged accounting, checked against a plain
// page-by-page oracle over random operation sequences.
#include "sim/pagealloc.h"
#include "sim/rng.h"

#include <gtest/gtest.h>

#include <vector>

namespace gclab {
namespace {

constexpr uintptr base = 0xc000000000;

struct Oracle {
    std::vector<bool> inUse, scav;

    void grow(uintptr chunks) {
        inUse.resize(inUse.size() + chunks * pallocChunkPages, false);
        scav.resize(scav.size() + chunks * pallocChunkPages, true);
    }
    PageAlloc::Result alloc(uintptr npages) {
        uintptr run = 0;
        for (uintptr i = 0; i < inUse.size(); i++) {
            run = inUse[i] ? 0 : run + 1;
            if (run == npages) {
                uintptr first = i + 1 - npages;
                uintptr scavPages = 0;
                for (uintptr p = first; p <= i; p++) {
                    inUse[p] = true;
                    scavPages += scav[p] ? 1 : 0;
                    scav[p] = false;
                }
                return {base + first * pageSize, scavPages * pageSize};
            }
        }
        return {};
    }
    void free(uintptr addr, uintptr npages) {
        for (uintptr p = 0; p < npages; p++)
            inUse[(addr - base) / pageSize + p] = false;
    }
};

PallocSum naiveSummary(const PageAlloc::ChunkBits& bits) {
    auto used = [&](std::uint32_t i) { return (bits[i / 64] >> (i % 64)) & 1; };
    PallocSum s;
    std::uint32_t run = 0;
    for (std::uint32_t i = 0; i < pallocChunkPages; i++) {
        run = used(i) ? 0 : run + 1;
        s.max = std::max(s.max, run);
        if (run == i + 1)
            s.start = run;
    }
    s.end = run;
    return s;
}

TEST(PageAlloc, FirstFitMatchesOracleOverRandomSequences) {
    for (std::uint64_t seed = 1; seed <= 40; seed++) {
        Rng rng(seed);
        PageAlloc pa(base);
        Oracle oracle;
        struct Run {
            uintptr addr, npages;
        };
        std::vector<Run> live;
        pa.grow(base, pallocChunkBytes);
        oracle.grow(1);
        for (int op = 0; op < 600; op++) {
            if (!live.empty() && rng.chance(2, 5)) {
                std::size_t k = rng.below(live.size());
                pa.free(live[k].addr, live[k].npages);
                oracle.free(live[k].addr, live[k].npages);
                live[k] = live.back();
                live.pop_back();
                continue;
            }
            // Mostly small spans, sometimes multi-chunk ones.
            uintptr npages = rng.chance(1, 10) ? 1 + rng.below(1500) : 1 + rng.below(12);
            PageAlloc::Result got = pa.alloc(npages);
            PageAlloc::Result want = oracle.alloc(npages);
            if (want.base == 0) {
                ASSERT_EQ(got.base, 0u) << "seed " << seed << " op " << op;
                uintptr chunks = divRoundUp(npages, pallocChunkPages);
                pa.grow(pa.end(), chunks * pallocChunkBytes);
                oracle.grow(chunks);
                got = pa.alloc(npages);
                want = oracle.alloc(npages);
            }
            ASSERT_EQ(got.base, want.base) << "seed " << seed << " op " << op << " npages " << npages;
            ASSERT_EQ(got.scav, want.scav) << "seed " << seed << " op " << op;
            live.push_back({got.base, npages});
        }
        for (std::size_t ci = 0; ci < pa.numChunks(); ci++)
            ASSERT_EQ(pa.summary(ci), naiveSummary(pa.pallocBits(ci))) << "seed " << seed << " chunk " << ci;
        for (uintptr p = 0; p < oracle.inUse.size(); p++) {
            ASSERT_EQ(pa.inUse(base + p * pageSize), oracle.inUse[p]);
            ASSERT_EQ(pa.scavenged(base + p * pageSize), oracle.scav[p]);
        }
    }
}

TEST(PageAlloc, GrowAddsFreeScavengedPages) {
    PageAlloc pa(base);
    EXPECT_EQ(pa.alloc(1).base, 0u);
    pa.grow(base, 2 * pallocChunkBytes);
    EXPECT_EQ(pa.end(), base + 2 * pallocChunkBytes);
    PageAlloc::Result r = pa.alloc(3);
    EXPECT_EQ(r.base, base);
    EXPECT_EQ(r.scav, 3 * pageSize);
    pa.free(base, 3);
    // Freed pages are free but no longer scavenged: reusing them releases nothing.
    r = pa.alloc(2);
    EXPECT_EQ(r.base, base);
    EXPECT_EQ(r.scav, 0u);
    EXPECT_FALSE(pa.scavenged(base + 2 * pageSize));
    EXPECT_TRUE(pa.scavenged(base + 3 * pageSize));
}

TEST(PageAlloc, RunsSpanChunkBoundaries) {
    PageAlloc pa(base);
    pa.grow(base, 3 * pallocChunkBytes);
    ASSERT_EQ(pa.alloc(500).base, base);  // leaves 12 free pages at the end of chunk 0
    PageAlloc::Result r = pa.alloc(1000); // 12 + 512 + 476
    EXPECT_EQ(r.base, base + 500 * pageSize);
    EXPECT_EQ(pa.alloc(37).base, 0u); // only 36 of the 1536 pages are left
    EXPECT_EQ(pa.alloc(36).base, base + 1500 * pageSize);
    EXPECT_EQ(pa.alloc(1).base, 0u);
}

TEST(PageAlloc, SummarizeCountsStartMaxEnd) {
    PageAlloc::ChunkBits bits{};
    EXPECT_EQ(PageAlloc::summarize(bits), (PallocSum{512, 512, 512}));
    bits.fill(~std::uint64_t{0});
    EXPECT_EQ(PageAlloc::summarize(bits), (PallocSum{0, 0, 0}));
    bits[0] = ~std::uint64_t{0} << 5; // pages 0..4 free
    bits[3] = 0;                      // pages 192..255 free
    bits[7] = 0xffULL;                // pages 456..511 free (56)
    EXPECT_EQ(PageAlloc::summarize(bits), (PallocSum{5, 64, 56}));
    EXPECT_EQ(PageAlloc::findInChunk(bits, 5), 0);
    EXPECT_EQ(PageAlloc::findInChunk(bits, 6), 192);
    EXPECT_EQ(PageAlloc::findInChunk(bits, 65), -1);
}

} // namespace
} // namespace gclab
