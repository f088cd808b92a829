// gctrace and gcpacertrace: Go 1.19's exact line format (a regex written from the format, and Go's
// printed examples), and every field agrees with the cycle statistics it comes from.
#include "test_config.h"

#include "sim/gctrace.h"
#include "sim/runtime.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace gclab {
namespace {

// The gctrace line of Go 1.19 (runtime/mgc.go), field by field.
const std::regex gctraceLine(
    R"(gc (\d+) @(\d+\.\d{3})s (\d+)%: )"
    R"((\d+(?:\.\d+)?)\+(\d+(?:\.\d+)?)\+(\d+(?:\.\d+)?) ms clock, )"
    R"((\d+(?:\.\d+)?)\+(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)\+(\d+(?:\.\d+)?) ms cpu, )"
    R"((\d+)->(\d+)->(\d+) MB, (\d+) MB goal, (\d+) MB stacks, (\d+) MB globals, (\d+) P( \(forced\))?\n)");

const std::regex
    pacerStartLine(R"(pacer: assist ratio=[+-]\d\.\d{6}e[+-]\d{3} \(scan \d+ MB in \d+->\d+ MB\) )"
                   R"(workers=\d+\+[+-]\d\.\d{6}e[+-]\d{3}\n)");
const std::regex
    pacerEndLine(R"(pacer: \d+% CPU \(25 exp\.\) for \d+\+\d+\+\d+ B work \(\d+ B exp\.\) )"
                 R"(in \d+ B -> \d+ B \(\xE2\x88\x86goal -?\d+, cons/mark [+-]\d\.\d{6}e[+-]\d{3}\)\n)");

TEST(GCTrace, RegexAcceptsLinesGoPrinted) {
    // Lines Go 1.19.8 printed on this machine (docs: go-runtime-facts.md section 13).
    for (const char* line : {"gc 1 @0.001s 8%: 0.067+0.62+0.005 ms clock, 0.13+0.040/0.28/0.20+0.010 ms cpu, "
                             "3->4->3 MB, 4 MB goal, "
                             "0 MB stacks, 0 MB globals, 2 P\n",
                             "gc 505 @3.010s 1%: 0.062+0.29+0.004 ms clock, 0.12+0/0.11/0.12+0.009 ms cpu, "
                             "0->0->0 MB, 4 MB goal, 0 MB "
                             "stacks, 0 MB globals, 2 P (forced)\n"})
        EXPECT_TRUE(std::regex_match(line, gctraceLine)) << line;
    EXPECT_TRUE(std::regex_match(
        "pacer: assist ratio=+1.189283e+000 (scan 0 MB in 3->4 MB) workers=0++2.500000e-001\n",
        pacerStartLine));
    EXPECT_TRUE(std::regex_match(
        "pacer: 27% CPU (25 exp.) for 107152+7928+224080 B work (224080 B exp.) in 3997696 B "
        "-> 4268032 B (\u2206goal 73728, cons/mark +0.000000e+000)\n",
        pacerEndLine));
}

TEST(GCTrace, MillisecondsFormatLikeFmtNSAsMS) {
    EXPECT_EQ(fmtNSAsMS(0), "0");
    EXPECT_EQ(fmtNSAsMS(999), "0");
    EXPECT_EQ(fmtNSAsMS(5'000), "0.005");
    EXPECT_EQ(fmtNSAsMS(67'400), "0.067");
    EXPECT_EQ(fmtNSAsMS(620'000), "0.62");
    EXPECT_EQ(fmtNSAsMS(1'290'000), "1.2");
    EXPECT_EQ(fmtNSAsMS(9'999'999), "9.9");
    EXPECT_EQ(fmtNSAsMS(10'000'000), "10");
    EXPECT_EQ(fmtNSAsMS(1'234'567'890), "1234");
}

TEST(GCTrace, FloatsFormatLikeGoPrint) {
    EXPECT_EQ(goPrintFloat(0.25), "+2.500000e-001");
    EXPECT_EQ(goPrintFloat(1.189283), "+1.189283e+000");
    EXPECT_EQ(goPrintFloat(1.0 / 12), "+8.333333e-002");
    EXPECT_EQ(goPrintFloat(0), "+0.000000e+000");
    EXPECT_EQ(goPrintFloat(-1234.5), "-1.234500e+003");
}

std::uint64_t field(const std::smatch& m, int i) { return std::stoull(m[i].str()); }

// msOf parses a fmtNSAsMS value back to nanoseconds and says how coarse it is.
double msOf(const std::smatch& m, int i) { return std::stod(m[i].str()) * 1e6; }

void expectNear(double printedNs, std::int64_t ns) {
    // fmtNSAsMS keeps two significant digits (or whole ms, or 1 us resolution): within 10% or 1 us.
    double err = std::max(1000.0, static_cast<double>(ns) * 0.1);
    EXPECT_NEAR(printedNs, static_cast<double>(ns), err);
}

TEST(GCTrace, EveryFieldAgreesWithTheCycleStats) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.godebug.gctrace = true;
    Runtime rt(cfg);
    test::buildScenario(rt, "steady-state", {{"live_bytes", 1 << 20}, {"iterations", 20'000}});
    rt.gcForce();
    rt.runUntilDone(~std::uint64_t{0});
    ASSERT_GE(rt.work.history.size(), 3u);

    std::istringstream lines(rt.debugOut);
    std::string line;
    std::size_t i = 0;
    std::int64_t cpuSoFar = 0;
    while (std::getline(lines, line)) {
        line += "\n";
        std::smatch m;
        ASSERT_TRUE(std::regex_match(line, m, gctraceLine)) << line;
        ASSERT_LT(i, rt.work.history.size());
        const GCCycleStats& c = rt.work.history[i];
        EXPECT_EQ(field(m, 1), c.num);
        EXPECT_EQ(field(m, 1), i + 1);
        EXPECT_EQ(static_cast<std::int64_t>(std::stod(m[2].str()) * 1000 + 0.5),
                  c.tSweepTermStart / 1'000'000);
        cpuSoFar += gcCycleCPU(c);
        int util =
            static_cast<int>(100.0 * static_cast<double>(cpuSoFar) / static_cast<double>(c.tEnd * c.procs));
        EXPECT_EQ(static_cast<int>(field(m, 3)), util);
        expectNear(msOf(m, 4), c.tMarkStart - c.tSweepTermStart);
        expectNear(msOf(m, 5), c.tMarkTermStart - c.tMarkStart);
        expectNear(msOf(m, 6), c.tEnd - c.tMarkTermStart);
        expectNear(msOf(m, 7), (c.tMarkStart - c.tSweepTermStart) * c.procs);
        expectNear(msOf(m, 8), c.assistTime);
        expectNear(msOf(m, 9), c.dedicatedTime + c.fractionalTime);
        expectNear(msOf(m, 10), c.idleTime);
        expectNear(msOf(m, 11), (c.tEnd - c.tMarkTermStart) * c.procs);
        EXPECT_EQ(field(m, 12), c.heap0 >> 20);
        EXPECT_EQ(field(m, 13), c.heap1 >> 20);
        EXPECT_EQ(field(m, 14), c.heap2 >> 20);
        EXPECT_EQ(field(m, 15), c.heapGoal >> 20);
        EXPECT_EQ(field(m, 16), c.stacks >> 20);
        EXPECT_EQ(field(m, 17), c.globals >> 20);
        EXPECT_EQ(field(m, 18), 2u);
        EXPECT_EQ(m[19].matched, c.forced);
        // Phases are ordered and the goal the cycle aimed at covers what it marked.
        EXPECT_LE(c.tSweepTermStart, c.tMarkStart);
        EXPECT_LE(c.tMarkStart, c.tMarkTermStart);
        EXPECT_LE(c.tMarkTermStart, c.tEnd);
        i++;
    }
    EXPECT_EQ(i, rt.work.history.size());
    EXPECT_TRUE(rt.work.history.front().forced);
}

// "MB stacks" is the allocated stack in Go 1.19 (maxStackScan: 2 KiB per goroutine unless it grew)
// and the stack actually scanned in newer releases. Go 1.19.8 here, N goroutines blocked on a channel
// and runtime.GC() with gctrace=1: 2000 print "3 MB stacks", 4000 "7 MB stacks".
TEST(GCTrace, StacksAreTheAllocatedStacksIn119AndTheScannedOnesIn126) {
    for (GoVersion version : {GoVersion::go1_19, GoVersion::go1_26})
        for (auto [goroutines, goMB] : {std::pair{2000, 3u}, std::pair{4000, 7u}}) {
            RuntimeConfig cfg = test::testConfig(2);
            cfg.goVersion = version;
            Runtime rt(cfg);
            // 1000 rounds: the workers are still running when main's runtime.GC() ends.
            test::buildScenario(rt, "many-goroutines", {{"goroutines", goroutines}, {"rounds", 1000}});
            while (rt.work.numgc == 0)
                rt.step();
            const GCCycleStats& c = rt.work.history.front();
            EXPECT_EQ(c.stacks, version == GoVersion::go1_19 ? rt.gcController.maxStackScan
                                                             : rt.gcController.lastStackScan);
            if (version == GoVersion::go1_19)
                EXPECT_EQ(c.stacks >> 20, goMB) << goroutines << " goroutines";
            else
                EXPECT_LT(c.stacks, static_cast<std::uint64_t>(goroutines) * 8 * 4)
                    << "at most a frame of 3 slots each";
        }
}

TEST(GCTrace, PacerTracePrintsAStartLineAndAnEndLinePerCycle) {
    RuntimeConfig cfg = test::testConfig(2);
    cfg.godebug.gcpacertrace = true;
    cfg.godebug.gctrace = true;
    Runtime rt(cfg);
    test::buildScenario(rt, "steady-state", {{"live_bytes", 1 << 20}, {"iterations", 20'000}});
    rt.runUntilDone(~std::uint64_t{0});
    ASSERT_GE(rt.work.history.size(), 3u);
    std::istringstream lines(rt.debugOut);
    std::string line;
    int state = 0; // 0: expect a start line, 1: an end line or the gc line, 2: the gc line
    std::size_t cycles = 0;
    while (std::getline(lines, line)) {
        line += "\n";
        if (state == 0) {
            ASSERT_TRUE(std::regex_match(line, pacerStartLine)) << line;
            EXPECT_NE(line.find("workers=0++2.500000e-001"), std::string::npos) << line; // GOMAXPROCS=2
            state = 1;
        } else if (state == 1 && std::regex_match(line, pacerEndLine)) {
            state = 2;
        } else {
            ASSERT_TRUE(std::regex_match(line, gctraceLine)) << line;
            cycles++;
            state = 0;
        }
    }
    EXPECT_EQ(cycles, rt.work.history.size());
}

} // namespace
} // namespace gclab
