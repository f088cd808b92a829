#include "render/gif_palette.h"

#include <cstdlib>

namespace gclab::render {

namespace {

constexpr int levelsR = 6, levelsG = 7, levelsB = 6;
constexpr int gridColours = levelsR * levelsG * levelsB;
constexpr std::uint8_t extraGreys[] = {0x10, 0x18, 0x20, 0x28};

constexpr std::uint8_t level(int i, int levels) { return static_cast<std::uint8_t>(i * 255 / (levels - 1)); }

GifPalette makePalette() {
    GifPalette p{};
    int n = 0;
    for (int r = 0; r < levelsR; r++)
        for (int g = 0; g < levelsG; g++)
            for (int b = 0; b < levelsB; b++)
                p[static_cast<std::size_t>(n++)] =
                    PaletteRgb{level(r, levelsR), level(g, levelsG), level(b, levelsB)};
    for (std::uint8_t v : extraGreys)
        p[static_cast<std::size_t>(n++)] = PaletteRgb{v, v, v};
    return p;
}

int squaredDistance(const PaletteRgb& c, int r, int g, int b) {
    return (c.r - r) * (c.r - r) + (c.g - g) * (c.g - g) + (c.b - b) * (c.b - b);
}

// nearestLevel is the grid level nearest to v (ties: the lower one).
int nearestLevel(int v, int levels) {
    int best = 0;
    for (int i = 1; i < levels; i++)
        if (std::abs(level(i, levels) - v) < std::abs(level(best, levels) - v))
            best = i;
    return best;
}

std::uint8_t computeNearest(int r, int g, int b) {
    const GifPalette& p = gifPalette();
    // In a grid the nearest point is the nearest level on each axis; only the greys need comparing.
    int best =
        (nearestLevel(r, levelsR) * levelsG + nearestLevel(g, levelsG)) * levelsB + nearestLevel(b, levelsB);
    int bestD = squaredDistance(p[static_cast<std::size_t>(best)], r, g, b);
    for (int i = gridColours; i < 256; i++) {
        const int d = squaredDistance(p[static_cast<std::size_t>(i)], r, g, b);
        if (d < bestD || (d == bestD && i < best)) {
            best = i;
            bestD = d;
        }
    }
    return static_cast<std::uint8_t>(best);
}

} // namespace

const GifPalette& gifPalette() {
    static const GifPalette p = makePalette();
    return p;
}

std::uint8_t nearestGifColour(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    return computeNearest(r, g, b);
}

std::vector<std::uint8_t> quantiseRgb(const std::vector<std::uint8_t>& rgb) {
    // A window frame has few distinct colours: remember the last answer per 15-bit colour, keyed exactly
    // (entry = rgb << 8 | index; all ones is never a valid entry: white is not the last index).
    std::vector<std::uint32_t> memo(std::size_t{1} << 15, ~std::uint32_t{0});
    std::vector<std::uint8_t> out(rgb.size() / 3);
    for (std::size_t i = 0; i < out.size(); i++) {
        const std::uint8_t r = rgb[i * 3], g = rgb[i * 3 + 1], b = rgb[i * 3 + 2];
        const std::uint32_t colour = std::uint32_t{r} << 16 | std::uint32_t{g} << 8 | b;
        std::uint32_t& m = memo[(r >> 3) << 10 | (g >> 3) << 5 | b >> 3];
        if (m >> 8 != colour || m == ~std::uint32_t{0})
            m = colour << 8 | computeNearest(r, g, b);
        out[i] = static_cast<std::uint8_t>(m & 0xff);
    }
    return out;
}

} // namespace gclab::render
