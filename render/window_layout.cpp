#include "render/window_layout.h"

#include <algorithm>
#include <cmath>

namespace gclab::render {

double controlBarHeight(double fontPx) {
    // Two rows of widgets (frame height = font + 2 × 4 px padding, scaled with the font), the spacing
    // between them and the window padding.
    double scale = fontPx / 16.0;
    double frame = fontPx + 8 * scale;
    return std::round(2 * frame + 6 * scale + 2 * 8 * scale);
}

WindowLayout computeWindowLayout(double width, double height, double fontPx, ViewSelection view) {
    WindowLayout l;
    double top = std::min(controlBarHeight(fontPx), height);
    l.controls = Rect{0, 0, width, top};
    l.showHeap = view != ViewSelection::stats;
    l.showStats = view != ViewSelection::heap;
    Rect body{0, top, width, height};
    if (l.showHeap && l.showStats) {
        // The statistics need about 26 characters of labels and values; never more than 45 % of the width.
        double statsW = std::round(std::clamp(fontPx * 26.0, width * 0.25, width * 0.45));
        l.heapMap = Rect{0, top, width - statsW, height};
        l.stats = Rect{width - statsW, top, width, height};
    } else if (l.showHeap) {
        l.heapMap = body;
        l.stats = Rect{width, top, width, top};
    } else {
        l.stats = body;
        l.heapMap = Rect{0, top, 0, top};
    }
    return l;
}

const char* viewSelectionName(ViewSelection v) {
    switch (v) {
    case ViewSelection::all:
        return "all";
    case ViewSelection::heap:
        return "heap";
    case ViewSelection::stats:
        return "stats";
    }
    return "?";
}

} // namespace gclab::render
