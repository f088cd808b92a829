// gclab-gui — where the allocator view draws each element: pure geometry from the view's origin, width,
// font size and number of Ps, so that the headless checker can find every cell in a screenshot.
//
// From top to bottom: a line describing the latest allocation; the six stages of the allocation path
// as boxes left to right (tiny block → mcache → mcentral → mheap → page allocator → arena growth), in
// one row, or in two or three rows when the boxes would be too narrow for their Go symbols; one
// row per P with its 16-byte tiny block, byte by byte; then a table with one row per span class in use:
// the class, one mcache cell per P, and the mcentral's four span sets.
#pragma once

#include "sim/allocpath.h"

#include "render/allocator_state.h"
#include "render/heap_layout.h"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace gclab::render {

// AllocatorLayoutInput is what the view knows when it lays itself out (and what --dump-allocator writes).
struct AllocatorLayoutInput {
    double x0 = 0, y0 = 0; // the view's top-left content corner on screen (before any scrolling)
    double width = 800;
    double fontPx = 16;
    std::size_t numPs = 1;
    int pathLines = 2; // lines the sentence about the latest allocation wraps to at this width
    friend bool operator==(const AllocatorLayoutInput&, const AllocatorLayoutInput&) = default;
};

struct AllocatorLayout {
    AllocatorLayoutInput in;
    double lineH = 0;
    Rect pathText;                                // the sentence describing the latest allocation
    std::array<Rect, numAllocStages> stage{};     // the path's stage boxes, in AllocStage order
    std::array<Rect, numAllocStages> arrowInto{}; // the arrow space left of each box (empty for the first)
    std::vector<Rect> tinyLabel;                  // per P
    std::vector<std::array<Rect, 16>> tinyByte;   // per P: one cell per byte of the tiny block
    std::vector<Rect> tinyText;                   // per P: the text after the bytes
    double headerY0 = 0, headerY1 = 0;            // the table's column titles
    double rowsY0 = 0;                            // the first span class row
    double rowH = 0;
    double classX0 = 0, classX1 = 0;
    std::vector<double> mcacheX0, mcacheX1;              // per P
    std::array<double, numCentralSets> setX0{}, setX1{}; // per mcentral set

    // A cell keeps a small margin inside its row and column.
    Rect classCell(std::size_t row) const;
    Rect mcacheCell(std::size_t row, std::size_t p) const;
    Rect setCell(std::size_t row, CentralSet s) const;
    // height is the view's total height with rows span class rows and the closing line.
    double height(std::size_t rows) const;
};

AllocatorLayout layoutAllocator(const AllocatorLayoutInput& in);

// The --dump-allocator text: "allocator X0 Y0 WIDTH FONTPX NUMPS PATHLINES".
std::string formatAllocatorLayoutInput(const AllocatorLayoutInput& in);
bool parseAllocatorLayoutInput(const std::string& text, AllocatorLayoutInput& out, std::string& err);

} // namespace gclab::render
