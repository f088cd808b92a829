// The allocator view: the path the latest allocation took (tiny block → mcache → mcentral → mheap →
// page allocator → arena growth), lit stage by stage; each P's tiny block; and per span class in use
// each P's cached span and the mcentral's four span sets. The state comes from the model's visitor
// (render/allocator_state.h), the geometry from render/allocator_layout.h, the words from
// render/allocator_text.h.
#include "render/allocator_layout.h"
#include "render/allocator_state.h"
#include "render/allocator_text.h"
#include "render/app.h"
#include "render/heap_describe.h"
#include "render/imgui_tip.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace gclab::render {

namespace {

constexpr ImU32 darkText = IM_COL32(12, 12, 12, 255);

ImVec2 v2(double x, double y) { return ImVec2(static_cast<float>(x), static_cast<float>(y)); }

void fillRect(ImDrawList* dl, const Rect& r, Rgba c) {
    dl->AddRectFilled(v2(r.x0, r.y0), v2(r.x1, r.y1), c.abgr());
}

bool hovered(const Rect& r) {
    return ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(v2(r.x0, r.y0), v2(r.x1, r.y1));
}

// text draws s at (x, y), clipped to clip, wrapped at clip's right edge when wrap is set.
void text(ImDrawList* dl, double x, double y, ImU32 col, const std::string& s, const Rect& clip,
          bool wrap = false) {
    // Clipped on the CPU (AddText intersects it with the window's clip rect): no extra draw command.
    const ImVec4 fine(static_cast<float>(clip.x0), static_cast<float>(clip.y0), static_cast<float>(clip.x1),
                      static_cast<float>(clip.y1));
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), v2(x, y), col, s.c_str(), nullptr,
                wrap ? static_cast<float>(clip.x1 - x) : 0.0f, &fine);
}

Rgba setColour(const Palette& pal, CentralSet s) {
    switch (s) {
    case CentralSet::partialSwept:
        return pal.partialSwept;
    case CentralSet::partialUnswept:
        return pal.partialUnswept;
    case CentralSet::fullSwept:
        return pal.fullSwept;
    case CentralSet::fullUnswept:
        return pal.fullUnswept;
    }
    return pal.invalid;
}

void drawStages(ImDrawList* dl, const AllocatorLayout& l, const AllocRecord* cur, std::size_t lit,
                const Palette& pal) {
    const std::vector<AllocStage> path = cur ? pathStages(cur->path) : std::vector<AllocStage>{};
    const double f = ImGui::GetFontSize();
    const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text),
                dimCol = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (int i = 0; i < numAllocStages; i++) {
        const auto st = static_cast<AllocStage>(i);
        const Rect& r = l.stage[static_cast<std::size_t>(i)];
        const auto at = std::find(path.begin(), path.end(), st);
        const bool visited = at != path.end();
        const bool isLit = visited && static_cast<std::size_t>(at - path.begin()) < lit;
        fillRect(dl, r, isLit ? pal.stageLit : visited ? pal.stageWaiting : pal.stageOff);
        if (isLit && lit == path.size() && st == path.back())
            dl->AddRect(v2(r.x0, r.y0), v2(r.x1, r.y1), IM_COL32_WHITE, 0, 0, 2.0f);
        const ImU32 col = isLit ? darkText : visited ? textCol : dimCol;
        text(dl, r.x0 + 0.4 * f, r.y0 + 0.3 * f, col, stageTitle(st), r);
        text(dl, r.x0 + 0.4 * f, r.y0 + 0.3 * f + l.lineH, col, stageSymbol(st), r);
        if (i > 0) {
            // The arrow into this stage, lit when the path went from the previous stage on to this one.
            const Rect& a = l.arrowInto[static_cast<std::size_t>(i)];
            const bool from = at != path.begin() && visited && *(at - 1) == static_cast<AllocStage>(i - 1);
            const bool on = from && isLit;
            const double cy = (a.y0 + a.y1) / 2, ax0 = a.x0 + 0.25 * f, ax1 = a.x1 - 0.25 * f;
            dl->AddTriangleFilled(v2(ax0, cy - 0.45 * f), v2(ax1, cy), v2(ax0, cy + 0.45 * f),
                                  (on ? pal.stageLit : pal.stageOff).abgr());
        }
        if (hovered(r)) {
            wrappedTooltip(std::string(stageTitle(st)) + " (" + stageSymbol(st) + ")\n" + stageTooltip(st) +
                           (visited ? "\nThe latest allocation went through this stage." : ""));
        }
    }
}

