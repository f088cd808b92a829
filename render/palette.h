// gclab-gui — every colour the views use, in a standard and a colour-blind-safe variant.
//
// Page cells are coloured by state (unmapped / released / free) or, when in use, either by span class
// (a continuous colour map over the 67 size classes: Turbo in the standard palette, Viridis in the
// colour-blind-safe one; noscan spans are the same hue lightened) or by where the span sits (an mcache,
// an mcentral set, large), using the Okabe–Ito colours, which stay distinct under the common colour
// vision deficiencies. Every in-use colour differs from every state colour (palette_test checks it), so
// a screenshot can be read back unambiguously. Pure C++: no ImGui.
#pragma once

#include "sim/visit.h"

#include "render/heap_snapshot.h"

#include <array>
#include <cstdint>

namespace gclab::render {

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;

    // abgr packs the colour as ImGui's IM_COL32 does (little-endian RGBA bytes in memory).
    constexpr std::uint32_t abgr() const {
        return std::uint32_t{a} << 24 | std::uint32_t{b} << 16 | std::uint32_t{g} << 8 | std::uint32_t{r};
    }
    friend constexpr bool operator==(const Rgba&, const Rgba&) = default;
};

// mix blends a towards b by t in [0, 1] (rounded per channel).
Rgba mix(Rgba a, Rgba b, double t);
// distance is the largest per-channel difference (alpha ignored).
int distance(Rgba a, Rgba b);

enum class PaletteKind : std::uint8_t { standard, colourBlindSafe };
// ColourBy: size class, role (where the span is held), marking (the span's sweep state; slots by
// tri-colour: white, grey, black) or RAM (which of a page's two 4 KiB halves the kernel has given RAM:
// sim/mem_linux.h).
enum class ColourBy : std::uint8_t { sizeClass, role, marking, ram };

struct Palette {
    PaletteKind kind = PaletteKind::standard;

    // Backgrounds and page states.
    Rgba canvas;   // behind the cells, also used for span boundaries and gaps
    Rgba unmapped; // reserved arena, not mapped
    Rgba released; // free, scavenged
    Rgba free;     // free, not released
    Rgba invalid;  // an in-use span found in no list (validate() would throw)

    // In-use spans.
    std::array<Rgba, numSpanClasses> spanClass{}; // indexed by SpanClass::value; 0/1 are large
    std::array<Rgba, 2> cachedByP{}; // role colours for mcache-cached spans, P0 and P1 (P n: n%2)
    Rgba partialSwept, partialUnswept, fullSwept, fullUnswept, large;

    // Slot detail.
    std::array<Rgba, 2> slotFree{}; // alternate per slot so neighbouring slots stay distinguishable
    Rgba tailWaste;                 // bytes after the last slot (nelems * elemsize < span bytes)
    Rgba spanMetadata;              // Go 1.26: pointer bitmap and inline mark bits ending small spans
    Rgba freeindexMarker;
    Rgba allocCacheWindow;
    Rgba tinyBlock;
    Rgba selection; // outline of the selected object

    // RAM: in-use pages with both, one or neither 4 KiB half resident; free pages that still have RAM
    // (free pages without it and released pages keep their state colours).
    Rgba ramFull, ramHalf, ramNone, ramFree;

    // Marking: span sweep states (sim/visit.h SpanSweep) and object colours, two shades per colour
    // alternating slot by slot. In the colour-blind-safe palette grey objects are also a checkerboard.
    std::array<Rgba, 5> sweepState{}; // indexed by SpanSweep
    std::array<Rgba, 2> objectWhite{}, objectGrey{}, objectBlack{};
    bool greyPattern = false;

    // The timeline.
    Rgba heapLiveLine, heapGoalLine, heapInuseLine, heapReleasedLine, stwBand, markBand, sweepBand, playhead;
    Rgba triggerLine, memoryLimitLine, heapSysLine, mappedLine, residentLine;
    // The timeline's P lanes, indexed by PLaneState (render/p_lanes.h).
    std::array<Rgba, 8> pLane{};
    // The latest write barriers (Runtime::recentShades) in the heap map and the object graph.
    Rgba barrierShade;
    // Green Tea (Go 1.26): the inner frame of a span waiting in a P's span queue.
    Rgba spanQueued;
    // The statistics view's memory classes (render/memory_classes.h), in their order.
    std::array<Rgba, 8> memoryClass{};
    // The compared run's heapLive and heap goal (the compare view).
    Rgba compareLiveLine, compareGoalLine;

    // The allocator view: a path stage lit, visited but not lit yet (animating), not visited; an empty
    // mcache or set cell. The mcache cells use cachedByP, the sets their role colours, tiny bytes tinyBlock.
    Rgba stageLit, stageWaiting, stageOff, emptyCell;

    // inUse is the colour of an in-use page of a span with class spc and the given place (by RAM: the
    // colour of a resident page; page() and ram() tell pages and halves apart).
    Rgba inUse(ColourBy by, SpanClass spc, const SpanLocation& place) const;
    // page is the colour of a page cell; place is its span's (in-use pages only).
    Rgba page(ColourBy by, const PageInfo& page, const SpanLocation& place) const;
    // ram is the RAM colour of an in-use or free page with residentHalves of its two halves resident.
    Rgba ram(bool inUse, std::uint8_t residentHalves) const;
    // slotAllocated is an allocated slot's colour: the span's colour, darker on odd slots, much darker
    // if the slot's mark bit is set (allocate-black while the collector marks).
    Rgba slotAllocated(Rgba spanColour, std::uint32_t slot, bool marked) const;
    Rgba slotFreeColour(std::uint32_t slot) const { return slotFree[slot % 2]; }
    // object is the colour of word `word` (0..1023 of its page) of allocated slot `slot` in colour c.
    Rgba object(Color c, std::uint32_t slot, std::uint32_t word) const;
    // objectLetterColour is the colour of the letter (colorLetter) drawn on an object-graph node of colour c.
    Rgba objectLetterColour(Color c) const { return c == Color::black ? objectWhite[0] : objectBlack[0]; }
    // The object graph: the hovered node's ring and its pointer edges; the halo of the objects the
    // current tick's shown events turned grey (the mark wavefront moving).
    Rgba graphHover, graphWavefront;
};

const Palette& palette(PaletteKind kind);

const char* paletteName(PaletteKind kind);
const char* colourByName(ColourBy by);
const char* spanSweepName(SpanSweep s);
const char* colorName(Color c);
// colorLetter is W, G or B: the object graph writes it inside each node, so that the three colours
// differ by more than their shade (colour-blind readers, greyscale projectors).
char colorLetter(Color c);

} // namespace gclab::render
