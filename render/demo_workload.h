// gclab-gui — the built-in demonstration workload, until scenarios exist (they arrive with their issue).
//
// A deterministic program for GOMAXPROCS=2: each step is exactly one allocation, drawn with the model's
// seeded Rng from a fixed mix — tiny noscan values, small structs with pointers, byte slices, pointer
// arrays, medium buffers up to 32 KiB and the occasional large object — on P0 or P1. Some results are
// stored into globals or linked from the previous object, so that a later collector has a live graph
// to keep. The same seed gives the same heap on every machine; tests rebuild it to know what a
// screenshot must show.
#pragma once

#include "sim/rng.h"
#include "sim/runtime.h"

#include <cstdint>
#include <string>

namespace gclab::render {

// DemoStep describes one allocation, for the control bar.
struct DemoStep {
    std::uint64_t index = 0; // 1-based number of this step
    std::string expr;        // Go expression, e.g. "new(Node)" or "make([]byte, 300)"
    uintptr size = 0;        // requested bytes
    bool noscan = false;
    std::uint32_t p = 0;
    uintptr addr = 0;
};

class DemoWorkload {
  public:
    static constexpr std::uint64_t defaultSeed = 1;
    static constexpr std::uint32_t gomaxprocs = 2;
    static constexpr std::uint64_t length = 20000; // steps in the demonstration
    static constexpr uintptr numGlobals = 1024;

    // The Runtime the workload expects: GOMAXPROCS=2, the collector off (GOGC=off: the workload calls
    // mallocgc directly and never runs the scheduler, which drives GC cycles); validation optional.
    static RuntimeConfig config(bool validate = false);

    // Defines the workload's types and globals in rt, which must be fresh.
    DemoWorkload(Runtime& rt, std::uint64_t seed = defaultSeed);

    // step performs the next allocation. Precondition: !finished().
    DemoStep step(Runtime& rt);
    std::uint64_t stepsDone() const { return done_; }
    bool finished() const { return done_ >= length; }

  private:
    Rng rng_;
    std::uint64_t done_ = 0;
    uintptr lastPtrObj_ = 0; // the previous object with a pointer in word 0, for linking
    TypeId int64_, uint16_, bool_, bytes12_, byte_, pair_, node_, tree_, big_, ptr_;
};

// runDemo builds a fresh Runtime and runs the first `steps` steps of the workload (steps <= length).
Runtime runDemo(std::uint64_t steps, std::uint64_t seed = DemoWorkload::defaultSeed, bool validate = false);

} // namespace gclab::render
