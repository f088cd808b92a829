// Tests for render/timeline_layout.h: the dump the screenshot checker reads back (--dump-timeline), with
// the main timeline and the compare view's two lanes in one file.
#include "render/timeline_layout.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

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
            const TimeRange z = zoomAbout(start, at, factor, 1e9);
            EXPECT_NEAR(z.ns1 - z.ns0, (start.ns1 - start.ns0) * factor, 1e-9) << at << " " << factor;
            const TimelineState before{Rect{10, 0, 810, 100}, start.ns0, start.ns1, 1, {}, 0};
            const TimelineState after{Rect{10, 0, 810, 100}, z.ns0, z.ns1, 1, {}, 0};
            EXPECT_NEAR(after.xOf(at), before.xOf(at), 1e-9) << at << " " << factor;
            const TimeRange back = zoomAbout(z, at, 1 / factor, 1e9);
            EXPECT_NEAR(back.ns0, start.ns0, 1e-6);
            EXPECT_NEAR(back.ns1, start.ns1, 1e-6);
        }
}

TEST(TimelineLayout, ZoomingOutStopsAtTheWidestRangeAboutTheSamePoint) {
    const TimeRange start{1000, 9000};
    const double at = 8500;
    const TimeRange wide = zoomAbout(start, at, 4, 20000);
    EXPECT_NEAR(wide.ns1 - wide.ns0, 20000, 1e-9);
    EXPECT_NEAR((at - wide.ns0) / 20000, (at - start.ns0) / 8000, 1e-12) << "the point keeps its x";
    const TimeRange again = zoomAbout(wide, at, 2, 20000);
    EXPECT_DOUBLE_EQ(again.ns0, wide.ns0) << "further out: nothing moves";
    EXPECT_DOUBLE_EQ(again.ns1, wide.ns1);
    const TimeRange in = zoomAbout(wide, at, 0.5, 20000);
    EXPECT_NEAR(in.ns1 - in.ns0, 10000, 1e-9) << "zooming in from the widest still works";
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

TEST(TimelineLayout, PlotLanesAndTimeLabelsStackInsideTheArea) {
    for (double lineH : {13.0, 16.0, 26.0, 30.0})
        for (std::size_t procs : {0u, 1u, 2u, 4u, 8u})
            for (double h = 40; h <= 600; h += 7) {
                const Rect area{20, 300, 720, 300 + h};
                const TimelineAreas t = layoutTimelineAreas(area, lineH, 90, procs);
                const std::string at = std::to_string(lineH) + " px, " + std::to_string(procs) + " Ps, " +
                                       std::to_string(h) + " px";
                EXPECT_EQ(t.plot.x0, area.x0 + 90) << at;
                EXPECT_EQ(t.plot.x1, area.x1) << at;
                EXPECT_EQ(t.lanes.x0, t.plot.x0) << at;
                EXPECT_GE(t.plot.y0, area.y0) << at;
                EXPECT_GE(t.plot.height(), 24) << at;
                EXPECT_LE(t.plot.y1, t.lanes.y0) << at;
                EXPECT_LE(t.lanes.y1, t.axisY) << at;
                for (std::size_t p = 0; p < procs; p++)
                    EXPECT_LE(pLaneRect(t.lanes, procs, p).height(), lineH) << at;
                const double minLanes = procs == 0 ? 0 : 3.0 * static_cast<double>(procs) + 4;
                if (h >= 24 + minLanes + lineH + 8) {
                    EXPECT_LE(t.axisY + lineH, area.y1 + 1e-9) << at << ": the time labels are cut";
                }
                // The lane labels fit their lanes.
                if (t.laneLabelPx > 0) {
                    EXPECT_LE(t.laneLabelPx, std::min(lineH, t.lanes.height() / static_cast<double>(procs)))
                        << at;
                }
            }
}

TEST(TimelineLayout, ThePlotKeepsMostOfTheRoom) {
    // Under the time labels, the lanes take at most 30 % unless even 3 px lanes need more.
    for (double lineH : {13.0, 16.0, 26.0, 30.0})
        for (std::size_t procs : {1u, 2u, 4u})
            for (double h = 100; h <= 600; h += 11) {
                const TimelineAreas t = layoutTimelineAreas(Rect{0, 0, 800, h}, lineH, 90, procs);
                const double rest = h - lineH - 8;
                if (rest * 0.3 - 4 >= 3.0 * static_cast<double>(procs)) {
                    EXPECT_GE(t.plot.height(), 0.7 * rest - 1e-9) << lineH << " " << procs << " " << h;
                }
            }
}

TEST(TimelineLayout, TheByteLabelsNeverOverlap) {
    for (double lineH : {13.0, 16.0, 26.0, 30.0})
        for (double h = 1; h <= 300; h += 1) {
            const Rect plot{100, 50, 700, 50 + h};
            const YAxisLabels l = yAxisLabels(plot, 4, lineH, 80, 12);
            EXPECT_EQ(l.top, (Rect{4, plot.y0, 84, plot.y0 + lineH}));
            if (l.showZero) {
                EXPECT_FALSE(l.top.intersects(l.zero)) << lineH << " " << h;
                EXPECT_EQ(l.zero.y1, plot.y1);
            }
            // Both are drawn wherever they fit apart.
            EXPECT_EQ(l.showZero, h >= 2 * lineH + 2) << lineH << " " << h;
        }
}

TEST(TimelineLayout, TimeLabelsNeverOverlapAndKeepTheAxisEnds) {
    std::mt19937 rng(20261130);
    std::uniform_real_distribution<double> width(20, 120), span(40, 1500);
    for (int round = 0; round < 2000; round++) {
        const double x0 = 100, x1 = x0 + span(rng), gap = 10;
        std::vector<double> centres, widths;
        for (int i = 0; i <= 4; i++) {
            centres.push_back(x0 + (x1 - x0) * i / 4);
            widths.push_back(width(rng));
        }
        const std::vector<double> left = placeAxisLabels(centres, widths, x0, x1, gap);
        ASSERT_EQ(left.size(), centres.size());
        double end = -1e9;
        for (std::size_t i = 0; i < left.size(); i++) {
            if (left[i] < 0)
                continue;
            EXPECT_GE(left[i], x0) << round;
            EXPECT_LE(left[i] + widths[i], x1 + 1e-9) << round;
            EXPECT_GE(left[i], end + gap - 1e-9) << round << ": label " << i << " touches the one before";
            end = left[i] + widths[i];
        }
        if (widths[0] <= x1 - x0) {
            EXPECT_GE(left[0], 0) << round << ": the axis lost its start";
        }
        if (widths[0] + gap + widths[4] <= x1 - x0) {
            EXPECT_GE(left[4], 0) << round << ": the axis lost its end";
        }
    }
    // With room, every label is drawn centred under its x.
    const std::vector<double> all = placeAxisLabels({100, 300, 500}, {40, 40, 40}, 50, 550, 10);
    EXPECT_EQ(all, (std::vector<double>{80, 280, 480}));
}

// isRoundStep: 1, 2 or 5 times a power of ten, at least 1 ns.
bool isRoundStep(double step) {
    if (step < 1)
        return false;
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    return std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 || std::fabs(mantissa - 5) < 1e-9;
}

// nextSmallerStep is the round step below step (2 -> 1, 5 -> 2, 10 -> 5).
double nextSmallerStep(double step) {
    const double decade = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    const double mantissa = step / decade;
    return mantissa > 4 ? 2 * decade : mantissa > 1.5 ? decade : decade / 2;
}

TEST(TimelineLayout, TimeLabelsAreRoundStepsFromZeroAtMostAsManyAsAsked) {
    std::mt19937 rng(20261203);
    std::uniform_real_distribution<double> exponent(0, 11), startFraction(-1, 1);
    std::uniform_int_distribution<int> labels(2, 8);
    for (int round = 0; round < 5000; round++) {
        const double width = std::pow(10.0, exponent(rng));
        const double ns0 = startFraction(rng) * width, ns1 = ns0 + width;
        const int maxTicks = labels(rng);
        const std::vector<double> ticks = timeAxisTicks(ns0, ns1, maxTicks);
        const double from = std::max(ns0, 0.0);
        if (ns1 < from) {
            EXPECT_TRUE(ticks.empty()) << round;
            continue;
        }
        ASSERT_FALSE(ticks.empty()) << round << ": [" << ns0 << ", " << ns1 << "] " << maxTicks;
        EXPECT_LE(static_cast<int>(ticks.size()), maxTicks) << round;
        EXPECT_GE(ticks.front(), from) << round << ": a label before the run or the view";
        EXPECT_LE(ticks.back(), ns1) << round;
        if (ticks.size() < 2)
            continue;
        const double step = ticks[1] - ticks[0];
        EXPECT_TRUE(isRoundStep(step)) << round << ": step " << step;
        for (std::size_t i = 0; i < ticks.size(); i++)
            EXPECT_NEAR(ticks[i], ticks[0] + step * static_cast<double>(i), step * 1e-9) << round;
        EXPECT_NEAR(std::fmod(ticks[0], step), 0, step * 1e-9) << round << ": not a multiple of the step";
        // Every label in range is there, and the next smaller round step would need too many labels.
        EXPECT_LT(ticks.front() - step, from) << round;
        EXPECT_GT(ticks.back() + step, ns1) << round;
        const double smaller = nextSmallerStep(step);
        if (smaller >= 1) {
            const double n = std::floor(ns1 / smaller) - std::ceil(from / smaller) + 1;
            EXPECT_GT(n, maxTicks) << round << ": step " << step << " where " << smaller << " fits";
        }
    }
    EXPECT_EQ(timeAxisTicks(-50, 230, 5), (std::vector<double>{0, 50, 100, 150, 200}));
    EXPECT_EQ(timeAxisTicks(1.2e6, 1.9e6, 4), (std::vector<double>{1.2e6, 1.4e6, 1.6e6, 1.8e6}));
    EXPECT_TRUE(timeAxisTicks(-20, -10, 5).empty());
    EXPECT_TRUE(timeAxisTicks(0, 100, 1).empty());
}

} // namespace
} // namespace gclab::render
