// Index of this file:
// [SECTION] helpers
// [SECTION] zoom requests and input
// [SECTION] toolbar and legend
// [SECTION] page grid (texture), span boundaries, labels
// [SECTION] slot detail
// [SECTION] hover
// [SECTION] draw
#include "render/view_heap_map.h"

#include "sim/spanlayout.h"
#include "sim/visit.h"

#include "render/flow_layout.h"
#include "render/heap_describe.h"
#include "render/imgui_tip.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace gclab::render {

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

namespace {

ImVec2 v2(double x, double y) { return ImVec2(static_cast<float>(x), static_cast<float>(y)); }

ImU32 col(Rgba c) { return c.abgr(); }

std::uint64_t totalRows(const HeapSnapshot& snap, const HeapGeometry& g) {
    return snap.numPages / g.pagesPerRow;
}

// A legend entry that wraps to a new line when it would not fit.
class LegendRow {
  public:
    LegendRow() : maxX_(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {}

    void place(float width) {
        if (!first_) {
            ImGui::SameLine(0, ImGui::GetFontSize() * 0.9f);
            if (ImGui::GetCursorScreenPos().x + width > maxX_)
                ImGui::NewLine();
        }
        first_ = false;
    }

    void swatch(Rgba c, const char* label, const char* tip, bool outline = false) {
        float h = ImGui::GetTextLineHeight();
        float w = h + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
        place(w);
        ImGui::BeginGroup();
        ImVec2 p = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (outline) {
            dl->AddRectFilled(p, ImVec2(p.x + h, p.y + h), col(palette(PaletteKind::standard).slotFree[0]));
            dl->AddRect(ImVec2(p.x + 1, p.y + 1), ImVec2(p.x + h - 1, p.y + h - 1), col(c), 0, 0, 2.5f);
        } else {
            dl->AddRectFilled(p, ImVec2(p.x + h, p.y + h), col(c));
            dl->AddRect(p, ImVec2(p.x + h, p.y + h), IM_COL32(255, 255, 255, 60));
        }
        ImGui::Dummy(ImVec2(h, h));
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::TextUnformatted(label);
        ImGui::EndGroup();
        if (tip != nullptr)
            render::tip(tip);
    }

  private:
    float maxX_;
    bool first_ = true;
};

// rowSegments calls f(firstPage, lastPageExclusive) for each row-sized piece of pages [first, last).
template <class F>
void rowSegments(std::uint64_t first, std::uint64_t last, std::uint32_t perRow, F f) {
    while (first < last) {
        std::uint64_t end = std::min(last, (first / perRow + 1) * perRow);
        f(first, end);
        first = end;
    }
}

// wordRangeOutline outlines words [a, b) of a page cell (1 <= b - a <= 1024) with one closed polyline.
void wordRangeOutline(ImDrawList* dl, const Rect& cell, std::uint32_t a, std::uint32_t b, ImU32 c,
                      float thick) {
    const std::uint32_t n = wordsPerGridRow;
    double ww = cell.width() / n, wh = cell.height() / (wordsPerPage / n);
    auto P = [&](double cx, double ry) { return v2(cell.x0 + cx * ww, cell.y0 + ry * wh); };
    std::uint32_t ra = a / n, ca = a % n, rb = (b - 1) / n, cb = (b - 1) % n + 1;
    if (ra == rb) {
        dl->AddRect(P(ca, ra), P(cb, ra + 1), c, 0, 0, thick);
        return;
    }
    // The outline of rows ra..rb, starting at column ca and ending before column cb. Points that repeat
    // (ca == 0 or cb == n) are dropped: a zero-length edge would make the thick line spike at its join.
    const double cand[8][2] = {{double(ca), double(ra)},     {double(n), double(ra)},
                               {double(n), double(rb)},      {double(cb), double(rb)},
                               {double(cb), double(rb + 1)}, {0.0, double(rb + 1)},
                               {0.0, double(ra + 1)},        {double(ca), double(ra + 1)}};
    ImVec2 pts[8];
    int k = 0;
    for (const auto& q : cand) {
        ImVec2 v = P(q[0], q[1]);
        if (k == 0 || v.x != pts[k - 1].x || v.y != pts[k - 1].y)
            pts[k++] = v;
    }
    while (k > 1 && pts[k - 1].x == pts[0].x && pts[k - 1].y == pts[0].y)
        k--;
    // Drop points in the middle of a straight edge.
    ImVec2 out[8];
    int m = 0;
    for (int i = 0; i < k; i++) {
        ImVec2 prev = pts[(i + k - 1) % k], cur = pts[i], next = pts[(i + 1) % k];
        bool straight = (prev.x == cur.x && cur.x == next.x) || (prev.y == cur.y && cur.y == next.y);
        if (!straight)
            out[m++] = cur;
    }
    dl->AddPolyline(out, m, c, ImDrawFlags_Closed, thick);
}

// drawFreeindexMarker marks the word where the slot at freeindex starts: a bar on its left edge and a
// labelled flag in the grid row above (the slot test skips that row).
void drawFreeindexMarker(ImDrawList* dl, const Rect& word, ImU32 c) {
    float bw = std::max(2.0f, static_cast<float>(word.width() / 4));
    dl->AddRectFilled(v2(word.x0, word.y0 - word.height()), v2(word.x0 + bw, word.y1), c);
    float fs = ImGui::GetFontSize() * 0.8f;
    const char* label = "freeindex";
    ImVec2 sz = ImGui::GetFont()->CalcTextSizeA(fs, 1e9f, 0, label);
    ImVec2 at = v2(word.x0 + bw, word.y0 - word.height() - sz.y + 2);
    dl->AddRectFilled(at, ImVec2(at.x + sz.x + 6, at.y + sz.y), c);
    dl->AddText(ImGui::GetFont(), fs, ImVec2(at.x + 3, at.y), IM_COL32(0, 0, 0, 255), label);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] zoom requests and input
//-----------------------------------------------------------------------------

void HeapMapView::requestFit() { pending_ = Pending::fit; }

void HeapMapView::requestCell(double cellPx) {
    pending_ = Pending::cell;
    pendingCell_ = cellPx;
}

void HeapMapView::requestFocus(uintptr addr, double cellPx) {
    pending_ = Pending::focus;
    pendingCell_ = cellPx;
    pendingFocus_ = addr;
}

void HeapMapView::applyPending(const Rect& view, const HeapSnapshot& snap) {
    switch (pending_) {
    case Pending::none:
        return;
    case Pending::fit:
        autoFit_ = true;
        break;
    case Pending::cell:
        autoFit_ = false;
        xf_ = cellTransform(view, pendingCell_);
        break;
    case Pending::focus:
        autoFit_ = false;
        if (pendingFocus_ >= arenaBaseHint && pageIndex(pendingFocus_) < snap.numPages)
            xf_ = focusTransform(view, pageIndex(pendingFocus_), pendingCell_, geom_);
        else
            xf_ = cellTransform(view, pendingCell_);
        break;
    }
    pending_ = Pending::none;
}

void HeapMapView::handleInput(const Rect& view) {
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
        double mx = std::clamp<double>(io.MousePos.x, view.x0, view.x1);
        xf_ = zoomAbout(xf_, mx, io.MousePos.y, xf_.cellPx * std::pow(1.25, io.MouseWheel));
        autoFit_ = false;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0)) {
        xf_.originX += io.MouseDelta.x;
        xf_.originY += io.MouseDelta.y;
        autoFit_ = false;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] toolbar and legend
//-----------------------------------------------------------------------------

void HeapMapView::drawToolbar(ColourBy& colourBy, bool compact) {
    // Each radio button and the zoom group move to a new line when they do not fit (800 px, large fonts).
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Colour spans by");
    if (compact && ImGui::IsItemHovered())
        ImGui::SetTooltip("Heap map: arenas \u2192 4 MiB chunks \u2192 8 KiB pages \u2192 slots");
    ImVec2 rowMin = ImGui::GetItemRectMin(), rowMax = ImGui::GetItemRectMax();
    auto extendRow = [&] {
        rowMax = ImVec2(std::max(rowMax.x, ImGui::GetItemRectMax().x),
                        std::max(rowMax.y, ImGui::GetItemRectMax().y));
    };
    struct Choice {
        const char* label;
        ColourBy value;
        const char* tip;
    };
    const Choice choices[] = {
        {"size class", ColourBy::sizeClass,
         "mspan.spanclass: Go's 67 size classes (sizeclasses.go), scan or noscan"},
        {"where the span is", ColourBy::role,
         "A P's mcache (mcache.alloc), an mcentral's partial or full set, or a large object"},
        {"marking", ColourBy::marking,
         "Spans by sweep state (mspan.sweepgen against mheap.sweepgen, mgcsweep.go);\n"
         "slots by tri-colour: white (gcmarkBits clear), grey (marked, queued in a gcWork "
         "buffer: greyobject), black (marked and scanned: scanobject)"},
        {"RAM", ColourBy::ram,
         "Which pages have RAM: Linux gives a mapped 4 KiB page RAM at its first access (a page fault)\n"
         "and takes it back when the scavenger releases it (sysUnused). An object nobody has written\n"
         "has none until the mark reads it. Go has no such view; mincore(2) on its heap shows the same"}};
    if (compact) {
        // One combo box instead of three radio buttons: a row fewer at large fonts.
        float comboW = 0;
        for (const Choice& c : choices)
            comboW = std::max(comboW, ImGui::CalcTextSize(c.label).x);
        comboW += ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2;
        flowSameLine(comboW, spacing);
        const char* shown = "";
        for (const Choice& c : choices)
            shown = c.value == colourBy ? c.label : shown;
        ImGui::SetNextItemWidth(comboW);
        if (ImGui::BeginCombo("##colour-by", shown)) {
            for (const Choice& c : choices) {
                if (ImGui::Selectable(c.label, colourBy == c.value))
                    colourBy = c.value;
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("%s", c.tip);
            }
            ImGui::EndCombo();
        }
        extendRow();
    } else {
        for (const Choice& c : choices) {
            flowSameLine(radioButtonWidth(c.label), spacing);
            if (ImGui::RadioButton(c.label, colourBy == c.value))
                colourBy = c.value;
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", c.tip);
            extendRow();
        }
    }
    colourByRow_ = Rect{rowMin.x, rowMin.y, rowMax.x, rowMax.y};
    toolbarRight_ = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;

    auto legendToggle = [&] {
        flowSameLine(radioButtonWidth("Legend"), ImGui::GetFontSize());
        ImGui::Checkbox("Legend##heap", &legendOpen_);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The colour key, and what a cell, a row and a chunk are\n(hovering a cell "
                              "always says what it is)");
    };
    // Compact: the toggle right after the colouring, and the zoom's "px per page" only where it fits.
    if (compact)
        legendToggle();
    const ImGuiStyle& st = ImGui::GetStyle();
    const char* const zoomText = xf_.cellPx >= 10 ? "%.0f px per 8 KiB page" : "%.2g px per 8 KiB page";
    char zoomLabel[64];
    std::snprintf(zoomLabel, sizeof zoomLabel, zoomText, xf_.cellPx);
    const float buttonsW =
        ImGui::CalcTextSize("Zoom  -  +  Fit").x + st.FramePadding.x * 6 + st.ItemSpacing.x * 3;
    const float zoomW = buttonsW + ImGui::CalcTextSize("1024 px per 8 KiB page").x + st.ItemSpacing.x;
    flowSameLine(compact ? buttonsW : zoomW, ImGui::GetFontSize() * (compact ? 1 : 2));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Zoom");
    const Rect& v = state_.pageView;
    double cx = (v.x0 + v.x1) / 2, cy = (v.y0 + v.y1) / 2;
    auto zoomTip = [&] {
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "%s.\nMouse wheel: zoom about the cursor. Drag: pan.\nSpan boundaries from %.0f "
                "px, slots from %.0f px per page.",
                zoomLabel, boundaryMinCellPx, detailMinCellPx);
    };
    zoomTip();
    ImGui::SameLine();
    if (ImGui::Button(" - ")) {
        xf_ = zoomAbout(xf_, cx, cy, xf_.cellPx / 1.5);
        autoFit_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button(" + ")) {
        xf_ = zoomAbout(xf_, cx, cy, xf_.cellPx * 1.5);
        autoFit_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Fit"))
        requestFit();
    if (!compact || !flowSameLine(ImGui::CalcTextSize(zoomLabel).x, st.ItemSpacing.x)) {
        if (!compact)
            ImGui::SameLine();
        ImGui::TextUnformatted(zoomLabel);
        zoomTip();
    }
    if (!compact)
        legendToggle();
}

void HeapMapView::drawLegend(const Palette& pal, ColourBy colourBy, GoVersion version) {
    LegendRow row;
    if (colourBy == ColourBy::sizeClass) {
        // Two colour bars over the 67 size classes: with pointers (scan) and noscan.
        float h = ImGui::GetTextLineHeight();
        float barW = h * 14;
        const char* lo = "8 B";
        const char* hi = "32 KiB";
        float w = ImGui::CalcTextSize("noscan").x + barW + ImGui::CalcTextSize(hi).x + h;
        row.place(w);
        ImGui::BeginGroup();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float labelW = ImGui::CalcTextSize("pointers ").x;
        for (int noscan = 0; noscan < 2; noscan++) {
            ImVec2 p = ImGui::GetCursorScreenPos();
            dl->AddText(p, ImGui::GetColorU32(ImGuiCol_Text), noscan ? "noscan" : "pointers");
            float x0 = p.x + labelW;
            for (int sc = 1; sc < numSizeClasses; sc++) {
                float a = x0 + barW * static_cast<float>(sc - 1) / (numSizeClasses - 1);
                float b = x0 + barW * static_cast<float>(sc) / (numSizeClasses - 1);
                dl->AddRectFilled(ImVec2(a, p.y + 1), ImVec2(std::ceil(b), p.y + h * 0.5f),
                                  col(pal.spanClass[SpanClass::make(sc, noscan != 0).value]));
            }
            if (noscan == 1) {
                ImU32 tc = ImGui::GetColorU32(ImGuiCol_TextDisabled);
                float scale = 0.85f;
                ImFont* f = ImGui::GetFont();
                dl->AddText(f, ImGui::GetFontSize() * scale, ImVec2(x0, p.y + h * 0.5f), tc, lo);
                float hiW = ImGui::CalcTextSize(hi).x * scale;
                dl->AddText(f, ImGui::GetFontSize() * scale, ImVec2(x0 + barW - hiW, p.y + h * 0.5f), tc, hi);
            }
            ImGui::Dummy(ImVec2(labelW + barW, noscan ? h * 1.35f : h * 0.6f));
            if (ImGui::IsItemHovered()) {
                float mx = ImGui::GetIO().MousePos.x - x0;
                int sc =
                    std::clamp(static_cast<int>(mx / barW * (numSizeClasses - 1)) + 1, 1, numSizeClasses - 1);
                ImGui::SetTooltip("size class %d: %d B objects, %s", sc, class_to_size[sc],
                                  noscan ? "noscan (no pointers: the GC never scans them)" : "with pointers");
            }
        }
        ImGui::EndGroup();
        row.swatch(pal.spanClass[SpanClass::make(0, false).value], "large",
                   "A large object (> 32 KiB) with its own span, span class 0 (noscan: class 1, lighter)");
    } else if (colourBy == ColourBy::marking) {
        const char* names[] = {"swept", "unswept", "being swept", "cached swept", "cached stale"};
        for (int i = 0; i < 5; i++)
            row.swatch(pal.sweepState[static_cast<std::size_t>(i)], names[i],
                       spanSweepName(static_cast<SpanSweep>(i)));
        if (version == GoVersion::go1_26)
            row.swatch(pal.spanQueued, "queued span",
                       "Go 1.26 Green Tea: the span waits in a P's span queue (spanQueue, FIFO). Marking an "
                       "object of 16-512 B with pointers queues its span once; the span is then scanned with "
                       "every object marked meanwhile (scanSpan). Framed from 6 px per page",
                       true);
    } else if (colourBy == ColourBy::ram) {
        row.swatch(pal.ramFull, "in use, RAM", "Both 4 KiB halves of the page have RAM (were accessed)");
        row.swatch(pal.ramHalf, "half", "One 4 KiB half has RAM, the other was never accessed");
        row.swatch(pal.ramNone, "in use, no RAM",
                   "Allocated to a span, but nothing has read or written it yet: no page fault, no RAM");
        row.swatch(pal.ramFree, "free, RAM",
                   "A free page that still has RAM: it counts in the process's resident set until the "
                   "scavenger releases it");
    } else {
        row.swatch(pal.cachedByP[0], "P0 mcache",
                   "Cached in P0's mcache.alloc[spanclass]: P0 allocates from it");
        row.swatch(pal.cachedByP[1], "P1 mcache", "Cached in P1's mcache.alloc[spanclass]");
        row.swatch(pal.partialSwept, "mcentral partial", "mcentral.partial (swept set): has free slots");
        row.swatch(pal.fullSwept, "mcentral full", "mcentral.full (swept set): every slot allocated");
        row.swatch(pal.large, "large",
                   "A large object (> 32 KiB): its own span, on mcentral.full of class 0/1");
    }
    row.swatch(pal.free, colourBy == ColourBy::ram ? "free, no RAM" : "free",
               "Free page, not released: mheap.heapFree (HeapIdle - HeapReleased)");
    row.swatch(pal.released, "released",
               "Free page returned to the OS (pageAlloc scavenged bit): HeapReleased");
    row.swatch(pal.unmapped, "reserved",
               "Arena address space reserved (64 MiB at a time) but not mapped yet");
    row.swatch(pal.barrierShade, "write barrier", barrierShadeTip, true);

    if (xf_.cellPx >= detailMinCellPx) {
        LegendRow slots;
        ImGui::TextDisabled("Slots:");
        slots.place(0);
        if (colourBy == ColourBy::marking) {
            slots.swatch(pal.objectWhite[0], "white",
                         "Not marked (gcmarkBits clear): garbage if still white at "
                         "mark termination");
            const char* greyTip =
                version == GoVersion::go1_26
                    ? "Marked, not scanned yet: in a span of 16-512 B objects its span is queued "
                      "(Green Tea), otherwise the object is (greyobject → gcWork.put)"
                    : "Marked and queued for scanning (greyobject → gcWork.put)";
            slots.swatch(pal.objectGrey[0], "grey",
                         pal.greyPattern ? (std::string(greyTip) + "; drawn as a checkerboard").c_str()
                                         : greyTip);
            slots.swatch(pal.objectBlack[0], "black",
                         "Marked and scanned (scanobject); allocate-black during mark");
        } else if (colourBy == ColourBy::ram) {
            slots.swatch(pal.ramFull, "allocated, RAM", "An allocated slot in a 4 KiB page that has RAM");
            slots.swatch(pal.ramNone, "allocated, no RAM",
                         "An allocated slot in a 4 KiB page nothing has accessed yet");
        } else {
            slots.swatch(pal.slotAllocated(pal.spanClass[SpanClass::make(3, false).value], 0, false),
                         "allocated", "allocBits set (or below freeindex); shades alternate slot by slot");
        }
        slots.swatch(pal.slotFree[0], "free slot",
                     "free: slot >= freeindex and allocBits clear (mspan.isFree)");
        slots.swatch(pal.tailWaste, "tail waste", "Bytes after nelems * elemsize, never used");
        if (version == GoVersion::go1_26)
            slots.swatch(
                pal.spanMetadata, "span metadata",
                "Go 1.26: the last bytes of a span of objects up to 512 B hold its pointer bitmap and "
                "Green Tea's inline mark bits, so fewer objects fit (hover a word to see which)");
        slots.swatch(pal.freeindexMarker, "freeindex",
                     "mspan.freeindex: the search for a free slot starts here");
        slots.swatch(pal.allocCacheWindow, "allocCache window",
                     "The 64 slots mspan.allocCache mirrors (cached spans)", true);
        slots.swatch(pal.tinyBlock, "tiny block",
                     "mcache.tiny: the 16-byte block tiny objects are packed into", true);
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("One cell = one 8 KiB page. A row = %u pages (%s); %llu rows = a 4 MiB chunk; 16 "
                           "chunks = a 64 MiB arena. Zoom in to %.0f px per page to see slots.",
                           geom_.pagesPerRow, humanBytes(geom_.pagesPerRow * pageSize).c_str(),
                           static_cast<unsigned long long>(geom_.rowsPerChunk()), detailMinCellPx);
        ImGui::PopStyleColor();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] page grid (texture), span boundaries, labels
//-----------------------------------------------------------------------------

void HeapMapView::updatePageTexture(const HeapSnapshot& snap, std::uint64_t version, const Palette& pal,
                                    ColourBy by) {
    std::uint64_t key[3] = {version, static_cast<std::uint64_t>(pal.kind), static_cast<std::uint64_t>(by)};
    if (pageTex_.valid() && std::equal(key, key + 3, pageTexKey_))
        return;
    std::copy(key, key + 3, pageTexKey_);
    const std::uint32_t w = geom_.pagesPerRow;
    std::uint64_t rows =
        std::min<std::uint64_t>(totalRows(snap, geom_), static_cast<std::uint64_t>(maxTextureSize()));
    pixels_.resize(w * rows);
    for (std::uint64_t p = 0; p < w * rows; p++) {
        const PageInfo& pi = snap.pages[p];
        SpanLocation place = pi.state == PageState::inUse ? snap.spans[pi.span] : SpanLocation{};
        pixels_[p] = pal.page(by, pi, place).abgr();
    }
    pageTex_.upload(static_cast<int>(w), static_cast<int>(rows), pixels_.data(), true);
}

void HeapMapView::drawPages(const Rect& view) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    std::uint64_t rows = static_cast<std::uint64_t>(pageTex_.height());
    RowRange vis = visibleRows(view, rows, geom_, xf_);
    if (vis.empty())
        return;
    std::uint64_t rpc = geom_.rowsPerChunk();
    double x0 = xf_.toScreenX(0), x1 = xf_.toScreenX(geom_.pagesPerRow);
    for (std::uint64_t chunk = vis.first / rpc; chunk * rpc < vis.last; chunk++) {
        std::uint64_t r0 = chunk * rpc;
        double y0 = xf_.toScreenY(geom_.rowY(r0));
        double y1 = y0 + static_cast<double>(rpc) * xf_.cellPx;
        ImVec2 uv0(0, static_cast<float>(static_cast<double>(r0) / rows));
        ImVec2 uv1(1, static_cast<float>(static_cast<double>(r0 + rpc) / rows));
        dl->AddImage(pageTex_.imguiId(), v2(x0, y0), v2(x1, y1), uv0, uv1);
    }
}

void HeapMapView::drawBoundaries(const Rect& view, const HeapSnapshot& snap, const Palette& pal,
                                 RowRange rows) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::uint32_t ppr = geom_.pagesPerRow;
    auto c0 = static_cast<std::uint64_t>(std::max(0.0, std::floor(xf_.toWorldX(view.x0))));
    auto c1 = static_cast<std::uint64_t>(std::clamp(std::ceil(xf_.toWorldX(view.x1)), 0.0, double(ppr)));
    double t = std::max(1.0, std::floor(xf_.cellPx / 12));
    ImU32 c = col(pal.canvas);
    for (std::uint64_t r = rows.first; r < rows.last; r++) {
        double y0 = xf_.toScreenY(geom_.rowY(r)), y1 = y0 + xf_.cellPx;
        for (std::uint64_t cc = c0; cc < c1; cc++) {
            std::uint64_t p = r * ppr + cc;
            if (p >= snap.numPages || !snap.runStart(p) ||
                (snap.pages[p].state == PageState::unmapped && p > 0 &&
                 snap.pages[p - 1].state == PageState::unmapped))
                continue;
            double x = xf_.toScreenX(static_cast<double>(cc));
            dl->AddRectFilled(v2(x, y0), v2(x + t, y1), c);
        }
    }
}

