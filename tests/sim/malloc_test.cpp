// mallocgc paths: zero-size, tiny, small, large; mcache refill and flush; heapLive accounting.
#include "test_config.h"

#include "sim/malloc.h"
#include "sim/mstats.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

struct Fixture : ::testing::Test {
    Runtime rt{test::testConfig(1)};
    TypeId u8 = rt.types.define("uint8", 1, {});
    TypeId node24 = rt.types.define("Node", 24, {0, 2});
    TypeId i64 = rt.types.define("int64", 8, {});
};

using Malloc = Fixture;

TEST_F(Malloc, ZeroSizeReturnsZerobaseAndAllocatesNothing) {
    EXPECT_EQ(rt.mallocgc(0, u8, 0), zerobase);
    MemStats m = readMemStats(rt);
    EXPECT_EQ(m.Mallocs, 0u);
    EXPECT_EQ(m.HeapSys, 0u);
}

TEST_F(Malloc, TinyAllocatorAlignsByTheObjectsNaturalAlignment) {
    uintptr a = rt.mallocgc(1, u8, 0); // new block, offset 0..1
    uintptr block = rt.allp[0].mcache.tiny;
    EXPECT_EQ(a, block);
    EXPECT_EQ(rt.mallocgc(2, u8, 0), block + 2); // even size: 2-aligned
    EXPECT_EQ(rt.mallocgc(4, u8, 0), block + 4); // 4-aligned
    EXPECT_EQ(rt.mallocgc(1, u8, 0), block + 8); // odd: not aligned
    EXPECT_EQ(rt.mallocgc(3, u8, 0), block + 9);
    EXPECT_EQ(rt.allp[0].mcache.tinyoffset, 12u);
    EXPECT_EQ(rt.allp[0].mcache.tinyAllocs, 4u);
    // 8 bytes need an 8-aligned offset: 16 > 16-8, so a new block is taken.
    uintptr b = rt.mallocgc(8, u8, 0);
    EXPECT_EQ(b, block + 16);
    // The new block has 8 bytes left, the old one 4: the new block replaces it.
    EXPECT_EQ(rt.allp[0].mcache.tiny, block + 16);
    EXPECT_EQ(rt.allp[0].mcache.tinyoffset, 8u);
}

TEST_F(Malloc, TinyAllocatorKeepsTheBlockWithMoreRoom) {
    rt.mallocgc(4, u8, 0); // block A, offset 4
    uintptr blockA = rt.allp[0].mcache.tiny;
    rt.mallocgc(15, u8, 0); // does not fit A: new block B with offset 15 > 4, A is kept
    EXPECT_EQ(rt.allp[0].mcache.tiny, blockA);
    EXPECT_EQ(rt.allp[0].mcache.tinyoffset, 4u);
    MemStats m = readMemStats(rt);
    EXPECT_EQ(m.BySize[tinySizeClass].Mallocs, 2u);
    EXPECT_EQ(m.Mallocs, 2u);
    EXPECT_EQ(m.HeapAlloc, 32u);
}

TEST_F(Malloc, PointerfulSmallObjectsNeverTakeTheTinyPath) {
    TypeId ptr = rt.types.define("*int", 8, {0});
    uintptr a = rt.newobject(ptr, 0);
    uintptr b = rt.newobject(ptr, 0);
    EXPECT_EQ(b - a, 8u);
    EXPECT_EQ(rt.allp[0].mcache.tiny, 0u);
    ObjectRef ref;
    ASSERT_TRUE(rt.mheap.findObject(a, ref));
    EXPECT_EQ(rt.mheap.span(ref.span).spanclass, SpanClass::make(1, false));
}

