// The progress line: drawn only when enabled (stderr is a terminal), from virtual progress.
#include "cli/progress.h"

#include <gtest/gtest.h>

#include <sstream>

namespace gclab {
namespace {

TEST(Progress, RendersABarFromVirtualProgress) {
    EXPECT_EQ(cli::ProgressLine::render(0, 200, "ticks"),
              "[                              ]   0% 0/200 ticks");
    EXPECT_EQ(cli::ProgressLine::render(50, 200, ""), "[#######                       ]  25% 50/200");
    EXPECT_EQ(cli::ProgressLine::render(200, 200, "x"), "[##############################] 100% 200/200 x");
    // Past the end (a run that goes on after a known tick) stays at 100 %.
    EXPECT_EQ(cli::ProgressLine::render(300, 200, ""), "[##############################] 100% 300/200");
    EXPECT_EQ(cli::ProgressLine::render(4096, 0, "ticks, 2 GC cycles"), "4096 ticks, 2 GC cycles");
}

TEST(Progress, ADisabledLineWritesNothing) {
    std::ostringstream out;
    {
        cli::ProgressLine line(out, false);
        for (int i = 0; i < 5000; i++)
            if (line.due())
                line.draw(static_cast<std::uint64_t>(i), 5000, "");
        line.draw(1, 2, "");
    }
    EXPECT_TRUE(out.str().empty());
}

TEST(Progress, AnEnabledLineRedrawsInPlaceAndClearsItself) {
    std::ostringstream out;
    {
        cli::ProgressLine line(out, true);
        line.due();
        for (int i = 1; i < 1024; i++)
            ASSERT_FALSE(line.due()) << i; // only every 1024th call looks at the clock
        line.draw(1, 4, "ticks");
        EXPECT_EQ(out.str(), "\r\x1b[K[#######                       ]  25% 1/4 ticks");
    }
    EXPECT_EQ(out.str(), "\r\x1b[K[#######                       ]  25% 1/4 ticks\r\x1b[K");
}

} // namespace
} // namespace gclab
