#include "render/series_raster.h"

#include <algorithm>
#include <cmath>

namespace gclab::render {

void SeriesImage::reset(const Rect& plot) {
    x0 = static_cast<int>(std::floor(plot.x0));
    y0 = static_cast<int>(std::floor(plot.y0));
    width = std::max(0, static_cast<int>(std::ceil(plot.x1)) - x0);
    height = std::max(0, static_cast<int>(std::ceil(plot.y1)) - y0);
    px.assign(static_cast<std::size_t>(width) * height, 0);
}

void SeriesImage::fill(std::uint32_t abgr) { std::fill(px.begin(), px.end(), abgr); }

void SeriesImage::fillColumns(double xa, double xb, std::uint32_t abgr) {
    const int a = std::max(0, static_cast<int>(std::floor(xa)) - x0);
    const int b = std::min(width, static_cast<int>(std::ceil(xb)) - x0);
    for (int y = 0; y < height && a < b; y++)
        std::fill_n(px.begin() + static_cast<std::ptrdiff_t>(y) * width + a, b - a, abgr);
}

std::vector<std::pair<double, double>> foldedPoints(const std::vector<SeriesSample>& samples,
                                                    std::uint64_t SeriesSample::*field,
                                                    const TimelineState& st, double yMax) {
    const Rect& r = st.plot;
    auto yOf = [&](std::uint64_t v) { return r.y1 - static_cast<double>(v) / yMax * r.height(); };
    std::vector<std::pair<double, double>> pts;
    std::size_t i = 0;
    while (i < samples.size()) {
        const double x = st.xOf(static_cast<double>(samples[i].ns));
        const double column = std::floor(x);
        std::uint64_t first = samples[i].*field, lo = first, hi = first, last = first;
        std::size_t j = i + 1;
        for (; j < samples.size() && std::floor(st.xOf(static_cast<double>(samples[j].ns))) == column; j++) {
            last = samples[j].*field;
            lo = std::min(lo, last);
            hi = std::max(hi, last);
        }
        pts.emplace_back(x, yOf(first));
        if (j - i > 2) {
            pts.emplace_back(x, yOf(lo));
            pts.emplace_back(x, yOf(hi));
        }
        if (j - i > 1)
            pts.emplace_back(x, yOf(last));
        i = j;
    }
    return pts;
}

namespace {

// paintRun paints rows [ya, yb] of columns [c, c + thick) (image coordinates, clipped).
void paintRun(SeriesImage& img, int c, int thick, double ya, double yb, std::uint32_t abgr) {
    const int half = (thick - 1) / 2;
    const int top = std::max(0, static_cast<int>(std::floor(ya)) - half);
    const int bottom = std::min(img.height - 1, static_cast<int>(std::floor(yb)) + (thick - 1 - half));
    for (int x = std::max(0, c - half); x < std::min(img.width, c - half + thick); x++)
        for (int y = top; y <= bottom; y++)
            img.px[static_cast<std::size_t>(y) * img.width + x] = abgr;
}

} // namespace

void paintSeries(SeriesImage& img, const std::vector<SeriesSample>& samples,
                 std::uint64_t SeriesSample::*field, const TimelineState& st, double yMax, std::uint32_t abgr,
                 int thick) {
    thick = std::max(1, thick);
    std::vector<std::pair<double, double>> pts = foldedPoints(samples, field, st, yMax);
    if (pts.size() == 1)
        pts.push_back(pts.front());
    for (std::size_t k = 1; k < pts.size(); k++) {
        // The segment a -> b in image coordinates, painted one column at a time: in each column the
        // rows between where the segment enters and where it leaves.
        const double ax = pts[k - 1].first - img.x0, ay = pts[k - 1].second - img.y0;
        const double bx = pts[k].first - img.x0, by = pts[k].second - img.y0;
        const int c0 = static_cast<int>(std::floor(ax)), c1 = static_cast<int>(std::floor(bx));
        if (c1 < -thick || c0 >= img.width + thick)
            continue;
        auto yAt = [&](double x) { return ay + (by - ay) * (x - ax) / (bx - ax); };
        for (int c = std::max(c0, -thick); c <= std::min(c1, img.width + thick); c++) {
            const double ya = c == c0 ? ay : yAt(static_cast<double>(c));
            const double yb = c == c1 ? by : yAt(static_cast<double>(c + 1));
            paintRun(img, c, thick, std::min(ya, yb), std::max(ya, yb), abgr);
        }
    }
}

} // namespace gclab::render
