// The object graph view: roots in the first column, then heap objects by distance from a root, each
// drawn in its tri-colour with its letter (W, G, B) inside; grey objects are the mark wavefront. The
// objects of the latest write barriers are ringed and the pointer each stored is drawn in the barrier
// colour. The objects the current tick's events turned grey (greyobject) have an amber halo, so that
// stepping or playing through a mark phase shows the wavefront moving. "+k" next to a node counts its
// neighbours the graph folds away. A pointer between two objects of one column is an arc left of the
// column. Hovering an object rings it and draws its pointers (in and out) on top in
// the hover colour, and names it; a click selects it (the heap map outlines it and the inspector says why it
// is alive).
#include "sim/visit.h"

#include "render/app.h"
#include "render/barrier_shades.h"
#include "render/heap_describe.h"
#include "render/object_graph.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace gclab::render {

void App::drawGraph() {
    noteViewArea("graph"); // Shift+F12 exports this tab alone
    const Runtime& rt = session_->runtime();
    const std::optional<uintptr>& sel = heapMap_.selected();
    if (graphVersion_ != version_ || graphFocus_ != sel) {
        graphVersion_ = version_;
        graphFocus_ = sel;
        graph_ = buildObjectGraph(rt, sel);
    }
    const ObjectGraph& g = graph_;
    const Palette& pal = palette(settings_.palette);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "%zu objects reachable%s; W/G/B = white/grey/black, grey is the mark wavefront (queued, not yet "
        "scanned), amber halo = greyed this tick; +k = neighbours not drawn",
        g.reachable,
        g.truncated ? (sel ? ", showing the selection's neighbourhood" : ", showing the nearest") : "");
    ImGui::PopStyleColor();
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
    // A margin above the first row keeps its rings (hover: radius + 6) inside the view.
    const float margin = rowH * 0.25f;
    const ImVec2 o(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + margin);
    ImGui::InvisibleButton("graphcanvas",
                           ImVec2(std::max(contentW, 1.0f), std::max(maxRows * rowH + 2 * margin, 1.0f)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = rowH * 0.36f;
    auto centre = [&](std::size_t i) {
        return g.nodes[i].root ? ImVec2(o.x + pos[i].x + colW * 0.85f, o.y + pos[i].y + rowH / 2)
                               : ImVec2(o.x + pos[i].x + r + 2, o.y + pos[i].y + rowH / 2);
    };
    // The object under the mouse, if any.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    std::optional<std::size_t> hovered;
    if (ImGui::IsItemHovered())
        for (std::size_t i = 0; i < g.nodes.size() && !hovered; i++) {
            const ImVec2 c = centre(i);
            const float dx = mouse.x - c.x, dy = mouse.y - c.y;
            if (!g.nodes[i].root && dx * dx + dy * dy <= r * r)
                hovered = i;
        }
    auto touchesHovered = [&](const GraphEdge& e) {
        return hovered && (e.from == *hovered || e.to == *hovered);
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
    // An edge goes from the right of its object to the left of the one it points to; between two objects
    // of one column it is an arc out to the left of the column (at most 3 radii out), from one's left
    // edge to the other's.
    auto edgeLine = [&](const GraphEdge& e, ImU32 colour, float thickness) {
        const ImVec2 a = centre(e.from), b = centre(e.to);
        if (g.nodes[e.from].depth != g.nodes[e.to].depth || g.nodes[e.from].root) {
            dl->AddLine(ImVec2(a.x + r, a.y), ImVec2(b.x - r, b.y), colour, thickness);
            return;
        }
        const float out = std::min(4 * r, 2 * r + std::abs(b.y - a.y) / 4); // the arc's apex: 3/4 of it
        dl->AddBezierCubic(ImVec2(a.x - r, a.y), ImVec2(a.x - r - out, a.y), ImVec2(b.x - r - out, b.y),
                           ImVec2(b.x - r, b.y), colour, thickness);
    };
    for (const GraphEdge& e : g.edges) {
        if (touchesHovered(e))
            continue; // drawn last, on top
        const bool stored = !marks.empty() && barrierEdge(e);
        edgeLine(e, stored ? pal.barrierShade.abgr() : IM_COL32(120, 130, 150, 160), stored ? 2.5f : 1.0f);
    }
    // The objects the events of this tick shown so far turned grey.
    std::set<uintptr> justGreyed;
    const std::vector<Event>& ev = session_->tickEvents();
    for (std::size_t i = 0; i < ev.size() && i < session_->eventsShown(); i++)
        if (ev[i].kind == EventKind::grey)
            justGreyed.insert(objectBase(rt, ev[i].a));
    drawnNodes_.clear();
    const ImVec2 clipMin = dl->GetClipRectMin(), clipMax = dl->GetClipRectMax();
    for (std::size_t i = 0; i < g.nodes.size(); i++) {
        const GraphNode& n = g.nodes[i];
        ImVec2 c = centre(i);
        if (n.root) {
            dl->AddText(ImVec2(o.x + pos[i].x, c.y - ImGui::GetFontSize() / 2),
                        ImGui::GetColorU32(ImGuiCol_Text), n.label.c_str());
            continue;
        }
        const Color colour = static_cast<Color>(rt.objectColor(n.addr));
        if (justGreyed.contains(n.addr))
            dl->AddCircleFilled(c, r + 6, pal.graphWavefront.abgr());
        dl->AddCircleFilled(c, r, pal.object(colour, 0, 0).abgr());
        dl->AddCircle(c, r, IM_COL32(90, 90, 90, 255));
        // The letter sits at whole pixels from the centre's pixel, so every W (G, B) looks the same.
        const char letter[2] = {colorLetter(colour), '\0'};
        const ImVec2 ls = ImGui::CalcTextSize(letter);
        dl->AddText(ImVec2(std::floor(c.x) - std::floor(ls.x / 2), std::floor(c.y) - std::floor(ls.y / 2)),
                    pal.objectLetterColour(colour).abgr(), letter);
        if (c.x - r - 6 >= clipMin.x && c.y - r - 6 >= clipMin.y && c.x + r + 6 <= clipMax.x &&
            c.y + r + 6 <= clipMax.y)
            drawnNodes_.push_back(GraphNodeDrawn{n.addr, c.x, c.y, r}); // wholly in view, rings included
        const bool shaded =
            std::any_of(marks.begin(), marks.end(), [&](const ShadeMark& m) { return m.object == n.addr; });
        if (shaded)
            dl->AddCircle(c, r + 2, pal.barrierShade.abgr(), 0, 3.0f);
        if (sel && objectBase(rt, *sel) == n.addr)
            dl->AddCircle(c, r + 3, pal.selection.abgr(), 0, 2.5f);
        std::string label = n.label.substr(8); // the low digits of 0xc000xxxxxx
        if (n.foldedOut + n.foldedIn > 0)
            label += " +" + std::to_string(n.foldedOut + n.foldedIn);
        dl->AddText(ImVec2(c.x + r + 3, c.y - ImGui::GetFontSize() / 2),
                    ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
        if (hovered != i)
            continue;
        dl->AddCircle(c, r + 5, pal.graphHover.abgr(), 0, 2.0f);
        std::string barriers;
        for (const ShadeMark& m : marks)
            if (m.object == n.addr)
                barriers += std::string("\nwrite barrier (") + shadeRoleName(m.role) +
                            "): " + describeShade(rt.recentShades.at(m.barrier));
        std::string folded;
        if (n.foldedOut + n.foldedIn > 0)
            folded = "\nnot drawn: " + std::to_string(n.foldedOut) + " objects it points to, " +
                     std::to_string(n.foldedIn) + " that point to it";
        ImGui::SetTooltip("%s (%s): %s, %u pointers from a root%s%s\nclick: select", n.label.c_str(),
                          rt.types[rt.objectType(n.addr)].name.c_str(), colorName(colour), n.depth,
                          folded.c_str(), barriers.c_str());
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left))
            heapMap_.select(n.addr);
    }
    for (const GraphEdge& e : g.edges)
        if (touchesHovered(e))
            edgeLine(e, pal.graphHover.abgr(), 2.5f);
    ImGui::EndChild();
}

} // namespace gclab::render
