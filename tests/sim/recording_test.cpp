// The timeline: stepping back equals re-running to that tick; commands, forks, keyframe budgets,
// divergence detection.
#include "test_config.h"

#include "sim/recording.h"
#include "sim/rng.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

Runtime scenarioStart(std::uint32_t procs = 2, std::uint64_t seed = 1) {
    RuntimeConfig cfg = test::testConfig(procs);
    cfg.validate = false;
    cfg.jitterNs = 7;
    cfg.seed = seed;
    Runtime rt(cfg);
    test::buildScenario(rt, "missing-write-barrier", {{"leaves", 1500}});
    return rt;
}

struct Fingerprint {
    std::uint64_t tick, state, events;
    friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};
Fingerprint fingerprint(const Runtime& rt) { return {rt.tick, rt.stateHash(), rt.eventHash.h}; }

TEST(Timeline, SeekingBackEqualsRerunningToThatTick) {
    Runtime start = scenarioStart();
    Timeline tl(start, 8 << 20);
    tl.seek(~std::uint64_t{0});
    ASSERT_TRUE(tl.finished());
    std::uint64_t end = tl.frontier();
    ASSERT_GT(end, 10000u);
    Rng rng(3);
    for (int i = 0; i < 25; i++) {
        std::uint64_t t = rng.below(end);
        tl.seek(t);
        Runtime fresh = start;
        fresh.runUntilDone(t);
        ASSERT_EQ(fingerprint(tl.current()), fingerprint(fresh)) << "tick " << t;
    }
    EXPECT_FALSE(tl.divergedAt());
}

TEST(Timeline, SteppingBackByAnyUnitEqualsRerunningOverRandomSeeds) {
    Rng rng(17);
    const StepUnit units[] = {StepUnit::tick, StepUnit::mutatorOp, StepUnit::phase, StepUnit::cycle};
    for (std::uint64_t seed = 1; seed <= 4; seed++) {
        Runtime start = scenarioStart(1 + static_cast<std::uint32_t>(seed % 3), seed);
        Timeline tl(start, 4 << 20);
        tl.seek(rng.below(40000));
        for (int i = 0; i < 12; i++) {
            StepUnit u = units[rng.below(4)];
            if (rng.below(3) == 0)
                tl.stepForward(u);
            else
                tl.stepBack(u);
            Runtime fresh = start;
            fresh.runUntilDone(tl.tick());
            ASSERT_EQ(fingerprint(tl.current()), fingerprint(fresh))
                << "seed " << seed << " tick " << tl.tick() << " unit " << static_cast<int>(u);
        }
        EXPECT_FALSE(tl.divergedAt());
    }
}

TEST(Timeline, StepUnitsStopAtTheirBoundaries) {
    Timeline tl(scenarioStart(1));
    ASSERT_TRUE(tl.stepForward(StepUnit::cycle));
    EXPECT_EQ(tl.current().work.numgc, 1u);
    EXPECT_EQ(tl.current().stw, STWStage::none); // the step that ends the cycle also ends its pause
    std::uint64_t afterCycle = tl.tick();
    ASSERT_TRUE(tl.stepBack(StepUnit::phase));
    EXPECT_LT(tl.tick(), afterCycle);
    EXPECT_EQ(tl.current().work.numgc, 0u); // back inside the cycle, before its last phase change
    ASSERT_TRUE(tl.stepForward(StepUnit::phase));
    EXPECT_EQ(tl.tick(), afterCycle);
    // A mutator-operation step ends right after a user goroutine ran one operation.
    ASSERT_TRUE(tl.stepForward(StepUnit::mutatorOp));
    EXPECT_EQ(tl.current().lastStep, Runtime::StepKind::mutatorOp);
    std::uint64_t t = tl.tick();
    ASSERT_TRUE(tl.stepBack(StepUnit::tick));
    EXPECT_EQ(tl.tick(), t - 1);
}