void HeapMapView::drawSpanLabels(const Runtime& rt, const Rect& view, const HeapSnapshot& snap,
                                 RowRange rows) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::uint32_t ppr = geom_.pagesPerRow;
    auto c0 = static_cast<std::uint64_t>(std::max(0.0, std::floor(xf_.toWorldX(view.x0))));
    auto c1 = static_cast<std::uint64_t>(std::clamp(std::ceil(xf_.toWorldX(view.x1)), 0.0, double(ppr)));
    float fs = ImGui::GetFontSize() * (xf_.cellPx < detailMinCellPx ? 0.8f : 1.0f);
    for (std::uint64_t r = rows.first; r < rows.last; r++) {
        for (std::uint64_t cc = c0; cc < c1; cc++) {
            std::uint64_t p = r * ppr + cc;
            if (p >= snap.numPages || snap.pages[p].state != PageState::inUse)
                continue;
            const MSpan& s = rt.mheap.span(snap.pages[p].span);
            if (pageIndex(s.base()) != p)
                continue;
            char text[48];
            if (s.spanclass.sizeclass() == 0)
                std::snprintf(text, sizeof text, "large%s", s.spanclass.noscan() ? "\nnoscan" : "");
            else
                std::snprintf(text, sizeof text, "%s%s", humanBytes(s.elemsize).c_str(),
                              s.spanclass.noscan() ? "\nnoscan" : "");
            Rect cell = pageRect(p, geom_, xf_);
            ImVec2 sz = ImGui::GetFont()->CalcTextSizeA(fs, 1e9f, 0, text);
            // At slot-detail zoom the label sits in the bottom-right corner, so that it never hides
            // a span's first objects; otherwise top-left.
            ImVec2 at = xf_.cellPx >= detailMinCellPx ? v2(cell.x1 - sz.x - 3, cell.y1 - sz.y - 2)
                                                      : v2(cell.x0 + 3, cell.y0 + 2);
            dl->AddRectFilled(ImVec2(at.x - 2, at.y - 1), ImVec2(at.x + sz.x + 2, at.y + sz.y + 1),
                              IM_COL32(0, 0, 0, 170), 2);
            dl->AddText(ImGui::GetFont(), fs, at, IM_COL32_WHITE, text);
        }
    }
}

