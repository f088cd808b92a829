// gclab-gui — the timeline: heapLive, the heap goal, the trigger, GOMEMLIMIT (while set), HeapInuse,
// HeapSys and HeapReleased over virtual time, each GC cycle as a band (STW sweep termination, concurrent
// mark, STW mark termination, then sweeping until the next cycle; from GCCycleStats in sim/mgc.h), a lane
// per P under the plot saying what it ran (render/p_lanes.h), and the playhead at the current tick.
//
// Mouse: dragging the playhead (or clicking anywhere in the plot) seeks; the wheel zooms about the
// cursor; dragging with the right or middle button pans; double-click shows the whole run.
// Keys (App::handle): + and - zoom about the playhead, [ and ] pan, 0 or Home shows the whole run.
#pragma once

#include "render/gl_texture.h"
#include "render/palette.h"
#include "render/series_raster.h"
#include "render/session.h"
#include "render/timeline_layout.h"

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace gclab::render {

// SeriesAxis is what a series is plotted against: virtual time (the timeline) or the tick (the compare
// view, where two runs at the same tick share the x-axis).
enum class SeriesAxis : std::uint8_t { virtualTime, tick };

// plotSeries draws one curve of samples (a member pointer picks the value) clipped to st.plot, whose
// [ns0, ns1] range is in the axis' unit.
void plotSeries(ImDrawList* dl, const std::vector<SeriesSample>& samples, std::uint64_t SeriesSample::*field,
                const TimelineState& st, double yMax, ImU32 c, float thick,
                SeriesAxis axis = SeriesAxis::virtualTime);
// BandInterval is one GC phase of a cycle in virtual time [ns0, ns1) with its band colour.
struct BandInterval {
    double ns0 = 0, ns1 = 0;
    Rgba colour;
};
// cycleBandIntervals lists every cycle's sweep, mark and STW intervals (sweep first, so the others draw
// over it) and the current cycle's so far; a cycle whose sweeping has not finished sweeps until endNs.
std::vector<BandInterval> cycleBandIntervals(const Session& s, const Palette& pal, double endNs);
// drawCycleBands draws each GC cycle's phases (STW, mark, sweep) over the full height of st.plot; endNs
// ends the sweeping of the last cycle while it is still sweeping.
void drawCycleBands(ImDrawList* dl, const Session& s, const TimelineState& st, const Palette& pal,
                    SeriesAxis axis, double endNs);
// legendLine draws a colour swatch and a label with a tooltip, and stays on the line.
void legendLine(Rgba c, const char* label, const char* tip);

// TimelineKey is a keyboard command on the timeline's visible range.
enum class TimelineKey : std::uint8_t {
    zoomIn,     // + : half the range, about the playhead
    zoomOut,    // - : twice the range, about the playhead
    panBack,    // [ : a quarter of the range earlier
    panForward, // ] : a quarter of the range later
    wholeRun,   // 0 or Home: everything explored so far (as double-click and "Whole run")
};

class TimelineView {
  public:
    // key queues a keyboard command; the next draw applies it.
    void key(TimelineKey k) { keys_.push_back(k); }
    // draw fills the current ImGui window; returns the tick to seek to when the user dragged the playhead.
    // compact (large fonts): the window has no title bar, the header row names it, and the legend is
    // folded behind its "Legend" check box until opened (open by default otherwise).
    std::optional<std::uint64_t> draw(const Session& s, const Palette& pal, bool compact = false);
    const TimelineState& state() const { return state_; }

  private:
    // drawPlot paints the canvas, the cycle bands and the curves into plotImage_ (only when what it
    // shows changed) and draws it as one opaque textured quad: one layer of fill instead of four.
    void drawPlot(const Session& s, const Palette& pal, double yMax, double endNs);
    // drawLegend draws the curves', bands' and (roomy: on a line of their own, else in a tooltip) the P
    // lanes' colour keys, and stays on the line.
    void drawLegend(const Session& s, const Palette& pal, bool roomy);

    bool compact_ = false;   // the layout legendOpen_'s default was set for
    bool legendOpen_ = true; // the legend is shown
    bool follow_ = true;     // show the whole explored run (until the user zooms or pans)
    double ns0_ = 0, ns1_ = 1;
    TimelineState state_;
    SeriesImage plotImage_, lanesImage_;
    GlTexture plotTex_, lanesTex_;
    std::vector<TimelineKey> keys_; // keyboard commands since the last draw
    std::vector<double> plotKey_;   // what plotImage_ shows: plot, time range, scale, tick, samples, palette
};

} // namespace gclab::render
