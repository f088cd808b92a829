// gclab-gui — how many model steps each rendered frame runs: play/pause, single step, speed.
//
// Fixed-update / variable-render (Game Programming Patterns, "Game Loop"): the speed is a rate in
// allocations per second; each frame adds rate × dt to an accumulator and runs its whole part. The
// top of the speed range means "as fast as possible": the frame runs steps until a time budget is
// spent. Rendering never advances the model. Pure C++, unit-tested.
#pragma once

#include <cstdint>

namespace gclab::render {

class SimClock {
  public:
    static constexpr int minRate = 1;
    static constexpr int maxRate = 100000; // the slider's top: "as fast as possible"
    static constexpr std::uint64_t maxStepsPerFrame = 1u << 20;

    bool playing() const { return playing_; }
    void setPlaying(bool on) {
        playing_ = on;
        carry_ = 0;
    }
    void togglePlaying() { setPlaying(!playing_); }

    int rate() const { return rate_; }
    void setRate(int r);
    bool unlimited() const { return rate_ >= maxRate; }

    // stepsForFrame returns how many steps to run for a frame that lasted dt seconds. For an
    // unlimited rate it returns maxStepsPerFrame: the caller stops at its time budget instead.
    std::uint64_t stepsForFrame(double dt);

  private:
    bool playing_ = false;
    int rate_ = 20;
    double carry_ = 0; // fractional steps owed from earlier frames
};

} // namespace gclab::render