void HeapMapView::drawAddressLabels(const Rect& gutter, const HeapSnapshot& snap, RowRange rows) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float fh = ImGui::GetFontSize();
    double rowH = xf_.cellPx, chunkH = xf_.cellPx * geom_.chunkHeight();
    std::uint64_t every;
    if (rowH >= 1.3 * fh)
        every = 1;
    else if (chunkH >= 1.3 * fh)
        every = geom_.rowsPerChunk();
    else
        every = geom_.rowsPerArena();
    std::uint64_t mappedRows = snap.mappedPages / geom_.pagesPerRow;
    dl->PushClipRect(v2(gutter.x0, gutter.y0), v2(gutter.x1, gutter.y1), true);
    for (std::uint64_t r = (rows.first + every - 1) / every * every; r < rows.last; r += every) {
        double y = xf_.toScreenY(geom_.rowY(r));
        std::string a = hexAddr(pageAddr(r * geom_.pagesPerRow));
        ImU32 c = ImGui::GetColorU32(r < mappedRows ? ImGuiCol_Text : ImGuiCol_TextDisabled);
        float w = ImGui::CalcTextSize(a.c_str()).x;
        dl->AddText(v2(gutter.x1 - w - 6, y), c, a.c_str());
    }
    dl->PopClipRect();
}

