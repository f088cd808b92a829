// gclab-gui — the fixed 256-colour palette animated GIF exports are quantised to.
//
// GIF frames hold at most 256 colours. Instead of choosing a palette per frame (median cut, dithering),
// every frame uses one fixed palette: a 6 × 7 × 6 grid of evenly spaced red, green and blue levels
// (252 colours; green gets the extra level, the eye sees it best) plus 4 dark greys for the window's
// backgrounds. The palette is the same for every frame and every run, so the same pixels always give
// the same GIF. Pure C++, unit-tested against a brute-force nearest-colour search.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace gclab::render {

struct PaletteRgb {
    std::uint8_t r = 0, g = 0, b = 0;
    friend bool operator==(const PaletteRgb&, const PaletteRgb&) = default;
};

using GifPalette = std::array<PaletteRgb, 256>;

// gifPalette is the fixed palette.
const GifPalette& gifPalette();

// nearestGifColour is the index of the palette colour nearest to (r, g, b) in squared RGB distance
// (ties: the lower index).
std::uint8_t nearestGifColour(std::uint8_t r, std::uint8_t g, std::uint8_t b);

// quantiseRgb maps packed RGB pixels (3 bytes each) to palette indices.
std::vector<std::uint8_t> quantiseRgb(const std::vector<std::uint8_t>& rgb);

} // namespace gclab::render
