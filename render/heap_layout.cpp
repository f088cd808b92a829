#include "render/heap_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace gclab::render {

double HeapGeometry::rowY(std::uint64_t row) const {
    std::uint64_t arena = row / rowsPerArena();
    std::uint64_t inArena = row % rowsPerArena();
    std::uint64_t chunk = inArena / rowsPerChunk();
    std::uint64_t inChunk = inArena % rowsPerChunk();
    return static_cast<double>(arena) * (arenaHeight() + arenaGap) +
           static_cast<double>(chunk) * (chunkHeight() + chunkGap) + static_cast<double>(inChunk);
}

std::optional<std::uint64_t> HeapGeometry::rowAt(double wy) const {
    if (!(wy >= 0))
        return std::nullopt;
    double arenaStride = arenaHeight() + arenaGap;
    double arena = std::floor(wy / arenaStride);
    double y = wy - arena * arenaStride;
    if (y >= arenaHeight())
        return std::nullopt;
    double chunkStride = chunkHeight() + chunkGap;
    double chunk = std::floor(y / chunkStride);
    double yc = y - chunk * chunkStride;
    if (yc >= chunkHeight())
        return std::nullopt;
    auto row = static_cast<std::uint64_t>(arena) * rowsPerArena() +
               static_cast<std::uint64_t>(chunk) * rowsPerChunk() + static_cast<std::uint64_t>(yc);
    return row;
}

Rect HeapGeometry::pageWorld(std::uint64_t page) const {
    double col = static_cast<double>(page % pagesPerRow);
    double y = rowY(page / pagesPerRow);
    return Rect{col, y, col + 1, y + 1};
}

double HeapGeometry::heightOfRows(std::uint64_t rows) const { return rows == 0 ? 0 : rowY(rows - 1) + 1; }

Rect pageRect(std::uint64_t page, const HeapGeometry& g, const ViewTransform& t) {
    Rect w = g.pageWorld(page);
    return Rect{t.toScreenX(w.x0), t.toScreenY(w.y0), t.toScreenX(w.x1), t.toScreenY(w.y1)};
}

std::optional<std::uint64_t> pageAt(double sx, double sy, std::uint64_t numPages, const HeapGeometry& g,
                                    const ViewTransform& t) {
    double wx = t.toWorldX(sx);
    if (!(wx >= 0) || wx >= g.pagesPerRow)
        return std::nullopt;
    std::optional<std::uint64_t> row = g.rowAt(t.toWorldY(sy));
    if (!row)
        return std::nullopt;
    std::uint64_t page = *row * g.pagesPerRow + static_cast<std::uint64_t>(wx);
    if (page >= numPages)
        return std::nullopt;
    return page;
}

RowRange visibleRows(const Rect& view, std::uint64_t totalRows, const HeapGeometry& g,
                     const ViewTransform& t) {
    double wx0 = t.toWorldX(view.x0), wx1 = t.toWorldX(view.x1);
    if (totalRows == 0 || wx1 <= 0 || wx0 >= g.pagesPerRow)
        return {};
    double wy0 = t.toWorldY(view.y0), wy1 = t.toWorldY(view.y1);
    // rowY is increasing, so both ends are binary searches over the row numbers.
    std::uint64_t lo = 0, hi = totalRows; // first row whose bottom edge lies below wy0
    while (lo < hi) {
        std::uint64_t mid = lo + (hi - lo) / 2;
        if (g.rowY(mid) + 1 <= wy0)
            lo = mid + 1;
        else
            hi = mid;
    }
    std::uint64_t first = lo;
    hi = totalRows; // first row whose top edge lies at or below wy1
    while (lo < hi) {
        std::uint64_t mid = lo + (hi - lo) / 2;
        if (g.rowY(mid) < wy1)
            lo = mid + 1;
        else
            hi = mid;
    }
    return RowRange{first, lo};
}

namespace {
double clampCell(double c) { return std::clamp(c, minCellPx, maxCellPx); }
} // namespace

ViewTransform fitTransform(const Rect& view, std::uint64_t rows, const HeapGeometry& g, double marginPx) {
    double availW = std::max(1.0, view.width() - 2 * marginPx);
    double availH = std::max(1.0, view.height() - 2 * marginPx);
    double cell = availW / g.pagesPerRow;
    double h = g.heightOfRows(std::max<std::uint64_t>(rows, 1));
    cell = std::min(cell, availH / h);
    if (cell >= 2)
        cell = std::floor(cell); // whole pixels per cell keep the grid crisp
    return cellTransform(view, clampCell(cell), marginPx);
}

