// gclab — the timeline: step forward and back, seek, commands, keyframes, divergence, what-if forks.
//
// Models: nothing in Go; this is the sandbox's replay machinery. A run is its initial Runtime plus a
// log of commands (settings changed mid-run, forced collections) applied at given ticks; everything
// else follows deterministically. Keyframes (copies of the whole Runtime, sharing the span records
// that did not change between them) are kept under a memory budget with doubling spacing; seeking restores
// the nearest keyframe at or before the target and re-steps. The running event hash is sampled every
// hashInterval ticks the first time a tick is reached; passing that tick again must reproduce it, or the
// timeline records a divergence. Granularity: a tick is one runtime operation (see Runtime::step); each
// tick's events can be shown one at a time by a view, from Runtime::events.
#pragma once

#include "sim/runtime.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace gclab {

enum class CommandKind : std::uint8_t { setGOGC, setBarrier, forceGC, setMemoryLimit };

// Command is a change from outside the program (the window's controls, a scenario script).
struct Command {
    std::uint64_t tick = 0; // applied when the run has executed exactly this many steps
    CommandKind kind = CommandKind::forceGC;
    std::int64_t value = 0; // GOGC (negative: off), a BarrierMode, or GOMEMLIMIT bytes (int64 max: off)
    friend bool operator==(const Command&, const Command&) = default;
};

void applyCommand(Runtime& rt, const Command& c);

enum class StepUnit : std::uint8_t { tick, mutatorOp, phase, cycle };

class Timeline {
  public:
    static constexpr std::uint64_t hashInterval = 256;

    explicit Timeline(const Runtime& start, std::size_t keyframeBudgetBytes = std::size_t{256} << 20);

    const Runtime& current() const { return cur_; }
    std::uint64_t tick() const { return cur_.tick; }
    // frontier is the furthest tick this timeline has executed; finished says the run ended there.
    std::uint64_t frontier() const { return frontier_; }
    bool finished() const { return finished_; }

    // stepForward advances by one unit; false if the run has ended.
    bool stepForward(StepUnit u);
    // stepForwardToward is stepForward in slices of at most maxSteps ticks: nothing while the unit is
    // not over yet (call again to go on), else what stepForward returns.
    std::optional<bool> stepForwardToward(StepUnit u, std::uint64_t maxSteps);
    // stepBack goes back to the start of the previous unit; false at tick 0.
    bool stepBack(StepUnit u);
    // eventTickBefore is the latest tick before t (a tick this timeline has reached) whose step emitted
    // events, 0 if none did.
    std::uint64_t eventTickBefore(std::uint64_t t) const;
    // unitStartBefore is where stepBack(u) goes from tick t (a tick this timeline has reached): the
    // start of the unit before t (0 at the start).
    std::uint64_t unitStartBefore(StepUnit u, std::uint64_t t) const;
    // seek moves to tick t (clamped to where the run ends).
    void seek(std::uint64_t t);
    // seekToward is seek in slices: it restores the keyframe when needed and re-steps at most maxSteps
    // ticks; true once at t (or where the run ends). Called again with the same t, it continues.
    bool seekToward(std::uint64_t t, std::uint64_t maxSteps);
    // command applies c now (c.tick is set to the current tick) and forgets the future after now.
    void command(Command c);
    // fork returns a timeline that shares the past up to now and has no future yet: change its
    // settings with command() to ask "what if?" while this one stays as it was.
    Timeline fork() const;

    const std::vector<Command>& commands() const { return commands_; }
    const std::map<std::uint64_t, std::uint64_t>& hashSamples() const { return hashes_; }
    std::optional<std::uint64_t> divergedAt() const { return diverged_; }
    std::size_t keyframeCount() const { return keyframes_.size(); }
    // keyframes are the kept states by tick, each before the commands of its tick (replays start there).
    const std::map<std::uint64_t, Runtime>& keyframes() const { return keyframes_; }
    std::size_t keyframeBytes() const { return keyframeBytes_; }

    // onStep registers a function called after every step the timeline runs (forward, or re-stepping
    // after a seek), before keyframes are taken; a view uses it to drain Runtime::events (recorded
    // when config().recordEvents) and to sample series. Copies of the timeline (fork) keep it.
    void onStep(std::function<void(Runtime&)> observer) { observer_ = std::move(observer); }

    // Replaying a saved run: install its commands and expected hash samples on a fresh timeline.
    void load(std::vector<Command> commands, std::map<std::uint64_t, std::uint64_t> expectedHashes);

  private:
    struct Marker {
        std::uint8_t bits = 0; // markerOp | markerPhase | markerCycle | markerEvents
    };
    static constexpr std::uint8_t markerOp = 1, markerPhase = 2, markerCycle = 4, markerEvents = 8;

    bool stepOnce();
    void applyCommandsAt(std::uint64_t t);
    void maybeKeyframe();
    void recountKeyframeBytes();
    void restoreAtOrBefore(std::uint64_t t);

    Runtime cur_;
    std::map<std::uint64_t, Runtime> keyframes_;
    std::size_t keyframeBytes_ = 0;
    std::size_t budget_;
    std::uint64_t keyframeInterval_ = 4096;
    std::vector<Command> commands_;
    std::map<std::uint64_t, std::uint64_t> hashes_;
    std::vector<Marker> markers_; // markers_[t] describes the step that took tick t to t+1
    std::uint64_t frontier_ = 0;
    bool finished_ = false;
    std::optional<std::uint64_t> diverged_;
    std::function<void(Runtime&)> observer_;
};

} // namespace gclab
