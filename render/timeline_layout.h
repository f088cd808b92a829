// gclab-gui — where the timeline view draws: virtual time to x, and back. Pure C++ (no ImGui), shared
// with the headless checker that verifies the playhead's position in a screenshot.
#pragma once

#include "render/heap_layout.h"

#include <cstddef>
#include <string>
#include <vector>

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
// zooms about the cursor, the + and - keys about the playhead. The result is at most maxWidth wide:
// zooming out further stops there, still about at.
TimeRange zoomAbout(TimeRange r, double at, double factor, double maxWidth);
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

// TimelineAreas is how the timeline splits the room under its header (legend, buttons): the plot, the
// P lanes under it and a row of time labels under them; the y-axis labels go in a gutter left of the plot.
struct TimelineAreas {
    Rect plot;
    Rect lanes;             // empty (zero height) without Ps
    double axisY = 0;       // the top of the time labels
    double laneLabelPx = 0; // font size of the lanes' "P0", "P1" labels in the gutter; 0: none
};
// layoutTimelineAreas fills area (the ImGui content region left) for a text line of lineH pixels, a
// gutter gutterW wide and procs P lanes: the time labels take a line, each lane at most a line and the
// lanes together at most 30 % of the rest (at least 3 px each), the plot the remainder (at least
// 24 px, beyond area's bottom when even that does not fit).
TimelineAreas layoutTimelineAreas(const Rect& area, double lineH, double gutterW, std::size_t procs);

// YAxisLabels are the rectangles of the byte labels in the gutter: the scale's top value level with the
// plot's top edge and "0" level with its bottom, the latter only when the two do not overlap.
struct YAxisLabels {
    Rect top;
    bool showZero = false;
    Rect zero; // valid when showZero
};
YAxisLabels yAxisLabels(const Rect& plot, double gutterX0, double lineH, double topW, double zeroW);

// placeAxisLabels lays out labels of the given widths centred on the given x (increasing), each kept
// inside [x0, x1]; a label that would come closer than gap to the one kept before it is dropped (the
// last label replaces the one before it instead, so that the axis keeps its end). Returns the left
// edge of each label, or a negative number for a dropped one.
std::vector<double> placeAxisLabels(const std::vector<double>& centres, const std::vector<double>& widths,
                                    double x0, double x1, double gap);

// timeAxisTicks are the virtual times the axis labels: consecutive multiples of one round step (1, 2
// or 5 times a power of ten nanoseconds, the smallest that needs at most maxTicks labels), from the
// first one at or after max(ns0, 0) to the last one at or before ns1. Times before the run starts get
// no label. At least one whenever [max(ns0, 0), ns1] holds a whole nanosecond and maxTicks >= 2 (a
// round step too wide for a second label is at most 2.5 times one that fitted three); empty when
// maxTicks < 2.
std::vector<double> timeAxisTicks(double ns0, double ns1, int maxTicks);

// formatTimelineScale writes the line "timeline-scale YMAX X0 Y0 X1 Y1 PROCS" (yMax and the lanes);
// parseTimelineScale reads it into out (false with a message in err on bad input).
std::string formatTimelineScale(const TimelineState& s);
bool parseTimelineScale(const std::string& text, TimelineState& out, std::string& err);

} // namespace gclab::render
