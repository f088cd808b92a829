// Size classes: the model's table and lookups against Go 1.19's published numbers.
#include "size_class_csv.h"

#include "sim/sizeclasses.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gclab {
namespace {

// Go 1.19's size_to_class8 and size_to_class128, as published in runtime/sizeclasses.go.
const std::vector<int> goSizeToClass8 = {
    0,  1,  2,  3,  4,  5,  5,  6,  6,  7,  7,  8,  8,  9,  9,  10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15,
    15, 16, 16, 17, 17, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23, 23, 23,
    23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 27, 27, 27, 27, 28, 28, 28, 28, 28,
    28, 28, 28, 29, 29, 29, 29, 29, 29, 29, 29, 30, 30, 30, 30, 30, 30, 30, 30, 31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32};
const std::vector<int> goSizeToClass128 = {
    32, 33, 34, 35, 36, 37, 37, 38, 38, 39, 39, 40, 40, 40, 41, 41, 41, 42, 43, 43, 44, 44, 44, 44, 44,
    45, 45, 45, 45, 45, 45, 46, 46, 46, 46, 47, 47, 47, 47, 47, 47, 48, 48, 48, 49, 49, 50, 51, 51, 51,
    51, 51, 51, 51, 51, 51, 51, 52, 52, 52, 52, 52, 52, 52, 52, 52, 52, 53, 53, 54, 54, 54, 54, 55, 55,
    55, 55, 55, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 57, 57, 57, 57, 57, 57, 57, 57, 57, 57, 58,
    58, 58, 58, 58, 58, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 60, 60, 60, 60,
    60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 61, 61, 61, 61, 61, 62, 62, 62, 62, 62, 62, 62, 62,
    62, 62, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 67, 67, 67, 67, 67, 67, 67, 67,
    67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67};

TEST(SizeClasses, LookupTablesEqualGoPublishedArrays) {
    ASSERT_EQ(size_to_class8.size(), goSizeToClass8.size());
    ASSERT_EQ(size_to_class128.size(), goSizeToClass128.size());
    for (std::size_t i = 0; i < goSizeToClass8.size(); i++)
        EXPECT_EQ(size_to_class8[i], goSizeToClass8[i]) << "size_to_class8[" << i << "]";
    for (std::size_t i = 0; i < goSizeToClass128.size(); i++)
        EXPECT_EQ(size_to_class128[i], goSizeToClass128[i]) << "size_to_class128[" << i << "]";
}

TEST(SizeClasses, TableEqualsGoCsv) {
    const auto rows = test::readSizeClassCsv();
    ASSERT_TRUE(rows) << "missing test data, or its header differs";
    for (const test::SizeClassCsvRow& row : *rows) {
        const int c = row.sizeclass;
        SizeClassRow r = sizeClassRow(c);
        EXPECT_EQ(r.bytesPerObj, row.bytesPerObj) << "class " << c;
        EXPECT_EQ(r.bytesPerSpan, row.bytesPerSpan) << "class " << c;
        EXPECT_EQ(r.objects, row.objects) << "class " << c;
        EXPECT_EQ(r.tailWaste, row.tailWaste) << "class " << c;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", r.maxWastePercent);
        EXPECT_EQ(std::string(buf), row.maxWaste) << "class " << c;
    }
    EXPECT_EQ(rows->size(), static_cast<std::size_t>(numSizeClasses - 1));
}

// The smallest class whose size fits, found by a plain scan of the table.
int smallestFittingClass(uintptr n) {
    for (int c = 1; c < numSizeClasses; c++)
        if (class_to_size[c] >= n)
            return c;
    return -1;
}

TEST(SizeClasses, EveryRequestSizeGetsTheSmallestFittingClass) {
    for (uintptr n = 1; n <= maxSmallSize; n++)
        ASSERT_EQ(sizeToClass(n), smallestFittingClass(n)) << "size " << n;
}

TEST(SizeClasses, SizesObservedOnRealGoThroughBySize) {
    // Request size -> slot size, measured with make([]byte, n) and MemStats.BySize on Go 1.19.8.
    const std::pair<uintptr, uintptr> observed[] = {
        {16, 16},     {17, 24},     {24, 24},     {25, 32},     {33, 48},     {49, 64},
        {100, 112},   {257, 288},   {1017, 1024}, {1024, 1024}, {1025, 1152}, {1152, 1152},
        {1153, 1280}, {3000, 3072}, {4097, 4864}, {8193, 9472}, {9000, 9472}, {16385, 18432}};
    for (auto [n, slot] : observed)
        EXPECT_EQ(class_to_size[sizeToClass(n)], slot) << "size " << n;
}

TEST(SizeClasses, DivMulGivesExactObjectIndexForEveryOffset) {
    for (int c = 1; c < numSizeClasses; c++) {
        uintptr size = class_to_size[c];
        uintptr spanBytes = class_to_allocnpages[c] * pageSize;
        std::uint64_t divMul = classDivMul(c);
        for (uintptr off = 0; off < spanBytes; off++)
            ASSERT_EQ((off * divMul) >> 32, off / size) << "class " << c << " offset " << off;
    }
}

TEST(SizeClasses, SpanClassPacksClassAndNoscan) {
    for (int c = 0; c < numSizeClasses; c++) {
        for (bool noscan : {false, true}) {
            SpanClass spc = SpanClass::make(c, noscan);
            EXPECT_EQ(spc.sizeclass(), c);
            EXPECT_EQ(spc.noscan(), noscan);
            EXPECT_EQ(spc.value, (c << 1) | (noscan ? 1 : 0));
        }
    }
    EXPECT_EQ(tinySpanClass.value, 5);
}

} // namespace
} // namespace gclab
