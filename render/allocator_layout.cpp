#include "render/allocator_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace gclab::render {

namespace {

constexpr double cellMargin = 2; // pixels between a cell and its row / column edges

Rect inset(double x0, double y0, double x1, double y1) {
    return Rect{x0 + cellMargin, y0 + cellMargin, x1 - cellMargin, y1 - cellMargin};
}

} // namespace

Rect AllocatorLayout::classCell(std::size_t row) const {
    const double y = rowsY0 + static_cast<double>(row) * rowH;
    return inset(classX0, y, classX1, y + rowH);
}

Rect AllocatorLayout::mcacheCell(std::size_t row, std::size_t p) const {
    const double y = rowsY0 + static_cast<double>(row) * rowH;
    return inset(mcacheX0[p], y, mcacheX1[p], y + rowH);
}

Rect AllocatorLayout::setCell(std::size_t row, CentralSet s) const {
    const double y = rowsY0 + static_cast<double>(row) * rowH;
    const auto i = static_cast<std::size_t>(s);
    return inset(setX0[i], y, setX1[i], y + rowH);
}

double AllocatorLayout::height(std::size_t rows) const {
    return rowsY0 + static_cast<double>(rows) * rowH + 1.5 * lineH - in.y0;
}

AllocatorLayout layoutAllocator(const AllocatorLayoutInput& in) {
    AllocatorLayout l;
    l.in = in;
    const double f = in.fontPx;
    l.lineH = std::round(f * 1.35);
    const double pad = std::round(f * 0.5);
    const double x0 = std::floor(in.x0), x1 = std::floor(in.x0 + in.width);
    double y = std::floor(in.y0);

    l.pathText = Rect{x0, y, x1, y + std::round(std::max(in.pathLines, 1) * f + 0.7 * f)};
    y = l.pathText.y1 + pad;

    // Six boxes with an arrow into each but the first: a title line and a Go symbol line each. A box needs
    // about 11.5 font sizes for the longest symbol (mcentral.cacheSpan); when six in a row are narrower,
    // the path continues in a second (or third) row, which starts with the arrow into its first box.
    const double arrowW = std::round(f * 1.4);
    const double boxH = std::round(2 * l.lineH + f * 0.6);
    int perRow = numAllocStages;
    auto boxWidth = [&](int n) {
        const int arrows = n == numAllocStages ? n - 1 : n;
        return std::floor((x1 - x0 - arrows * arrowW) / n);
    };
    if (boxWidth(perRow) < 11.5 * f)
        perRow = 3;
    if (boxWidth(perRow) < 11.5 * f)
        perRow = 2;
    const double boxW = boxWidth(perRow);
    for (int i = 0; i < numAllocStages; i++) {
        const int row = i / perRow, col = i % perRow;
        const double lead = row > 0 ? arrowW : 0;
        const double bx = x0 + lead + col * (boxW + arrowW), by = y + row * (boxH + pad);
        l.stage[static_cast<std::size_t>(i)] = Rect{bx, by, bx + boxW, by + boxH};
        if (i > 0)
            l.arrowInto[static_cast<std::size_t>(i)] = Rect{bx - arrowW, by, bx, by + boxH};
    }
    y = l.stage.back().y1 + pad;

    // One line per P: its label, the 16 bytes of the tiny block, then what they hold.
    const double labelW = std::round(f * 7);
    const double byteW = std::round(f * 0.6), byteStep = byteW + 2;
    const double byteH = std::round(l.lineH * 0.8);
    for (std::size_t p = 0; p < in.numPs; p++) {
        const double ry = y + static_cast<double>(p) * std::round(l.lineH * 1.15);
        l.tinyLabel.push_back(Rect{x0, ry, x0 + labelW, ry + l.lineH});
        std::array<Rect, 16> bytes{};
        const double by = ry + std::floor((l.lineH - byteH) / 2);
        for (std::size_t b = 0; b < bytes.size(); b++) {
            const double bx = x0 + labelW + static_cast<double>(b) * byteStep;
            bytes[b] = Rect{bx, by, bx + byteW, by + byteH};
        }
        l.tinyByte.push_back(bytes);
        l.tinyText.push_back(Rect{bytes.back().x1 + pad, ry, x1, ry + l.lineH});
    }
    y += static_cast<double>(in.numPs) * std::round(l.lineH * 1.15) + pad;

    // The table: the class column, one mcache column per P, the four sets (each 1.5 times as wide).
    l.headerY0 = y;
    l.headerY1 = y + 2 * l.lineH;
    l.rowsY0 = l.headerY1 + cellMargin;
    l.rowH = std::round(l.lineH * 1.15);
    l.classX0 = x0;
    l.classX1 = x0 + std::round(f * 7.5);
    const double unit = (x1 - l.classX1) / (static_cast<double>(in.numPs) + 1.5 * numCentralSets);
    for (std::size_t p = 0; p < in.numPs; p++) {
        l.mcacheX0.push_back(std::floor(l.classX1 + static_cast<double>(p) * unit));
        l.mcacheX1.push_back(std::floor(l.classX1 + static_cast<double>(p + 1) * unit));
    }
    const double setsX = l.classX1 + static_cast<double>(in.numPs) * unit;
    for (std::size_t s = 0; s < numCentralSets; s++) {
        l.setX0[s] = std::floor(setsX + static_cast<double>(s) * 1.5 * unit);
        l.setX1[s] = std::floor(setsX + static_cast<double>(s + 1) * 1.5 * unit);
    }
    return l;
}

std::string formatAllocatorLayoutInput(const AllocatorLayoutInput& in) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "allocator %.17g %.17g %.17g %.17g %zu %d\n", in.x0, in.y0, in.width,
                  in.fontPx, in.numPs, in.pathLines);
    return buf;
}

bool parseAllocatorLayoutInput(const std::string& text, AllocatorLayoutInput& out, std::string& err) {
    std::istringstream in(text);
    std::string key;
    if (!(in >> key) || key != "allocator") {
        err = "expected 'allocator X0 Y0 WIDTH FONTPX NUMPS PATHLINES'";
        return false;
    }
    AllocatorLayoutInput v;
    if (!(in >> v.x0 >> v.y0 >> v.width >> v.fontPx >> v.numPs >> v.pathLines) || v.width <= 0 ||
        v.fontPx <= 0 || v.numPs == 0 || v.pathLines < 1) {
        err = "malformed values after 'allocator'";
        return false;
    }
    out = v;
    return true;
}

} // namespace gclab::render
