// The object graph view: roots in the first column, then heap objects by distance from a root, each
// drawn in its tri-colour; grey objects are the mark wavefront. The objects of the latest write
// barriers are ringed and the pointer each stored is drawn in the barrier colour. Hover names an object, a
// click selects it (the heap map outlines it and the inspector says why it is alive).
#include "render/app.h"
#include "render/barrier_shades.h"
#include "render/heap_describe.h"
#include "render/object_graph.h"

#include <imgui.h>

#include <algorithm>
#include <map>

namespace gclab::render {

void App::drawGraph() {
    const Runtime& rt = session_->runtime();
    const std::optional<uintptr>& sel = heapMap_.selected();
    if (graphVersion_ != version_ || graphFocus_ != sel) {
        graphVersion_ = version_;
        graphFocus_ = sel;
        graph_ = buildObjectGraph(rt, sel);
    }
    const ObjectGraph& g = graph_;
    const Palette& pal = palette(settings_.palette);
    ImGui::TextDisabled(
        "%zu objects reachable%s; grey = the mark wavefront (queued, not yet scanned)", g.reachable,
        g.truncated ? (sel ? ", showing the selection's neighbourhood" : ", showing the nearest") : "");
    const std::vector<ShadeMark> marks = barrierShadeMarks(rt);
    legendLine(pal.barrierShade, "write barrier: slot → new, old", barrierShadeTip);
    ImGui::NewLine();
    const float colW = ImGui::GetFontSize() * 7.5f, rowH = ImGui::GetFontSize() * 1.6f;
    std::map<std::uint32_t, int> rows; // nodes placed per column
    std::vector<ImVec2> pos(g.nodes.size());
    for (std::size_t i = 0; i < g.nodes.size(); i++) {
        const std::uint32_t d = g.nodes[i].depth;
        pos[i] = ImVec2(static_cast<float>(d) * colW, static_cast<float>(rows[d]++) * rowH);
    }
    int maxRows = 0;
    for (const auto& [d, n] : rows)
        maxRows = std::max(maxRows, n);
    const float contentW = static_cast<float>(rows.empty() ? 1 : rows.rbegin()->first + 1) * colW;
    ImGui::BeginChild("graph", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("graphcanvas", ImVec2(std::max(contentW, 1.0f), std::max(maxRows * rowH, 1.0f)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = rowH * 0.3f;
    auto centre = [&](std::size_t i) {
        return g.nodes[i].root ? ImVec2(o.x + pos[i].x + colW * 0.85f, o.y + pos[i].y + rowH / 2)
                               : ImVec2(o.x + pos[i].x + r + 2, o.y + pos[i].y + rowH / 2);
    };
    // The edge a kept barrier stored: from its slot's object (or global root) to the new value.
    auto barrierEdge = [&](const GraphEdge& e) {
        for (std::size_t i = 0; i < rt.recentShades.size(); i++) {
            const ShadeRecord& b = rt.recentShades.at(i);
            if (!shadeIsCurrent(rt, b))
                continue;
            const GraphNode &from = g.nodes[e.from], &to = g.nodes[e.to];
            const bool fromSlot = b.global
                                      ? from.root && from.label == "global[" + std::to_string(b.slot) + "]"
                                      : !from.root && from.addr == b.slot;
            if (fromSlot && to.addr == objectBase(rt, b.newValue))
                return true;
        }
        return false;
    };
    for (const GraphEdge& e : g.edges) {
        ImVec2 a = centre(e.from), b = centre(e.to);
        const bool stored = !marks.empty() && barrierEdge(e);
        dl->AddLine(ImVec2(a.x + r, a.y), ImVec2(b.x - r, b.y),
                    stored ? pal.barrierShade.abgr() : IM_COL32(120, 130, 150, 160), stored ? 2.5f : 1.0f);
    }
    drawnNodes_.clear();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < g.nodes.size(); i++) {
        const GraphNode& n = g.nodes[i];
        ImVec2 c = centre(i);
        if (n.root) {
            dl->AddText(ImVec2(o.x + pos[i].x, c.y - ImGui::GetFontSize() / 2),
                        ImGui::GetColorU32(ImGuiCol_Text), n.label.c_str());
            continue;
        }
        const Color colour = static_cast<Color>(rt.objectColor(n.addr));
        dl->AddCircleFilled(c, r, pal.object(colour, 0, 0).abgr());
        dl->AddCircle(c, r, IM_COL32(90, 90, 90, 255));
        if (ImGui::IsRectVisible(ImVec2(c.x - r - 4, c.y - r - 4), ImVec2(c.x + r + 4, c.y + r + 4)))
            drawnNodes_.push_back(GraphNodeDrawn{n.addr, c.x, c.y, r});
        const bool shaded =
            std::any_of(marks.begin(), marks.end(), [&](const ShadeMark& m) { return m.object == n.addr; });
        if (shaded)
            dl->AddCircle(c, r + 2, pal.barrierShade.abgr(), 0, 3.0f);
        if (sel && objectBase(rt, *sel) == n.addr)
            dl->AddCircle(c, r + 3, pal.selection.abgr(), 0, 2.5f);
        dl->AddText(ImVec2(c.x + r + 3, c.y - ImGui::GetFontSize() / 2),
                    ImGui::GetColorU32(ImGuiCol_TextDisabled),
                    n.label.c_str() + 8); // the low digits of 0xc000xxxxxx
        const float dx = mouse.x - c.x, dy = mouse.y - c.y;
        if (ImGui::IsItemHovered() && dx * dx + dy * dy <= r * r) {
            std::string barriers;
            for (const ShadeMark& m : marks)
                if (m.object == n.addr)
                    barriers += std::string("\nwrite barrier (") + shadeRoleName(m.role) +
                                "): " + describeShade(rt.recentShades.at(m.barrier));
            ImGui::SetTooltip("%s (%s): %s, %u pointers from a root%s\nclick: select", n.label.c_str(),
                              rt.types[rt.objectType(n.addr)].name.c_str(), colorName(colour), n.depth,
                              barriers.c_str());
            if (ImGui::IsMouseReleased(ImGuiMouseButton_Left))
                heapMap_.select(n.addr);
        }
    }
    ImGui::EndChild();
}

} // namespace gclab::render
