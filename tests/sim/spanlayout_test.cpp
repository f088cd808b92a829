// Span layout by Go release: under --go-version 1.26, allocation headers move pointerful objects
// above 512 B one class up and spans of objects up to 512 B lose their last bytes to metadata.
// Expected numbers come from go-runtime-facts.md §1.5 and the size-class table, not from the model.
#include "size_class_csv.h"
#include "test_config.h"

#include "sim/runtime.h"
#include "sim/spanlayout.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

struct Layout {
    uintptr elemsize = 0;
    std::uint32_t nelems = 0;
    int sizeclass = -1;
};

// allocate places one object of `size` bytes (one pointer word unless noscan) in a fresh runtime
// and reports the span it landed in.
Layout allocate(GoVersion v, uintptr size, bool noscan) {
    RuntimeConfig cfg = test::testConfig(1);
    cfg.goVersion = v;
    Runtime rt(cfg);
    TypeId t = noscan ? rt.types.define("bytes", size, {}) : rt.types.define("T", size, {0});
    uintptr x = noscan ? rt.mallocgc(size, t, 0) : rt.newobject(t, 0);
    rt.validate();
    ObjectRef ref;
    EXPECT_TRUE(rt.mheap.findObject(x, ref));
    const MSpan& s = rt.mheap.span(ref.span);
    return Layout{s.elemsize, s.nelems, s.spanclass.sizeclass()};
}

TEST(SpanLayout, Go126SpansOfSmallObjectsHoldWhatTheFactsSay) {
    // §1.5: 16 B scan objects give 496 per span with Green Tea's inline mark bits (504 with the
    // pointer bitmap alone), 16 B noscan 504; 8 B scan objects have no inline marks, only the bitmap.
    EXPECT_EQ(allocate(GoVersion::go1_26, 16, false).nelems, 496u);
    EXPECT_EQ(allocate(GoVersion::go1_26, 16, true).nelems, 504u);
    EXPECT_EQ(allocate(GoVersion::go1_26, 8, false).nelems, (8192u - 128) / 8);
    EXPECT_EQ(allocate(GoVersion::go1_26, 512, false).nelems, 15u);
    EXPECT_EQ(allocate(GoVersion::go1_26, 512, true).nelems, 15u);
    // Go 1.19 fills the page: the table's objects column.
    EXPECT_EQ(allocate(GoVersion::go1_19, 16, false).nelems, 512u);
    EXPECT_EQ(allocate(GoVersion::go1_19, 16, true).nelems, 512u);
    EXPECT_EQ(allocate(GoVersion::go1_19, 512, false).nelems, 16u);
}

TEST(SpanLayout, Go126TinyBlocksComeFromASpanWithInlineMarkBits) {
    RuntimeConfig cfg = test::testConfig(1);
    cfg.goVersion = GoVersion::go1_26;
    Runtime rt(cfg);
    TypeId u8 = rt.types.define("uint8", 1, {});
    uintptr x = rt.mallocgc(1, u8, 0);
    ObjectRef ref;
    ASSERT_TRUE(rt.mheap.findObject(x, ref));
    EXPECT_EQ(rt.mheap.span(ref.span).spanclass, tinySpanClass);
    EXPECT_EQ(rt.mheap.span(ref.span).nelems, 504u);
}

TEST(SpanLayout, Go126HeaderMovesPointerfulObjectsAbove512BytesUpAClass) {
    // §1.5: a 1024 B pointerful object lands in the 1152 B class; 512 B keeps its class (no header);
    // 513 B becomes 521 and lands in 576. Noscan objects never get a header.
    EXPECT_EQ(allocate(GoVersion::go1_26, 1024, false).elemsize, 1152u);
    EXPECT_EQ(allocate(GoVersion::go1_26, 512, false).elemsize, 512u);
    EXPECT_EQ(allocate(GoVersion::go1_26, 520, false).elemsize, 576u);
    EXPECT_EQ(allocate(GoVersion::go1_26, 1024, true).elemsize, 1024u);
    EXPECT_EQ(allocate(GoVersion::go1_19, 1024, false).elemsize, 1024u);
    // A class whose span had tail waste keeps its 1.19 object count: no bytes are reserved.
    EXPECT_EQ(allocate(GoVersion::go1_26, 1024, false).nelems, 7u);
}

TEST(SpanLayout, Go126SmallPathEnds8BytesShortOfTheLargestClass) {
    // §1.5: since allocation headers, requests of 32761-32768 B take the large path, scan or not.
    EXPECT_EQ(allocate(GoVersion::go1_26, 32760, false).sizeclass, 67);
    EXPECT_EQ(allocate(GoVersion::go1_26, 32760, true).sizeclass, 67);
    EXPECT_EQ(allocate(GoVersion::go1_26, 32768, false).sizeclass, 0);
    EXPECT_EQ(allocate(GoVersion::go1_26, 32768, true).sizeclass, 0);
    EXPECT_EQ(allocate(GoVersion::go1_19, 32768, true).sizeclass, 67);
    EXPECT_EQ(allocate(GoVersion::go1_19, 32768, false).sizeclass, 67);
}

// Every class, scan and noscan, under both profiles: 1.19 gives the table's objects column; 1.26
// gives the same for classes above 512 B, and below that the objects that fit in the page after
// 128 B of inline mark bits (16-512 B) and, for scan spans, 128 B of pointer bitmap.
TEST(SpanLayout, EveryClassHoldsTheTablesObjectsLessWhatGo126Reserves) {
    const auto rows = test::readSizeClassCsv();
    ASSERT_TRUE(rows) << "missing test data, or its header differs";
    for (const test::SizeClassCsvRow& row : *rows) {
        const int c = row.sizeclass;
        const uintptr size = row.bytesPerObj, spanBytes = row.bytesPerSpan;
        const auto objects = static_cast<std::uint32_t>(row.objects);
        for (bool noscan : {false, true}) {
            MSpan s19, s26;
            const SpanClass spc = SpanClass::make(c, noscan);
            s19.init(0, spanBytes / pageSize, spc, 0, spanReservedBytes(GoVersion::go1_19, spc, spanBytes));
            s26.init(0, spanBytes / pageSize, spc, 0, spanReservedBytes(GoVersion::go1_26, spc, spanBytes));
            EXPECT_EQ(s19.nelems, objects) << "class " << c;
            uintptr reserved = 0;
            if (size <= 512 && size >= 16)
                reserved += 128;
            if (size <= 512 && !noscan)
                reserved += 128;
            EXPECT_EQ(s26.nelems, (spanBytes - reserved) / size)
                << "class " << c << (noscan ? " noscan" : "");
            EXPECT_LE(uintptr{s26.nelems} * size + reserved, spanBytes);
        }
    }
    EXPECT_EQ(rows->size(), static_cast<std::size_t>(numSizeClasses - 1));
}

} // namespace
} // namespace gclab
