#include "render/timeline_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace gclab::render {

std::string formatTimelineState(const TimelineState& s, const char* key) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s %.17g %.17g %.17g %.17g %.17g %.17g\n", key, s.plot.x0, s.plot.y0,
                  s.plot.x1, s.plot.y1, s.ns0, s.ns1);
    return buf;
}

namespace {

// lineAfter returns what follows "key " on the first line that starts with it; false (with a message
// in err naming the first line) when there is none.
bool lineAfter(const std::string& text, const std::string& key, std::string& rest, std::string& err) {
    std::istringstream lines(text);
    std::string line, first;
    while (std::getline(lines, line)) {
        if (line.rfind(key + " ", 0) == 0) {
            rest = line.substr(key.size() + 1);
            return true;
        }
        first = first.empty() ? line : first;
    }
    err = "expected a line starting with '" + key + "', got '" + first + "'";
    return false;
}

} // namespace

bool parseTimelineState(const std::string& text, TimelineState& out, std::string& err,
                        const std::string& key) {
    std::string rest;
    if (!lineAfter(text, key, rest, err))
        return false;
    std::istringstream in(rest);
    if (!(in >> out.plot.x0 >> out.plot.y0 >> out.plot.x1 >> out.plot.y1 >> out.ns0 >> out.ns1)) {
        err = "expected six numbers after '" + key + "'";
        return false;
    }
    if (!(out.ns1 > out.ns0) || !(out.plot.x1 > out.plot.x0)) {
        err = "empty time range or plot";
        return false;
    }
    return true;
}

TimeRange zoomAbout(TimeRange r, double at, double factor, double maxWidth) {
    const double width = r.ns1 - r.ns0;
    if (width * factor > maxWidth)
        factor = std::max(1.0, maxWidth / width);
    return TimeRange{at - (at - r.ns0) * factor, at + (r.ns1 - at) * factor};
}

TimeRange panBy(TimeRange r, double fraction) {
    const double d = (r.ns1 - r.ns0) * fraction;
    return TimeRange{r.ns0 + d, r.ns1 + d};
}

Rect pLaneRect(const Rect& lanes, std::size_t procs, std::size_t p) {
    const double h = lanes.height() / static_cast<double>(std::max<std::size_t>(procs, 1));
    const double y0 = lanes.y0 + h * static_cast<double>(p);
    return Rect{lanes.x0, y0, lanes.x1, y0 + (h >= 4 ? h - 1 : h)};
}

TimelineAreas layoutTimelineAreas(const Rect& area, double lineH, double gutterW, std::size_t procs) {
    constexpr double topMargin = 4, laneGap = 4, minPlotH = 24;
    const double axisH = lineH + 4;
    const double n = static_cast<double>(procs);
    const double rest = area.height() - axisH - topMargin;
    const double laneH = procs == 0 ? 0 : std::floor(std::clamp((rest * 0.3 - laneGap) / n, 3.0, lineH));
    const double lanesH = procs == 0 ? 0 : laneH * n + laneGap;
    TimelineAreas t;
    const double x0 = area.x0 + gutterW, x1 = std::max(area.x1, x0 + 20);
    const double plotTop = area.y0 + topMargin;
    t.plot = Rect{x0, plotTop, x1, plotTop + std::max(rest - lanesH, minPlotH)};
    t.lanes = Rect{x0, t.plot.y1 + (procs == 0 ? 0 : laneGap), x1, t.plot.y1 + lanesH};
    t.axisY = t.lanes.y1 + 2;
    // A label a little smaller than the text when the lane is, none under 60 % of a line.
    t.laneLabelPx = procs > 0 && laneH >= 0.6 * lineH ? std::min(laneH, lineH) : 0;
    return t;
}

YAxisLabels yAxisLabels(const Rect& plot, double gutterX0, double lineH, double topW, double zeroW) {
    YAxisLabels l;
    l.top = Rect{gutterX0, plot.y0, gutterX0 + topW, plot.y0 + lineH};
    l.zero = Rect{gutterX0, plot.y1 - lineH, gutterX0 + zeroW, plot.y1};
    l.showZero = l.zero.y0 >= l.top.y1 + 2;
    return l;
}

std::vector<double> placeAxisLabels(const std::vector<double>& centres, const std::vector<double>& widths,
                                    double x0, double x1, double gap) {
    std::vector<double> left(centres.size(), -1);
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < centres.size() && i < widths.size(); i++) {
        if (widths[i] > x1 - x0)
            continue;
        const double x = std::clamp(centres[i] - widths[i] / 2, x0, x1 - widths[i]);
        const bool last = i + 1 == centres.size();
        auto clashes = [&] { return !kept.empty() && x < left[kept.back()] + widths[kept.back()] + gap; };
        // The axis keeps its end: the last label drops those before it that it would touch (not the first).
        while (last && clashes() && kept.size() > 1) {
            left[kept.back()] = -1;
            kept.pop_back();
        }
        if (clashes())
            continue;
        left[i] = x;
        kept.push_back(i);
    }
    return left;
}

std::vector<double> timeAxisTicks(double ns0, double ns1, int maxTicks) {
    const double from = std::max(ns0, 0.0);
    std::vector<double> ticks;
    if (ns1 < from || maxTicks < 2)
        return ticks;
    auto count = [&](double step) { return std::floor(ns1 / step) - std::ceil(from / step) + 1; };
    // Start a decade below the step that spreads maxTicks labels over the range (at least 1 ns), and
    // take the first round step that fits.
    double decade = std::max(1.0, std::pow(10.0, std::floor(std::log10((ns1 - from) / maxTicks)) - 1));
    double step = decade;
    for (int i = 0;; i++) {
        step = decade * (i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 5);
        if (count(step) <= maxTicks)
            break;
        if (i % 3 == 2)
            decade *= 10;
    }
    for (double k = std::ceil(from / step); k * step <= ns1; k++)
        ticks.push_back(k * step);
    return ticks;
}

std::string formatTimelineScale(const TimelineState& s) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "timeline-scale %.17g %.17g %.17g %.17g %.17g %zu\n", s.yMax, s.lanes.x0,
                  s.lanes.y0, s.lanes.x1, s.lanes.y1, s.procs);
    return buf;
}

bool parseTimelineScale(const std::string& text, TimelineState& out, std::string& err) {
    std::string rest;
    if (!lineAfter(text, "timeline-scale", rest, err))
        return false;
    std::istringstream in(rest);
    if (!(in >> out.yMax >> out.lanes.x0 >> out.lanes.y0 >> out.lanes.x1 >> out.lanes.y1 >> out.procs) ||
        !(out.yMax > 0)) {
        err = "expected a positive scale, the lanes' rectangle and the number of Ps after 'timeline-scale'";
        return false;
    }
    return true;
}

} // namespace gclab::render
