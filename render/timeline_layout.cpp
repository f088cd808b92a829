#include "render/timeline_layout.h"

#include <cstdio>
#include <sstream>

namespace gclab::render {

std::string formatTimelineState(const TimelineState& s, const char* key) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s %.17g %.17g %.17g %.17g %.17g %.17g\n", key, s.plot.x0, s.plot.y0,
                  s.plot.x1, s.plot.y1, s.ns0, s.ns1);
    return buf;
}

bool parseTimelineState(const std::string& text, TimelineState& out, std::string& err,
                        const std::string& key) {
    std::istringstream lines(text);
    std::string line, first;
    while (std::getline(lines, line) && line.rfind(key + " ", 0) != 0)
        first = first.empty() ? line : first;
    std::istringstream in(line);
    std::string got;
    if (!(in >> got) || got != key) {
        err = "expected a line starting with '" + key + "', got '" + first + "'";
        return false;
    }
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

} // namespace gclab::render
