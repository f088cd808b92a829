// Tests for render/object_graph.h: depths are breadth-first distances from the roots, every edge is a
// real pointer, and the neighbourhood of a selection holds its whole chain from a root.
#include "sim/visit.h"

#include "render/object_graph.h"
#include "render/scenario_source.h"
#include "render/why_alive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace gclab::render {
namespace {

Runtime run(const char* name, std::uint64_t ticks) {
    LoadedScenario sc = loadScenario(name);
    return runScenario(sc, sc.scenario.defaults(), ticks);
}

TEST(ObjectGraph, DepthsAreDistancesFromRootsAndEdgesArePointers) {
    Runtime rt = run("binary-trees", 3000);
    ObjectGraph g = buildObjectGraph(rt, std::nullopt, 100000);
    ASSERT_FALSE(g.truncated);
    std::map<uintptr, std::uint32_t> depth;
    for (const GraphNode& n : g.nodes)
        if (!n.root)
            depth[n.addr] = n.depth;
    EXPECT_EQ(depth.size(), g.reachable);
    ASSERT_GT(g.reachable, 10u);
    for (const GraphEdge& e : g.edges) {
        const GraphNode &a = g.nodes[e.from], &b = g.nodes[e.to];
        EXPECT_FALSE(b.root);
        if (a.root) {
            EXPECT_EQ(b.depth, 1u);
            continue;
        }
        auto targets = pointerTargets(rt, a.addr);
        EXPECT_NE(std::find(targets.begin(), targets.end(), b.addr), targets.end());
        EXPECT_LE(b.depth, a.depth + 1);
    }
    // whyAlive's shortest chain has exactly depth pointers.
    for (const auto& [addr, d] : depth) {
        auto path = whyAlive(rt, addr);
        ASSERT_TRUE(path);
        EXPECT_EQ(path->size(), d);
    }
}

TEST(ObjectGraph, BigHeapsShowTheNeighbourhoodOfTheSelection) {
    Runtime rt = run("binary-trees", 3000);
    ObjectGraph all = buildObjectGraph(rt, std::nullopt, 100000);
    const GraphNode* deepest = nullptr;
    for (const GraphNode& n : all.nodes)
        if (!n.root && (deepest == nullptr || n.depth > deepest->depth))
            deepest = &n;
    ASSERT_NE(deepest, nullptr);
    ObjectGraph g = buildObjectGraph(rt, deepest->addr, 10);
    auto path = whyAlive(rt, deepest->addr);
    ASSERT_TRUE(path);
    for (const PathStep& s : *path)
        EXPECT_TRUE(std::any_of(g.nodes.begin(), g.nodes.end(),
                                [&](const GraphNode& n) { return n.addr == s.target; }));
    EXPECT_LT(g.nodes.size(), all.nodes.size());
    ObjectGraph capped = buildObjectGraph(rt, std::nullopt, 10);
    EXPECT_TRUE(capped.truncated);
    EXPECT_EQ(
        std::count_if(capped.nodes.begin(), capped.nodes.end(), [](const GraphNode& n) { return !n.root; }),
        10);
}

// foldedOut / foldedIn count, per drawn object, the distinct objects it points to and the reachable
// objects pointing to it that the graph leaves out; the oracle reads every reachable object's pointers.
void expectFoldedCounts(const Runtime& rt, const ObjectGraph& g) {
    const ObjectGraph all = buildObjectGraph(rt, std::nullopt, 1000000);
    std::set<uintptr> shown;
    for (const GraphNode& n : g.nodes)
        if (!n.root)
            shown.insert(n.addr);
    std::map<uintptr, std::set<uintptr>> out, in;
    for (const GraphNode& n : all.nodes)
        if (!n.root)
            for (uintptr c : pointerTargets(rt, n.addr)) {
                out[n.addr].insert(c);
                in[c].insert(n.addr);
            }
    auto hidden = [&](const std::set<uintptr>& s) {
        return static_cast<std::size_t>(
            std::count_if(s.begin(), s.end(), [&](uintptr x) { return !shown.contains(x); }));
    };
    for (const GraphNode& n : g.nodes) {
        if (n.root)
            continue;
        EXPECT_EQ(n.foldedOut, hidden(out[n.addr])) << n.label;
        EXPECT_EQ(n.foldedIn, hidden(in[n.addr])) << n.label;
    }
}

TEST(ObjectGraph, FoldedCountsAreTheHiddenNeighbours) {
    Runtime rt = run("binary-trees", 3000);
    ObjectGraph whole = buildObjectGraph(rt, std::nullopt, 100000);
    ASSERT_FALSE(whole.truncated);
    for (const GraphNode& n : whole.nodes) {
        EXPECT_EQ(n.foldedOut, 0u);
        EXPECT_EQ(n.foldedIn, 0u);
    }
    ObjectGraph capped = buildObjectGraph(rt, std::nullopt, 10);
    expectFoldedCounts(rt, capped);
    // The last objects kept breadth-first point to objects beyond the cap.
    EXPECT_TRUE(std::any_of(capped.nodes.begin(), capped.nodes.end(),
                            [](const GraphNode& n) { return n.foldedOut > 0; }));
    const GraphNode* deepest = nullptr;
    for (const GraphNode& n : whole.nodes)
        if (!n.root && (deepest == nullptr || n.depth > deepest->depth))
            deepest = &n;
    ASSERT_NE(deepest, nullptr);
    ObjectGraph focused = buildObjectGraph(rt, deepest->addr, 10);
    expectFoldedCounts(rt, focused);
    // The chain to the selection hides its siblings: some node folds what it points to.
    EXPECT_TRUE(std::any_of(focused.nodes.begin(), focused.nodes.end(),
                            [](const GraphNode& n) { return n.foldedOut > 0; }));
}

} // namespace
} // namespace gclab::render
