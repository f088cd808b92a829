// Tests for render/series_raster.h: the timeline's curves painted on the CPU cover every sample's
// pixel, connect consecutive samples without gaps, and paint nothing far from the curve. The oracle
// is the sample list itself mapped through the plot's own coordinates (TimelineState::xOf).
#include "sim/rng.h"

#include "render/series_raster.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace gclab::render {
namespace {

constexpr std::uint32_t red = 0xff0000ffu;

TimelineState plotOf(double w, double h, double ns1) {
    TimelineState st;
    st.plot = Rect{10.5, 20.25, 10.5 + w, 20.25 + h};
    st.ns0 = 0;
    st.ns1 = ns1;
    return st;
}

std::vector<SeriesSample> randomSamples(Rng& rng, std::size_t n, std::int64_t maxNs, std::uint64_t maxV) {
    std::vector<SeriesSample> v;
    std::int64_t ns = 0;
    for (std::size_t i = 0; i < n; i++) {
        ns += static_cast<std::int64_t>(rng.next() % static_cast<std::uint64_t>(2 * maxNs / n + 1));
        SeriesSample s;
        s.tick = i;
        s.ns = std::min(ns, maxNs);
        s.heapLive = rng.next() % maxV;
        v.push_back(s);
    }
    return v;
}

// painted says whether any pixel within radius of screen point (x, y) has colour c.
bool painted(const SeriesImage& img, double x, double y, std::uint32_t c, int radius) {
    int cx = static_cast<int>(std::floor(x)) - img.x0, cy = static_cast<int>(std::floor(y)) - img.y0;
    for (int dx = -radius; dx <= radius; dx++)
        for (int dy = -radius; dy <= radius; dy++) {
            int px = cx + dx, py = cy + dy;
            if (px >= 0 && py >= 0 && px < img.width && py < img.height && img.at(px, py) == c)
                return true;
        }
    return false;
}

TEST(SeriesRaster, EverySampleLiesOnThePaintedCurve) {
    for (std::uint64_t seed = 1; seed <= 20; seed++) {
        Rng rng(seed);
        const std::size_t n = 1 + rng.next() % 3000;
        TimelineState st = plotOf(300, 120, 1e6);
        std::vector<SeriesSample> samples = randomSamples(rng, n, 1000000, 1000);
        SeriesImage img;
        img.reset(st.plot);
        paintSeries(img, samples, &SeriesSample::heapLive, st, 1100, red, 2);
        for (const SeriesSample& s : samples) {
            double x = st.xOf(static_cast<double>(s.ns));
            double y = st.plot.y1 - static_cast<double>(s.heapLive) / 1100 * st.plot.height();
            ASSERT_TRUE(painted(img, x, y, red, 1)) << "seed " << seed << " sample at " << s.ns;
        }
    }
}

TEST(SeriesRaster, ConsecutiveSamplesAreConnectedColumnByColumn) {
    // Two samples far apart: every column between them holds a painted pixel on the straight line.
    TimelineState st = plotOf(200, 100, 1000);
    std::vector<SeriesSample> samples(2);
    samples[0].ns = 100;
    samples[0].heapLive = 10;
    samples[1].ns = 900;
    samples[1].heapLive = 90;
    SeriesImage img;
    img.reset(st.plot);
    paintSeries(img, samples, &SeriesSample::heapLive, st, 100, red, 1);
    for (double ns = 100; ns <= 900; ns += 5) {
        double x = st.xOf(ns);
        double v = 10 + (ns - 100) / 800 * 80;
        double y = st.plot.y1 - v / 100 * st.plot.height();
        ASSERT_TRUE(painted(img, x, y, red, 1)) << ns;
    }
}

TEST(SeriesRaster, StepsHoldEachValueUntilTheNextSample) {
    // A value set at discrete moments (the heap goal): flat at the first sample's value up to the second
    // sample's column, then straight up; nothing on the diagonal a straight line would take.
    TimelineState st = plotOf(200, 100, 1000);
    std::vector<SeriesSample> samples(2);
    samples[0].ns = 100;
    samples[0].heapGoal = 10;
    samples[1].ns = 900;
    samples[1].heapGoal = 90;
    SeriesImage img;
    img.reset(st.plot);
    paintSeries(img, samples, &SeriesSample::heapGoal, st, 100, red, 1, SeriesShape::steps);
    auto yOf = [&](double v) { return st.plot.y1 - v / 100 * st.plot.height(); };
    for (double ns = 100; ns <= 890; ns += 5)
        ASSERT_TRUE(painted(img, st.xOf(ns), yOf(10), red, 0)) << "flat at " << ns;
    for (double v = 10; v <= 90; v += 2)
        ASSERT_TRUE(painted(img, st.xOf(900), yOf(v), red, 0)) << "rise at " << v;
    for (double ns = 200; ns <= 800; ns += 50)
        EXPECT_FALSE(painted(img, st.xOf(ns), yOf(10 + (ns - 100) / 800 * 80), red, 1))
            << "diagonal at " << ns;
}

TEST(SeriesRaster, AFlatLinePaintsOnlyItsOwnRows) {
    TimelineState st = plotOf(100, 50, 100);
    std::vector<SeriesSample> samples(3);
    for (int i = 0; i < 3; i++) {
        samples[i].ns = 10 + 40 * i;
        samples[i].heapLive = 50;
    }
    SeriesImage img;
    img.reset(st.plot);
    paintSeries(img, samples, &SeriesSample::heapLive, st, 100, red, 2);
    const int lineY = static_cast<int>(std::floor(st.plot.y1 - 0.5 * st.plot.height())) - img.y0;
    const int xa = static_cast<int>(std::floor(st.xOf(10))) - img.x0;
    const int xb = static_cast<int>(std::floor(st.xOf(90))) - img.x0;
    for (int y = 0; y < img.height; y++)
        for (int x = 0; x < img.width; x++) {
            const bool near = std::abs(y - lineY) <= 1 && x >= xa - 1 && x <= xb + 1;
            if (!near) {
                EXPECT_EQ(img.at(x, y), 0u) << x << "," << y;
            }
        }
    for (int x = xa; x <= xb; x++)
        EXPECT_EQ(img.at(x, lineY), red) << x;
}

TEST(SeriesRaster, FillColumnsPaintsExactlyTheColumnsOfTheRange) {
    SeriesImage img;
    img.reset(Rect{10, 5, 40, 25});
    ASSERT_EQ(img.width, 30);
    ASSERT_EQ(img.height, 20);
    img.fill(1);
    img.fillColumns(15.2, 20.5, red); // columns 15..20 of the screen: 5..10 of the image
    img.fillColumns(-100, 11, 2);     // clipped on the left: image column 0 only
    img.fillColumns(39.5, 500, 3);    // clipped on the right: image column 29 only
    for (int y = 0; y < img.height; y++)
        for (int x = 0; x < img.width; x++) {
            const std::uint32_t want = x == 0 ? 2 : x == 29 ? 3 : (x >= 5 && x <= 10) ? red : 1;
            ASSERT_EQ(img.at(x, y), want) << x << "," << y;
        }
}

TEST(SeriesRaster, FoldingKeepsAtMostFourPointsPerColumn) {
    Rng rng(7);
    TimelineState st = plotOf(50, 50, 1e6);
    std::vector<SeriesSample> samples = randomSamples(rng, 20000, 1000000, 1 << 20);
    auto pts = foldedPoints(samples, &SeriesSample::heapLive, st, 1 << 21);
    EXPECT_LE(pts.size(), 4u * 51);
    for (std::size_t i = 1; i < pts.size(); i++)
        EXPECT_LE(pts[i - 1].first, pts[i].first);
}

TEST(SeriesRaster, UnsetValuesBreakTheCurve) {
    // GOMEMLIMIT set, then off for the middle third, then set again: nothing is painted over the gap.
    TimelineState st = plotOf(300, 100, 300);
    std::vector<SeriesSample> samples;
    for (std::int64_t ns = 0; ns <= 300; ns += 10) {
        SeriesSample s;
        s.ns = ns;
        s.memoryLimit = ns > 100 && ns < 200 ? SeriesSample::unset : 500;
        samples.push_back(s);
    }
    SeriesImage img;
    img.reset(st.plot);
    paintSeries(img, samples, &SeriesSample::memoryLimit, st, 1000, red, 2);
    for (std::int64_t ns = 0; ns <= 300; ns += 5) {
        const double x = st.xOf(static_cast<double>(ns));
        const bool gap = ns > 100 + 2 && ns < 200 - 2; // 2 ns of slack for the line's width
        bool any = false;
        for (int y = 0; y < img.height; y++)
            any = any || img.at(std::min(img.width - 1, static_cast<int>(std::floor(x)) - img.x0), y) == red;
        EXPECT_EQ(any, !gap) << "ns " << ns;
        if (!gap) {
            EXPECT_TRUE(painted(img, x, st.plot.y1 - 0.5 * st.plot.height(), red, 2)) << "ns " << ns;
        }
    }
}

} // namespace
} // namespace gclab::render
