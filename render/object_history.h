// gclab-gui — the selected object's history: when, by whom and at which op it was allocated, and how
// its colour changed in each GC cycle since (grey: by a root job, by scanobject of an object pointing
// at it, by a write barrier; black; freed by sweeping). Go records none of this and neither does the
// model's state: ObjectHistoryReplay re-runs the timeline, in slices, from the latest keyframe where
// the object's slot was not allocated (so the last allocation at that address is seen) to the tick
// asked about, in a copy, keeping only the events about the object. Pure C++: no ImGui.
#pragma once

#include "sim/alloc_site.h"
#include "sim/recording.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gclab::render {

// GreyCause is what marked the object (greyobject), read from the other events of the same step.
enum class GreyCause : std::uint8_t {
    markroot,     // a root job (markroot) found a pointer to it in a global block or a goroutine stack
    scanobject,   // scanobject of a marked object with a pointer field to it (ColourChange::by)
    writeBarrier, // a store's write barrier shaded it (ColourChange::by: the store's object, 0: a global)
    wbBufFlush,   // a P flushed its write-barrier buffer (a pointer an earlier barrier recorded), or a
                  // large object's oblet was scanned (no event names the oblet)
};

const char* greyCauseName(GreyCause c);

struct ColourChange {
    enum class Kind : std::uint8_t { grey, black, free };
    Kind kind = Kind::grey;
    std::uint64_t tick = 0;
    std::uint32_t cycle = 0; // work.cycles after the step
    std::uint32_t p = 0;     // the P that acted
    std::uint32_t g = 0;     // its goroutine (0: none)
    // How it was marked: for grey, and for black when marked straight to black (a noscan object).
    std::optional<GreyCause> cause;
    uintptr by = 0;      // scanobject: the scanned object; writeBarrier: the store's object
    RootJob root;        // markroot: the root job
    bool assist = false; // mark work done by a mutator's assist (the step was a mutator op)
};

struct ObjectHistory {
    uintptr base = 0;
    std::uint64_t tick = 0;                 // the object is the one at base at this tick
    std::uint64_t fromTick = 0;             // where the replay started (a keyframe)
    std::optional<std::uint64_t> allocTick; // nothing: allocated before fromTick, by the scenario's setup
    std::uint32_t allocP = 0, allocG = 0;
    TypeId type = 0;
    uintptr size = 0;
    std::optional<AllocSite> site; // nothing: the allocating goroutine was not just past newobj/newarray
    std::uint32_t allocCycle = 0;  // work.cycles at the allocation
    bool allocatedBlack = false;   // allocated during a mark phase (gcmarknewobject)
    std::vector<std::pair<std::uint32_t, std::uint64_t>> cycleStarts; // (work.cycles, tick) of gcStart
    std::vector<ColourChange> changes;
    friend bool operator==(const ObjectHistory&, const ObjectHistory&) = default;
};

inline bool operator==(const RootJob& a, const RootJob& b) { return a.kind == b.kind && a.index == b.index; }
inline bool operator==(const ColourChange& a, const ColourChange& b) {
    return a.kind == b.kind && a.tick == b.tick && a.cycle == b.cycle && a.p == b.p && a.g == b.g &&
           a.cause == b.cause && a.by == b.by && a.root == b.root && a.assist == b.assist;
}

// describeHistory is the history as the inspector shows it: the allocation line, then a line per GC cycle
// since (white until marked; grey, by what; black), and the free if any. rt names programs and types.
std::vector<std::string> describeHistory(const ObjectHistory& h, const Runtime& rt);

// ObjectHistoryReplay replays tl's run (which must record events: RuntimeConfig::recordEvents) up to
// tick, watching the object whose slot starts at base. It holds its own copy of the run from a keyframe:
// tl may move on or go away meanwhile.
class ObjectHistoryReplay {
  public:
    ObjectHistoryReplay(const Timeline& tl, uintptr base, std::uint64_t tick);
    ObjectHistoryReplay(const ObjectHistoryReplay&) = delete;
    ObjectHistoryReplay& operator=(const ObjectHistoryReplay&) = delete;

    // advance re-steps at most maxSteps ticks; true once the replay has reached the tick (or the run's end).
    bool advance(std::uint64_t maxSteps);
    bool done() const { return done_; }
    double progress() const; // 0 to 1
    uintptr base() const { return h_.base; }
    std::uint64_t tick() const { return h_.tick; }
    // history is complete once done(); before, it is the history up to the tick replayed so far.
    const ObjectHistory& history() const { return h_; }

  private:
    void observe(Runtime& rt);
    void mark(const Runtime& rt, std::size_t i, ColourChange& c) const;
    void applyCommandsNow(); // the commands of the replayed tick (Timeline applies them after a step)

    ObjectHistory h_;
    std::vector<Command> commands_; // the run's commands from the start keyframe on, in tick order
    std::size_t nextCommand_ = 0;
    std::unique_ptr<Runtime> rt_; // the replayed state (null once done)
    bool done_ = false;
};

} // namespace gclab::render
