#include "render/timeline_layout.h"

#include <algorithm>
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

TimeRange zoomAbout(TimeRange r, double at, double factor) {
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
