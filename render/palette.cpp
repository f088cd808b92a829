#include "render/palette.h"

#include "render/heap_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace gclab::render {

namespace {

constexpr Rgba hex(std::uint32_t rgb) {
    return Rgba{static_cast<std::uint8_t>(rgb >> 16), static_cast<std::uint8_t>(rgb >> 8),
                static_cast<std::uint8_t>(rgb), 255};
}

std::uint8_t unit(double v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

// Turbo (Google, 2019), polynomial approximation by its author.
Rgba turbo(double x) {
    double r =
        0.13572138 +
        x * (4.61539260 + x * (-42.66032258 + x * (132.13108234 + x * (-152.94239396 + x * 59.28637943))));
    double g = 0.09140261 +
               x * (2.19418839 + x * (4.84296658 + x * (-14.18503333 + x * (4.27729857 + x * 2.82956604))));
    double b =
        0.10667330 +
        x * (12.64194608 + x * (-60.58204836 + x * (110.36276771 + x * (-89.90310912 + x * 27.34824973))));
    return Rgba{unit(r), unit(g), unit(b), 255};
}

// Viridis (matplotlib), 6th-order polynomial fit.
Rgba viridis(double t) {
    double r = 0.2777273272234177 +
               t * (0.1050930431085774 +
                    t * (-0.3308618287255563 +
                         t * (-4.634230498983486 +
                              t * (6.228269936347081 + t * (4.776384997670288 + t * -5.435455855934631)))));
    double g = 0.005407344544966578 +
               t * (1.404613529898575 +
                    t * (0.214847559468213 +
                         t * (-5.799100973351585 +
                              t * (14.17993336680509 + t * (-13.74514537774601 + t * 4.645852612178535)))));
    double b = 0.3340998053353061 +
               t * (1.384590162594685 +
                    t * (0.09509516302823659 +
                         t * (-19.33244095627987 +
                              t * (56.69055260068105 + t * (-65.35303263337234 + t * 26.3124352495832)))));
    return Rgba{unit(r), unit(g), unit(b), 255};
}

constexpr Rgba white = hex(0xFFFFFF);
constexpr Rgba black = hex(0x000000);

Palette build(PaletteKind kind) {
    Palette p;
    p.kind = kind;
    p.canvas = hex(0x101215);
    p.unmapped = hex(0x1F2228);
    p.released = hex(0x434B5A);
    p.free = hex(0x9BA3AF);
    p.invalid = hex(0xFF00FF);

    // Okabe–Ito: distinguishable with protanopia, deuteranopia and tritanopia.
    p.cachedByP = {hex(0xE69F00), hex(0xF0E442)};
    p.partialSwept = hex(0x56B4E9);
    p.partialUnswept = hex(0x009E73);
    p.fullSwept = hex(0x0072B2);
    p.fullUnswept = hex(0x00506E);
    p.large = hex(0xCC79A7);

    const bool cb = kind == PaletteKind::colourBlindSafe;
    Rgba largeScan = cb ? hex(0xD55E00) : hex(0xD03CC8);
    for (int sc = 0; sc < numSizeClasses; sc++) {
        Rgba scan;
        if (sc == 0) {
            scan = largeScan;
        } else {
            double t = static_cast<double>(sc - 1) / (numSizeClasses - 2);
            scan = cb ? viridis(t) : turbo(0.06 + 0.88 * t);
        }
        p.spanClass[SpanClass::make(sc, false).value] = scan;
        p.spanClass[SpanClass::make(sc, true).value] = mix(scan, white, cb ? 0.35 : 0.45);
    }

    p.slotFree = {hex(0x5A606B), hex(0x4C525C)};
    p.tailWaste = hex(0x26292F);
    p.spanMetadata = hex(0x7A5C99);
    p.freeindexMarker = white;
    p.allocCacheWindow = hex(0xFFE119);
    p.tinyBlock = hex(0xFF5A5A);
    p.selection = hex(0x00E5FF);

    // RAM in the heap map: the timeline's resident lavender, a dark violet for in-use pages without
    // RAM (apart from the released and unmapped greys), a pale lavender for free pages that keep it.
    p.ramFull = hex(0xB48CFF);
    p.ramNone = hex(0x4E3F78);
    p.ramHalf = mix(p.ramFull, p.ramNone, 0.5);
    p.ramFree = hex(0xE2D4FF);

    // Okabe–Ito again: swept, unswept, being swept, cached swept, cached stale.
    p.sweepState = {hex(0x0072B2), hex(0xE69F00), hex(0xD55E00), hex(0x56B4E9), hex(0xCC79A7)};
    p.objectWhite = {hex(0xF4F4F4), hex(0xDCDCDC)};
    p.objectGrey = {hex(0xA6A6A6), hex(0x929292)};
    p.objectBlack = {hex(0x000000), hex(0x1C1C1C)};
    p.greyPattern = cb;

    p.heapLiveLine = hex(0x56B4E9);
    p.heapGoalLine = hex(0xE69F00);
    p.heapInuseLine = hex(0x9BA3AF);
    p.heapReleasedLine = hex(0x7F93B8); // a lighter slate than the released page cells
    p.stwBand = hex(0xD55E00);
    p.markBand = hex(0x3A3F4C);
    p.sweepBand = hex(0x22303A);
    p.playhead = hex(0xF0E442);
    p.triggerLine = hex(0xFFD9A0);     // a pale version of the goal's orange
    p.memoryLimitLine = hex(0xFF4040); // GOMEMLIMIT: a hard red
    p.heapSysLine = hex(0xD8DCE3);     // lighter than HeapInuse
    p.mappedLine = hex(0xFF9A8A);      // a pale version of the limit's red: what the limit bounds
    p.residentLine = p.ramFull;        // lavender: RAM, apart from the address-space greys
    // idle, mutator, sweep/scavenge, idle / assist / fractional / dedicated marking, STW: Okabe–Ito
    // hues, the three worker modes as shades of one blue.
    p.pLane = {hex(0x1C1F25), hex(0x009E73), hex(0xCC79A7), hex(0x9CC3E0),
               hex(0xE69F00), hex(0x3D8CD0), hex(0x0A5A9C), hex(0xD55E00)};
    p.barrierShade = hex(0xFF2D95);
    p.spanQueued = hex(0x2EE65C);
    p.graphHover = hex(0x7CFC00);
    p.graphWavefront = hex(0xF5C542);
    // objects, unused slots, free pages, stacks, mspans and mcaches, GC metadata, other, released: the
    // free and released pages as in the heap map, the rest Okabe–Ito.
    p.memoryClass = {hex(0x0072B2), hex(0x56B4E9), p.free,        hex(0x009E73),
                     hex(0xCC79A7), hex(0xE69F00), hex(0xF0E442), p.released};
    p.compareLiveLine = hex(0x009E73);
    p.compareGoalLine = hex(0xCC79A7);

    p.stageLit = hex(0xFFB000);
    p.stageWaiting = hex(0x5A4A22);
    p.stageOff = hex(0x2A2E36);
    p.emptyCell = hex(0x1C1F25);
    return p;
}

} // namespace

Rgba mix(Rgba a, Rgba b, double t) {
    auto ch = [t](std::uint8_t x, std::uint8_t y) {
        return static_cast<std::uint8_t>(std::lround(x + (static_cast<double>(y) - x) * t));
    };
    return Rgba{ch(a.r, b.r), ch(a.g, b.g), ch(a.b, b.b), ch(a.a, b.a)};
}

int distance(Rgba a, Rgba b) {
    return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

Rgba Palette::inUse(ColourBy by, SpanClass spc, const SpanLocation& place) const {
    if (by == ColourBy::sizeClass)
        return spanClass[spc.value];
    if (by == ColourBy::marking)
        return sweepState[static_cast<std::size_t>(place.sweep)];
    if (by == ColourBy::ram)
        return ramFull;
    switch (place.role) {
    case SpanRole::cached:
        return cachedByP[place.p % 2];
    case SpanRole::partialSwept:
        return partialSwept;
    case SpanRole::partialUnswept:
        return partialUnswept;
    case SpanRole::fullSwept:
        return fullSwept;
    case SpanRole::fullUnswept:
        return fullUnswept;
    case SpanRole::large:
        return large;
    case SpanRole::none:
        break;
    }
    return invalid;
}

Rgba Palette::ram(bool inUse, std::uint8_t residentHalves) const {
    if (!inUse)
        return residentHalves > 0 ? ramFree : free;
    return residentHalves >= 2 ? ramFull : residentHalves == 1 ? ramHalf : ramNone;
}

Rgba Palette::page(ColourBy by, const PageInfo& page, const SpanLocation& place) const {
    switch (page.state) {
    case PageState::unmapped:
        return unmapped;
    case PageState::released:
        return released;
    case PageState::free:
        return by == ColourBy::ram ? ram(false, page.residentHalves) : free;
    case PageState::inUse:
        return by == ColourBy::ram ? ram(true, page.residentHalves) : inUse(by, page.spanclass, place);
    }
    return invalid;
}

Rgba Palette::slotAllocated(Rgba spanColour, std::uint32_t slot, bool marked) const {
    Rgba c = slot % 2 == 0 ? spanColour : mix(spanColour, black, 0.18);
    return marked ? mix(c, black, 0.6) : c;
}

Rgba Palette::object(Color c, std::uint32_t slot, std::uint32_t word) const {
    switch (c) {
    case Color::white:
        return objectWhite[slot % 2];
    case Color::grey:
        if (greyPattern && (word / wordsPerGridRow + word) % 2 == 1)
            return objectBlack[slot % 2];
        return objectGrey[slot % 2];
    case Color::black:
        return objectBlack[slot % 2];
    }
    return invalid;
}

const Palette& palette(PaletteKind kind) {
    static const Palette standard = build(PaletteKind::standard);
    static const Palette cb = build(PaletteKind::colourBlindSafe);
    return kind == PaletteKind::colourBlindSafe ? cb : standard;
}

const char* paletteName(PaletteKind kind) {
    return kind == PaletteKind::colourBlindSafe ? "colour-blind safe" : "standard";
}

const char* colourByName(ColourBy by) {
    switch (by) {
    case ColourBy::sizeClass:
        return "size class";
    case ColourBy::role:
        return "span role";
    case ColourBy::marking:
        return "marking";
    case ColourBy::ram:
        return "RAM";
    }
    return "?";
}

const char* spanSweepName(SpanSweep s) {
    switch (s) {
    case SpanSweep::swept:
        return "swept (sweepgen == mheap.sweepgen)";
    case SpanSweep::unswept:
        return "unswept (sweepgen == sg - 2)";
    case SpanSweep::beingSwept:
        return "being swept (sweepgen == sg - 1)";
    case SpanSweep::cachedSwept:
        return "cached, swept (sweepgen == sg + 3)";
    case SpanSweep::cachedStale:
        return "cached, stale (sweepgen == sg + 1)";
    }
    return "?";
}

const char* colorName(Color c) {
    switch (c) {
    case Color::white:
        return "white";
    case Color::grey:
        return "grey";
    case Color::black:
        return "black";
    }
    return "?";
}

char colorLetter(Color c) {
    switch (c) {
    case Color::white:
        return 'W';
    case Color::grey:
        return 'G';
    case Color::black:
        return 'B';
    }
    return '?';
}

} // namespace gclab::render
