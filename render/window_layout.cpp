#include "render/window_layout.h"

#include <algorithm>
#include <cmath>

namespace gclab::render {

double controlBarHeight(double fontPx, int rows) {
    // The rows of widgets (frame height = font + 2 × 4 px padding, scaled with the font), the spacing
    // between them and the window padding.
    double scale = fontPx / 16.0;
    double frame = fontPx + 8 * scale;
    rows = std::max(rows, 1);
    return std::round(rows * frame + (rows - 1) * 6 * scale + 2 * 8 * scale);
}

WindowLayout computeWindowLayout(double width, double height, double fontPx, ViewSelection view,
                                 int controlRows) {
    WindowLayout l;
    double top = std::min(controlBarHeight(fontPx, controlRows), height);
    l.controls = Rect{0, 0, width, top};
    const Rect body{0, top, width, height};
    const Rect none{0, top, 0, top};
    l.heapMap = l.timeline = l.side = none;
    l.showHeap = view == ViewSelection::all || view == ViewSelection::heap;
    l.showTimeline = view == ViewSelection::all || view == ViewSelection::timeline;
    l.showSide = !l.showHeap && !l.showTimeline ? true : view == ViewSelection::all;
    if (view != ViewSelection::all) {
        (l.showHeap ? l.heapMap : l.showTimeline ? l.timeline : l.side) = body;
        return l;
    }
    // The side panel needs about 30 characters of labels and values; never more than 45 % of the width.
    double sideW = std::round(std::clamp(fontPx * 30.0, width * 0.25, width * 0.45));
    // The timeline gets about 12 text lines, at most 40 % of the body.
    double timelineH = std::round(std::min(fontPx * 14.0, (height - top) * 0.4));
    l.heapMap = Rect{0, top, width - sideW, height - timelineH};
    l.timeline = Rect{0, height - timelineH, width - sideW, height};
    l.side = Rect{width - sideW, top, width, height};
    return l;
}

const char* viewSelectionName(ViewSelection v) {
    switch (v) {
    case ViewSelection::all:
        return "all";
    case ViewSelection::heap:
        return "heap";
    case ViewSelection::timeline:
        return "timeline";
    case ViewSelection::collector:
        return "collector";
    case ViewSelection::stats:
        return "stats";
    case ViewSelection::graph:
        return "graph";
    case ViewSelection::compare:
        return "compare";
    case ViewSelection::allocator:
        return "allocator";
    }
    return "?";
}

} // namespace gclab::render
