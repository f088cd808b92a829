// Conformance: the scavenger against real Go 1.19. A spike of 64 KiB Blocks is dropped, collected and
// released with debug.FreeOSMemory (Go) / GC + sweep + scavengeAll (the model), GOGC=off, GOMAXPROCS=1.
//
// What must agree: the released bytes, within Go's start-up heap (one 4 MiB chunk the model does not
// have: Go's runtime allocates before main, and that chunk is released too) plus 1 %; after
// FreeOSMemory almost every idle byte is released in both (Go: all but at most 64 KiB, the model: all);
// and every scavtrace line Go prints has the exact format of the model's lines (the same regex).
#include "go_runner.h"

#include "sim/mstats.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <sstream>

namespace gclab {
namespace {

const std::regex
    scavtraceLine(R"(scav \d+ KiB work, \d+ KiB total, \d+% util( \(forced\)| \[controller reset\])?)");
const std::regex forcedLine(R"(scav (\d+) KiB work, (\d+) KiB total, \d+% util \(forced\))");

struct ModelResult {
    MemStats before, after;
    std::string trace;
};

ModelResult runModel(int spikeMiB) {
    RuntimeConfig cfg;
    cfg.gogc = -1;
    cfg.godebug.scavtrace = true;
    Runtime rt(cfg);
    TypeId block = rt.types.define("Block", 64 << 10, {0});
    uintptr list = 0;
    for (int i = 0; i < spikeMiB * 16; i++) {
        uintptr b = rt.newobject(block, 0);
        rt.writePointer(PtrSlot::heap(b, 0), list);
        list = b;
    }
    // The list was never rooted: runtime.GC() collects all of it; then sweeping finishes.
    rt.gcForce();
    rt.runUntilDone(~std::uint64_t{0});
    while (rt.sweepone() != ~uintptr{0}) {
    }
    rt.flushallmcaches();
    ModelResult r;
    r.before = readMemStats(rt);
    rt.scavengeAll();
    r.after = readMemStats(rt);
    r.trace = rt.debugOut;
    return r;
}

TEST(ScavengeConformance, FreeOSMemoryReleasesTheDroppedSpikeAsGoDoes) {
    constexpr int spikeMiB = 64;
    setenv("GODEBUG", "scavtrace=1", 1);
    auto lines = conformance::runProbe(GCLAB_GO_SCAVENGE, std::to_string(spikeMiB) + " 2>&1");
    unsetenv("GODEBUG");
    auto go = conformance::keyValues(lines);
    ASSERT_TRUE(go.count("HeapReleased")) << "probe printed no HeapReleased";
    auto num = [&](const char* k) { return std::stoull(go.at(k)); };

    ModelResult m = runModel(spikeMiB);
    const std::uint64_t startupChunk = 4 << 20;
    const double tolerance = static_cast<double>(startupChunk) + 0.01 * (spikeMiB << 20);
    EXPECT_NEAR(static_cast<double>(m.after.HeapReleased), static_cast<double>(num("HeapReleased")),
                tolerance);
    EXPECT_LE(num("HeapIdle") - num("HeapReleased"), 64u << 10);
    EXPECT_EQ(m.after.HeapIdle, m.after.HeapReleased);
    // Before FreeOSMemory both have the spike idle and mostly not yet released.
    EXPECT_NEAR(static_cast<double>(m.before.HeapIdle), static_cast<double>(num("BeforeHeapIdle")),
                tolerance);

    // Go's scavtrace lines have the model's format; the forced lines agree on the work within tolerance.
    std::uint64_t goForcedKiB = 0;
    int goLines = 0;
    for (const std::string& l : lines) {
        if (l.rfind("scav ", 0) != 0)
            continue;
        goLines++;
        EXPECT_TRUE(std::regex_match(l, scavtraceLine)) << l;
        std::smatch f;
        if (std::regex_match(l, f, forcedLine))
            goForcedKiB = std::stoull(f[1].str());
    }
    EXPECT_GE(goLines, 1);
    std::istringstream modelLines(m.trace);
    std::string l;
    std::uint64_t modelForcedKiB = 0;
    while (std::getline(modelLines, l)) {
        EXPECT_TRUE(std::regex_match(l, scavtraceLine)) << l;
        std::smatch f;
        if (std::regex_match(l, f, forcedLine))
            modelForcedKiB = std::stoull(f[1].str());
    }
    EXPECT_NEAR(static_cast<double>(modelForcedKiB), static_cast<double>(goForcedKiB), tolerance / 1024);
}

} // namespace
} // namespace gclab