TEST(Timeline, CommandsReplayAndForksKeepTheOriginal) {
    Timeline original(scenarioStart());
    original.seek(5000);
    Timeline whatIf = original.fork();
    whatIf.command(Command{0, CommandKind::setGOGC, 10});
    whatIf.command(Command{0, CommandKind::forceGC, 0});
    whatIf.seek(~std::uint64_t{0});
    original.seek(~std::uint64_t{0});
    EXPECT_NE(whatIf.current().work.numgc, original.current().work.numgc);
    EXPECT_EQ(original.current().gcController.gcPercent, 100);
    EXPECT_EQ(whatIf.current().gcController.gcPercent, 10);
    // Going back across the commands and forward again reproduces the same run.
    Fingerprint end = fingerprint(whatIf.current());
    whatIf.seek(4000);
    whatIf.seek(~std::uint64_t{0});
    EXPECT_EQ(fingerprint(whatIf.current()), end);
    EXPECT_FALSE(whatIf.divergedAt());
    // A fresh timeline loaded with the fork's commands replays it exactly.
    Timeline replay(scenarioStart());
    replay.load(whatIf.commands(), whatIf.hashSamples());
    replay.seek(~std::uint64_t{0});
    EXPECT_EQ(fingerprint(replay.current()), end);
    EXPECT_FALSE(replay.divergedAt());
}

TEST(Timeline, AHashMismatchIsReportedNotFatal) {
    Timeline recorded(scenarioStart());
    recorded.seek(~std::uint64_t{0});
    auto hashes = recorded.hashSamples();
    ASSERT_GT(hashes.size(), 4u);
    auto it = std::next(hashes.begin(), 3);
    it->second ^= 1;
    Timeline replay(scenarioStart());
    replay.load({}, hashes);
    replay.seek(~std::uint64_t{0});
    ASSERT_TRUE(replay.divergedAt());
    EXPECT_EQ(*replay.divergedAt(), it->first);
    EXPECT_TRUE(replay.finished());
}

TEST(Timeline, KeyframesStayWithinTheBudget) {
    Runtime start = scenarioStart();
    std::size_t budget = 4 * start.approxBytes() + (1 << 20);
    Timeline tl(start, budget);
    tl.seek(~std::uint64_t{0});
    EXPECT_LE(tl.keyframeBytes(), budget + tl.current().approxBytes());
    EXPECT_GE(tl.keyframeCount(), 2u);
    std::uint64_t mid = tl.frontier() / 2;
    tl.seek(mid);
    Runtime fresh = start;
    fresh.runUntilDone(mid);
    EXPECT_EQ(fingerprint(tl.current()), fingerprint(fresh));
}

// Copies share span records until one side changes them: neither may ever see the other's changes.
TEST(Timeline, CopiesNeverSeeEachOthersChanges) {
    Runtime original = scenarioStart();
    original.runUntilDone(3000);
    for (std::uint64_t gap : {1u, 500u, 20000u}) {
        Runtime copy = original;
        const Fingerprint before = fingerprint(original);
        copy.runUntilDone(gap); // the copy changes records it shares with the original
        EXPECT_EQ(fingerprint(original), before) << "gap " << gap;
        Runtime second = copy; // and a copy of a copy, then the original moves on
        const Fingerprint copied = fingerprint(copy);
        original.runUntilDone(gap);
        EXPECT_EQ(fingerprint(copy), copied);
        EXPECT_EQ(fingerprint(second), copied);
        second.runUntilDone(~std::uint64_t{0});
        copy.runUntilDone(~std::uint64_t{0});
        EXPECT_EQ(fingerprint(second), fingerprint(copy));
    }
}

// A large heap that barely changes costs one copy, not one per keyframe.
TEST(Timeline, KeyframesShareTheSpansThatDidNotChange) {
    RuntimeConfig cfg = test::testConfig(1);
    cfg.validate = false;
    cfg.gogc = -1;
    Runtime start(cfg);
    test::publishList(start, 100000);
    using namespace ops;
    start.newproc(start.addProgram(Program{"idle", {loop(60000), yield(), endloop()}}));
    Timeline tl(start);
    tl.seek(50000);
    const std::size_t one = tl.current().approxBytes();
    ASSERT_GE(tl.keyframeCount(), 10u);
    EXPECT_LT(tl.keyframeBytes(), 2 * one) << tl.keyframeCount() << " keyframes of " << one << " bytes";
}

} // namespace
} // namespace gclab
