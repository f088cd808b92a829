// gclab-gui — the heap map: arenas → 4 MiB chunks → 8 KiB pages, down to the slots of one span.
//
// Levels of detail, chosen by the zoom (pixels per page cell):
//   any zoom     the page grid, one texel per page in a texture (mipmapped, so cells under a pixel fold
//                into an average instead of being dropped);
//   >= 5 px      span boundaries (a canvas-coloured line where a span or free run starts);
//   >= 48 px     the size of each span's objects written in its first page;
//   >= 64 px     slot detail: every page as 32 × 32 words, each word coloured by the slot it belongs to
//                (allocated / free, alternating shades per slot; tail waste), the freeindex marker, the
//                64-slot allocCache window of cached spans and each P's tiny block.
// The latest write barriers (render/barrier_shades.h) are outlined objects with the slot's word filled
// at slot detail, a frame around the object's page below it (a square on it under 6 px per page).
// Mouse: wheel zooms about the cursor, dragging pans, hovering shows what is under the cursor; at
// slot-detail zoom a click selects the object under the cursor (outlined), a click elsewhere clears it.
#pragma once

#include "render/barrier_shades.h"
#include "render/gl_texture.h"
#include "render/heap_layout.h"
#include "render/heap_snapshot.h"
#include "render/palette.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace gclab::render {

class HeapMapView {
  public:
    static constexpr double boundaryMinCellPx = 5;
    static constexpr double labelMinCellPx = 48;
    static constexpr double detailMinCellPx = 64;
    static constexpr double shadeFrameMinCellPx = 6; // write barriers: a frame around the page from here

    // Zoom requests, applied on the next draw once the canvas size is known.
    void requestFit(); // fit all reserved arenas, and keep fitting as the heap grows
    void requestCell(double cellPx);
    void requestFocus(uintptr addr, double cellPx);

    // draw fills the current ImGui window: toolbar, legend (unless folded by its "Legend" check box),
    // canvas. version identifies the model state snap was taken from (textures are rebuilt only when it
    // or the colours change). compact (large fonts): the colouring is a combo box instead of radio
    // buttons and the legend starts folded, so that the canvas keeps most of the window.
    void draw(const Runtime& rt, const HeapSnapshot& snap, std::uint64_t version, const Palette& pal,
              ColourBy& colourBy, bool compact = false);

    // The selected object (its base address), if any.
    const std::optional<uintptr>& selected() const { return selected_; }
    void select(std::optional<uintptr> addr) { selected_ = addr; }

    // state is where the last frame drew the pages (for --dump-layout and tests).
    const HeapViewState& state() const { return state_; }
    // colourByRow is where the last frame drew the "Colour spans by" label and radio buttons (over one
    // or more lines); toolbarRight the right edge of the window's content there (tests: the row fits).
    const Rect& colourByRow() const { return colourByRow_; }
    float toolbarRight() const { return toolbarRight_; }

  private:
    enum class Pending : std::uint8_t { none, fit, cell, focus };

    void drawToolbar(ColourBy& colourBy, bool compact);
    void drawLegend(const Palette& pal, ColourBy colourBy, GoVersion version);
    void drawCanvas(const Runtime& rt, const HeapSnapshot& snap, std::uint64_t version, const Palette& pal,
                    ColourBy colourBy);
    void applyPending(const Rect& view, const HeapSnapshot& snap);
    void handleInput(const Rect& view);
    void updatePageTexture(const HeapSnapshot& snap, std::uint64_t version, const Palette& pal, ColourBy by);
    void drawPages(const Rect& view);
    void drawBoundaries(const Rect& view, const HeapSnapshot& snap, const Palette& pal, RowRange rows);
    void drawSpanLabels(const Runtime& rt, const Rect& view, const HeapSnapshot& snap, RowRange rows);
    void drawSlotDetail(const Runtime& rt, const Rect& view, const HeapSnapshot& snap, std::uint64_t version,
                        const Palette& pal, ColourBy by, RowRange rows, const std::vector<ShadeMark>& marks);
    void drawShadeMarkers(const Rect& view, const std::vector<ShadeMark>& marks, const Palette& pal);
    // drawQueuedSpans frames the pages of the spans in Green Tea's span queues (Go 1.26).
    void drawQueuedSpans(const Runtime& rt, const Rect& view, const Palette& pal);
    void drawAddressLabels(const Rect& gutter, const HeapSnapshot& snap, RowRange rows);
    void drawHover(const Runtime& rt, const Rect& view, const HeapSnapshot& snap,
                   const std::vector<ShadeMark>& marks, const Palette& pal);
    void handleClick(const Runtime& rt, const HeapSnapshot& snap, const Rect& view);

    HeapGeometry geom_;
    ViewTransform xf_;
    bool autoFit_ = true;
    bool compact_ = false;   // the layout legendOpen_'s default was set for
    bool legendOpen_ = true; // the legend is shown
    Pending pending_ = Pending::fit;
    double pendingCell_ = 8;
    uintptr pendingFocus_ = 0;
    HeapViewState state_;
    Rect colourByRow_;
    float toolbarRight_ = 0;
    std::optional<uintptr> selected_;

    GlTexture pageTex_;
    std::uint64_t pageTexKey_[3] = {0, 0, 0}; // version, palette, colourBy of the uploaded texture
    std::vector<std::uint32_t> pixels_;

    GlTexture detailTex_;
    std::vector<std::uint64_t> detailPages_; // the pages in detailTex_, one 32 × 32 block each
    std::uint64_t detailKey_[5] = {0, 0, 0, 0, 0};
};

} // namespace gclab::render
