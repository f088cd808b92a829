// gclab-gui — the object graph: roots on the left, then the heap objects by their distance from a
// root, with the pointers between them. Built by a breadth-first search from every root (globals and
// goroutine stacks, as markroot scans them), the same search "why is this alive?" uses. For big heaps
// it keeps the first maxNodes objects in breadth-first order, or, around a selected object, the chain
// that keeps it alive and the objects it points to, and counts on each node what it folds away. Pure
// C++: no ImGui.
#pragma once

#include "sim/runtime.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gclab::render {

struct GraphNode {
    bool root = false;
    std::string label;       // roots: "global[3]", "g2 stack[0]"; objects: their address
    uintptr addr = 0;        // objects only
    std::uint32_t depth = 0; // 0 for roots; an object's depth is its distance (in pointers) from a root
    // Folded (objects only): how many distinct objects it points to, and how many reachable objects point
    // to it, that the graph does not show (the view writes "+k" next to the node).
    std::size_t foldedOut = 0, foldedIn = 0;
};

struct GraphEdge {
    std::size_t from = 0, to = 0; // indices into ObjectGraph::nodes
};

struct ObjectGraph {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    std::size_t reachable = 0; // objects reachable from the roots in the whole heap
    bool truncated = false;    // more objects are reachable than the graph shows
};

// buildObjectGraph lays out the reachable heap (see the file comment). focus: a selected object's base.
ObjectGraph buildObjectGraph(const Runtime& rt, std::optional<uintptr> focus, std::size_t maxNodes = 400);

} // namespace gclab::render
