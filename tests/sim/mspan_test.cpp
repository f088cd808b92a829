// mspan free-slot search: nextFreeFast + nextFreeIndex must hand out exactly the free slots, in
// address order, for any allocBits pattern and every size class.
#include "sim/mspan.h"
#include "sim/rng.h"

#include <gtest/gtest.h>

#include <vector>

namespace gclab {
namespace {

// allocateAll drains the span the way mallocgc does (fast path, then the slow path) and returns the
// slots in the order they were handed out.
std::vector<std::uint32_t> allocateAll(MSpan& s) {
    std::vector<std::uint32_t> got;
    for (;;) {
        std::uint32_t slot = s.nextFreeFast();
        if (slot == noFreeSlot) {
            slot = s.nextFreeIndex();
            if (slot == s.nelems)
                break;
            s.allocCount++;
        }
        got.push_back(slot);
    }
    return got;
}

MSpan sweptSpan(int sizeclass, Rng& rng, std::uint64_t densityPercent) {
    MSpan s;
    s.init(0xc000000000, class_to_allocnpages[sizeclass], SpanClass::make(sizeclass, true), 0, 0);
    // What a sweep leaves behind: allocBits = the marked objects, freeindex 0, cache refilled.
    for (std::uint32_t i = 0; i < s.nelems; i++) {
        if (rng.chance(densityPercent, 100)) {
            s.allocBits.set(i);
            s.allocCount++;
        }
    }
    s.freeindex = 0;
    s.primeAllocCache();
    return s;
}

TEST(MSpan, FreeSlotSearchReturnsEveryFreeSlotInOrder) {
    Rng rng(1);
    for (int c = 1; c < numSizeClasses; c++) {
        for (std::uint64_t density : {0, 10, 50, 90, 99, 100}) {
            for (int rep = 0; rep < 20; rep++) {
                MSpan s = sweptSpan(c, rng, density);
                std::vector<std::uint32_t> expected;
                for (std::uint32_t i = 0; i < s.nelems; i++)
                    if (!s.allocBits.test(i))
                        expected.push_back(i);
                ASSERT_EQ(allocateAll(s), expected) << "class " << c << " density " << density;
                EXPECT_EQ(s.allocCount, s.nelems);
                EXPECT_EQ(s.freeindex, s.nelems);
            }
        }
    }
}

TEST(MSpan, CacheSpanResumesAtFreeindexMidWindow) {
    // A span taken by an mcache part-way through (freeindex not a multiple of 64).
    Rng rng(7);
    for (int rep = 0; rep < 200; rep++) {
        MSpan s = sweptSpan(1, rng, 30); // 1024 slots of 8 bytes
        std::uint32_t stop = static_cast<std::uint32_t>(rng.below(s.nelems));
        while (s.freeindex < stop) {
            std::uint32_t slot = s.nextFreeIndex();
            if (slot == s.nelems)
                break;
            s.allocCount++;
        }
        s.primeAllocCache();
        std::vector<std::uint32_t> expected;
        for (std::uint32_t i = s.freeindex; i < s.nelems; i++)
            if (!s.allocBits.test(i))
                expected.push_back(i);
        ASSERT_EQ(allocateAll(s), expected) << "rep " << rep;
    }
}

TEST(MSpan, FastPathDeclinesAtWindowBoundaryAndOnFullSpan) {
    MSpan s;
    s.init(0xc000000000, 1, SpanClass::make(1, true), 0, 0);
    for (std::uint32_t i = 0; i < 63; i++)
        ASSERT_EQ(s.nextFreeFast(), i);
    // Slot 63 would end the 64-slot window: the fast path must leave it to nextFreeIndex.
    EXPECT_EQ(s.nextFreeFast(), noFreeSlot);
    EXPECT_EQ(s.nextFreeIndex(), 63u);
    EXPECT_EQ(s.freeindex, 64u);
    EXPECT_EQ(s.nextFreeFast(), 64u);

    // Taking the last slot of a span whose nelems is a multiple of 64, when it is the only free slot
    // of its window, shifts allocCache by 64: Go defines that as 0, and so must the model (a plain
    // C++ shift by 64 is undefined and on x86 leaves the value unchanged).
    for (bool fast : {true, false}) {
        MSpan last;
        last.init(0xc000000000, 1, SpanClass::make(1, true), 0, 0);
        for (std::uint32_t i = 0; i + 1 < last.nelems; i++)
            last.allocBits.set(i);
        last.allocCount = last.nelems - 1;
        last.freeindex = fast ? 960 : 0;
        last.primeAllocCache();
        std::uint32_t slot = fast ? last.nextFreeFast() : last.nextFreeIndex();
        EXPECT_EQ(slot, 1023u);
        EXPECT_EQ(last.freeindex, 1024u);
        EXPECT_EQ(last.allocCache, 0u) << (fast ? "nextFreeFast" : "nextFreeIndex");
    }

    MSpan empty; // like emptymspan: nelems 0, allocCache 0
    EXPECT_EQ(empty.nextFreeFast(), noFreeSlot);
    EXPECT_EQ(empty.nextFreeIndex(), 0u);
}

TEST(MSpan, ObjIndexMapsInteriorAddressesToTheirSlot) {
    MSpan s;
    s.init(0xc000002000, 1, SpanClass::make(3, false), 0, 0); // 24-byte objects, 341 per span
    EXPECT_EQ(s.nelems, 341u);
    EXPECT_EQ(s.limit, 0xc000002000 + 341 * 24);
    EXPECT_EQ(s.objIndex(0xc000002000), 0u);
    EXPECT_EQ(s.objIndex(0xc000002000 + 23), 0u);
    EXPECT_EQ(s.objIndex(0xc000002000 + 24), 1u);
    EXPECT_EQ(s.objIndex(0xc000002000 + 340 * 24 + 5), 340u);
}

} // namespace
} // namespace gclab
