// Random mutator programs for the collector's property tests: each mixes single operations with the
// two classic ways to hide an object from a collector, on a random schedule and random settings.
#pragma once

#include "test_config.h"

#include "sim/rng.h"
#include "sim/runtime.h"

#include "scenarios/scenario.h"

namespace gclab::test {

using namespace ops;

constexpr std::uint32_t numLocals = 6;
constexpr std::uint32_t numGlobals = 4;
constexpr std::uint32_t numFields = 3;

inline std::uint32_t anyLocal(Rng& rng) { return static_cast<std::uint32_t>(rng.below(numLocals)); }

inline Op guarded(Op op) {
    op.n = guardNil;
    return op;
}

// randomProgram mixes single operations with the two classic ways to hide an object from a
// collector: behind an object that was already scanned, and on a stack that was already scanned.
inline Program randomProgram(Rng& rng, TypeId obj, std::uint32_t global) {
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

// randomRun builds a run of 1-4 random goroutines plus one that keeps calling runtime.GC(), with
// GOMAXPROCS, GOGC, time slices and jitter drawn from the seed. Under Go 1.26 the objects' size is
// drawn too, so that runs cover spans with reserved tails (up to 512 B) and allocation headers.
inline Runtime randomRun(std::uint64_t seed, BarrierMode mode, bool workerStreaks = true,
                         GoVersion version = GoVersion::go1_19) {
    Rng rng(seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(mode));
    RuntimeConfig cfg = test::testConfig(static_cast<std::uint32_t>(1 + rng.below(3)));
    cfg.validate = rng.chance(1, 8); // structural validation on a share of the runs keeps CI fast
    cfg.barrier = mode;
    cfg.seed = seed;
    const std::int32_t gogcChoices[] = {1, 2, 10, 50};
    cfg.gogc = gogcChoices[rng.below(4)];
    cfg.sliceOps = static_cast<std::uint32_t>(1 + rng.below(20));
    cfg.jitterNs = static_cast<std::uint32_t>(rng.below(40));
    cfg.workerStreaks = workerStreaks;
    cfg.goVersion = version;
    uintptr objSize = 8 * numFields;
    if (version == GoVersion::go1_26) {
        const uintptr sizes[] = {8 * numFields, 512, 1024, 4096};
        objSize = sizes[rng.below(4)];
    }
    Runtime rt(cfg);
    TypeId obj = rt.types.define("Obj", objSize, {0, 1, 2});
    rt.addGlobals(numGlobals);
    auto goroutines = 1 + rng.below(4);
    for (std::uint64_t i = 0; i < goroutines; i++)
        rt.newproc(rt.addProgram(randomProgram(rng, obj, static_cast<std::uint32_t>(i % numGlobals))));
    // A goroutine that keeps calling runtime.GC(), so that marking overlaps the mutators.
    rt.newproc(rt.addProgram(Program{"collector", {loop(1 + rng.below(6)), gc(), endloop()}}));
    return rt;
}

} // namespace gclab::test
