// Property tests for the collector: random mutator programs on random schedules, for every write
// barrier mode. With a correct barrier the oracle (checkmark at every mark termination, and a
// dangling-pointer check when sweeping completes) must never fire; with the barrier off it must
// catch lost objects. GCLAB_PROPERTY_RUNS sets the number of programs per mode (default sized for CI).
#include "test_config.h"

#include "sim/rng.h"
#include "sim/runtime.h"

#include "scenarios/scenario.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

namespace gclab {
namespace {

using namespace ops;

constexpr std::uint32_t numLocals = 6;
constexpr std::uint32_t numGlobals = 4;
constexpr std::uint32_t numFields = 3;

std::uint64_t runsPerMode() {
    const char* env = std::getenv("GCLAB_PROPERTY_RUNS");
    return env != nullptr ? std::strtoull(env, nullptr, 10) : 400;
}

std::uint32_t anyLocal(Rng& rng) { return static_cast<std::uint32_t>(rng.below(numLocals)); }

Op guarded(Op op) {
    op.n = guardNil;
    return op;
}

// randomProgram mixes single operations with the two classic ways to hide an object from a
// collector: behind an object that was already scanned, and on a stack that was already scanned.
Program randomProgram(Rng& rng, TypeId obj, std::uint32_t global) {
    // First build a list big enough that marking it outlasts a mark assist (64 KiB of scan work),
    // publish it in a global, then run the random body.
    Program p{"random",
              {frame(numLocals), loop(500 + rng.below(3000)), newobj(0, obj), store(0, 0, 1), move(1, 0),
               endloop(), gstore(global, 1), move(2, 1), guarded(load(3, 2, 0)), guarded(load(4, 3, 0)),
               guarded(load(5, 4, 0)), clear(0), loop(1 + rng.below(30))}};
    std::uint64_t n = 5 + rng.below(40);
    for (std::uint64_t i = 0; i < n; i++) {
        std::uint32_t a = anyLocal(rng), b = anyLocal(rng), c = anyLocal(rng);
        auto f = static_cast<std::uint32_t>(rng.below(numFields));
        auto g = static_cast<std::uint32_t>(rng.below(numFields));
        switch (rng.below(14)) {
        case 0:
            // Allocation is rare: every allocation during marking pays an assist, which on a heap
            // this small finishes the mark at once and leaves no window for a race.
            p.ops.push_back(rng.chance(1, 4) ? newobj(a, obj) : guarded(load(a, b, 0)));
            break;
        case 1:
        case 2:
            p.ops.push_back(guarded(load(a, a, f)));
            break;
        case 3:
        case 4:
            p.ops.push_back(guarded(load(a, b, f)));
            break;
        case 5:
        case 6:
            p.ops.push_back(guarded(store(a, f, rng.chance(1, 4) ? nilLocal : b)));
            break;
        case 7:
            p.ops.push_back(rng.chance(1, 2) ? gload(a, static_cast<std::uint32_t>(rng.below(numGlobals)))
                                             : gstore(static_cast<std::uint32_t>(rng.below(numGlobals)), a));
            break;
        case 8:
            p.ops.push_back(rng.chance(1, 2) ? move(a, b) : clear(a));
            break;
        case 9:
            p.ops.push_back(yield());
            break;
        case 10:
            if (rng.chance(1, 8))
                p.ops.push_back(gc());
            break;
        case 11:
        case 12:
            // Hide behind a black object: t = x.f; y.g = t; x.f = nil; t = nil.
            p.ops.insert(p.ops.end(), {guarded(load(c, a, f)), guarded(store(b, g, c)),
                                       guarded(store(a, f, nilLocal)), clear(c)});
            break;
        default:
            // Hide on the stack: t = x.f; x.f = nil; (other work); y.g = t.
            p.ops.insert(p.ops.end(), {guarded(load(c, a, f)), guarded(store(a, f, nilLocal)),
                                       guarded(load(a, b, g)), guarded(store(b, g, c))});
            break;
        }
    }
    p.ops.push_back(endloop());
    return p;
}

struct Outcome {
    bool violation = false;
    std::uint32_t cycles = 0;
};

Outcome runRandom(std::uint64_t seed, BarrierMode mode) {
    Rng rng(seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(mode));
    RuntimeConfig cfg = test::testConfig(static_cast<std::uint32_t>(1 + rng.below(3)));
    cfg.validate = rng.chance(1, 8); // structural validation on a share of the runs keeps CI fast
    cfg.barrier = mode;
    cfg.seed = seed;
    const std::int32_t gogcChoices[] = {1, 2, 10, 50};
    cfg.gogc = gogcChoices[rng.below(4)];
    cfg.sliceOps = static_cast<std::uint32_t>(1 + rng.below(20));
    cfg.jitterNs = static_cast<std::uint32_t>(rng.below(40));
    Runtime rt(cfg);
    TypeId obj = rt.types.define("Obj", 8 * numFields, {0, 1, 2});
    rt.addGlobals(numGlobals);
    auto goroutines = 1 + rng.below(4);
    for (std::uint64_t i = 0; i < goroutines; i++)
        rt.newproc(rt.addProgram(randomProgram(rng, obj, static_cast<std::uint32_t>(i % numGlobals))));
    // A goroutine that keeps calling runtime.GC(), so that marking overlaps the mutators.
    rt.newproc(rt.addProgram(Program{"collector", {loop(1 + rng.below(6)), gc(), endloop()}}));
    Outcome out;
    try {
        rt.runUntilDone(5'000'000);
        rt.validate();
    } catch (const OracleViolation&) {
        out.violation = true;
    }
    out.cycles = rt.work.numgc;
    return out;
}

class EveryCorrectBarrier : public ::testing::TestWithParam<BarrierMode> {};

TEST_P(EveryCorrectBarrier, NeverLosesAReachableObject) {
    std::uint64_t runs = runsPerMode();
    std::uint64_t cycles = 0;
    for (std::uint64_t seed = 1; seed <= runs; seed++) {
        Outcome o = runRandom(seed, GetParam());
        ASSERT_FALSE(o.violation) << "seed " << seed << " barrier " << barrierModeName(GetParam());
        cycles += o.cycles;
    }
    std::cout << "[ property ] " << barrierModeName(GetParam()) << ": " << runs << " programs, " << cycles
              << " GC cycles, 0 violations\n";
    EXPECT_GT(cycles, runs) << "the programs must actually run collections";
}

INSTANTIATE_TEST_SUITE_P(Modes, EveryCorrectBarrier,
                         ::testing::Values(BarrierMode::hybrid, BarrierMode::hybridConceptual,
                                           BarrierMode::dijkstra, BarrierMode::yuasa),
                         [](const auto& paramInfo) {
                             std::string n(barrierModeName(paramInfo.param));
                             std::erase(n, '-');
                             return n;
                         });

TEST(BarrierOff, OracleCatchesLostObjectsInRandomPrograms) {
    std::uint64_t runs = runsPerMode();
    std::uint64_t caught = 0;
    for (std::uint64_t seed = 1; seed <= runs; seed++)
        caught += runRandom(seed, BarrierMode::off).violation ? 1 : 0;
    std::cout << "[ property ] off, random programs: oracle fired in " << caught << " of " << runs
              << " runs\n";
    EXPECT_GT(caught, 0u) << "the checker never fired: either the oracle or the programs are broken";
}

TEST(BarrierOff, OracleCatchesTheClassicInterleaving) {
    const Scenario* sc = findScenario("missing-write-barrier");
    ASSERT_NE(sc, nullptr);
    std::uint64_t runs = 40, caught = 0;
    for (std::uint64_t seed = 1; seed <= runs; seed++) {
        // Odd seeds: the scenario's own schedule (one P, no jitter), where the contract is that the
        // oracle always fires. Even seeds: two Ps and jittered costs, where the race may or may not
        // be lost; only the rate is reported.
        bool contract = seed % 2 == 1;
        RuntimeConfig cfg = test::testConfig(contract ? 1 : 2);
        cfg.validate = false;
        cfg.barrier = BarrierMode::off;
        cfg.seed = seed;
        cfg.jitterNs = contract ? 0 : static_cast<std::uint32_t>(seed % 7);
        Runtime rt(cfg);
        sc->build(rt, sc->defaults());
        bool fired = false;
        try {
            rt.runUntilDone(10'000'000);
        } catch (const OracleViolation& v) {
            fired = true;
            EXPECT_NE(std::string(v.what()).find("already black"), std::string::npos) << v.what();
        }
        caught += fired ? 1 : 0;
        if (contract) {
            EXPECT_TRUE(fired) << "seed " << seed;
        }
    }
    std::cout << "[ property ] off, classic interleaving: oracle fired in " << caught << " of " << runs
              << " runs\n";
}

TEST(BarrierModes, ClassicScenarioIsSafeWithEveryCorrectBarrier) {
    const Scenario* sc = findScenario("missing-write-barrier");
    for (BarrierMode m :
         {BarrierMode::hybrid, BarrierMode::hybridConceptual, BarrierMode::dijkstra, BarrierMode::yuasa}) {
        for (std::uint32_t procs : {1u, 2u}) {
            RuntimeConfig cfg = test::testConfig(procs);
            cfg.barrier = m;
            Runtime rt(cfg);
            sc->build(rt, sc->defaults());
            EXPECT_NO_THROW(rt.runUntilDone(10'000'000)) << barrierModeName(m) << " GOMAXPROCS=" << procs;
            EXPECT_EQ(rt.work.numgc, 1u);
        }
    }
}

} // namespace
} // namespace gclab
