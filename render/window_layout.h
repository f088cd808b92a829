// gclab-gui — the fixed arrangement of the ImGui windows: a control bar across the top; the heap map
// over the timeline on the left; on the right the side panel (narration, collector, statistics).
// Windows never overlap and together fill the display. Pure C++ (unit-tested); the sizes follow the
// font size so that "Large fonts" keeps everything in view.
#pragma once

#include "render/heap_layout.h"

#include <cstdint>

namespace gclab::render {

// ViewSelection: every view, or one of them filling the window (headless screenshots). collector,
// stats, graph, allocator and compare are tabs of the side panel.
enum class ViewSelection : std::uint8_t { all, heap, timeline, collector, stats, graph, allocator, compare };

struct WindowLayout {
    Rect controls;
    Rect heapMap;  // empty (zero size) when not shown
    Rect timeline; // empty when not shown
    Rect side;     // empty when not shown
    bool showHeap = true;
    bool showTimeline = true;
    bool showSide = true;
};

// controlBarHeight is the height of a control bar of `rows` rows (three, more when it wraps on a narrow
// window) for a font of fontPx pixels.
double controlBarHeight(double fontPx, int rows = 3);

WindowLayout computeWindowLayout(double width, double height, double fontPx, ViewSelection view,
                                 int controlRows = 3);

const char* viewSelectionName(ViewSelection v);

} // namespace gclab::render
