// Tests for render/palette.h: every colour a screenshot test reads back must be unambiguous.
#include "render/palette.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gclab::render {
namespace {

class PaletteTest : public ::testing::TestWithParam<PaletteKind> {};

std::vector<Rgba> stateColours(const Palette& p) { return {p.canvas, p.unmapped, p.released, p.free}; }

TEST_P(PaletteTest, StateColoursAreMutuallyDistinct) {
    const Palette& p = palette(GetParam());
    auto s = stateColours(p);
    for (std::size_t i = 0; i < s.size(); i++)
        for (std::size_t j = i + 1; j < s.size(); j++)
            EXPECT_GE(distance(s[i], s[j]), 12) << i << " vs " << j;
}

TEST_P(PaletteTest, EverySpanClassColourIsUniqueAndUnlikeAnyStateColour) {
    const Palette& p = palette(GetParam());
    for (int i = 0; i < numSpanClasses; i++) {
        for (Rgba st : stateColours(p))
            EXPECT_GE(distance(p.spanClass[i], st), 16) << "span class " << i;
        for (int j = i + 1; j < numSpanClasses; j++)
            EXPECT_GE(distance(p.spanClass[i], p.spanClass[j]), 1) << "span classes " << i << " and " << j;
    }
}

TEST_P(PaletteTest, RoleColoursAreDistinctFromEachOtherAndFromStates) {
    const Palette& p = palette(GetParam());
    std::vector<Rgba> roles = {p.cachedByP[0], p.cachedByP[1], p.partialSwept, p.partialUnswept,
                               p.fullSwept,    p.fullUnswept,  p.large,        p.invalid};
    for (std::size_t i = 0; i < roles.size(); i++) {
        for (Rgba st : stateColours(p))
            EXPECT_GE(distance(roles[i], st), 16) << i;
        for (std::size_t j = i + 1; j < roles.size(); j++)
            EXPECT_GE(distance(roles[i], roles[j]), 24) << i << " vs " << j;
    }
}

TEST_P(PaletteTest, PageColourFollowsStateThenColourMode) {
    const Palette& p = palette(GetParam());
    SpanClass spc = SpanClass::make(3, true);
    SpanLocation cachedP1{SpanRole::cached, 1};
    auto page = [&](PageState st, std::uint8_t halves = 2) { return PageInfo{st, spc, 7, halves}; };
    EXPECT_EQ(p.page(ColourBy::sizeClass, page(PageState::unmapped), cachedP1), p.unmapped);
    EXPECT_EQ(p.page(ColourBy::sizeClass, page(PageState::released), cachedP1), p.released);
    EXPECT_EQ(p.page(ColourBy::role, page(PageState::free), cachedP1), p.free);
    EXPECT_EQ(p.page(ColourBy::sizeClass, page(PageState::inUse), cachedP1), p.spanClass[spc.value]);
    EXPECT_EQ(p.page(ColourBy::role, page(PageState::inUse), cachedP1), p.cachedByP[1]);
    EXPECT_EQ(p.page(ColourBy::role, page(PageState::inUse), SpanLocation{SpanRole::none, 0}), p.invalid);
    // By RAM: in-use pages by their resident halves, free ones by whether they keep any; released and
    // unmapped pages have none and keep their state colours.
    EXPECT_EQ(p.page(ColourBy::ram, page(PageState::inUse, 2), cachedP1), p.ramFull);
    EXPECT_EQ(p.page(ColourBy::ram, page(PageState::inUse, 1), cachedP1), p.ramHalf);
    EXPECT_EQ(p.page(ColourBy::ram, page(PageState::inUse, 0), cachedP1), p.ramNone);
    EXPECT_EQ(p.page(ColourBy::ram, page(PageState::free, 1), cachedP1), p.ramFree);
    EXPECT_EQ(p.page(ColourBy::ram, page(PageState::free, 0), cachedP1), p.free);
    EXPECT_EQ(p.page(ColourBy::ram, page(PageState::released, 0), cachedP1), p.released);
    EXPECT_EQ(p.page(ColourBy::ram, page(PageState::unmapped, 0), cachedP1), p.unmapped);
}

TEST_P(PaletteTest, RamColoursAreDistinctFromEachOtherAndFromStates) {
    const Palette& p = palette(GetParam());
    const std::vector<Rgba> ram = {p.ramFull, p.ramHalf, p.ramNone, p.ramFree};
    for (std::size_t i = 0; i < ram.size(); i++) {
        for (Rgba st : stateColours(p))
            EXPECT_GE(distance(ram[i], st), 16) << i;
        for (std::size_t j = i + 1; j < ram.size(); j++)
            EXPECT_GE(distance(ram[i], ram[j]), 24) << i << " vs " << j;
    }
    // Allocated slots with and without RAM stay apart from free slots and from each other, odd or even.
    for (std::uint32_t slot = 0; slot < 2; slot++) {
        const Rgba with = p.slotAllocated(p.ramFull, slot, false),
                   without = p.slotAllocated(p.ramNone, slot, false);
        EXPECT_GE(distance(with, without), 24);
        for (Rgba other : {p.slotFree[0], p.slotFree[1], p.tailWaste}) {
            EXPECT_GE(distance(with, other), 10) << slot;
            EXPECT_GE(distance(without, other), 10) << slot;
        }
    }
}

TEST_P(PaletteTest, SlotShadesAlternateAndDifferFromFreeSlotsAndWaste) {
    const Palette& p = palette(GetParam());
    for (int i = 1; i < numSpanClasses; i++) {
        Rgba c = p.spanClass[i];
        Rgba even = p.slotAllocated(c, 0, false), odd = p.slotAllocated(c, 1, false);
        EXPECT_EQ(even, c);
        EXPECT_GE(distance(even, odd), 6) << i;
        for (Rgba other : {p.slotFree[0], p.slotFree[1], p.tailWaste}) {
            EXPECT_GE(distance(even, other), 10) << i;
            EXPECT_GE(distance(odd, other), 8) << i;
        }
    }
    EXPECT_GE(distance(p.slotFree[0], p.slotFree[1]), 6);
    EXPECT_GE(distance(p.slotFree[1], p.tailWaste), 12);
}

INSTANTIATE_TEST_SUITE_P(Both, PaletteTest,
                         ::testing::Values(PaletteKind::standard, PaletteKind::colourBlindSafe),
                         [](const ::testing::TestParamInfo<PaletteKind>& param) {
                             return std::string(param.param == PaletteKind::standard ? "standard"
                                                                                     : "colourBlindSafe");
                         });

TEST(Palette, TheVariantsDifferForSizeClasses) {
    EXPECT_NE(palette(PaletteKind::standard).spanClass[10],
              palette(PaletteKind::colourBlindSafe).spanClass[10]);
}

TEST(Rgba, PacksLikeImGuiIMCOL32) {
    // IM_COL32(R,G,B,A) == A<<24 | B<<16 | G<<8 | R (imgui.h, without IMGUI_USE_BGRA_PACKED_COLOR).
    EXPECT_EQ((Rgba{0x11, 0x22, 0x33, 0x44}).abgr(), 0x44332211u);
}

TEST(Rgba, MixAndDistance) {
    EXPECT_EQ(mix(Rgba{0, 0, 0, 255}, Rgba{200, 100, 50, 255}, 0.5), (Rgba{100, 50, 25, 255}));
    EXPECT_EQ(distance(Rgba{10, 20, 30, 255}, Rgba{13, 10, 30, 0}), 10);
}

} // namespace
} // namespace gclab::render
