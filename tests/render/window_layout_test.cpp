// Tests for render/window_layout.h: the fixed window arrangement fills the display without overlaps.
#include "render/window_layout.h"

#include <gtest/gtest.h>

namespace gclab::render {
namespace {

double area(const Rect& r) { return r.width() * r.height(); }

TEST(WindowLayout, WindowsTileTheDisplayWithoutOverlapping) {
    for (double w : {640.0, 1280.0, 1920.0, 3840.0})
        for (double h : {480.0, 800.0, 1080.0})
            for (double font : {13.0, 16.0, 26.0}) {
                WindowLayout l = computeWindowLayout(w, h, font, ViewSelection::all);
                ASSERT_TRUE(l.showHeap && l.showStats);
                EXPECT_FALSE(l.controls.intersects(l.heapMap));
                EXPECT_FALSE(l.controls.intersects(l.stats));
                EXPECT_FALSE(l.heapMap.intersects(l.stats));
                EXPECT_DOUBLE_EQ(area(l.controls) + area(l.heapMap) + area(l.stats), w * h);
                EXPECT_EQ(l.controls, (Rect{0, 0, w, controlBarHeight(font)}));
                // The heap map keeps most of the width.
                EXPECT_GE(l.heapMap.width(), 0.55 * w - 1);
                EXPECT_GE(l.stats.width(), 0.25 * w - 1);
            }
}

TEST(WindowLayout, ASingleViewFillsTheBody) {
    WindowLayout heap = computeWindowLayout(1280, 800, 16, ViewSelection::heap);
    EXPECT_TRUE(heap.showHeap);
    EXPECT_FALSE(heap.showStats);
    EXPECT_EQ(heap.heapMap, (Rect{0, controlBarHeight(16), 1280, 800}));
    WindowLayout stats = computeWindowLayout(1280, 800, 16, ViewSelection::stats);
    EXPECT_FALSE(stats.showHeap);
    EXPECT_EQ(stats.stats, (Rect{0, controlBarHeight(16), 1280, 800}));
}

TEST(WindowLayout, TheControlBarGrowsWithTheFont) {
    EXPECT_GT(controlBarHeight(26), controlBarHeight(16));
    EXPECT_GE(controlBarHeight(16), 2 * 16 + 16);
}

} // namespace
} // namespace gclab::render
