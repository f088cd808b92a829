// gclab-gui — where the timeline view draws: virtual time to x, and back. Pure C++ (no ImGui), shared
// with the headless checker that verifies the playhead's position in a screenshot.
#pragma once

#include "render/heap_layout.h"

#include <cstddef>
#include <string>

namespace gclab::render {

// TimelineState is where a frame drew the plot: its rectangle on screen and the virtual-time range
// [ns0, ns1] it spans (gclab-gui --dump-timeline writes it).
struct TimelineState {
    Rect plot;
    double ns0 = 0, ns1 = 1;
    double yMax = 1;       // the byte value at the plot's top edge (0 at its bottom)
    Rect lanes;            // the P lanes under the plot (same x range), one pLaneRect each
    std::size_t procs = 0; // how many lanes

    double yOf(double bytes) const { return plot.y1 - bytes / yMax * plot.height(); }

    double xOf(double ns) const { return plot.x0 + (ns - ns0) / (ns1 - ns0) * plot.width(); }
    double nsAt(double x) const { return ns0 + (x - plot.x0) / plot.width() * (ns1 - ns0); }
};

// TimeRange is a span of the timeline's x-axis, [ns0, ns1].
struct TimeRange {
    double ns0 = 0, ns1 = 1;
};
// zoomAbout scales r by factor (below 1 zooms in) about at, which keeps its place on screen: the wheel
// zooms about the cursor, the + and - keys about the playhead.
TimeRange zoomAbout(TimeRange r, double at, double factor);
// panBy moves r by fraction of its width (negative: towards earlier times).
TimeRange panBy(TimeRange r, double fraction);

// formatTimelineState writes one line starting with key; the compare view's two lanes (whose range is in
// ticks) use the keys compare-a and compare-b.
std::string formatTimelineState(const TimelineState& s, const char* key = "timeline");
// parseTimelineState reads the line of formatTimelineState's output that starts with key; false (with
// a message in err) on bad input.
bool parseTimelineState(const std::string& text, TimelineState& out, std::string& err,
                        const std::string& key = "timeline");

// pLaneRect is lane p of procs lanes stacked in lanes, top to bottom; a pixel row between lanes when
// they are at least 4 px tall.
Rect pLaneRect(const Rect& lanes, std::size_t procs, std::size_t p);

// formatTimelineScale writes the line "timeline-scale YMAX X0 Y0 X1 Y1 PROCS" (yMax and the lanes);
// parseTimelineScale reads it into out (false with a message in err on bad input).
std::string formatTimelineScale(const TimelineState& s);
bool parseTimelineScale(const std::string& text, TimelineState& out, std::string& err);

} // namespace gclab::render
