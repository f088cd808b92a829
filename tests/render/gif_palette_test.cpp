// Tests for render/gif_palette.h: the fixed GIF palette and nearest-colour quantisation, against a
// brute-force search over all 256 colours.
#include "sim/rng.h"

#include "render/gif_palette.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

namespace gclab::render {
namespace {

int distance(const PaletteRgb& c, int r, int g, int b) {
    return (c.r - r) * (c.r - r) + (c.g - g) * (c.g - g) + (c.b - b) * (c.b - b);
}

std::uint8_t bruteForceNearest(int r, int g, int b) {
    const GifPalette& p = gifPalette();
    std::size_t best = 0;
    for (std::size_t i = 1; i < p.size(); i++)
        if (distance(p[i], r, g, b) < distance(p[best], r, g, b))
            best = i;
    return static_cast<std::uint8_t>(best);
}

TEST(GifPalette, HasDistinctColoursIncludingBlackAndWhite) {
    std::set<std::tuple<int, int, int>> seen;
    for (const PaletteRgb& c : gifPalette())
        seen.insert({c.r, c.g, c.b});
    EXPECT_EQ(seen.size(), 256u);
    EXPECT_TRUE(seen.contains({0, 0, 0}));
    EXPECT_TRUE(seen.contains({255, 255, 255}));
}

TEST(GifPalette, EveryPaletteColourMapsToItself) {
    const GifPalette& p = gifPalette();
    for (std::size_t i = 0; i < p.size(); i++)
        EXPECT_EQ(nearestGifColour(p[i].r, p[i].g, p[i].b), i);
}

TEST(GifPalette, NearestAgreesWithBruteForce) {
    Rng rng(11);
    for (int i = 0; i < 20000; i++) {
        const auto r = static_cast<std::uint8_t>(rng.below(256)),
                   g = static_cast<std::uint8_t>(rng.below(256)),
                   b = static_cast<std::uint8_t>(rng.below(256));
        const std::uint8_t got = nearestGifColour(r, g, b);
        // Equal distance is as good (ties may break either way between equidistant colours).
        ASSERT_EQ(distance(gifPalette()[got], r, g, b),
                  distance(gifPalette()[bruteForceNearest(r, g, b)], r, g, b))
            << int(r) << "," << int(g) << "," << int(b);
    }
}

TEST(GifPalette, QuantiseMapsEachPixel) {
    const std::vector<std::uint8_t> rgb = {0, 0, 0, 255, 255, 255, 20, 20, 20, 250, 10, 5};
    const std::vector<std::uint8_t> idx = quantiseRgb(rgb);
    ASSERT_EQ(idx.size(), 4u);
    for (std::size_t i = 0; i < idx.size(); i++)
        EXPECT_EQ(idx[i], nearestGifColour(rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]));
    EXPECT_EQ(gifPalette()[idx[1]], (PaletteRgb{255, 255, 255}));
}

} // namespace
} // namespace gclab::render