std::uint64_t fitRows(std::uint64_t mappedPages, std::uint64_t numPages, const HeapGeometry& g) {
    std::uint64_t total = numPages / g.pagesPerRow;
    std::uint64_t mapped = divRoundUp(mappedPages, g.pagesPerRow);
    return std::min(total, std::max(mapped + g.rowsPerChunk(), g.rowsPerChunk()));
}

ViewTransform cellTransform(const Rect& view, double cellPx, double marginPx) {
    return ViewTransform{std::round(view.x0 + marginPx), std::round(view.y0 + marginPx), clampCell(cellPx)};
}

ViewTransform focusTransform(const Rect& view, std::uint64_t page, double cellPx, const HeapGeometry& g) {
    Rect w = g.pageWorld(page);
    double cell = clampCell(cellPx);
    double cx = (view.x0 + view.x1) / 2, cy = (view.y0 + view.y1) / 2;
    return ViewTransform{std::round(cx - (w.x0 + 0.5) * cell), std::round(cy - (w.y0 + 0.5) * cell), cell};
}

ViewTransform zoomAbout(const ViewTransform& t, double sx, double sy, double cellPx) {
    double cell = clampCell(cellPx);
    double wx = t.toWorldX(sx), wy = t.toWorldY(sy);
    return ViewTransform{sx - wx * cell, sy - wy * cell, cell};
}

Rect wordRect(const Rect& pageCell, std::uint32_t word) {
    double w = pageCell.width() / wordsPerGridRow;
    double h = pageCell.height() / (wordsPerPage / wordsPerGridRow);
    double x = pageCell.x0 + (word % wordsPerGridRow) * w;
    double y = pageCell.y0 + (word / wordsPerGridRow) * h;
    return Rect{x, y, x + w, y + h};
}

std::optional<std::uint32_t> wordAt(const Rect& pageCell, double sx, double sy) {
    if (!pageCell.contains(sx, sy))
        return std::nullopt;
    auto col = static_cast<std::uint32_t>((sx - pageCell.x0) / pageCell.width() * wordsPerGridRow);
    auto row =
        static_cast<std::uint32_t>((sy - pageCell.y0) / pageCell.height() * (wordsPerPage / wordsPerGridRow));
    col = std::min(col, wordsPerGridRow - 1);
    row = std::min(row, wordsPerPage / wordsPerGridRow - 1);
    return row * wordsPerGridRow + col;
}

std::string formatHeapViewState(const HeapViewState& s) {
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "pageView %.17g %.17g %.17g %.17g\n"
                  "geometry %u %.17g %.17g\n"
                  "transform %.17g %.17g %.17g\n",
                  s.pageView.x0, s.pageView.y0, s.pageView.x1, s.pageView.y1, s.geometry.pagesPerRow,
                  s.geometry.chunkGap, s.geometry.arenaGap, s.transform.originX, s.transform.originY,
                  s.transform.cellPx);
    return buf;
}

bool parseHeapViewState(const std::string& text, HeapViewState& out, std::string& err) {
    std::istringstream in(text);
    std::string key;
    bool haveView = false, haveGeometry = false, haveTransform = false;
    while (in >> key) {
        if (key == "pageView") {
            haveView = static_cast<bool>(in >> out.pageView.x0 >> out.pageView.y0 >> out.pageView.x1 >>
                                         out.pageView.y1);
        } else if (key == "geometry") {
            haveGeometry = static_cast<bool>(in >> out.geometry.pagesPerRow >> out.geometry.chunkGap >>
                                             out.geometry.arenaGap);
        } else if (key == "transform") {
            haveTransform = static_cast<bool>(in >> out.transform.originX >> out.transform.originY >>
                                              out.transform.cellPx);
        } else {
            err = "unknown key '" + key + "'";
            return false;
        }
        if (!in) {
            err = "malformed value after '" + key + "'";
            return false;
        }
    }
    if (!haveView || !haveGeometry || !haveTransform) {
        err = "missing pageView, geometry or transform";
        return false;
    }
    if (out.geometry.pagesPerRow == 0 || pallocChunkPages % out.geometry.pagesPerRow != 0 ||
        !(out.transform.cellPx > 0)) {
        err = "invalid geometry or zoom";
        return false;
    }
    return true;
}

} // namespace gclab::render
