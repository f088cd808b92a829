// Tests for render/allocator_layout.h: every element of the allocator view lies inside the view, in
// order and without overlapping its neighbours, at the normal and the large font and for several widths
// and numbers of Ps; the --dump-allocator text round-trips and bad text is rejected.
#include "render/allocator_layout.h"

#include <gtest/gtest.h>

namespace gclab::render {
namespace {

bool within(const Rect& r, double x0, double x1) {
    return r.x0 >= x0 && r.x1 <= x1 && r.x0 < r.x1 && r.y0 < r.y1;
}

TEST(AllocatorLayout, ElementsStayInsideTheViewInOrderWithoutOverlap) {
    for (double width : {480.0, 576.0, 800.0, 1280.0})
        for (double font : {16.0, 26.0})
            for (std::size_t ps : {std::size_t{1}, std::size_t{2}, std::size_t{4}}) {
                SCOPED_TRACE(std::to_string(width) + " px wide, font " + std::to_string(font) + ", " +
                             std::to_string(ps) + " Ps");
                const AllocatorLayoutInput in{10, 50, width, font, ps};
                const AllocatorLayout l = layoutAllocator(in);
                const double x0 = in.x0, x1 = in.x0 + in.width;
                EXPECT_GE(l.pathText.y0, in.y0);
                for (int i = 0; i < numAllocStages; i++) {
                    const Rect& s = l.stage[static_cast<std::size_t>(i)];
                    EXPECT_TRUE(within(s, x0, x1));
                    EXPECT_GE(s.y0, l.pathText.y1);
                    // Room for two lines of text in every box.
                    EXPECT_GE(s.height(), 2 * font);
                    // Wide enough for the longest Go symbol whenever two boxes and their arrows fit.
                    if (width >= 2 * 11.5 * font + 2 * 1.4 * font) {
                        EXPECT_GE(s.width(), 11.5 * font - 1);
                    }
                    if (i > 0) {
                        // In reading order: right of the previous box, or on a later row; the arrow into
                        // the box lies just left of it.
                        const Rect& prev = l.stage[static_cast<std::size_t>(i - 1)];
                        EXPECT_TRUE((s.y0 == prev.y0 && s.x0 > prev.x1) || s.y0 >= prev.y1);
                        const Rect& a = l.arrowInto[static_cast<std::size_t>(i)];
                        EXPECT_TRUE(within(a, x0, x1));
                        EXPECT_EQ(a.x1, s.x0);
                    }
                }
                ASSERT_EQ(l.tinyByte.size(), ps);
                for (std::size_t p = 0; p < ps; p++) {
                    EXPECT_GE(l.tinyLabel[p].y0, l.stage.back().y1);
                    EXPECT_LE(l.tinyByte[p][0].x0 - l.tinyLabel[p].x0, l.tinyLabel[p].width());
                    for (std::size_t b = 0; b < 16; b++) {
                        EXPECT_TRUE(within(l.tinyByte[p][b], x0, x1));
                        if (b > 0) {
                            EXPECT_GT(l.tinyByte[p][b].x0, l.tinyByte[p][b - 1].x1);
                        }
                    }
                    if (p > 0) {
                        EXPECT_GE(l.tinyLabel[p].y0, l.tinyLabel[p - 1].y1);
                    }
                }
                EXPECT_GE(l.headerY0, l.tinyLabel.back().y1);
                for (std::size_t row = 0; row < 3; row++) {
                    Rect prev = l.classCell(row);
                    EXPECT_TRUE(within(prev, x0, x1));
                    EXPECT_GE(prev.y0, l.headerY1);
                    for (std::size_t p = 0; p < ps; p++) {
                        const Rect c = l.mcacheCell(row, p);
                        EXPECT_TRUE(within(c, x0, x1));
                        EXPECT_GE(c.x0, prev.x1);
                        prev = c;
                    }
                    for (int s = 0; s < numCentralSets; s++) {
                        const Rect c = l.setCell(row, static_cast<CentralSet>(s));
                        EXPECT_TRUE(within(c, x0, x1));
                        EXPECT_GE(c.x0, prev.x1);
                        prev = c;
                    }
                    if (row > 0) {
                        EXPECT_GE(l.mcacheCell(row, 0).y0, l.mcacheCell(row - 1, 0).y1);
                    }
                }
                EXPECT_GE(in.y0 + l.height(3), l.mcacheCell(2, 0).y1 + l.lineH);
            }
}

TEST(AllocatorLayout, DumpTextRoundTripsAndRejectsMalformedText) {
    const AllocatorLayoutInput in{8.5, 120, 1264, 26, 2, 3};
    AllocatorLayoutInput out;
    std::string err;
    ASSERT_TRUE(parseAllocatorLayoutInput(formatAllocatorLayoutInput(in), out, err)) << err;
    EXPECT_EQ(out, in);
    for (const char* bad : {"", "heap 1 2 3 4 5 6", "allocator 1 2 3", "allocator 1 2 0 16 1 2",
                            "allocator 1 2 3 16 0 2", "allocator 1 2 3 16 1", "allocator 1 2 3 16 1 0"}) {
        err.clear();
        EXPECT_FALSE(parseAllocatorLayoutInput(bad, out, err)) << bad;
        EXPECT_FALSE(err.empty());
    }
}

} // namespace
} // namespace gclab::render