TEST_F(Malloc, SmallObjectsFillTheirSpanInAddressOrderThenRefill) {
    uintptr first = rt.newobject(node24, 0);
    for (int i = 1; i < 341; i++)
        ASSERT_EQ(rt.newobject(node24, 0), first + static_cast<uintptr>(i) * 24);
    SpanId spanA = rt.allp[0].mcache.alloc[SpanClass::make(3, false).value];
    uintptr next = rt.newobject(node24, 0);
    SpanId spanB = rt.allp[0].mcache.alloc[SpanClass::make(3, false).value];
    EXPECT_NE(spanA, spanB);
    EXPECT_EQ(next, rt.mheap.span(spanB).base());
    // The full span went back to the mcentral's swept full set.
    const MCentral& mc = rt.mheap.central[SpanClass::make(3, false).value];
    EXPECT_EQ(mc.fullSwept(rt.mheap.sweepgen).size(), 1u);
    EXPECT_EQ(*mc.fullSwept(rt.mheap.sweepgen).begin(), spanA);
}

TEST_F(Malloc, LargeObjectsGetTheirOwnSpanOnTheFullSweptList) {
    uintptr a = rt.mallocgc(40000, u8, 0);
    ObjectRef ref;
    ASSERT_TRUE(rt.mheap.findObject(a + 39999, ref));
    const MSpan& s = rt.mheap.span(ref.span);
    EXPECT_EQ(s.npages, 5u);
    EXPECT_EQ(s.spanclass, SpanClass::make(0, true));
    EXPECT_EQ(s.elemsize, 5 * pageSize);
    EXPECT_EQ(s.limit, a + 40000);
    EXPECT_EQ(s.allocCount, 1u);
    EXPECT_FALSE(rt.mheap.findObject(a + 40000, ref)); // past the object's limit
    MemStats m = readMemStats(rt);
    EXPECT_EQ(m.HeapAlloc, 40960u);
    EXPECT_EQ(m.HeapInuse, 40960u);
    EXPECT_EQ(m.Mallocs, 1u);
    EXPECT_EQ(rt.gcController.heapLive, 40960u);
    EXPECT_EQ(rt.mheap.central[1].fullSwept(rt.mheap.sweepgen).size(), 1u);
}

TEST_F(Malloc, SmallestLargeObjectAndLargestSmallObject) {
    uintptr small = rt.mallocgc(maxSmallSize, u8, 0);
    uintptr large = rt.mallocgc(maxSmallSize + 1, u8, 0);
    ObjectRef rs, rl;
    ASSERT_TRUE(rt.mheap.findObject(small, rs));
    ASSERT_TRUE(rt.mheap.findObject(large, rl));
    EXPECT_EQ(rt.mheap.span(rs.span).spanclass.sizeclass(), 67);
    EXPECT_EQ(rt.mheap.span(rl.span).spanclass.sizeclass(), 0);
    EXPECT_EQ(rt.mheap.span(rl.span).npages, 5u);
}

TEST_F(Malloc, HeapGrowsInWholeChunksAndCountsGrowthAsReleased) {
    rt.newobject(node24, 0);
    MemStats m = readMemStats(rt);
    EXPECT_EQ(m.HeapSys, pallocChunkBytes);
    EXPECT_EQ(m.HeapInuse, pageSize);
    EXPECT_EQ(m.HeapReleased, pallocChunkBytes - pageSize);
    // A 100 MiB object: mheap.grow maps the whole ask (12800 pages = 25 chunks) even though the
    // free tail of the first chunk joins the run, and sysAlloc reserves the ask in whole 64 MiB
    // arenas because it cannot assume the new space is contiguous: 1 + 2 arenas.
    rt.mallocgc(100 << 20, u8, 0);
    m = readMemStats(rt);
    EXPECT_EQ(m.HeapSys, pallocChunkBytes + (uintptr{100} << 20));
    EXPECT_EQ(m.HeapInuse, pageSize + (100 << 20));
    EXPECT_EQ(m.HeapSys, m.HeapInuse + m.HeapIdle);
    EXPECT_EQ(rt.mheap.numArenas(), 3u);
}

