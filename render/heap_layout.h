// gclab-gui — where every heap page is drawn: pure geometry, no GL, no ImGui.
//
// The heap map lays the reserved address space out in reading order. One cell is one 8 KiB runtime
// page; a row holds HeapGeometry::pagesPerRow pages (64 by default: 512 KiB, one 64-bit word of the
// page allocator's bitmaps); a 4 MiB page-allocator chunk
// (pallocChunkPages = 512 pages) is a block of rows, and a 64 MiB arena a block of chunks. Chunks and
// arenas are separated by gaps so their boundaries are visible. "World" coordinates measure in cells;
// ViewTransform maps them to screen pixels (zoom = pixels per cell, pan = the screen position of the
// world origin). The view, the headless checker and the tests all place pages with these functions.
#pragma once

#include "sim/mheap.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gclab::render {

struct Rect {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    bool contains(double x, double y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
    bool intersects(const Rect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    friend bool operator==(const Rect&, const Rect&) = default;
};

// HeapGeometry places pages in world units (1 unit = one page cell).
struct HeapGeometry {
    std::uint32_t pagesPerRow = 64; // must divide pallocChunkPages
    double chunkGap = 0.5;          // space between 4 MiB chunks, in cells
    double arenaGap = 2.0;          // space between 64 MiB arenas, in cells

    std::uint64_t rowsPerChunk() const { return pallocChunkPages / pagesPerRow; }
    std::uint64_t chunksPerArena() const { return pagesPerArena / pallocChunkPages; }
    std::uint64_t rowsPerArena() const { return pagesPerArena / pagesPerRow; }
    double chunkHeight() const { return static_cast<double>(rowsPerChunk()); }
    double arenaHeight() const {
        return static_cast<double>(rowsPerArena()) + static_cast<double>(chunksPerArena() - 1) * chunkGap;
    }

    // rowY is the world y of the top of row r (rows count from the arena hint, 0xc000000000).
    double rowY(std::uint64_t row) const;
    // rowAt returns the row whose cells cover world y, or nothing when y falls in a gap or above 0.
    std::optional<std::uint64_t> rowAt(double wy) const;
    // pageWorld is page p's cell in world units.
    Rect pageWorld(std::uint64_t page) const;
    // heightOfRows is the world height of rows [0, rows).
    double heightOfRows(std::uint64_t rows) const;
};

// ViewTransform maps world units to screen pixels: screen = origin + world * cellPx.
struct ViewTransform {
    double originX = 0;
    double originY = 0;
    double cellPx = 8; // pixels per page cell (the zoom)

    double toScreenX(double wx) const { return originX + wx * cellPx; }
    double toScreenY(double wy) const { return originY + wy * cellPx; }
    double toWorldX(double sx) const { return (sx - originX) / cellPx; }
    double toWorldY(double sy) const { return (sy - originY) / cellPx; }
};

inline constexpr double minCellPx = 0.05;
inline constexpr double maxCellPx = 1024;

// pageRect is page p's cell on screen.
Rect pageRect(std::uint64_t page, const HeapGeometry& g, const ViewTransform& t);
// pageAt is the page under screen point (sx, sy): nothing in a gap, left of row 0 or past numPages.
std::optional<std::uint64_t> pageAt(double sx, double sy, std::uint64_t numPages, const HeapGeometry& g,
                                    const ViewTransform& t);

// RowRange is a half-open range of rows.
struct RowRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0; // exclusive
    bool empty() const { return first >= last; }
};
// visibleRows lists the rows (below totalRows) that intersect the screen rectangle view.
RowRange visibleRows(const Rect& view, std::uint64_t totalRows, const HeapGeometry& g,
                     const ViewTransform& t);

// fitTransform chooses the zoom that shows rows [0, rows) whole inside view (with a margin in pixels),
// anchored at the top-left; the origin is rounded to whole pixels.
ViewTransform fitTransform(const Rect& view, std::uint64_t rows, const HeapGeometry& g, double marginPx = 8);
// fitRows is how many rows "Fit" shows: the mapped heap plus one chunk of reserved space below it (so
// the next growth is in view), at least one chunk, at most every reserved row.
std::uint64_t fitRows(std::uint64_t mappedPages, std::uint64_t numPages, const HeapGeometry& g);
// cellTransform keeps the top-left anchor of fitTransform but uses exactly cellPx pixels per page.
ViewTransform cellTransform(const Rect& view, double cellPx, double marginPx = 8);
// focusTransform centres page p's cell in view at cellPx pixels per page (origin rounded to pixels).
ViewTransform focusTransform(const Rect& view, std::uint64_t page, double cellPx, const HeapGeometry& g);
// zoomAbout changes the zoom to cellPx (clamped to [minCellPx, maxCellPx]) keeping the world point under
// screen point (sx, sy) fixed.
ViewTransform zoomAbout(const ViewTransform& t, double sx, double sy, double cellPx);

// pageIndex / pageAddr convert between addresses and page numbers counted from the arena hint.
constexpr std::uint64_t pageIndex(uintptr addr) { return (addr - arenaBaseHint) / pageSize; }
constexpr uintptr pageAddr(std::uint64_t page) { return arenaBaseHint + page * pageSize; }

// The slot-detail level draws a page as a grid of its 1024 words (8 bytes each), 32 per row, in
// address order, so an object of n bytes covers n/8 consecutive words.
inline constexpr std::uint32_t wordBytes = 8;
inline constexpr std::uint32_t wordsPerPage = static_cast<std::uint32_t>(pageSize / wordBytes);
inline constexpr std::uint32_t wordsPerGridRow = 32;
// wordRect is word w (0 <= w < 1024) of the page drawn in pageCell.
Rect wordRect(const Rect& pageCell, std::uint32_t word);
// wordAt is the word under screen point (sx, sy) inside pageCell, or nothing outside it.
std::optional<std::uint32_t> wordAt(const Rect& pageCell, double sx, double sy);

// HeapViewState is what a rendered heap map frame used to place pages; gclab-gui --dump-layout writes
// it so that a test can compute where each page must appear in the screenshot.
struct HeapViewState {
    Rect pageView; // the screen rectangle the page cells are clipped to
    HeapGeometry geometry;
    ViewTransform transform;
};
std::string formatHeapViewState(const HeapViewState& s);
// parseHeapViewState reads formatHeapViewState's output; false (with a message in err) on bad input.
bool parseHeapViewState(const std::string& text, HeapViewState& out, std::string& err);

} // namespace gclab::render
