// gclab run --until: TICK, cycle:N and end, checked against stepping a Runtime by hand.
#include "cli_test_util.h"

#include "cli/run_loop.h"
#include "cli/run_setup.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

TEST(Until, ParsesTicksCyclesAndEnd) {
    cli::StopCondition c;
    std::string err;
    ASSERT_TRUE(cli::parseUntil("end", c, err));
    EXPECT_EQ(c.kind, cli::StopCondition::Kind::end);
    ASSERT_TRUE(cli::parseUntil("0", c, err));
    EXPECT_EQ(c.kind, cli::StopCondition::Kind::tick);
    EXPECT_EQ(c.n, 0u);
    ASSERT_TRUE(cli::parseUntil("123456", c, err));
    EXPECT_EQ(c.n, 123456u);
    ASSERT_TRUE(cli::parseUntil("cycle:3", c, err));
    EXPECT_EQ(c.kind, cli::StopCondition::Kind::cycle);
    EXPECT_EQ(c.n, 3u);
    EXPECT_EQ(cli::formatUntil(c), "cycle:3");
    for (const char* bad : {"", "-1", "12x", "cycle:", "cycle:0", "cycle:-2", "cycles:2", "END", "1e6"}) {
        EXPECT_FALSE(cli::parseUntil(bad, c, err)) << bad;
        EXPECT_EQ(err,
                  std::string(
                      "--until: expected a tick (a non-negative integer), cycle:N (N >= 1) or end, got \"") +
                      bad + "\"");
    }
}

// stepByHand builds the same run as options o and steps it until done says stop; returns its hash.
std::string stepByHand(const cli::RunOptions& o, const std::function<bool(const Runtime&)>& done) {
    std::ostringstream err;
    std::optional<cli::RunSetup> setup = cli::prepareRun(o, err);
    std::optional<Runtime> rt = cli::buildStart(*setup, err);
    while (!done(*rt) && rt->step()) {
    }
    return cli::hex64(cli::runHash(*rt)) + " tick " + std::to_string(rt->tick);
}

TEST(Until, StopsAfterTheTickOrTheNthCycle) {
    cli::RunOptions o;
    o.scenario = "steady-state";
    o.params = {"live_bytes=128KiB", "iterations=3000"};
    o.gogc = "5"; // two cycles in this small run
    o.oracle = false;
    o.hash = true;
    for (std::string until : {"1", "777", "cycle:1", "cycle:2"}) {
        SCOPED_TRACE(until);
        o.until = until;
        test::CliResult r = test::run(o);
        ASSERT_EQ(r.code, 0) << r.err;
        std::string expected = stepByHand(o, [&](const Runtime& rt) {
            return until.starts_with("cycle:") ? rt.work.numgc >= std::stoul(until.substr(6))
                                               : rt.tick >= std::stoul(until);
        });
        std::string tick = expected.substr(expected.find(" tick ") + 6);
        EXPECT_EQ(r.lastLine(), expected.substr(0, 16));
        EXPECT_NE(r.out.find("until " + until + ": stopped at tick " + tick + "\n"), std::string::npos)
            << r.out;
    }
}

TEST(Until, ARunThatEndsFirstSaysSo) {
    cli::RunOptions o;
    o.scenario = "tricolor-basics";
    o.until = "cycle:5";
    test::CliResult r = test::run(o);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("until cycle:5: the run ended first, at tick "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" 1 GC cycles (1 forced)"), std::string::npos) << r.out;
}

TEST(Until, ABadValueIsExit2) {
    cli::RunOptions o;
    o.scenario = "tricolor-basics";
    o.until = "cycle:0";
    test::CliResult r = test::run(o);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gclab: --until: expected a tick (a non-negative integer), cycle:N (N >= 1) or end, got "
                     "\"cycle:0\"\n");
    EXPECT_TRUE(r.out.empty());
}

} // namespace
} // namespace gclab
