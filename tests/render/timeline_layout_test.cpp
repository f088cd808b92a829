// Tests for render/timeline_layout.h: the dump the screenshot checker reads back (--dump-timeline), with
// the main timeline and the compare view's two lanes in one file.
#include "render/timeline_layout.h"

#include <gtest/gtest.h>

namespace gclab::render {
namespace {

TEST(TimelineLayout, EachKeyedLineRoundTrips) {
    const TimelineState main{Rect{10, 20, 630.5, 200}, 0, 1e6}, a{Rect{82, 204, 1272, 323.3}, 0, 61200},
        b{Rect{82, 327.3, 1272, 446.6}, 0, 61200};
    const std::string text =
        formatTimelineState(main) + formatTimelineState(a, "compare-a") + formatTimelineState(b, "compare-b");
    for (const auto& [key, want] :
         {std::pair{"timeline", main}, std::pair{"compare-a", a}, std::pair{"compare-b", b}}) {
        TimelineState got;
        std::string err;
        ASSERT_TRUE(parseTimelineState(text, got, err, key)) << key << ": " << err;
        EXPECT_EQ(got.plot, want.plot) << key;
        EXPECT_EQ(got.ns0, want.ns0) << key;
        EXPECT_EQ(got.ns1, want.ns1) << key;
        EXPECT_DOUBLE_EQ(got.xOf(want.nsAt(500)), 500) << key;
    }
}

TEST(TimelineLayout, MissingOrBrokenLinesAreErrors) {
    TimelineState s;
    std::string err;
    EXPECT_FALSE(parseTimelineState("timeline 0 0 10 10 0 1\n", s, err, "compare-a"));
    EXPECT_NE(err.find("compare-a"), std::string::npos) << err;
    EXPECT_FALSE(parseTimelineState("compare-a 0 0 10\n", s, err, "compare-a"));
    EXPECT_NE(err.find("six numbers"), std::string::npos) << err;
    EXPECT_FALSE(parseTimelineState("timeline 0 0 10 10 5 5\n", s, err));
    EXPECT_FALSE(parseTimelineState("", s, err));
}

} // namespace
} // namespace gclab::render