void drawTinyBlocks(ImDrawList* dl, const AllocatorLayout& l, const AllocatorState& st, const Palette& pal) {
    const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text);
    const double dy = (l.lineH - ImGui::GetFontSize()) / 2;
    for (std::size_t p = 0; p < st.tiny.size(); p++) {
        const TinyBlock& t = st.tiny[p];
        const Rect& label = l.tinyLabel[p];
        text(dl, label.x0, label.y0 + dy, textCol, "P" + std::to_string(p) + " tiny block", label);
        for (std::size_t b = 0; b < l.tinyByte[p].size(); b++)
            fillRect(dl, l.tinyByte[p][b],
                     t.tiny == 0        ? pal.emptyCell
                     : b < t.tinyoffset ? pal.tinyBlock
                                        : pal.slotFree[0]);
        const Rect& tr = l.tinyText[p];
        const std::string s = t.tiny == 0 ? std::string("none (mcache.tiny = 0)")
                                          : std::to_string(t.tinyoffset) +
                                                " of 16 bytes used (tinyoffset), at " + hexAddr(t.tiny);
        text(dl, tr.x0, tr.y0 + dy, textCol, s, tr);
        if (hovered(Rect{label.x0, label.y0, tr.x1, label.y1}))
            wrappedTooltip(tinyBlockTooltip);
    }
}

void drawTable(ImDrawList* dl, const AllocatorLayout& l, const AllocatorState& st, const Palette& pal) {
    const double f = ImGui::GetFontSize();
    const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text),
                dimCol = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const AllocRecord* cur = st.current();
    const double dy = (l.rowH - f) / 2 - 2; // text baseline inside a cell (cells are inset 2 px)

    // Column titles on two lines: the group (mcache, mcentral partial / full), then the column.
    const double line2 = l.headerY0 + l.lineH;
    const Rect classHead{l.classX0, l.headerY0, l.classX1, l.headerY1};
    text(dl, classHead.x0, line2, textCol, "span class", classHead);
    if (hovered(classHead))
        wrappedTooltip(
            "A span class is a size class plus a noscan bit (mspan.spanclass); only the classes holding a "
            "span are listed.");
    const Rect mcacheHead{l.mcacheX0.front(), l.headerY0, l.mcacheX1.back(), l.headerY1};
    text(dl, mcacheHead.x0 + 2, l.headerY0, textCol, "mcache.alloc", mcacheHead);
    for (std::size_t p = 0; p < l.mcacheX0.size(); p++)
        text(dl, l.mcacheX0[p] + 2, line2, textCol, "P" + std::to_string(p),
             Rect{l.mcacheX0[p], l.headerY0, l.mcacheX1[p], l.headerY1});
    if (hovered(mcacheHead))
        wrappedTooltip(mcacheCellTooltip);
    for (std::size_t g = 0; g < 2; g++) {
        const Rect group{l.setX0[2 * g], l.headerY0, l.setX1[2 * g + 1], l.headerY1};
        text(dl, group.x0 + 2, l.headerY0, textCol, g == 0 ? "mcentral partial" : "mcentral full", group);
    }
    for (int s = 0; s < numCentralSets; s++) {
        const auto cs = static_cast<CentralSet>(s);
        const Rect h{l.setX0[static_cast<std::size_t>(s)], l.headerY0, l.setX1[static_cast<std::size_t>(s)],
                     l.headerY1};
        text(dl, h.x0 + 2, line2, textCol, s % 2 == 0 ? "swept" : "unswept", h);
        if (hovered(h))
            wrappedTooltip(std::string("mcentral ") + centralSetTitle(cs) + ": " + centralSetTooltip(cs));
    }

    for (std::size_t r = 0; r < st.rows.size(); r++) {
        const ClassRow& row = st.rows[r];
        const bool isCurrent = cur && cur->spanclass == row.spanclass;
        const Rect cc = l.classCell(r);
        text(dl, cc.x0, cc.y0 + dy, isCurrent ? pal.stageLit.abgr() : textCol, shortClassLabel(row.spanclass),
             cc);
        if (hovered(cc))
            wrappedTooltip("span class " + spanClassLabel(row.spanclass));

        for (std::size_t p = 0; p < row.mcache.size(); p++) {
            const MCacheCell& m = row.mcache[p];
            const Rect c = l.mcacheCell(r, p);
            if (m.span == emptymspan) {
                fillRect(dl, c, pal.emptyCell);
            } else {
                fillRect(dl, c, pal.cachedByP[p % 2]);
                const std::string n = std::to_string(m.allocCount) + "/" + std::to_string(m.nelems);
                if (ImGui::CalcTextSize(n.c_str()).x < c.width() - 0.6 * f)
                    text(dl, c.x0 + 0.3 * f, c.y0 + dy, darkText, n, c);
            }
            if (isCurrent && st.currentP == p && row.spanclass.sizeclass() != 0)
                dl->AddRect(v2(c.x0 - 2, c.y0 - 2), v2(c.x1 + 2, c.y1 + 2), IM_COL32_WHITE, 0, 0, 2.0f);
            if (hovered(c)) {
                const std::string who = "P" + std::to_string(p) + "'s mcache ";
                wrappedTooltip(m.span == emptymspan
                                   ? who + "holds no span of this class (emptymspan).\n" + mcacheCellTooltip
                                   : who + "holds the span at " + hexAddr(m.base) + ": allocCount " +
                                         std::to_string(m.allocCount) + " of nelems " +
                                         std::to_string(m.nelems) + ".\n" + mcacheCellTooltip);
            }
        }

        for (int s = 0; s < numCentralSets; s++) {
            const auto cs = static_cast<CentralSet>(s);
            const std::vector<SpanId>& spans = row.sets[static_cast<std::size_t>(s)];
            const Rect c = l.setCell(r, cs);
            fillRect(dl, c, pal.emptyCell);
            if (!spans.empty()) {
                text(dl, c.x0 + 0.3 * f, c.y0 + dy, textCol, std::to_string(spans.size()), c);
                // One small square per span, as many as fit after the count.
                const double sq = std::round(l.rowH * 0.4), step = sq + 3;
                const double sy = std::floor((c.y0 + c.y1 - sq) / 2);
                double x = c.x0 + 2.6 * f;
                for (std::size_t i = 0; i < spans.size() && x + sq <= c.x1 - 2; i++, x += step)
                    fillRect(dl, Rect{x, sy, x + sq, sy + sq}, setColour(pal, cs));
            }
            if (hovered(c))
                wrappedTooltip(std::to_string(spans.size()) + " span(s) in mcentral " + centralSetTitle(cs) +
                               ".\n" + centralSetTooltip(cs));
        }
    }
    const double fy = l.rowsY0 + static_cast<double>(st.rows.size()) * l.rowH + 0.25 * l.lineH;
    char buf[128];
    std::snprintf(buf, sizeof buf, "%zu of %d span classes hold no span and are not listed.",
                  st.foldedClasses, numSpanClasses);
    text(dl, l.classX0, fy, dimCol, buf, Rect{l.classX0, fy, l.setX1.back(), fy + l.lineH});
}

} // namespace

