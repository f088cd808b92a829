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

std::vector<std::pair<double, double>> foldedPoints(std::span<const SeriesSample> samples,
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

namespace {

// paintPolyline paints the segments between consecutive points, one column at a time: in each column
// the rows between where the segment enters and where it leaves.
void paintPolyline(SeriesImage& img, std::vector<std::pair<double, double>> pts, std::uint32_t abgr,
                   int thick) {
    if (pts.size() == 1)
        pts.push_back(pts.front());
    for (std::size_t k = 1; k < pts.size(); k++) {
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

// stepped turns a curve into steps: each point's value holds until the next point's column.
std::vector<std::pair<double, double>> stepped(const std::vector<std::pair<double, double>>& pts) {
    std::vector<std::pair<double, double>> out;
    for (std::size_t k = 0; k < pts.size(); k++) {
        if (k > 0 && pts[k].first != pts[k - 1].first)
            out.emplace_back(pts[k].first, pts[k - 1].second);
        out.push_back(pts[k]);
    }
    return out;
}

} // namespace

void paintSeries(SeriesImage& img, std::span<const SeriesSample> samples, std::uint64_t SeriesSample::*field,
                 const TimelineState& st, double yMax, std::uint32_t abgr, int thick, SeriesShape shape) {
    thick = std::max(1, thick);
    std::size_t i = 0;
    while (i < samples.size()) {
        while (i < samples.size() && samples[i].*field == SeriesSample::unset)
            i++;
        std::size_t j = i;
        while (j < samples.size() && samples[j].*field != SeriesSample::unset)
            j++;
        if (j > i) {
            std::vector<std::pair<double, double>> pts =
                foldedPoints(samples.subspan(i, j - i), field, st, yMax);
            paintPolyline(img, shape == SeriesShape::steps ? stepped(pts) : std::move(pts), abgr, thick);
        }
        i = j;
    }
}

std::vector<ColumnTimes> laneColumnTimes(const PLaneRecorder& rec, const TimelineState& st, std::size_t p,
                                         int c0, int c1) {
    std::vector<ColumnTimes> out(static_cast<std::size_t>(std::max(0, c1 - c0)), ColumnTimes{});
    if (p >= rec.procs() || out.empty())
        return out;
    const std::vector<PLaneSegment>& v = rec.segments(p);
    const double ns0 = st.nsAt(c0), ns1 = st.nsAt(c1);
    // Segments follow each other on the P's clock: the first that ends after ns0, until one starts after ns1.
    auto it = std::upper_bound(v.begin(), v.end(), ns0,
                               [](double t, const PLaneSegment& s) { return t < static_cast<double>(s.t1); });
    for (; it != v.end() && static_cast<double>(it->t0) < ns1; ++it) {
        const double xa = st.xOf(static_cast<double>(it->t0)), xb = st.xOf(static_cast<double>(it->t1));
        const int ca = std::max(c0, static_cast<int>(std::floor(xa)));
        const int cb = std::min(c1 - 1, static_cast<int>(std::floor(xb)));
        for (int c = ca; c <= cb; c++) {
            const double part =
                xb > xa ? (std::min(xb, c + 1.0) - std::max(xa, static_cast<double>(c))) / (xb - xa) : 1.0;
            ColumnTimes& col = out[static_cast<std::size_t>(c - c0)];
            for (std::size_t s = 0; s < col.size(); s++)
                col[s] += static_cast<double>(it->ns[s]) * part;
        }
    }
    return out;
}

void paintLanes(SeriesImage& img, const PLaneRecorder& rec, const TimelineState& st,
                const std::array<std::uint32_t, pLaneStates>& colours) {
    for (std::size_t p = 0; p < rec.procs() && img.width > 0; p++) {
        const std::vector<ColumnTimes> cols = laneColumnTimes(rec, st, p, img.x0, img.x0 + img.width);
        const Rect lane = pLaneRect(st.lanes, rec.procs(), p);
        const int y0 = std::max(0, static_cast<int>(std::floor(lane.y0)) - img.y0);
        const int y1 = std::min(img.height, static_cast<int>(std::floor(lane.y1)) - img.y0);
        for (int c = 0; c < img.width; c++) {
            const ColumnTimes& t = cols[static_cast<std::size_t>(c)];
            const auto best = static_cast<std::size_t>(pLaneDominant(t));
            if (t[best] <= 0)
                continue;
            for (int y = y0; y < y1; y++)
                img.px[static_cast<std::size_t>(y) * img.width + c] = colours[best];
        }
    }
}

} // namespace gclab::render
