// gclab-gui — the fixed arrangement of the ImGui windows: a control bar across the top, the heap map
// filling the left, the statistics on the right. Windows never overlap and together fill the display.
// Pure C++ (unit-tested); the sizes follow the font size so that "Large fonts" keeps everything in view.
#pragma once

#include "render/heap_layout.h"

#include <cstdint>

namespace gclab::render {

enum class ViewSelection : std::uint8_t { all, heap, stats };

struct WindowLayout {
    Rect controls;
    Rect heapMap; // empty (zero size) when not shown
    Rect stats;   // empty (zero size) when not shown
    bool showHeap = true;
    bool showStats = true;
};

// controlBarHeight is the height of the two-row control bar for a font of fontPx pixels.
double controlBarHeight(double fontPx);

WindowLayout computeWindowLayout(double width, double height, double fontPx, ViewSelection view);

const char* viewSelectionName(ViewSelection v);

} // namespace gclab::render
