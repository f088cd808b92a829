// Determinism: the same scenario, seed and settings give the same event stream and final state;
// a copied Runtime (a snapshot) continues exactly as the original does.
#include "random_mutator.h"
#include "test_config.h"

#include "sim/runtime.h"

#include "scenarios/scenario.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace gclab {
namespace {

Runtime freshRun(std::uint64_t seed, std::uint32_t procs, std::uint32_t jitter) {
    RuntimeConfig cfg = test::testConfig(procs);
    cfg.validate = false;
    cfg.seed = seed;
    cfg.jitterNs = jitter;
    Runtime rt(cfg);
    test::buildScenario(rt, "missing-write-barrier");
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

// The scheduler's fast path (worker streaks, in step and in runUntilDone's drain loop) must take
// exactly the steps the full scheduler takes: every built-in scenario, 1-4 Ps, three ways of running.
TEST(Determinism, WorkerStreaksTakeExactlyTheSchedulersSteps) {
    constexpr std::uint64_t maxSteps = 60000;
    for (const Scenario& sc : allScenarios()) {
        for (std::uint32_t procs : {1u, 2u, 4u}) {
            auto make = [&](bool streaks) {
                RuntimeConfig cfg;
                cfg.gomaxprocs = procs;
                cfg.seed = procs;
                cfg.jitterNs = 7;
                cfg.workerStreaks = streaks;
                auto rt = std::make_unique<Runtime>(cfg);
                sc.build(*rt, sc.defaults());
                return rt;
            };
            auto slow = make(false);
            auto stepped = make(true);
            auto drained = make(true);
            for (std::uint64_t i = 0; i < maxSteps && slow->step(); i++)
                stepped->step();
            drained->runUntilDone(maxSteps);
            for (const Runtime* fast : {stepped.get(), drained.get()}) {
                SCOPED_TRACE(sc.name + " P=" + std::to_string(procs));
                EXPECT_EQ(fast->tick, slow->tick);
                EXPECT_EQ(fast->eventCount, slow->eventCount);
                EXPECT_EQ(fast->eventHash.h, slow->eventHash.h);
                EXPECT_EQ(fast->stateHash(), slow->stateHash());
                EXPECT_EQ(fast->now(), slow->now());
            }
        }
    }
}

// The same over random mutator programs (assists parking and being paid, goroutines woken while an
// idle worker marks): the fast path and the full scheduler agree step for step.
TEST(Determinism, WorkerStreaksMatchTheSchedulerOnRandomPrograms) {
    for (std::uint64_t seed = 1; seed <= 60; seed++) {
        // Odd seeds under Go 1.26, where the streak's steps take spans as well as objects (Green Tea).
        const GoVersion v = seed % 2 == 1 ? GoVersion::go1_26 : GoVersion::go1_19;
        Runtime slow = test::randomRun(seed, BarrierMode::hybrid, false, v);
        Runtime fast = test::randomRun(seed, BarrierMode::hybrid, true, v);
        std::uint64_t steps = 0;
        while (steps < 2'000'000 && slow.step())
            steps++;
        fast.runUntilDone(2'000'000);
        SCOPED_TRACE("seed " + std::to_string(seed));
        EXPECT_EQ(fast.tick, slow.tick);
        EXPECT_EQ(fast.eventHash.h, slow.eventHash.h);
        EXPECT_EQ(fast.stateHash(), slow.stateHash());
    }
}

// An idle mark worker pays a parked assist: the goroutine it wakes must end the worker's streak,
// because runP keeps an idle worker only while nothing else can run.
TEST(Determinism, AWokenGoroutineEndsAnIdleWorkersStreak) {
    auto make = [](bool streaks) {
        RuntimeConfig cfg;
        cfg.gomaxprocs = 1;
        cfg.workerStreaks = streaks;
        Runtime rt(cfg);
        test::publishList(rt, 20000);
        rt.newproc(rt.addProgram(Program{"collect", {ops::gc()}}));
        return rt;
    };
    Runtime slow = make(false);
    Runtime fast = make(true);
    // runtime.GC() blocks the only goroutine: P 0 marks with its idle worker.
    while (slow.allp[0].workerMode != MarkWorkerMode::idle) {
        ASSERT_TRUE(slow.step());
        ASSERT_TRUE(fast.step());
    }
    ASSERT_EQ(fast.allp[0].workerMode, MarkWorkerMode::idle);
    fast.step(); // inside the fast run's streak now
    slow.step();
    // A goroutine parks in an assist, owing one byte: the worker's next credit wakes it.
    const std::uint32_t program = slow.addProgram(Program{"owing", {ops::yield()}});
    ASSERT_EQ(program, fast.addProgram(Program{"owing", {ops::yield()}}));
    for (Runtime* rt : {&slow, &fast}) {
        G& g = rt->goroutine(rt->newproc(program));
        rt->runq.pop_back(); // parked, not runnable
        g.status = GStatus::waitingAssist;
        g.gcAssistBytes = -1;
        rt->work.assistQueue.push_back(g.goid);
    }
    bool wokeWhileIdle = false;
    while (slow.step())
        wokeWhileIdle |= slow.allp[0].workerMode == MarkWorkerMode::idle && !slow.runq.empty();
    ASSERT_TRUE(wokeWhileIdle) << "the idle worker's credit did not wake the goroutine";
    fast.runUntilDone(~std::uint64_t{0});
    EXPECT_EQ(fast.tick, slow.tick);
    EXPECT_EQ(fast.eventHash.h, slow.eventHash.h);
    EXPECT_EQ(fast.stateHash(), slow.stateHash());
}

} // namespace
} // namespace gclab
