#include "render/object_graph.h"

#include "sim/visit.h"

#include "render/heap_describe.h"
#include "render/why_alive.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace gclab::render {

namespace {

std::string rootLabel(const PtrSlot& slot) {
    if (slot.kind == PtrSlot::Kind::global)
        return "global[" + std::to_string(slot.index) + "]";
    return "g" + std::to_string(slot.goid) + " stack[" + std::to_string(slot.index) + "]";
}

} // namespace

ObjectGraph buildObjectGraph(const Runtime& rt, std::optional<uintptr> focus, std::size_t maxNodes) {
    // Roots, and the breadth-first depth of every reachable object.
    std::vector<std::pair<PtrSlot, uintptr>> roots;
    for (uintptr i = 0; i < rt.globals.size(); i++)
        if (uintptr b = objectBase(rt, rt.globals[i]); b != 0)
            roots.emplace_back(PtrSlot::global(i), b);
    for (const G& g : rt.allgs)
        if (g.status != GStatus::dead)
            for (uintptr i = 0; i < g.stack.size(); i++)
                if (uintptr b = objectBase(rt, g.stack[i]); b != 0)
                    roots.emplace_back(PtrSlot::stack(g.goid, i), b);
    std::map<uintptr, std::uint32_t> depth;
    std::map<uintptr, std::vector<uintptr>> targets; // each reachable object's distinct pointer targets
    std::map<uintptr, std::set<uintptr>> referrers;  // the reachable objects pointing to each one
    std::vector<uintptr> order;                      // breadth-first
    std::deque<uintptr> queue;
    for (const auto& r : roots)
        if (depth.emplace(r.second, 1).second) {
            order.push_back(r.second);
            queue.push_back(r.second);
        }
    while (!queue.empty()) {
        uintptr b = queue.front();
        queue.pop_front();
        std::vector<uintptr>& out = targets[b];
        for (uintptr c : pointerTargets(rt, b)) {
            if (std::find(out.begin(), out.end(), c) == out.end())
                out.push_back(c);
            referrers[c].insert(b);
            if (depth.emplace(c, depth[b] + 1).second) {
                order.push_back(c);
                queue.push_back(c);
            }
        }
    }

    ObjectGraph g;
    g.reachable = order.size();
    std::set<uintptr> shown;
    if (focus && depth.contains(*focus)) {
        // The neighbourhood of the selection: its chain from a root and what it points to.
        if (auto path = whyAlive(rt, *focus))
            for (const PathStep& s : *path)
                shown.insert(s.target);
        for (uintptr c : pointerTargets(rt, *focus))
            shown.insert(c);
    } else {
        for (std::size_t i = 0; i < order.size() && shown.size() < maxNodes; i++)
            shown.insert(order[i]);
    }
    g.truncated = shown.size() < order.size();

    std::map<uintptr, std::size_t> index;
    for (uintptr b : order)
        if (shown.contains(b)) {
            index[b] = g.nodes.size();
            GraphNode n{false, hexAddr(b), b, depth[b]};
            for (uintptr c : targets[b])
                n.foldedOut += shown.contains(c) ? 0 : 1;
            for (uintptr p : referrers[b])
                n.foldedIn += shown.contains(p) ? 0 : 1;
            g.nodes.push_back(n);
        }
    for (const auto& [slot, target] : roots) {
        if (!index.contains(target))
            continue;
        g.nodes.push_back(GraphNode{true, rootLabel(slot), 0, 0});
        g.edges.push_back(GraphEdge{g.nodes.size() - 1, index[target]});
    }
    for (uintptr b : order)
        if (index.contains(b))
            for (uintptr c : targets[b])
                if (index.contains(c))
                    g.edges.push_back(GraphEdge{index[b], index[c]});
    return g;
}

} // namespace gclab::render