//-----------------------------------------------------------------------------
// [SECTION] slot detail
//-----------------------------------------------------------------------------

void HeapMapView::drawShadeMarkers(const Rect& view, const std::vector<ShadeMark>& marks,
                                   const Palette& pal) {
    // Below slot detail: a 2 px frame around the page of each object, which leaves the cell's own colour
    // in view; under shadeFrameMinCellPx, where a frame would cover the cell, a 5 px square on it.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 c = col(pal.barrierShade);
    // Two passes for the squares: every dark border first, so that none covers a neighbour's square.
    for (int pass = 0; pass < 2; pass++)
        for (const ShadeMark& m : marks) {
            const Rect r = pageRect(pageIndex(m.object), geom_, xf_);
            const double cx = (r.x0 + r.x1) / 2, cy = (r.y0 + r.y1) / 2;
            if (!view.contains(cx, cy))
                continue;
            if (xf_.cellPx >= shadeFrameMinCellPx && pass == 1) {
                dl->AddRectFilled(v2(r.x0 - 2, r.y0 - 2), v2(r.x1 + 2, r.y0), c);
                dl->AddRectFilled(v2(r.x0 - 2, r.y1), v2(r.x1 + 2, r.y1 + 2), c);
                dl->AddRectFilled(v2(r.x0 - 2, r.y0), v2(r.x0, r.y1), c);
                dl->AddRectFilled(v2(r.x1, r.y0), v2(r.x1 + 2, r.y1), c);
            } else if (xf_.cellPx < shadeFrameMinCellPx) {
                const double h = pass == 0 ? 3.5 : 2.5;
                dl->AddRectFilled(v2(cx - h, cy - h), v2(cx + h, cy + h), pass == 0 ? col(pal.canvas) : c);
            }
        }
}

