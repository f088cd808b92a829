// gclab-gui — the timeline's plot (canvas, cycle bands, curves) drawn on the CPU into an image the
// size of the plot.
//
// A polyline of thousands of thick anti-aliased segments costs llvmpipe more than the rest of the
// window together (it pays per triangle); one textured quad costs one screen-sized fill. Samples are
// first folded per pixel column (first, lowest, highest, last value), then each segment between the
// folded points is painted column by column as a vertical run of pixels, widened by the line's
// thickness. Pure C++ (no GL, no ImGui): the timeline view uploads the image as a texture.
#pragma once

#include "render/session.h"
#include "render/timeline_layout.h"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace gclab::render {

// SeriesImage is width × height pixels packed as Rgba::abgr(), top row first; 0 is transparent. Its
// top-left pixel lies at screen position (x0, y0).
struct SeriesImage {
    int x0 = 0, y0 = 0, width = 0, height = 0;
    std::vector<std::uint32_t> px;

    // reset covers the plot rectangle with whole pixels, all transparent.
    void reset(const Rect& plot);
    // fill paints every pixel; fillColumns paints the full height of the columns screen x in [xa, xb).
    void fill(std::uint32_t abgr);
    void fillColumns(double xa, double xb, std::uint32_t abgr);
    std::uint32_t at(int x, int y) const { return px[static_cast<std::size_t>(y) * width + x]; }
};

// foldedPoints is the curve of one field of samples in screen coordinates: per pixel column the
// first, lowest, highest and last value (fewer when the column holds fewer samples).
std::vector<std::pair<double, double>> foldedPoints(std::span<const SeriesSample> samples,
                                                    std::uint64_t SeriesSample::*field,
                                                    const TimelineState& st, double yMax);

// SeriesShape says how a curve goes from one sample to the next: straight (a value that changes all the
// time, like heapLive) or as a step that holds the value until the next sample (one set at discrete
// moments, like the heap goal at each cycle's commit or HeapSys when an arena grows).
enum class SeriesShape { linear, steps };

// paintSeries paints the curve through foldedPoints into img with colour abgr, thick pixels wide
// (at least 1), over whatever is there. Samples whose value is SeriesSample::unset break the line.
void paintSeries(SeriesImage& img, std::span<const SeriesSample> samples, std::uint64_t SeriesSample::*field,
                 const TimelineState& st, double yMax, std::uint32_t abgr, int thick,
                 SeriesShape shape = SeriesShape::linear);

// ColumnTimes is the time of each PLaneState in one pixel column.
using ColumnTimes = std::array<double, pLaneStates>;

// laneColumnTimes is, for screen columns [c0, c1), the time P p spent in each state within each column:
// every segment's times in proportion to the part of it that lies in the column.
std::vector<ColumnTimes> laneColumnTimes(const PLaneRecorder& rec, const TimelineState& st, std::size_t p,
                                         int c0, int c1);

// paintLanes paints one lane per P (pLaneRect of st.lanes) into img, which covers st.lanes: each pixel
// column in the colour of the state with the most time in it (pLaneDominant); columns without recorded
// time stay transparent. colours is indexed by PLaneState.
void paintLanes(SeriesImage& img, const PLaneRecorder& rec, const TimelineState& st,
                const std::array<std::uint32_t, pLaneStates>& colours);

} // namespace gclab::render
