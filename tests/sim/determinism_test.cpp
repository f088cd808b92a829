// Determinism: the same scenario, seed and settings give the same event stream and final state;
// a copied Runtime (a snapshot) continues exactly as the original does.
#include "test_config.h"

#include "sim/runtime.h"

#include "scenarios/scenario.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

Runtime freshRun(std::uint64_t seed, std::uint32_t procs, std::uint32_t jitter) {
    RuntimeConfig cfg = test::testConfig(procs);
    cfg.validate = false;
    cfg.seed = seed;
    cfg.jitterNs = jitter;
    Runtime rt(cfg);
    {
        const Scenario* sc = findScenario("missing-write-barrier");
        sc->build(rt, sc->defaults());
    }
    return rt;
}

TEST(Determinism, SameSeedSameEventStreamAndState) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        Runtime a = freshRun(seed, 2, 13);
        Runtime b = freshRun(seed, 2, 13);
        a.runUntilDone(~std::uint64_t{0});
        b.runUntilDone(~std::uint64_t{0});
        EXPECT_EQ(a.eventCount, b.eventCount);
        EXPECT_EQ(a.eventHash.h, b.eventHash.h) << "seed " << seed;
        EXPECT_EQ(a.stateHash(), b.stateHash()) << "seed " << seed;
    }
}

TEST(Determinism, DifferentSeedsGiveDifferentRuns) {
    Runtime a = freshRun(1, 2, 13);
    Runtime b = freshRun(2, 2, 13);
    a.runUntilDone(~std::uint64_t{0});
    b.runUntilDone(~std::uint64_t{0});
    EXPECT_NE(a.eventHash.h, b.eventHash.h);
}

TEST(Determinism, ASnapshotContinuesExactlyLikeTheOriginal) {
    Runtime original = freshRun(7, 2, 5);
    for (std::uint64_t stop : {1000u, 20000u, 35000u}) {
        Runtime run = original;
        run.runUntilDone(stop);
        Runtime snapshot = run; // copy in the middle (possibly mid-GC)
        run.runUntilDone(~std::uint64_t{0});
        snapshot.runUntilDone(~std::uint64_t{0});
        EXPECT_EQ(run.eventHash.h, snapshot.eventHash.h) << "snapshot at step " << stop;
        EXPECT_EQ(run.stateHash(), snapshot.stateHash()) << "snapshot at step " << stop;
    }
}

} // namespace
} // namespace gclab
