#include "render/sim_clock.h"

#include <algorithm>
#include <cmath>

namespace gclab::render {

void SimClock::setRate(int r) { rate_ = std::clamp(r, minRate, maxRate); }

std::uint64_t SimClock::stepsForFrame(double dt) {
    if (!playing_)
        return 0;
    if (unlimited())
        return maxStepsPerFrame;
    // A long frame (window dragged, debugger) must not turn into a burst: cap the debt at 0.25 s.
    carry_ += rate_ * std::clamp(dt, 0.0, 0.25);
    double whole = std::floor(carry_);
    carry_ -= whole;
    return static_cast<std::uint64_t>(whole);
}

} // namespace gclab::render
