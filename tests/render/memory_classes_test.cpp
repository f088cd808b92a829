// Tests for render/memory_classes.h: the statistics view's memory bar is Go's /memory/classes, grouped.
#include "tests/sim/test_config.h"

#include "sim/mstats.h"
#include "sim/runtime.h"

#include "render/memory_classes.h"
#include "render/palette.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>

namespace gclab::render {
namespace {

// Go 1.19's metrics.go: heap/objects = HeapAlloc, heap/unused = HeapInuse - HeapAlloc, heap/free =
// HeapIdle - HeapReleased, heap/released = HeapReleased, heap/stacks + os-stacks = StackSys,
// metadata/mspan/* + metadata/mcache/* = MSpanSys + MCacheSys, metadata/other = GCSys, other +
// profiling/buckets = OtherSys + BuckHashSys; together total:bytes = Sys. Checked on real runs, where every
// field moves: a steady-state run with a binding limit (the scavenger releases) at several ticks.
TEST(MemoryClasses, AreGoClassesAndAddUpToSys) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.validate = false;
    cfg.checkmark = false;
    cfg.memoryLimit = 16 << 20;
    Runtime rt(cfg);
    test::buildScenario(rt, "steady-state", {{"live_bytes", 2 << 20}, {"iterations", 20'000}});
    int checked = 0;
    bool sawReleased = false, sawUnused = false;
    while (rt.step()) {
        if (rt.tick % 5000 != 0)
            continue;
        const MemStats m = readMemStats(rt);
        const auto classes = memoryClasses(m);
        const std::uint64_t sum =
            std::accumulate(classes.begin(), classes.end(), std::uint64_t{0},
                            [](std::uint64_t s, const MemoryClass& c) { return s + c.bytes; });
        ASSERT_EQ(sum, m.Sys) << "tick " << rt.tick;
        EXPECT_EQ(classes[0].bytes, m.HeapAlloc);
        EXPECT_EQ(classes[1].bytes, m.HeapInuse - m.HeapAlloc);
        EXPECT_EQ(classes[2].bytes, m.HeapIdle - m.HeapReleased);
        EXPECT_EQ(classes[3].bytes, m.StackSys);
        EXPECT_EQ(classes[4].bytes, m.MSpanSys + m.MCacheSys);
        EXPECT_EQ(classes[5].bytes, m.GCSys);
        EXPECT_EQ(classes[6].bytes, m.OtherSys + m.BuckHashSys);
        EXPECT_EQ(classes[7].bytes, m.HeapReleased);
        // What the limit counts: every class but the released heap.
        std::uint64_t limited = 0;
        for (const MemoryClass& c : classes)
            limited += c.limited ? c.bytes : 0;
        EXPECT_EQ(limited, m.Sys - m.HeapReleased);
        sawReleased |= m.HeapReleased > 0;
        sawUnused |= m.HeapInuse > m.HeapAlloc;
        checked++;
    }
    EXPECT_GT(checked, 10);
    EXPECT_TRUE(sawReleased);
    EXPECT_TRUE(sawUnused);
}

// The bar is read back from screenshots by colour: its eight colours must differ clearly in both palettes.
TEST(MemoryClasses, ColoursAreMutuallyDistinct) {
    for (PaletteKind kind : {PaletteKind::standard, PaletteKind::colourBlindSafe}) {
        const Palette& p = palette(kind);
        for (std::size_t i = 0; i < p.memoryClass.size(); i++)
            for (std::size_t j = i + 1; j < p.memoryClass.size(); j++)
                EXPECT_GE(distance(p.memoryClass[i], p.memoryClass[j]), 40) << i << " vs " << j;
    }
}

} // namespace
} // namespace gclab::render
