// Tests for render/timeline_layout.h: the dump the screenshot checker reads back (--dump-timeline), with
// the main timeline and the compare view's two lanes in one file.
#include "render/timeline_layout.h"

#include <gtest/gtest.h>

namespace gclab::render {
namespace {

TEST(TimelineLayout, EachKeyedLineRoundTrips) {
    const TimelineState main{Rect{10, 20, 630.5, 200}, 0, 1e6, 1, {}, 0},
        a{Rect{82, 204, 1272, 323.3}, 0, 61200, 1, {}, 0},
        b{Rect{82, 327.3, 1272, 446.6}, 0, 61200, 1, {}, 0};
    const std::string text =
        formatTimelineState(main) + formatTimelineState(a, "compare-a") + formatTimelineState(b, "compare-b");
    for (const auto& [key, want] :
         {std::pair{"timeline", main}, std::pair{"compare-a", a}, std::pair{"compare-b", b}}) {
        TimelineState got;
        std::string err;
        ASSERT_TRUE(parseTimelineState(text, got, err, key)) << key << ": " << err;
        EXPECT_EQ(got.plot, want.plot) << key;
        EXPECT_EQ(got.ns0, want.ns0) << key;
        EXPECT_EQ(got.ns1, want.ns1) << key;
        EXPECT_DOUBLE_EQ(got.xOf(want.nsAt(500)), 500) << key;
    }
}

TEST(TimelineLayout, TheScaleLineRoundTripsBesideTheOthers) {
    const TimelineState main{Rect{10, 20, 630.5, 200}, 0, 1e6, 4.5e6, Rect{10, 204, 630.5, 236}, 2};
    const std::string text = formatTimelineState(main) + formatTimelineScale(main);
    TimelineState got;
    std::string err;
    ASSERT_TRUE(parseTimelineScale(text, got, err)) << err;
    EXPECT_EQ(got.yMax, main.yMax);
    EXPECT_EQ(got.lanes, main.lanes);
    EXPECT_EQ(got.procs, 2u);
    got.plot = main.plot;
    EXPECT_DOUBLE_EQ(got.yOf(0), main.plot.y1);
    EXPECT_DOUBLE_EQ(got.yOf(4.5e6), main.plot.y0);
    EXPECT_FALSE(parseTimelineScale(formatTimelineState(main), got, err));
    EXPECT_FALSE(parseTimelineScale("timeline-scale 0 1 2 3 4 2\n", got, err));
}

TEST(TimelineLayout, LanesStackWithoutOverlapInsideTheirRectangle) {
    const Rect lanes{10, 100, 500, 133};
    for (std::size_t procs : {1u, 2u, 3u, 8u, 40u}) {
        double prevBottom = lanes.y0;
        for (std::size_t p = 0; p < procs; p++) {
            const Rect r = pLaneRect(lanes, procs, p);
            EXPECT_EQ(r.x0, lanes.x0);
            EXPECT_EQ(r.x1, lanes.x1);
            EXPECT_GE(r.y0, prevBottom - 1e-9) << procs << " P" << p;
            EXPECT_GT(r.y1, r.y0) << procs << " P" << p;
            EXPECT_LE(r.y1, lanes.y1 + 1e-9) << procs << " P" << p;
            prevBottom = r.y1;
        }
    }
}

TEST(TimelineLayout, MissingOrBrokenLinesAreErrors) {
    TimelineState s;
    std::string err;
    EXPECT_FALSE(parseTimelineState("timeline 0 0 10 10 0 1\n", s, err, "compare-a"));
    EXPECT_NE(err.find("compare-a"), std::string::npos) << err;
    EXPECT_FALSE(parseTimelineState("compare-a 0 0 10\n", s, err, "compare-a"));
    EXPECT_NE(err.find("six numbers"), std::string::npos) << err;
    EXPECT_FALSE(parseTimelineState("timeline 0 0 10 10 5 5\n", s, err));
    EXPECT_FALSE(parseTimelineState("", s, err));
}

TEST(TimelineLayout, ZoomKeepsItsCentreOnTheSameXAndUndoes) {
    const TimeRange start{1000, 9000};
    for (double at : {1000.0, 2500.0, 8999.0, 20000.0})
        for (double factor : {0.5, 0.8, 2.0}) {
            const TimeRange z = zoomAbout(start, at, factor);
            EXPECT_NEAR(z.ns1 - z.ns0, (start.ns1 - start.ns0) * factor, 1e-9) << at << " " << factor;
            const TimelineState before{Rect{10, 0, 810, 100}, start.ns0, start.ns1, 1, {}, 0};
            const TimelineState after{Rect{10, 0, 810, 100}, z.ns0, z.ns1, 1, {}, 0};
            EXPECT_NEAR(after.xOf(at), before.xOf(at), 1e-9) << at << " " << factor;
            const TimeRange back = zoomAbout(z, at, 1 / factor);
            EXPECT_NEAR(back.ns0, start.ns0, 1e-6);
            EXPECT_NEAR(back.ns1, start.ns1, 1e-6);
        }
}

TEST(TimelineLayout, PanMovesByAFractionOfTheWidth) {
    const TimeRange start{1000, 9000};
    const TimeRange later = panBy(start, 0.25);
    EXPECT_DOUBLE_EQ(later.ns0, 3000);
    EXPECT_DOUBLE_EQ(later.ns1, 11000);
    const TimeRange back = panBy(later, -0.25);
    EXPECT_DOUBLE_EQ(back.ns0, start.ns0);
    EXPECT_DOUBLE_EQ(back.ns1, start.ns1);
}

} // namespace
} // namespace gclab::render
