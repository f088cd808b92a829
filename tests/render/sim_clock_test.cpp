// Tests for render/sim_clock.h: how many allocations each frame runs.
#include "render/sim_clock.h"

#include <gtest/gtest.h>

namespace gclab::render {
namespace {

TEST(SimClock, PausedRunsNothing) {
    SimClock c;
    EXPECT_FALSE(c.playing());
    EXPECT_EQ(c.stepsForFrame(1.0), 0u);
}

TEST(SimClock, RateIsHonouredAcrossFramesWithoutDrift) {
    SimClock c;
    c.setRate(20);
    c.setPlaying(true);
    std::uint64_t total = 0;
    for (int i = 0; i < 600; i++) // ten seconds at 60 frames per second
        total += c.stepsForFrame(1.0 / 60);
    EXPECT_EQ(total, 200u);
}

TEST(SimClock, SlowRatesAccumulateFractions) {
    SimClock c;
    c.setRate(1);
    c.setPlaying(true);
    std::uint64_t total = 0;
    for (int i = 0; i < 59; i++)
        total += c.stepsForFrame(1.0 / 60);
    EXPECT_EQ(total, 0u);
    total += c.stepsForFrame(1.5 / 60);
    EXPECT_EQ(total, 1u);
}

TEST(SimClock, ALongFrameDoesNotBurst) {
    SimClock c;
    c.setRate(1000);
    c.setPlaying(true);
    EXPECT_EQ(c.stepsForFrame(30.0), 250u); // debt capped at a quarter second
}

TEST(SimClock, PausingDropsTheDebtAndTheTopOfTheRangeIsUnlimited) {
    SimClock c;
    c.setRate(10);
    c.setPlaying(true);
    c.stepsForFrame(0.05); // half a step owed
    c.togglePlaying();
    c.togglePlaying();
    EXPECT_EQ(c.stepsForFrame(0.05), 0u);
    c.setRate(SimClock::maxRate + 5);
    EXPECT_EQ(c.rate(), SimClock::maxRate);
    EXPECT_TRUE(c.unlimited());
    EXPECT_EQ(c.stepsForFrame(0.001), SimClock::maxStepsPerFrame);
    c.setRate(-3);
    EXPECT_EQ(c.rate(), SimClock::minRate);
}

} // namespace
} // namespace gclab::render
