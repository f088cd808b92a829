// gclab-gui — where the timeline view draws: virtual time to x, and back. Pure C++ (no ImGui), shared
// with the headless checker that verifies the playhead's position in a screenshot.
#pragma once

#include "render/heap_layout.h"

#include <string>

namespace gclab::render {

// TimelineState is where a frame drew the plot: its rectangle on screen and the virtual-time range
// [ns0, ns1] it spans (gclab-gui --dump-timeline writes it).
struct TimelineState {
    Rect plot;
    double ns0 = 0, ns1 = 1;

    double xOf(double ns) const { return plot.x0 + (ns - ns0) / (ns1 - ns0) * plot.width(); }
    double nsAt(double x) const { return ns0 + (x - plot.x0) / plot.width() * (ns1 - ns0); }
};

// formatTimelineState writes one line starting with key; the compare view's two lanes (whose range is in
// ticks) use the keys compare-a and compare-b.
std::string formatTimelineState(const TimelineState& s, const char* key = "timeline");
// parseTimelineState reads the line of formatTimelineState's output that starts with key; false (with
// a message in err) on bad input.
bool parseTimelineState(const std::string& text, TimelineState& out, std::string& err,
                        const std::string& key = "timeline");

} // namespace gclab::render
