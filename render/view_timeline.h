// gclab-gui — the timeline: heapLive, the heap goal and HeapInuse over virtual time, each GC cycle as
// a band (STW sweep termination, concurrent mark, STW mark termination, then sweeping until the next
// cycle; from GCCycleStats in sim/mgc.h), and the playhead at the current tick.
//
// Mouse: dragging the playhead (or clicking anywhere in the plot) seeks; the wheel zooms about the
// cursor; dragging with the right or middle button pans; double-click shows the whole run.
#pragma once

#include "render/palette.h"
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
    bool follow_ = true; // show the whole explored run (until the user zooms or pans)
    double ns0_ = 0, ns1_ = 1;
    TimelineState state_;
};

} // namespace gclab::render