void HeapMapView::drawQueuedSpans(const Runtime& rt, const Rect& view, const Palette& pal) {
    // A frame inside the span's page cell (the write-barrier frame lies outside it): 2 px, 3 px at
    // slot detail, thin enough to leave each word's centre in view.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 c = col(pal.spanQueued);
    const double t = xf_.cellPx >= detailMinCellPx ? 3 : 2;
    for (const QueuedSpan& q : queuedSpans(rt)) {
        const Rect r = pageRect(pageIndex(q.base), geom_, xf_);
        if (!view.contains((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2))
            continue;
        dl->AddRectFilled(v2(r.x0, r.y0), v2(r.x1, r.y0 + t), c);
        dl->AddRectFilled(v2(r.x0, r.y1 - t), v2(r.x1, r.y1), c);
        dl->AddRectFilled(v2(r.x0, r.y0), v2(r.x0 + t, r.y1), c);
        dl->AddRectFilled(v2(r.x1 - t, r.y0), v2(r.x1, r.y1), c);
    }
}

void HeapMapView::drawSlotDetail(const Runtime& rt, const Rect& view, const HeapSnapshot& snap,
                                 std::uint64_t version, const Palette& pal, ColourBy by, RowRange rows,
                                 const std::vector<ShadeMark>& marks) {
    const std::uint32_t ppr = geom_.pagesPerRow;
    const MHeap& h = rt.mheap;
    auto c0 = static_cast<std::uint64_t>(std::max(0.0, std::floor(xf_.toWorldX(view.x0))));
    auto c1 = static_cast<std::uint64_t>(std::clamp(std::ceil(xf_.toWorldX(view.x1)), 0.0, double(ppr)));
    // 32 × 32 texels per page, stacked in one texture column: at most 512 pages (32 × 16384 texels).
    const std::size_t maxDetailPages =
        std::min<std::size_t>(512, static_cast<std::size_t>(maxTextureSize()) / 32);
    std::vector<std::uint64_t> pages;
    for (std::uint64_t r = rows.first; r < rows.last && pages.size() < maxDetailPages; r++)
        for (std::uint64_t cc = c0; cc < c1 && pages.size() < maxDetailPages; cc++)
            if (std::uint64_t p = r * ppr + cc; p < snap.numPages && snap.pages[p].state == PageState::inUse)
                pages.push_back(p);
    if (pages.empty())
        return;

    std::uint64_t key[5] = {version, static_cast<std::uint64_t>(pal.kind), static_cast<std::uint64_t>(by),
                            pages.front(), pages.size()};
    if (!detailTex_.valid() || !std::equal(key, key + 5, detailKey_) || pages != detailPages_) {
        std::copy(key, key + 5, detailKey_);
        detailPages_ = pages;
        std::vector<std::uint32_t> px(std::size_t{wordsPerPage} * pages.size());
        // Tri-colour from the model's visitor (sim/visit.h), only for the spans on screen.
        std::map<uintptr, Color> colours;
        if (by == ColourBy::marking) {
            struct Colours : HeapVisitor {
                std::map<uintptr, Color>& out;
                uintptr lo, hi;
                Colours(std::map<uintptr, Color>& o, uintptr a, uintptr b) : out(o), lo(a), hi(b) {}
                bool wantsObjects() const override { return true; }
                void onObject(const ObjectView& o) override {
                    if (o.addr >= lo && o.addr < hi)
                        out.emplace(o.addr, o.color);
                }
            };
            uintptr lo = h.span(snap.pages[pages.front()].span).base();
            Colours v(colours, lo, pageAddr(pages.back() + 1));
            visitHeap(rt, v);
        }
        for (std::size_t i = 0; i < pages.size(); i++) {
            const PageInfo& pi = snap.pages[pages[i]];
            const MSpan& s = h.span(pi.span);
            Rgba spanColour = pal.inUse(by, s.spanclass, snap.spans[pi.span]);
            uintptr page = pageAddr(pages[i]);
            const uintptr metadata = s.base() + s.spanBytes() -
                                     spanReservedBytes(rt.config().goVersion, s.spanclass, s.spanBytes());
            for (std::uint32_t w = 0; w < wordsPerPage; w++) {
                uintptr addr = page + uintptr{w} * wordBytes;
                Rgba c;
                if (addr >= metadata) {
                    c = pal.spanMetadata;
                } else if (addr >= s.limit || s.elemsize == 0) {
                    c = pal.tailWaste;
                } else {
                    auto slot = static_cast<std::uint32_t>((addr - s.base()) / s.elemsize);
                    if (s.isFree(slot))
                        c = pal.slotFreeColour(slot);
                    else if (by == ColourBy::marking)
                        c = pal.object(colours.at(s.base() + slot * s.elemsize), slot, w);
                    else if (by == ColourBy::ram)
                        c = pal.slotAllocated(pal.ram(true, h.resident.resident(addr) ? 2 : 0), slot, false);
                    else
                        c = pal.slotAllocated(spanColour, slot, s.gcmarkBits.test(slot));
                }
                px[i * wordsPerPage + w] = c.abgr();
            }
        }
        detailTex_.upload(static_cast<int>(wordsPerGridRow), static_cast<int>(pages.size() * 32), px.data(),
                          false);
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto texRows = static_cast<double>(pages.size());
    for (std::size_t i = 0; i < pages.size(); i++) {
        Rect cell = pageRect(pages[i], geom_, xf_);
        dl->AddImage(detailTex_.imguiId(), v2(cell.x0, cell.y0), v2(cell.x1, cell.y1),
                     ImVec2(0, static_cast<float>(i / texRows)),
                     ImVec2(1, static_cast<float>((i + 1) / texRows)));
    }

    // Markers, once per span with a visible page.
    auto visible = [&](std::uint64_t p) { return std::binary_search(pages.begin(), pages.end(), p); };
    // outlineBytes outlines the byte range [a, b) of the heap page by page.
    auto outlineBytes = [&](uintptr a, uintptr b, ImU32 c, float thick) {
        for (uintptr pa = alignDown(a, pageSize); pa < b; pa += pageSize) {
            std::uint64_t p = pageIndex(pa);
            if (!visible(p))
                continue;
            uintptr lo = std::max(a, pa), hi = std::min(b, pa + pageSize);
            wordRangeOutline(dl, pageRect(p, geom_, xf_), static_cast<std::uint32_t>((lo - pa) / wordBytes),
                             static_cast<std::uint32_t>((hi - pa + wordBytes - 1) / wordBytes), c, thick);
        }
    };
    float thick = std::max(2.0f, static_cast<float>(xf_.cellPx / 128));
    std::vector<SpanId> spans;
    for (std::uint64_t p : pages)
        spans.push_back(snap.pages[p].span);
    std::sort(spans.begin(), spans.end());
    spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
    for (SpanId id : spans) {
        const MSpan& s = h.span(id);
        if (s.spanclass.sizeclass() == 0 || s.freeindex >= s.nelems)
            continue;
        if (snap.spans[id].role == SpanRole::cached) {
            std::uint32_t w0 = s.freeindex / 64 * 64, w1 = std::min(w0 + 64, s.nelems);
            outlineBytes(s.base() + w0 * s.elemsize, s.base() + w1 * s.elemsize, col(pal.allocCacheWindow),
                         thick);
        }
        uintptr fa = s.base() + s.freeindex * s.elemsize;
        std::uint64_t fp = pageIndex(fa);
        if (visible(fp))
            drawFreeindexMarker(dl,
                                wordRect(pageRect(fp, geom_, xf_),
                                         static_cast<std::uint32_t>((fa - pageAddr(fp)) / wordBytes)),
                                col(pal.freeindexMarker));
    }
    for (const P& p : rt.allp)
        if (p.mcache.tiny != 0)
            outlineBytes(p.mcache.tiny, p.mcache.tiny + maxTinySize, col(pal.tinyBlock), thick);
    // The latest write barriers: their objects outlined, the slot's pointer word filled.
    for (const ShadeMark& m : marks) {
        ObjectRef ref;
        if (!rt.mheap.findObject(m.object, ref))
            continue;
        outlineBytes(m.object, m.object + h.span(ref.span).elemsize, col(pal.barrierShade), thick);
        const uintptr w = m.object + uintptr{m.word} * wordBytes;
        if (m.role == ShadeRole::slot && visible(pageIndex(w))) {
            const Rect r = wordRect(pageRect(pageIndex(w), geom_, xf_),
                                    static_cast<std::uint32_t>((w - alignDown(w, pageSize)) / wordBytes));
            dl->AddRectFilled(v2(r.x0, r.y0), v2(r.x1, r.y1), col(pal.barrierShade));
        }
    }
    ObjectRef sel;
    if (selected_ && rt.mheap.findObject(*selected_, sel)) {
        const MSpan& s = h.span(sel.span);
        const uintptr base = s.base() + uintptr{sel.slot} * s.elemsize;
        outlineBytes(base, base + s.elemsize, col(pal.selection), thick + 1);
    }
}

void HeapMapView::handleClick(const Runtime& rt, const HeapSnapshot& snap, const Rect& view) {
    ImGuiIO& io = ImGui::GetIO();
    // A click, not the end of a drag, on a slot at slot-detail zoom.
    if (!ImGui::IsItemHovered() || !ImGui::IsMouseReleased(ImGuiMouseButton_Left) ||
        io.MouseDragMaxDistanceSqr[0] > 16 || xf_.cellPx < detailMinCellPx ||
        !view.contains(io.MousePos.x, io.MousePos.y))
        return;
    std::optional<std::uint64_t> page = pageAt(io.MousePos.x, io.MousePos.y, snap.numPages, geom_, xf_);
    std::optional<std::uint32_t> word;
    if (page)
        word = wordAt(pageRect(*page, geom_, xf_), io.MousePos.x, io.MousePos.y);
    ObjectRef ref;
    selected_.reset();
    if (word && rt.mheap.findObject(pageAddr(*page) + uintptr{*word} * wordBytes, ref)) {
        const MSpan& s = rt.mheap.span(ref.span);
        if (!s.isFree(ref.slot))
            selected_ = s.base() + uintptr{ref.slot} * s.elemsize;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] hover
//-----------------------------------------------------------------------------

void HeapMapView::drawHover(const Runtime& rt, const Rect& view, const HeapSnapshot& snap,
                            const std::vector<ShadeMark>& marks, const Palette& pal) {
    ImVec2 m = ImGui::GetIO().MousePos;
    if (!ImGui::IsItemHovered() || !view.contains(m.x, m.y))
        return;
    std::optional<std::uint64_t> page = pageAt(m.x, m.y, snap.numPages, geom_, xf_);
    if (!page)
        return;
    Rect cell = pageRect(*page, geom_, xf_);
    std::optional<std::uint32_t> word;
    if (xf_.cellPx >= detailMinCellPx && snap.pages[*page].state == PageState::inUse)
        word = wordAt(cell, m.x, m.y);

    // Outline what the tooltip describes: the whole span, or the page.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    std::uint64_t first = *page, last = *page + 1;
    if (snap.pages[*page].state == PageState::inUse) {
        const MSpan& s = rt.mheap.span(snap.pages[*page].span);
        first = pageIndex(s.base());
        last = first + s.npages;
    }
    dl->PushClipRect(v2(view.x0, view.y0), v2(view.x1, view.y1), true);
    rowSegments(first, last, geom_.pagesPerRow, [&](std::uint64_t a, std::uint64_t b) {
        Rect ra = pageRect(a, geom_, xf_), rb = pageRect(b - 1, geom_, xf_);
        dl->AddRect(v2(ra.x0, ra.y0), v2(rb.x1, rb.y1), IM_COL32_WHITE, 0, 0, 2);
    });
    dl->PopClipRect();

    PageDescription d = describePage(rt, snap, *page, word);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(d.title.c_str());
    ImGui::Separator();
    if (ImGui::BeginTable("describe", 2, ImGuiTableFlags_SizingFixedFit)) {
        for (const DescribeLine& l : d.lines) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextDisabled("%s", l.label.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(l.value.c_str());
        }
        ImGui::EndTable();
    }
    // The kept write barriers that touched the object (slot detail) or the page under the cursor.
    const uintptr hovered = word ? objectBase(rt, pageAddr(*page) + uintptr{*word} * wordBytes) : 0;
    for (const ShadeMark& mark : marks)
        if (word ? mark.object == hovered : pageIndex(mark.object) == *page)
            ImGui::TextColored(ImColor(col(pal.barrierShade)), "write barrier (%s): %s",
                               shadeRoleName(mark.role),
                               describeShade(rt.recentShades.at(mark.barrier)).c_str());
    ImGui::Separator();
    ImGui::TextDisabled("Go: %s", d.goSymbol.c_str());
    ImGui::EndTooltip();
}

//-----------------------------------------------------------------------------
// [SECTION] draw
//-----------------------------------------------------------------------------

void HeapMapView::drawCanvas(const Runtime& rt, const HeapSnapshot& snap, std::uint64_t version,
                             const Palette& pal, ColourBy colourBy) {
    ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < 16 || avail.y < 16)
        return;
    Rect canvas{p0.x, p0.y, p0.x + avail.x, p0.y + avail.y};
    float gutterW = ImGui::CalcTextSize("0xc000000000").x + 12;
    Rect gutter{canvas.x0, canvas.y0, canvas.x0 + gutterW, canvas.y1};
    Rect view{gutter.x1, canvas.y0, canvas.x1, canvas.y1};

    ImGui::InvisibleButton("heap canvas", avail);
    applyPending(view, snap);
    handleInput(view);
    std::uint64_t rows = totalRows(snap, geom_);
    if (autoFit_)
        xf_ = fitTransform(view, fitRows(snap.mappedPages, snap.numPages, geom_), geom_);
    state_ = HeapViewState{view, geom_, xf_};

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(v2(view.x0, view.y0), v2(view.x1, view.y1), col(pal.canvas));
    if (snap.numPages == 0) {
        const char* msg = "The heap is empty: no arena is reserved yet. Press Space to play.";
        ImVec2 sz = ImGui::CalcTextSize(msg);
        dl->AddText(v2((view.x0 + view.x1 - sz.x) / 2, (view.y0 + view.y1 - sz.y) / 2),
                    ImGui::GetColorU32(ImGuiCol_Text), msg);
        return;
    }

    updatePageTexture(snap, version, pal, colourBy);
    RowRange vis = visibleRows(view, std::min<std::uint64_t>(rows, pageTex_.height()), geom_, xf_);
    dl->PushClipRect(v2(view.x0, view.y0), v2(view.x1, view.y1), true);
    drawPages(view);
    if (xf_.cellPx >= boundaryMinCellPx)
        drawBoundaries(view, snap, pal, vis);
    const std::vector<ShadeMark> marks = barrierShadeMarks(rt);
    if (xf_.cellPx >= detailMinCellPx)
        drawSlotDetail(rt, view, snap, version, pal, colourBy, vis, marks);
    else
        drawShadeMarkers(view, marks, pal);
    if (colourBy == ColourBy::marking && xf_.cellPx >= shadeFrameMinCellPx)
        drawQueuedSpans(rt, view, pal);
    if (xf_.cellPx >= labelMinCellPx)
        drawSpanLabels(rt, view, snap, vis);
    dl->PopClipRect();
    drawAddressLabels(gutter, snap, vis);
    handleClick(rt, snap, view);
    drawHover(rt, view, snap, marks, pal);
}

void HeapMapView::draw(const Runtime& rt, const HeapSnapshot& snap, std::uint64_t version, const Palette& pal,
                       ColourBy& colourBy, bool compact) {
    // The legend is open by default, folded in the compact (large fonts) layout; it follows the layout
    // until toggled.
    if (compact != compact_) {
        compact_ = compact;
        legendOpen_ = !compact;
    }
    drawToolbar(colourBy, compact);
    if (legendOpen_)
        drawLegend(pal, colourBy, rt.config().goVersion);
    ImGui::Spacing();
    drawCanvas(rt, snap, version, pal, colourBy);
}

} // namespace gclab::render