TEST_F(Malloc, HeapLiveCountsWholeCachedSpanUntilFlush) {
    rt.newobject(node24, 0);
    // refill assumed all 341 slots (and the 8-byte tail) would be allocated.
    EXPECT_EQ(rt.gcController.heapLive, pageSize);
    EXPECT_EQ(rt.gcController.heapScan, 0u);
    rt.newobject(node24, 0);
    EXPECT_EQ(rt.gcController.heapLive, pageSize);
    rt.flushallmcaches();
    // releaseAll undoes the free slots but keeps the tail waste.
    EXPECT_EQ(rt.gcController.heapLive, 2 * 24 + 8u);
    // scanAlloc (the Node's ptrdata, 24 bytes each) reached heapScan at the flush.
    EXPECT_EQ(rt.gcController.heapScan, 48u);
}

TEST_F(Malloc, FlushReturnsPartialSpansAndTheNextAllocationReusesThem) {
    uintptr a = rt.newobject(node24, 0);
    rt.flushallmcaches();
    EXPECT_EQ(rt.allp[0].mcache.alloc[SpanClass::make(3, false).value], emptymspan);
    EXPECT_EQ(rt.allp[0].mcache.tiny, 0u);
    const MCentral& mc = rt.mheap.central[SpanClass::make(3, false).value];
    EXPECT_EQ(mc.partialSwept(rt.mheap.sweepgen).size(), 1u);
    uintptr b = rt.newobject(node24, 0);
    EXPECT_EQ(b, a + 24); // cacheSpan popped the partial span and resumed at freeindex
    EXPECT_EQ(readMemStats(rt).HeapInuse, pageSize);
}

TEST_F(Malloc, EachPHasItsOwnCachedSpans) {
    Runtime two{test::testConfig(2)};
    TypeId t = two.types.define("T", 32, {0});
    uintptr a = two.newobject(t, 0);
    uintptr b = two.newobject(t, 1);
    ObjectRef ra, rb;
    ASSERT_TRUE(two.mheap.findObject(a, ra));
    ASSERT_TRUE(two.mheap.findObject(b, rb));
    EXPECT_NE(ra.span, rb.span);
    EXPECT_EQ(two.allp[0].mcache.alloc[SpanClass::make(4, false).value], ra.span);
    EXPECT_EQ(two.allp[1].mcache.alloc[SpanClass::make(4, false).value], rb.span);
    EXPECT_THROW(two.newobject(t, 2), RuntimeThrow);
}

TEST_F(Malloc, AllocateBlackWhileMarking) {
    uintptr white = rt.newobject(node24, 0);
    rt.gcphase = GCPhase::mark;
    uintptr black = rt.newobject(node24, 0);
    ObjectRef rw, rb;
    ASSERT_TRUE(rt.mheap.findObject(white, rw));
    ASSERT_TRUE(rt.mheap.findObject(black, rb));
    const MSpan& s = rt.mheap.span(rb.span);
    EXPECT_FALSE(s.gcmarkBits.test(rw.slot));
    EXPECT_TRUE(s.gcmarkBits.test(rb.slot));
    EXPECT_EQ(rt.work.bytesMarked, 24u);
    const HeapArena& ha = rt.mheap.arenaOf(s.base());
    uintptr page = (s.base() - arenaBaseHint) / pageSize;
    EXPECT_TRUE((ha.pageMarks[page / 64] >> (page % 64)) & 1);
    rt.gcphase = GCPhase::marktermination;
    EXPECT_THROW(rt.newobject(node24, 0), RuntimeThrow);
}

TEST_F(Malloc, PointerfulObjectsMustBeAllocatedAtTheirTypesSize) {
    EXPECT_THROW(rt.mallocgc(48, node24, 0), RuntimeThrow);
    uintptr arr = rt.newarray(node24, 2, 0);
    EXPECT_EQ(rt.types[rt.objectType(arr)].name, "[2]Node");
    EXPECT_EQ(rt.types[rt.objectType(arr)].ptrWords, (std::vector<std::uint32_t>{0, 2, 3, 5}));
}

} // namespace
} // namespace gclab
