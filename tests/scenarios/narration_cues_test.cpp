// NarrationCues: each beat comes once, at the first event (or tick) that is its moment.
#include "sim/mgc.h"

#include "scenarios/narration_cues.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

using Beats = std::vector<std::size_t>;

Event event(EventKind k, uintptr a = 0, uintptr b = 0, uintptr c = 0) {
    Event e;
    e.kind = k;
    e.a = a;
    e.b = b;
    e.c = c;
    return e;
}

TEST(NarrationCues, EachBeatComesOnceAtItsMoment) {
    TypeRegistry types;
    const TypeId node = types.define("Node", 16, {0});
    const TypeId leaf = types.define("Leaf", 16, {});
    NarrationCues cues({{"start", "a", "", false},
                        {"gc:2", "b", "", false},
                        {"phase:marktermination", "c", "", true},
                        {"event:alloc", "d", "", false},
                        {"alloc:Leaf", "e", "", false},
                        {"tick:50", "f", "", false},
                        {"tick:10", "g", "", false},
                        {"event:gc-start", "h", "", false}});
    EXPECT_EQ(cues.start(), Beats{0});
    EXPECT_EQ(cues.start(), Beats{});
    EXPECT_EQ(cues.observe(event(EventKind::alloc, 0x100, 16, node), types), Beats{3});
    EXPECT_EQ(cues.observe(event(EventKind::alloc, 0x110, 16, node), types), Beats{});
    EXPECT_EQ(cues.observe(event(EventKind::alloc, 0x120, 16, leaf), types), Beats{4});
    EXPECT_EQ(cues.observe(event(EventKind::gcStart, 1), types), Beats{7}); // gc:1 is not gc:2
    EXPECT_EQ(cues.observe(event(EventKind::phase, static_cast<uintptr>(GCPhase::mark)), types), Beats{});
    EXPECT_EQ(cues.observe(event(EventKind::phase, static_cast<uintptr>(GCPhase::marktermination)), types),
              Beats{2});
    EXPECT_EQ(cues.observe(event(EventKind::gcStart, 2), types), Beats{1});
    EXPECT_EQ(cues.reachTick(9), Beats{});
    EXPECT_EQ(cues.reachTick(60), (Beats{6, 5})); // in tick order
    EXPECT_EQ(cues.reachTick(70), Beats{});
    for (std::size_t i = 0; i < cues.size(); i++)
        EXPECT_TRUE(cues.fired(i)) << i;
}

TEST(NarrationCues, TwoBeatsAtOneMomentComeTogether) {
    TypeRegistry types;
    NarrationCues cues({{"phase:off", "a", "", false}, {"phase:off", "b", "", true}});
    EXPECT_FALSE(cues.fired(0));
    EXPECT_EQ(cues.observe(event(EventKind::phase, static_cast<uintptr>(GCPhase::off)), types),
              (Beats{0, 1}));
    EXPECT_TRUE(cues.fired(1));
}

} // namespace
} // namespace gclab