void App::drawAllocator() {
    noteViewArea("allocator"); // Shift+F12 exports this tab alone
    const AllocatorState& st = allocatorState();
    // While playing, a path's stages light within the time one event is shown.
    pathAnimation_.update(st.currentP, st.current(), frameDt_,
                          clock_.playing() ? 1.0 / (clock_.rate() * numAllocStages)
                                           : PathAnimation::stageSeconds);
    const Palette& pal = palette(settings_.palette);
    if (!ImGui::BeginChild("allocator", ImVec2(0, 0), false)) {
        ImGui::EndChild();
        return;
    }
    const AllocRecord* cur = st.current();
    const std::string what = cur ? "Latest allocation: " + describePath(*st.currentP, *cur) + " (tick " +
                                       withThousands(cur->tick) + ")"
                                 : std::string("No allocation yet.");
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float whatH = ImGui::CalcTextSize(what.c_str(), nullptr, false, width).y;
    allocatorLayout_ =
        AllocatorLayoutInput{origin.x,       origin.y + ImGui::GetScrollY(),
                             width,          ImGui::GetFontSize(),
                             st.tiny.size(), static_cast<int>(std::lround(whatH / ImGui::GetFontSize()))};
    AllocatorLayoutInput at = allocatorLayout_;
    at.y0 = origin.y;
    const AllocatorLayout l = layoutAllocator(at);
    ImDrawList* dl = ImGui::GetWindowDrawList();

    const std::size_t n = cur ? pathStages(cur->path).size() : 0;
    text(dl, l.pathText.x0, l.pathText.y0, ImGui::GetColorU32(ImGuiCol_Text), what, l.pathText, true);
    drawStages(dl, l, cur, pathAnimation_.lit(n), pal);
    drawTinyBlocks(dl, l, st, pal);
    drawTable(dl, l, st, pal);
    ImGui::Dummy(ImVec2(static_cast<float>(at.width), static_cast<float>(l.height(st.rows.size()))));
    ImGui::EndChild();
}

} // namespace gclab::render
