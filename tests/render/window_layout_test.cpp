// Tests for render/window_layout.h: the fixed window arrangement fills the display without overlaps.
#include "render/timeline_layout.h"
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
                ASSERT_TRUE(l.showHeap && l.showTimeline && l.showSide);
                const Rect rs[] = {l.controls, l.heapMap, l.timeline, l.side};
                for (int i = 0; i < 4; i++)
                    for (int j = i + 1; j < 4; j++)
                        EXPECT_FALSE(rs[i].intersects(rs[j])) << i << " " << j;
                EXPECT_DOUBLE_EQ(area(l.controls) + area(l.heapMap) + area(l.timeline) + area(l.side), w * h);
                EXPECT_EQ(l.controls, (Rect{0, 0, w, controlBarHeight(font)}));
                // The heap map keeps most of the width and more height than the timeline.
                EXPECT_GE(l.heapMap.width(), 0.55 * w - 1);
                EXPECT_GT(l.heapMap.height(), l.timeline.height());
                EXPECT_GE(l.side.width(), 0.25 * w - 1);
            }
}

TEST(WindowLayout, AWrappedControlBarPushesTheViewsDown) {
    EXPECT_EQ(controlBarHeight(16, 3), controlBarHeight(16));
    for (double font : {13.0, 16.0, 26.0}) {
        EXPECT_GT(controlBarHeight(font, 4), controlBarHeight(font, 3) + font);
        const WindowLayout l = computeWindowLayout(800, 600, font, ViewSelection::all, 5);
        EXPECT_EQ(l.controls, (Rect{0, 0, 800, controlBarHeight(font, 5)}));
        EXPECT_EQ(l.heapMap.y0, l.controls.y1);
        EXPECT_EQ(l.side.y0, l.controls.y1);
        EXPECT_EQ(l.timeline.y1, 600);
    }
}

TEST(WindowLayout, ASingleViewFillsTheBody) {
    const Rect body{0, controlBarHeight(16), 1280, 800};
    WindowLayout heap = computeWindowLayout(1280, 800, 16, ViewSelection::heap);
    EXPECT_TRUE(heap.showHeap);
    EXPECT_FALSE(heap.showTimeline || heap.showSide);
    EXPECT_EQ(heap.heapMap, body);
    WindowLayout tl = computeWindowLayout(1280, 800, 16, ViewSelection::timeline);
    EXPECT_TRUE(tl.showTimeline && !tl.showHeap && !tl.showSide);
    EXPECT_EQ(tl.timeline, body);
    for (ViewSelection v :
         {ViewSelection::collector, ViewSelection::stats, ViewSelection::graph, ViewSelection::compare}) {
        WindowLayout s = computeWindowLayout(1280, 800, 16, v);
        EXPECT_TRUE(s.showSide && !s.showHeap && !s.showTimeline);
        EXPECT_EQ(s.side, body);
    }
}

TEST(WindowLayout, TheControlBarGrowsWithTheFont) {
    EXPECT_GT(controlBarHeight(26), controlBarHeight(16));
    EXPECT_GE(controlBarHeight(16), 3 * 16 + 16);
}

TEST(WindowLayout, PresenterModeShowsTheHeapAndTheTimelinePlot) {
    // Large fonts (26 px) with a control bar of four rows (the most it takes at 1024 px) on projectors.
    // The compact panes (no title bar) as ImGui lays them out in the style scaled by 26/16
    // (platform_sdl.cpp makeStyle): window padding, rows of widgets a frame high and item spacing apart.
    const double font = 26, scale = font / 16, pad = 8 * scale, frame = font + 8 * scale, spacing = 6 * scale;
    for (const auto& [w, h] :
         {std::pair{1024.0, 768.0}, std::pair{1280.0, 800.0}, std::pair{1920.0, 1080.0}}) {
        const WindowLayout l = computeWindowLayout(w, h, font, ViewSelection::all, 4);
        // The heap map: two toolbar rows (the colouring and the Legend check box, the zoom), then the
        // canvas, which keeps at least half the window.
        const double canvasH = l.heapMap.height() - 2 * pad - 2 * (frame + spacing);
        EXPECT_GE(canvasH, 0.5 * l.heapMap.height()) << w << "x" << h;
        // The timeline: one header row (its name, the Legend check box, Whole run), then the plot, two P
        // lanes and the time labels; the plot gets at least 35 % of the window.
        const Rect area{l.timeline.x0 + pad, l.timeline.y0 + pad + frame + spacing, l.timeline.x1 - pad,
                        l.timeline.y1 - pad};
        const TimelineAreas t = layoutTimelineAreas(area, font, font * 5.5, 2);
        EXPECT_GE(t.plot.height(), 0.35 * l.timeline.height()) << w << "x" << h;
        EXPECT_LE(t.axisY + font, l.timeline.y1) << w << "x" << h;
    }
}

} // namespace
} // namespace gclab::render
