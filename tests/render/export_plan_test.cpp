// Tests for render/export_plan.h: export file names, the ticks of a GIF export, the view under the mouse.
#include "sim/rng.h"

#include "render/export_plan.h"

#include <gtest/gtest.h>

namespace gclab::render {
namespace {

LoadedScenario named(const std::string& name) {
    LoadedScenario sc;
    sc.scenario.name = name;
    return sc;
}

TEST(ExportPlan, NamesArePredictableAndSafe) {
    EXPECT_EQ(screenshotName(named("steady-state"), 1234), "gclab-steady-state-1234.png");
    EXPECT_EQ(screenshotName(named("steady-state"), 7, "heap"), "gclab-steady-state-7-heap.png");
    EXPECT_EQ(exportName(named("../a b/c.toml")), "---a-b-c-toml");
    EXPECT_EQ(exportName(named("")), "scenario");
}

// Property over random ranges: the ticks start at from, step by every, never pass to, and stop less than
// every before it; invalid ranges give nothing.
TEST(ExportPlan, ExportTicksCoverTheRange) {
    Rng rng(5);
    for (int i = 0; i < 5000; i++) {
        const std::uint64_t from = rng.below(100000), to = from + rng.below(50000),
                            every = 1 + rng.below(300);
        const std::vector<std::uint64_t> t = exportTicks(from, to, every);
        const std::uint64_t frames = (to - from) / every + 1;
        if (frames > static_cast<std::uint64_t>(maxExportFrames)) {
            EXPECT_TRUE(t.empty());
            continue;
        }
        ASSERT_EQ(t.size(), frames);
        EXPECT_EQ(t.front(), from);
        for (std::size_t k = 1; k < t.size(); k++)
            EXPECT_EQ(t[k] - t[k - 1], every);
        EXPECT_LE(t.back(), to);
        EXPECT_LT(to - t.back(), every);
    }
    EXPECT_TRUE(exportTicks(10, 9, 1).empty());
    EXPECT_TRUE(exportTicks(0, 10, 0).empty());
    EXPECT_EQ(exportTicks(5, 5, 1), std::vector<std::uint64_t>{5});
    EXPECT_EQ(exportTicks(~std::uint64_t{0} - 1, ~std::uint64_t{0}, 7),
              std::vector<std::uint64_t>{~std::uint64_t{0} - 1});
}

TEST(ExportPlan, ViewUnderTheMouse) {
    const WindowLayout l = computeWindowLayout(1280, 800, 16, ViewSelection::all);
    Rng rng(9);
    for (int i = 0; i < 2000; i++) {
        const double x = static_cast<double>(rng.below(1280)), y = static_cast<double>(rng.below(800));
        std::optional<ViewArea> a = viewUnder(l, {}, x, y);
        ASSERT_TRUE(a) << x << "," << y; // the views tile the window
        EXPECT_TRUE(a->rect.contains(x, y));
        const Rect& expected = a->name == "controls"   ? l.controls
                               : a->name == "heap"     ? l.heapMap
                               : a->name == "timeline" ? l.timeline
                                                       : l.side;
        EXPECT_EQ(a->rect, expected);
    }
    EXPECT_FALSE(viewUnder(l, {}, -1, 10));
    EXPECT_FALSE(viewUnder(l, {}, 1280, 10));
    const WindowLayout heapOnly = computeWindowLayout(1280, 800, 16, ViewSelection::heap);
    EXPECT_EQ(viewUnder(heapOnly, {}, 600, 500)->name, "heap");
}

// A tab the side panel drew wins over the side panel around it; outside the tab the side panel is
// exported, and a tab drawn elsewhere does not change the other views.
TEST(ExportPlan, ViewUnderPrefersTheShownTab) {
    const WindowLayout l = computeWindowLayout(1280, 800, 16, ViewSelection::all);
    const Rect tab{l.side.x0 + 4, l.side.y0 + l.side.height() / 2, l.side.x1 - 4, l.side.y1 - 4};
    const std::vector<ViewArea> tabs{ViewArea{"graph", tab}};
    Rng rng(11);
    for (int i = 0; i < 2000; i++) {
        const double x = static_cast<double>(rng.below(1280)), y = static_cast<double>(rng.below(800));
        const std::optional<ViewArea> a = viewUnder(l, tabs, x, y);
        ASSERT_TRUE(a);
        EXPECT_EQ(a->name, tab.contains(x, y) ? "graph" : viewUnder(l, {}, x, y)->name) << x << "," << y;
        if (tab.contains(x, y)) {
            EXPECT_EQ(a->rect, tab);
        }
    }
}

TEST(ExportPlan, FrameFileNamesSortInFrameOrder) {
    EXPECT_EQ(frameFileName(0), "frame-00000.png");
    EXPECT_EQ(frameFileName(42), "frame-00042.png");
    for (std::size_t i = 1; i < static_cast<std::size_t>(maxExportFrames); i++)
        EXPECT_LT(frameFileName(i - 1), frameFileName(i)) << i;
}

} // namespace
} // namespace gclab::render
