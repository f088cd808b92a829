// gclab-gui — the timeline: heapLive, the heap goal and HeapInuse over virtual time, each GC cycle as
// a band (STW sweep termination, concurrent mark, STW mark termination, then sweeping until the next
// cycle; from GCCycleStats in sim/mgc.h), and the playhead at the current tick.
//
// Mouse: dragging the playhead (or clicking anywhere in the plot) seeks; the wheel zooms about the
// cursor; dragging with the right or middle button pans; double-click shows the whole run.
#pragma once

#include "render/gl_texture.h"
#include "render/palette.h"
#include "render/series_raster.h"
#include "render/session.h"
#include "render/timeline_layout.h"

#include <cstdint>
#include <optional>

namespace gclab::render {

class TimelineView {
  public:
    // draw fills the current ImGui window; returns the tick to seek to when the user dragged the playhead.
    std::optional<std::uint64_t> draw(const Session& s, const Palette& pal);
    const TimelineState& state() const { return state_; }

  private:
    // drawPlot paints the canvas, the cycle bands and the curves into plotImage_ (only when what it
    // shows changed) and draws it as one opaque textured quad: one layer of fill instead of four.
    void drawPlot(const Session& s, const Palette& pal, double yMax, double endNs);

    bool follow_ = true; // show the whole explored run (until the user zooms or pans)
    double ns0_ = 0, ns1_ = 1;
    TimelineState state_;
    SeriesImage plotImage_;
    GlTexture plotTex_;
    std::vector<double> plotKey_; // what plotImage_ shows: plot, time range, scale, tick, samples, palette
};

} // namespace gclab::render
