#include "render/timeline_layout.h"

#include <cstdio>
#include <sstream>

namespace gclab::render {

std::string formatTimelineState(const TimelineState& s) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "timeline %.17g %.17g %.17g %.17g %.17g %.17g\n", s.plot.x0, s.plot.y0,
                  s.plot.x1, s.plot.y1, s.ns0, s.ns1);
    return buf;
}

bool parseTimelineState(const std::string& text, TimelineState& out, std::string& err) {
    std::istringstream in(text);
    std::string key;
    if (!(in >> key) || key != "timeline") {
        err = "expected 'timeline', got '" + key + "'";
        return false;
    }
    if (!(in >> out.plot.x0 >> out.plot.y0 >> out.plot.x1 >> out.plot.y1 >> out.ns0 >> out.ns1)) {
        err = "expected six numbers after 'timeline'";
        return false;
    }
    if (!(out.ns1 > out.ns0) || !(out.plot.x1 > out.plot.x0)) {
        err = "empty time range or plot";
        return false;
    }
    return true;
}

} // namespace gclab::render
