// gclab_png_check — reads a gclab-gui screenshot and asserts what it must show.
//
// The expected picture is computed independently of the window: the checker re-runs the scenario on a
// plain Runtime (no Timeline, no Session) for the same number of ticks, asks the model (spanOf, scavenged,
// the mcaches, the mcentral sets, allocBits) what every page and slot is, and uses the layout file gclab-gui
// wrote
// (--dump-layout: the page view rectangle, geometry and zoom) with render/heap_layout.h to find where
// each page must be. Only the palette is shared with the window: it is the definition of the colours.
//
// Every mode that needs the model takes --scenario NAME --at TICK [--param NAME=VALUE]... [--gogc N|off]
// [--gomemlimit BYTES|off] [--go-version 1.19|1.26].
//   gclab_png_check heap  --png F --layout L [--palette P] [--colour-by C] [--min-classes K]
//       every page cell fully inside the view shows its expected colour; the number of cells showing an
//       in-use colour equals HeapInuse / 8 KiB, released cells HeapReleased / 8 KiB, free cells
//       (HeapIdle - HeapReleased) / 8 KiB; the whole mapped heap must be in view. With --colour-by ram
//       the RAM the cells show adds up to the model's resident set, and some in-use page has none.
//   gclab_png_check slots --png F --layout L [--palette P] [--colour-by class|role|ram]
//       at slot-detail zoom, every word of every fully visible in-use page shows its slot's state
//       (allocated / free / tail waste, alternating shades) and the freeindex marker is where freeindex is;
//       with ram, allocated words show whether their 4 KiB page has RAM (both kinds must be in view).
//   gclab_png_check marking --png F --layout L [--palette P]
//       at slot-detail zoom, every word of every allocated slot fully in view shows its object's colour
//       (Runtime::objectColor: white, grey, black); the numbers of white, grey and black slots seen
//       equal the model's count over those pages, and at least one grey or black slot is in view.
//   gclab_png_check spanq --png F --layout L [--palette P] --go-version 1.26
//       in the marking colours, the page of every span in a Green Tea span queue (sim/visit.h
//       queuedSpans) is framed inside in the queued-span colour on all four sides, and no other in-use
//       page is; at least one queued and one unqueued span must be in view.
//   gclab_png_check selected --png F --layout L --select ADDR
//       the selected object is outlined in the selection colour all around, and that colour appears
//       nowhere else in the heap map.
//   gclab_png_check playhead --png F --timeline T
//       the playhead is drawn at the x of the tick's virtual time (Runtime::now) in the timeline plot.
//   gclab_png_check compare --png F --timeline T --at T
//       the compare view's lanes share the tick axis, the playhead is at tick T's x in both, and each
//       lane shows its own run's heapLive colour and not the other's.
//   gclab_png_check lines --png F --timeline T
//       the timeline's trigger and HeapSys curves (and GOMEMLIMIT's and the mapped memory's when the
//       scenario sets a limit) are at the y of the model's value (gcControllerState.trigger(), mheap
//       heapInUse + heapFree + heapReleased, memoryLimit, MemStats Sys - HeapReleased) where it stayed the
//       same for a while; without a limit neither of the last two colours is anywhere.
//   gclab_png_check lanes --png F --timeline T
//       each P's lane shows the mark worker colour of its mode in the middle of the widest stretch of its
//       own clock where the model ran that P's mark worker (Runtime::lastStep, curP, P.workerMode after each
//       step), and the mutator colour in the middle of its widest stretch of user code (no assist).
//   gclab_png_check first-shade --scenario S --at T
//       prints "TICK ADDR": the first write barrier at or after tick T and the object its new value points
//       into (the tests take their tick and focus from it).
//   gclab_png_check barrier --png F (--layout L | --state S)
//       the objects of the latest 8 write barriers up to the tick (shade events: the slot's object, the
//       old and the new value; the slot's field from the store event after it) carry the barrier colour:
//       with --layout, in the heap map (a frame around each object's page, a square under 6 px per page, or
//       at slot detail an outline around each object and the slot's word filled), and the colour appears
//       nowhere away from them; with
//       --state (gclab-gui --dump-state, the graph view), a ring around each of their nodes and none around
//       the others.
//   gclab_png_check graph-letters --png F --state S [--palette P]
//       S is gclab-gui --dump-state's file (the graph view). Inside every object node the pixels nearer
//       its letter colour than its fill form a glyph: the same glyph on every node of one colour (white,
//       grey, black by Runtime::objectColor), a different one for each colour.
//   gclab_png_check hover-target --state S
//       prints "X Y ADDR": a drawn node that a drawn object left of it points to (to put the mouse on).
//   gclab_png_check graph-hover --png F --state S --select ADDR
//       the node of ADDR, under the mouse, is ringed in the hover colour and no other node is; each
//       pointer between it and another drawn object (read from the model) is drawn in the hover colour.
//   gclab_png_check wavefront-tick --scenario S --at T
//       prints "TICK": the first tick in [T, T + 20 000) whose step greys an object a global points to,
//       or one that such an object points to.
//   gclab_png_check graph-wavefront --png F --state S
//       the nodes of the objects the step reaching the tick turned grey (grey events) have the wavefront
//       halo left of, above and below them, and no other node has.
//   gclab_png_check stats --png F --size WxH
//       the image has the requested size and is a rendered frame (many colours, text pixels).
//   gclab_png_check stats-text --png F --state S [--partly-visible 1]
//       S is gclab-gui --dump-state's file of the statistics view ("text stats-NAME X0 Y0 X1 Y1 TEXT": each
//       value it showed and where). The values are exactly the model's at the tick: runtime.MemStats
//       (readMemStats of the plain run), heapLive and heapScan, the arenas and chunks, the pages in use,
//       free and released counted page by page (spanOf, scavenged), mheap.sweepgen, and per P its tiny
//       block and one row per cached span (class, object size, noscan, base, allocCount / nelems), no
//       more; a byte count's "(1.2 MiB)" agrees with its exact number. Each value lies inside the view
//       (view_area_stats) with text pixels in its rectangle; with --partly-visible those that lie in view
//       do (the side panel's tab scrolls), and at least one does.
//   gclab_png_check plot-height --png F --timeline T --state S [--min-fraction F]
//       the timeline's plot, found by its colours in three columns, is as tall as the window reports (within
//       2 px) and at least F (default 0.35) of the timeline window's height (S: --dump-state's
//       pane_timeline).
//   gclab_png_check allocator --png F --layout A [--palette P] [--deepest STAGE] [--lit N]
//       A is gclab-gui --dump-allocator's file. One row per span class holding a span (read from the span
//       records and mcentral sets): each P's mcache cell is lit in its P's colour exactly when that P's
//       mcache.alloc holds a span of the class, and the lit cells counted in the image equal the cached
//       spans of all Ps; each P's tiny block shows tinyoffset used bytes; the path boxes of the stages the
//       latest allocation visited (P.lastAlloc) are lit and no others. --deepest tiny|mcache|grow also
//       requires that allocation to have happened at --at, to end at that stage, and the state one tick
//       before to agree: the heap grew, or no mcache changed span (and the tiny block only filled up).
//       --lit N: mid-animation, only the first N stages of the path are lit, the later ones dimmed.
// Exit status: 0 pass, 1 fail (reasons on stderr), 2 usage.
#include "sim/goenv.h"
#include "sim/mbarrier.h"
#include "sim/mgcwork.h"
#include "sim/mstats.h"
#include "sim/visit.h"

#include "render/allocator_layout.h"
#include "render/export_plan.h"
#include "render/gui_settings.h"
#include "render/heap_describe.h"
#include "render/heap_layout.h"
#include "render/p_lanes.h"
#include "render/palette.h"
#include "render/scenario_source.h"
#include "render/timeline_layout.h"
#include "scenarios/param_value.h"

#include <stb_image.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace {

using namespace gclab;
using namespace gclab::render;

constexpr int tolerance = 0; // textures are sampled nearest-texel with a white tint: colours arrive exact

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> px;

    bool load(const std::string& path) {
        int n = 0;
        unsigned char* d = stbi_load(path.c_str(), &w, &h, &n, 3);
        if (d == nullptr)
            return false;
        px.assign(d, d + static_cast<std::size_t>(w) * h * 3);
        stbi_image_free(d);
        return true;
    }
    Rgba at(int x, int y) const {
        const unsigned char* p = &px[(static_cast<std::size_t>(y) * w + x) * 3];
        return Rgba{p[0], p[1], p[2], 255};
    }
};

struct Args {
    std::string mode, png, layout, timeline, size, scenario = "steady-state", deepest, state;
    double minFraction = 0.35; // plot-height: of the timeline's window
    int lit = -1;              // allocator: how many of the path's stages the animation has lit (-1: all)
    std::uint64_t at = 0;
    std::size_t minClasses = 10;
    std::size_t count = 0;           // frames: how many frames the directory must hold
    std::string expect;              // contrast: high or normal
    std::string whole, view;         // crop: the whole window's PNG, and the view PNG is of
    bool partlyVisible = false;      // stats-text: values may lie outside the view (scrolled away)
    bool sameColumn = false;         // hover-target: a node with a pointer to or from its own column
    std::vector<std::string> params; // --param NAME=VALUE
    std::optional<std::int32_t> gogc;
    std::optional<std::int64_t> memoryLimit; // --gomemlimit
    GoVersion goVersion = GoVersion::go1_19;
    uintptr select = 0;
    PaletteKind palette = PaletteKind::standard;
    ColourBy colourBy = ColourBy::sizeClass;
};

int failures = 0;
void fail(const std::string& msg) {
    if (++failures <= 20)
        std::fprintf(stderr, "FAIL: %s\n", msg.c_str());
}

std::string rgb(Rgba c) {
    char b[32];
    std::snprintf(b, sizeof b, "#%02x%02x%02x", c.r, c.g, c.b);
    return b;
}

bool near(Rgba a, Rgba b) { return distance(a, b) <= tolerance; }

// Sample the pixel at the centre of a screen rectangle.
Rgba centre(const Image& img, const Rect& r) {
    return img.at(static_cast<int>(std::floor((r.x0 + r.x1) / 2)),
                  static_cast<int>(std::floor((r.y0 + r.y1) / 2)));
}

bool inside(const Rect& r, const Rect& view, const Image& img) {
    return r.x0 >= view.x0 && r.y0 >= view.y0 && r.x1 <= view.x1 && r.y1 <= view.y1 && r.x0 >= 0 &&
           r.y0 >= 0 && r.x1 <= img.w && r.y1 <= img.h;
}

// placeOf says where span id sits, from the mcaches and mcentral sets (independently of heap_snapshot).
SpanLocation placeOf(const Runtime& rt, SpanId id) {
    for (const P& p : rt.allp)
        if (p.mcache.alloc[rt.mheap.span(id).spanclass.value] == id)
            return SpanLocation{SpanRole::cached, p.id};
    const MSpan& s = rt.mheap.span(id);
    if (s.spanclass.sizeclass() == 0)
        return SpanLocation{SpanRole::large, 0};
    const MCentral& c = rt.mheap.central[s.spanclass.value];
    std::uint32_t sg = rt.mheap.sweepgen;
    auto in = [id](const SpanSet& set) {
        for (SpanId x : set)
            if (x == id)
                return true;
        return false;
    };
    if (in(c.partialSwept(sg)))
        return SpanLocation{SpanRole::partialSwept, 0};
    if (in(c.fullSwept(sg)))
        return SpanLocation{SpanRole::fullSwept, 0};
    if (in(c.partial[1 - sg / 2 % 2]))
        return SpanLocation{SpanRole::partialUnswept, 0};
    if (in(c.full[1 - sg / 2 % 2]))
        return SpanLocation{SpanRole::fullUnswept, 0};
    return SpanLocation{};
}

// sweepOf reads mspan.sweepgen against mheap.sweepgen (the table in mspan.h).
SpanSweep sweepOf(const Runtime& rt, SpanId id) {
    const std::uint32_t sg = rt.mheap.sweepgen, s = rt.mheap.span(id).sweepgen;
    return s == sg       ? SpanSweep::swept
           : s == sg - 2 ? SpanSweep::unswept
           : s == sg - 1 ? SpanSweep::beingSwept
           : s == sg + 3 ? SpanSweep::cachedSwept
                         : SpanSweep::cachedStale;
}

Rgba spanColour(const Runtime& rt, const Palette& pal, ColourBy by, SpanId id) {
    if (by == ColourBy::marking)
        return pal.sweepState[static_cast<std::size_t>(sweepOf(rt, id))];
    return pal.inUse(by, rt.mheap.span(id).spanclass, placeOf(rt, id));
}

// loadForArgs loads a's scenario with its settings (--go-version, --gogc, --gomemlimit) and parameters.
LoadedScenario loadForArgs(const Args& a, ParamValues& values) {
    LoadedScenario sc = loadScenario(a.scenario);
    sc.goVersion = a.goVersion;
    if (a.gogc)
        sc.scenario.gogc = *a.gogc;
    if (a.memoryLimit)
        sc.scenario.memoryLimit = *a.memoryLimit;
    values = sc.scenario.defaults();
    for (const std::string& p : a.params)
        if (std::string err = applyParamOverride(sc.scenario, p, values); !err.empty())
            fail("--param: " + err);
    return sc;
}

Runtime runAt(const Args& a) {
    ParamValues values;
    const LoadedScenario sc = loadForArgs(a, values);
    return runScenario(sc, values, a.at);
}

enum class Kind { inUse, released, free, unmapped };

Kind expectedKind(const Runtime& rt, std::uint64_t page) {
    uintptr a = pageAddr(page);
    if (a >= rt.mheap.pages.end())
        return Kind::unmapped;
    if (rt.mheap.spanOf(a) != emptymspan)
        return Kind::inUse;
    return rt.mheap.pages.scavenged(a) ? Kind::released : Kind::free;
}

// loadPng reads the screenshot; a failure is reported.
bool loadPng(const std::string& path, Image& img) {
    if (img.load(path))
        return true;
    fail("cannot read PNG " + path);
    return false;
}

// readText returns a dump file's whole text, nothing if it cannot be read.
std::optional<std::string> readText(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in)
        return std::nullopt;
    return ss.str();
}

// readViewArea: where the window's --state says it drew a view ("view_area_VIEW X0 Y0 X1 Y1").
std::optional<Rect> readViewArea(const std::optional<std::string>& state, const std::string& view) {
    const std::string key = "\nview_area_" + view + " ";
    const std::size_t at = state ? state->find(key) : std::string::npos;
    Rect r;
    if (at == std::string::npos ||
        std::sscanf(state->c_str() + at + key.size(), "%lf %lf %lf %lf", &r.x0, &r.y0, &r.x1, &r.y1) != 4)
        return std::nullopt;
    return r;
}

// HeapShot: what every heap-map check starts from — the screenshot, the layout gclab-gui wrote with it, the
// model at the tick and the palette.
struct HeapShot {
    Image img;
    HeapViewState vs;
    Runtime rt;
    const Palette& pal;
};

// loadHeapShot reads the screenshot and its layout and runs the scenario; a failure is reported.
std::optional<HeapShot> loadHeapShot(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return std::nullopt;
    const std::optional<std::string> text = readText(a.layout);
    HeapViewState vs;
    std::string err;
    if (!text || !parseHeapViewState(*text, vs, err)) {
        fail("cannot read layout " + a.layout + ": " + err);
        return std::nullopt;
    }
    return HeapShot{std::move(img), vs, runAt(a), palette(a.palette)};
}

// atSlotDetail: whether the zoom draws every word at least 6 px wide; a failure is reported.
bool atSlotDetail(const HeapViewState& vs) {
    if (vs.transform.cellPx / wordsPerGridRow >= 6)
        return true;
    fail("zoom too low for slot detail checks (need >= 192 px per page)");
    return false;
}

// PageInView: an in-use page whose cell lies wholly in view, and the cell.
struct PageInView {
    std::uint64_t page;
    Rect cell;
};

std::vector<PageInView> inUsePagesInView(const HeapShot& h) {
    std::vector<PageInView> pages;
    for (std::uint64_t p = 0; p < h.rt.mheap.numArenas() * pagesPerArena; p++) {
        const Rect cell = pageRect(p, h.vs.geometry, h.vs.transform);
        if (inside(cell, h.vs.pageView, h.img) && expectedKind(h.rt, p) == Kind::inUse)
            pages.push_back({p, cell});
    }
    return pages;
}

int checkHeap(const Args& a) {
    std::optional<HeapShot> shot = loadHeapShot(a);
    if (!shot)
        return 1;
    auto& [img, vs, rt, pal] = *shot;
    if (vs.transform.cellPx < 3) {
        fail("zoom below 3 px per page: cell centres cannot be sampled reliably");
        return 1;
    }
    const std::uint64_t numPages = rt.mheap.numArenas() * pagesPerArena;
    const std::uint64_t mapped = (rt.mheap.pages.end() - arenaBaseHint) / pageSize;

    // The set of colours that mean "in use" in this mode.
    std::vector<Rgba> inUseColours;
    if (a.colourBy == ColourBy::sizeClass)
        inUseColours.assign(pal.spanClass.begin(), pal.spanClass.end());
    else if (a.colourBy == ColourBy::marking)
        inUseColours.assign(pal.sweepState.begin(), pal.sweepState.end());
    else if (a.colourBy == ColourBy::ram)
        inUseColours = {pal.ramFull, pal.ramHalf, pal.ramNone};
    else
        inUseColours = {pal.cachedByP[0], pal.cachedByP[1], pal.partialSwept, pal.partialUnswept,
                        pal.fullSwept,    pal.fullUnswept,  pal.large};
    auto isInUseColour = [&](Rgba c) {
        for (Rgba u : inUseColours)
            if (near(c, u))
                return true;
        return false;
    };

    std::uint64_t checked = 0, checkedMapped = 0, countInUse = 0, countReleased = 0, countFree = 0;
    // RAM: the 4 KiB halves the in-use cells show resident, the cells of each RAM colour.
    std::uint64_t ramHalvesShown = 0, ramFreeCells = 0, ramNoneCells = 0;
    std::set<int> kindsSeen, classesSeen;
    for (std::uint64_t p = 0; p < numPages; p++) {
        Rect r = pageRect(p, vs.geometry, vs.transform);
        if (!inside(r, vs.pageView, img))
            continue;
        Kind k = expectedKind(rt, p);
        const auto halves = static_cast<std::uint8_t>(rt.mheap.resident.residentIn(pageAddr(p), pageSize));
        Rgba want;
        switch (k) {
        case Kind::inUse: {
            SpanId id = rt.mheap.spanOf(pageAddr(p));
            want = a.colourBy == ColourBy::ram ? pal.ram(true, halves) : spanColour(rt, pal, a.colourBy, id);
            classesSeen.insert(rt.mheap.span(id).spanclass.value);
            break;
        }
        case Kind::released:
            want = pal.released;
            break;
        case Kind::free:
            want = a.colourBy == ColourBy::ram ? pal.ram(false, halves) : pal.free;
            break;
        case Kind::unmapped:
            want = pal.unmapped;
            break;
        }
        Rgba got = centre(img, r);
        checked++;
        checkedMapped += p < mapped;
        kindsSeen.insert(static_cast<int>(k));
        if (!near(got, want)) {
            char b[160];
            std::snprintf(b, sizeof b, "page %llu (%#llx) at (%.0f, %.0f): expected %s, got %s",
                          static_cast<unsigned long long>(p), static_cast<unsigned long long>(pageAddr(p)),
                          (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2, rgb(want).c_str(), rgb(got).c_str());
            fail(b);
        }
        // Count what the image shows, by colour alone.
        if (isInUseColour(got))
            countInUse++;
        else if (near(got, pal.released))
            countReleased++;
        else if (near(got, pal.free) || (a.colourBy == ColourBy::ram && near(got, pal.ramFree)))
            countFree++;
        if (a.colourBy == ColourBy::ram) {
            ramHalvesShown += near(got, pal.ramFull) ? 2 : near(got, pal.ramHalf) ? 1 : 0;
            ramFreeCells += near(got, pal.ramFree);
            ramNoneCells += near(got, pal.ramNone);
        }
    }

    MemStats m = readMemStats(rt);
    std::printf("checked %llu page cells (%llu mapped of %llu) at %.1f px per page; %zu span classes seen\n",
                static_cast<unsigned long long>(checked), static_cast<unsigned long long>(checkedMapped),
                static_cast<unsigned long long>(mapped), vs.transform.cellPx, classesSeen.size());
    std::printf(
        "in-use cells %llu (HeapInuse/8KiB %llu), released %llu (HeapReleased/8KiB %llu), free %llu\n",
        static_cast<unsigned long long>(countInUse), static_cast<unsigned long long>(m.HeapInuse / pageSize),
        static_cast<unsigned long long>(countReleased),
        static_cast<unsigned long long>(m.HeapReleased / pageSize),
        static_cast<unsigned long long>(countFree));
    if (checkedMapped != mapped)
        fail("the mapped heap is not entirely in view: " + std::to_string(checkedMapped) + " of " +
             std::to_string(mapped) + " pages");
    if (countInUse != m.HeapInuse / pageSize)
        fail("in-use cells in the image " + std::to_string(countInUse) + " != HeapInuse / 8 KiB " +
             std::to_string(m.HeapInuse / pageSize));
    if (countReleased != m.HeapReleased / pageSize)
        fail("released cells " + std::to_string(countReleased) + " != HeapReleased / 8 KiB " +
             std::to_string(m.HeapReleased / pageSize));
    if (countFree != (m.HeapIdle - m.HeapReleased) / pageSize)
        fail("free cells " + std::to_string(countFree) + " != (HeapIdle - HeapReleased) / 8 KiB");
    // RAM: the in-use cells' halves, plus at most two per free cell with RAM, make up the heap's resident
    // set as the model counts it (ResidentPages, a counter kept apart from the bits read above).
    if (a.colourBy == ColourBy::ram) {
        const std::uint64_t resident = rt.mheap.resident.residentBytes() >> osPageShift;
        std::printf("RAM: %llu resident 4 KiB pages in in-use cells, %llu free cells with RAM, %llu in-use "
                    "cells without; the model's resident set %llu pages\n",
                    static_cast<unsigned long long>(ramHalvesShown),
                    static_cast<unsigned long long>(ramFreeCells),
                    static_cast<unsigned long long>(ramNoneCells), static_cast<unsigned long long>(resident));
        if (ramHalvesShown > resident || ramHalvesShown + 2 * ramFreeCells < resident)
            fail("the RAM the image shows does not add up to the model's resident set");
        if (ramNoneCells == 0)
            fail("no in-use page without RAM in view: choose a tick before the mark has read the heap");
    }
    // Not vacuous: in-use spans of several classes (including large and tiny) and released pages were seen.
    if (m.HeapInuse == 0 || classesSeen.size() < a.minClasses ||
        !kindsSeen.count(static_cast<int>(Kind::released)))
        fail("the screenshot does not show enough of the heap to be a meaningful check");
    if (a.colourBy == ColourBy::sizeClass && a.minClasses >= 10 &&
        (!classesSeen.count(tinySpanClass.value) || !classesSeen.count(SpanClass::make(0, true).value)))
        fail("expected tiny (span class 5) and large noscan (span class 1) spans in view");
    return failures == 0 ? 0 : 1;
}

int checkSlots(const Args& a) {
    std::optional<HeapShot> shot = loadHeapShot(a);
    if (!shot)
        return 1;
    auto& [img, vs, rt, pal] = *shot;
    if (!atSlotDetail(vs))
        return 1;
    std::uint64_t pagesChecked = 0, allocatedWords = 0, freeWords = 0, wasteWords = 0, markers = 0;
    std::uint64_t metadataWords = 0, ramWords[2] = {}; // RAM: allocated words without and with RAM
    for (const auto& [p, cell] : inUsePagesInView(*shot)) {
        SpanId id = rt.mheap.spanOf(pageAddr(p));
        const MSpan& s = rt.mheap.span(id);
        Rgba sc = spanColour(rt, pal, a.colourBy, id);
        const bool firstPage = s.base() == pageAddr(p);
        // The freeindex marker's labelled flag sits in the grid rows (of 32 words) just above the
        // freeindex word: skip up to three of them.
        int flagRow = -10;
        uintptr fa = s.base() + uintptr{s.freeindex} * s.elemsize;
        bool hasMarker = s.spanclass.sizeclass() != 0 && s.freeindex < s.nelems && pageIndex(fa) == p;
        std::uint32_t markerWord = 0;
        if (hasMarker) {
            markerWord = static_cast<std::uint32_t>((fa - pageAddr(p)) / wordBytes);
            flagRow = static_cast<int>(markerWord / wordsPerGridRow) - 1;
        }
        pagesChecked++;
        for (std::uint32_t w = 0; w < wordsPerPage; w++) {
            int row = static_cast<int>(w / wordsPerGridRow), colm = static_cast<int>(w % wordsPerGridRow);
            if (firstPage && row >= 26 && colm >= 18)
                continue; // the span's size label (bottom right)
            if (row >= flagRow - 2 && row <= flagRow)
                continue;
            uintptr addr = pageAddr(p) + uintptr{w} * wordBytes;
            Rgba want;
            // Go 1.26 (go-runtime-facts.md §1.5): 128 B of inline mark bits for 16-512 B objects, and
            // before them 128 B of pointer bitmap for pointerful ones up to 512 B.
            const uintptr elem = s.spanclass.sizeclass() == 0 ? 0 : s.elemsize;
            const uintptr reserved = a.goVersion == GoVersion::go1_19 || elem == 0 || elem > 512
                                         ? 0
                                         : (elem >= 16 ? 128 : 0) + (s.spanclass.noscan() ? 0 : 128);
            if (addr >= s.base() + s.spanBytes() - reserved) {
                want = pal.spanMetadata;
                metadataWords++;
            } else if (addr >= s.limit) {
                want = pal.tailWaste;
                wasteWords++;
            } else {
                auto slot = static_cast<std::uint32_t>((addr - s.base()) / s.elemsize);
                bool isFree = slot >= s.freeindex && !s.allocBits.test(slot);
                if (isFree) {
                    want = pal.slotFreeColour(slot);
                    freeWords++;
                } else if (a.colourBy == ColourBy::ram) {
                    const bool resident = rt.mheap.resident.resident(addr);
                    want = pal.slotAllocated(resident ? pal.ramFull : pal.ramNone, slot, false);
                    allocatedWords++;
                    ramWords[resident]++;
                } else {
                    want = pal.slotAllocated(sc, slot, s.gcmarkBits.test(slot));
                    allocatedWords++;
                }
            }
            Rgba got = centre(img, wordRect(cell, w));
            if (!near(got, want)) {
                char b[200];
                std::snprintf(b, sizeof b, "page %#llx word %u (%#llx, span class %d): expected %s, got %s",
                              static_cast<unsigned long long>(pageAddr(p)), w,
                              static_cast<unsigned long long>(addr), s.spanclass.value, rgb(want).c_str(),
                              rgb(got).c_str());
                fail(b);
            }
        }
        if (hasMarker) {
            // The marker bar covers the left quarter of the freeindex word.
            Rect wr = wordRect(cell, markerWord);
            Rgba got = img.at(static_cast<int>(wr.x0) + 1, static_cast<int>((wr.y0 + wr.y1) / 2));
            if (!near(got, pal.freeindexMarker))
                fail("no freeindex marker at " + std::to_string(markerWord) + " of page " +
                     std::to_string(p));
            markers++;
        }
    }
    std::printf("checked %llu pages: %llu allocated, %llu free, %llu tail-waste, %llu span-metadata words; "
                "%llu freeindex markers\n",
                static_cast<unsigned long long>(pagesChecked),
                static_cast<unsigned long long>(allocatedWords), static_cast<unsigned long long>(freeWords),
                static_cast<unsigned long long>(wasteWords), static_cast<unsigned long long>(metadataWords),
                static_cast<unsigned long long>(markers));
    if (pagesChecked == 0 || allocatedWords == 0 || freeWords == 0 || markers == 0)
        fail("the screenshot shows no page with both allocated and free slots and a freeindex marker");
    if (a.colourBy == ColourBy::ram) {
        std::printf("RAM: %llu allocated words with RAM, %llu without\n",
                    static_cast<unsigned long long>(ramWords[1]),
                    static_cast<unsigned long long>(ramWords[0]));
        if (ramWords[0] == 0 || ramWords[1] == 0)
            fail("RAM: the view should show allocated slots both with and without RAM");
    }
    if (a.goVersion == GoVersion::go1_26 && metadataWords == 0)
        fail("Go 1.26: no span in view shows its reserved metadata words");
    return failures == 0 ? 0 : 1;
}

int checkMarking(const Args& a) {
    std::optional<HeapShot> shot = loadHeapShot(a);
    if (!shot)
        return 1;
    auto& [img, vs, rt, pal] = *shot;
    if (!atSlotDetail(vs))
        return 1;
    std::uint64_t want[3] = {}, seen[3] = {};
    for (const auto& [p, cell] : inUsePagesInView(*shot)) {
        const MSpan& s = rt.mheap.span(rt.mheap.spanOf(pageAddr(p)));
        const bool firstPage = s.base() == pageAddr(p);
        // Slots that start on this page, wholly visible with it; the span label covers the first page's
        // bottom-right corner and the freeindex flag the rows above freeindex, so test a slot by its words
        // outside those.
        for (std::uint32_t slot = 0; slot < s.nelems; slot++) {
            uintptr addr = s.base() + uintptr{slot} * s.elemsize;
            const bool isFree = slot >= s.freeindex && !s.allocBits.test(slot);
            if (pageIndex(addr) != p || isFree)
                continue;
            const int colour = rt.objectColor(addr);
            want[colour]++;
            // Classify the slot by the majority of its words on this page that are clear of labels.
            int votes[3] = {};
            uintptr end = std::min(addr + s.elemsize, pageAddr(p) + pageSize);
            for (uintptr w = addr; w < end; w += wordBytes) {
                auto word = static_cast<std::uint32_t>((w - pageAddr(p)) / wordBytes);
                int row = static_cast<int>(word / wordsPerGridRow),
                    colm = static_cast<int>(word % wordsPerGridRow);
                if (firstPage && row >= 26 && colm >= 18)
                    continue;
                Rgba got = centre(img, wordRect(cell, word));
                for (int c = 0; c < 3; c++)
                    votes[c] += near(got, pal.object(static_cast<Color>(c), slot, word)) ? 1 : 0;
            }
            int best = 0;
            for (int c = 1; c < 3; c++)
                if (votes[c] > votes[best])
                    best = c;
            if (votes[best] == 0) {
                want[colour]--;
                continue; // every word hidden by a label or marker
            }
            seen[best]++;
            if (best != colour) {
                char b[160];
                std::snprintf(b, sizeof b, "object %#llx: the model says %s, the image shows %s",
                              static_cast<unsigned long long>(addr), colorName(static_cast<Color>(colour)),
                              colorName(static_cast<Color>(best)));
                fail(b);
            }
        }
    }
    std::printf(
        "slots in view: model white %llu grey %llu black %llu; image white %llu grey %llu black %llu\n",
        static_cast<unsigned long long>(want[0]), static_cast<unsigned long long>(want[1]),
        static_cast<unsigned long long>(want[2]), static_cast<unsigned long long>(seen[0]),
        static_cast<unsigned long long>(seen[1]), static_cast<unsigned long long>(seen[2]));
    for (int c = 0; c < 3; c++)
        if (want[c] != seen[c])
            fail(std::string("number of ") + colorName(static_cast<Color>(c)) + " slots differs");
    if (want[0] == 0 || want[1] == 0 || want[2] == 0)
        fail("white, grey and black objects must all be in view: pick a tick inside a mark phase");
    return failures == 0 ? 0 : 1;
}

// checkSpanQueue: see the file comment (spanq).
int checkSpanQueue(const Args& a) {
    std::optional<HeapShot> shot = loadHeapShot(a);
    if (!shot)
        return 1;
    auto& [img, vs, rt, pal] = *shot;
    std::set<uintptr> queued;
    for (const QueuedSpan& q : queuedSpans(rt))
        queued.insert(q.base);
    std::uint64_t framed = 0, plain = 0;
    for (const auto& [p, cell] : inUsePagesInView(*shot)) {
        const bool want = queued.contains(rt.mheap.span(rt.mheap.spanOf(pageAddr(p))).base());
        const int cx = static_cast<int>((cell.x0 + cell.x1) / 2),
                  cy = static_cast<int>((cell.y0 + cell.y1) / 2);
        // One pixel in from the middle of each edge.
        const int pts[4][2] = {{static_cast<int>(cell.x0) + 1, cy},
                               {static_cast<int>(std::ceil(cell.x1)) - 2, cy},
                               {cx, static_cast<int>(cell.y0) + 1},
                               {cx, static_cast<int>(std::ceil(cell.y1)) - 2}};
        int sides = 0;
        for (const auto& pt : pts)
            sides += near(img.at(pt[0], pt[1]), pal.spanQueued) ? 1 : 0;
        if (want ? sides != 4 : sides != 0) {
            char b[160];
            std::snprintf(b, sizeof b, "page %#llx: %s, but %d of its 4 sides show the queued-span frame",
                          static_cast<unsigned long long>(pageAddr(p)), want ? "queued" : "not queued",
                          sides);
            fail(b);
        }
        (want ? framed : plain)++;
    }
    std::printf("in-use pages in view: %llu of queued spans, %llu others; %zu spans queued in all\n",
                static_cast<unsigned long long>(framed), static_cast<unsigned long long>(plain),
                queued.size());
    if (framed == 0 || plain == 0)
        fail("need queued and unqueued spans in view: pick a tick inside a Go 1.26 mark phase");
    return failures == 0 ? 0 : 1;
}

// checkAllocCache: at slot detail, the allocCache window of every span cached in an mcache (the 64 slots
// from freeindex rounded down to a multiple of 64, as mspan.refillAllocCache loads them, fewer at the
// span's end) is outlined exactly: the outline colour lies on the edges between a word of the window and
// a word outside it (or its page's border), at least on 90 % of them (labels may cover a few), never on an
// edge between two words of a window, and nowhere farther than the outline's width from a window.
int checkAllocCache(const Args& a) {
    std::optional<HeapShot> shot = loadHeapShot(a);
    if (!shot)
        return 1;
    auto& [img, vs, rt, pal] = *shot;
    const Rect& view = vs.pageView;
    auto outlined = [&shot](double x, double y) { // the outline colour within a pixel of (x, y)
        const Image& shown = shot->img;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++) {
                const int px = static_cast<int>(x) + dx, py = static_cast<int>(y) + dy;
                if (px >= 0 && py >= 0 && px < shown.w && py < shown.h &&
                    ::near(shown.at(px, py), shot->pal.allocCacheWindow))
                    return true;
            }
        return false;
    };
    std::set<uintptr> window; // the words of every window
    for (const P& p : rt.allp)
        for (SpanId id : p.mcache.alloc) {
            if (id == emptymspan)
                continue;
            const MSpan& s = rt.mheap.span(id);
            if (s.spanclass.sizeclass() == 0 || s.freeindex >= s.nelems)
                continue;
            const std::uint32_t w0 = s.freeindex / 64 * 64, w1 = std::min(w0 + 64, s.nelems);
            std::printf(
                "P%u caches span %#llx (%u-byte slots): freeindex %u, allocCache window slots %u..%u\n", p.id,
                static_cast<unsigned long long>(s.base()), static_cast<unsigned>(s.elemsize), s.freeindex, w0,
                w1 - 1);
            for (uintptr w = s.base() + uintptr{w0} * s.elemsize; w < s.base() + uintptr{w1} * s.elemsize;
                 w += wordBytes)
                window.insert(w);
        }
    std::uint64_t border = 0, borderOutlined = 0, inner = 0, innerOutlined = 0;
    std::vector<Rect> rects;
    for (uintptr w : window) {
        const uintptr page = alignDown(w, pageSize);
        const auto i = static_cast<std::uint32_t>((w - page) / wordBytes);
        const Rect r = wordRect(pageRect(pageIndex(w), vs.geometry, vs.transform), i);
        rects.push_back(r);
        if (r.x0 < view.x0 + 2 || r.x1 > view.x1 - 2 || r.y0 < view.y0 + 2 || r.y1 > view.y1 - 2)
            continue;
        const std::uint32_t row = i / wordsPerGridRow, col = i % wordsPerGridRow;
        // The four neighbours in the page's grid (none past the page's border) and the middle of the edge
        // shared with each.
        const struct {
            bool inPage;
            std::int64_t di;
            double x, y;
        } edges[] = {{col > 0, -1, r.x0, (r.y0 + r.y1) / 2},
                     {col + 1 < wordsPerGridRow, 1, r.x1, (r.y0 + r.y1) / 2},
                     {row > 0, -static_cast<std::int64_t>(wordsPerGridRow), (r.x0 + r.x1) / 2, r.y0},
                     {row + 1 < wordsPerPage / wordsPerGridRow, wordsPerGridRow, (r.x0 + r.x1) / 2, r.y1}};
        for (const auto& e : edges) {
            const bool inside =
                e.inPage &&
                window.contains(w + static_cast<uintptr>(e.di * static_cast<std::int64_t>(wordBytes)));
            const bool o = outlined(e.x, e.y);
            (inside ? inner : border)++;
            (inside ? innerOutlined : borderOutlined) += o;
        }
    }
    const double pad = 4; // the outline is 2 px wide at 256 px per page, drawn on the words' edges
    std::uint64_t elsewhere = 0;
    for (int y = static_cast<int>(view.y0); y < static_cast<int>(view.y1) && y < img.h; y++)
        for (int x = static_cast<int>(view.x0); x < static_cast<int>(view.x1) && x < img.w; x++)
            if (::near(img.at(x, y), pal.allocCacheWindow) &&
                std::none_of(rects.begin(), rects.end(), [&](const Rect& r) {
                    return x >= r.x0 - pad && x < r.x1 + pad && y >= r.y0 - pad && y < r.y1 + pad;
                }))
                elsewhere++;
    std::printf("window edges in view: %llu of %llu on a window's border outlined, %llu of %llu inside; %llu "
                "outline pixels away from the windows\n",
                static_cast<unsigned long long>(borderOutlined), static_cast<unsigned long long>(border),
                static_cast<unsigned long long>(innerOutlined), static_cast<unsigned long long>(inner),
                static_cast<unsigned long long>(elsewhere));
    if (border == 0)
        fail("no allocCache window in view: focus a cached span");
    if (borderOutlined * 10 < border * 9)
        fail("the window's border is not outlined");
    if (innerOutlined != 0)
        fail("the outline crosses the inside of a window");
    if (elsewhere != 0)
        fail("the allocCache outline colour appears away from the windows");
    return failures == 0 ? 0 : 1;
}

int checkSelected(const Args& a) {
    std::optional<HeapShot> shot = loadHeapShot(a);
    if (!shot)
        return 1;
    auto& [img, vs, rt, pal] = *shot;
    ObjectRef ref;
    if (!rt.mheap.findObject(a.select, ref)) {
        fail("no object at the selected address");
        return 1;
    }
    const MSpan& s = rt.mheap.span(ref.span);
    const uintptr base = s.base() + uintptr{ref.slot} * s.elemsize;
    // The object's words on screen, and their bounding box widened by the outline's thickness.
    Rect box{1e9, 1e9, -1e9, -1e9};
    for (uintptr w = base; w < base + s.elemsize; w += wordBytes) {
        Rect r = wordRect(pageRect(pageIndex(w), vs.geometry, vs.transform),
                          static_cast<std::uint32_t>((w - alignDown(w, pageSize)) / wordBytes));
        box = Rect{std::min(box.x0, r.x0), std::min(box.y0, r.y0), std::max(box.x1, r.x1),
                   std::max(box.y1, r.y1)};
    }
    const double pad = 6;
    std::uint64_t inside = 0, outside = 0;
    for (int y = static_cast<int>(vs.pageView.y0); y < static_cast<int>(vs.pageView.y1) && y < img.h; y++)
        for (int x = static_cast<int>(vs.pageView.x0); x < static_cast<int>(vs.pageView.x1) && x < img.w;
             x++) {
            if (!near(img.at(x, y), pal.selection))
                continue;
            const bool near_box =
                x >= box.x0 - pad && x < box.x1 + pad && y >= box.y0 - pad && y < box.y1 + pad;
            (near_box ? inside : outside)++;
        }
    std::printf("selection outline: %llu pixels around the object, %llu elsewhere\n",
                static_cast<unsigned long long>(inside), static_cast<unsigned long long>(outside));
    // The outline goes all around the object: at least its perimeter in pixels.
    if (static_cast<double>(inside) < 2 * (box.width() + box.height()))
        fail("the selected object is not outlined");
    if (outside != 0)
        fail("the selection colour appears away from the selected object");
    return failures == 0 ? 0 : 1;
}

// loadTimeline reads the screenshot and the timeline state gclab-gui wrote with it; a failure is reported.
bool loadTimeline(const Args& a, Image& img, TimelineState& ts) {
    if (!loadPng(a.png, img))
        return false;
    const std::optional<std::string> text = readText(a.timeline);
    std::string err;
    if (!text || !parseTimelineState(*text, ts, err) || !parseTimelineScale(*text, ts, err)) {
        fail("cannot read timeline state " + a.timeline + ": " + err);
        return false;
    }
    return true;
}

int checkPlayhead(const Args& a) {
    Image img;
    TimelineState ts;
    if (!loadTimeline(a, img, ts))
        return 1;
    Runtime rt = runAt(a);
    const Palette& pal = palette(PaletteKind::standard);
    const int x = static_cast<int>(std::lround(ts.xOf(static_cast<double>(rt.now()))));
    const int y = static_cast<int>((ts.plot.y0 + ts.plot.y1) / 2);
    std::printf("tick %llu at %lld ns: playhead expected at x=%d\n", static_cast<unsigned long long>(rt.tick),
                static_cast<long long>(rt.now()), x);
    if (x < ts.plot.x0 || x >= ts.plot.x1 || x < 0 || x >= img.w) {
        fail("the tick's time is outside the plot");
        return 1;
    }
    // The playhead is two pixels wide, [x-1, x+1).
    for (int dx : {-1, 0})
        if (!near(img.at(x + dx, y), pal.playhead))
            fail("no playhead colour at x=" + std::to_string(x + dx) + ": " + rgb(img.at(x + dx, y)));
    // Nowhere else along that row.
    for (int xx = static_cast<int>(ts.plot.x0); xx < static_cast<int>(ts.plot.x1); xx++)
        if (std::abs(xx - x) > 2 && near(img.at(xx, y), pal.playhead))
            fail("playhead colour also at x=" + std::to_string(xx));
    return failures == 0 ? 0 : 1;
}

int checkStats(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    int w = 0, h = 0;
    char x = 0;
    if (std::sscanf(a.size.c_str(), "%d%c%d", &w, &x, &h) != 3 || img.w != w || img.h != h)
        fail("image is " + std::to_string(img.w) + "x" + std::to_string(img.h) + ", expected " + a.size);
    std::set<std::uint32_t> colours;
    std::uint64_t bright = 0;
    for (int y = 0; y < img.h; y++)
        for (int xx = 0; xx < img.w; xx++) {
            Rgba c = img.at(xx, y);
            colours.insert(c.abgr());
            bright += c.r > 200 && c.g > 200 && c.b > 200;
        }
    std::printf("%zu distinct colours, %llu bright (text) pixels\n", colours.size(),
                static_cast<unsigned long long>(bright));
    if (colours.size() < 32)
        fail("too few colours for a rendered frame");
    if (bright < static_cast<std::uint64_t>(img.w) * img.h / 500)
        fail("almost no text pixels");
    return failures == 0 ? 0 : 1;
}

// checkCompare: the compare view's two lanes share the tick axis; the playhead is at the x of the tick in
// both; this run's heapLive colour is only in the first lane and the compared run's only in the second.
int checkCompare(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    const std::optional<std::string> text = readText(a.timeline);
    TimelineState lanes[2];
    std::string err;
    if (!text || !parseTimelineState(*text, lanes[0], err, "compare-a") ||
        !parseTimelineState(*text, lanes[1], err, "compare-b")) {
        fail("cannot read the compare lanes from " + a.timeline + ": " + err);
        return 1;
    }
    if (lanes[0].plot.x0 != lanes[1].plot.x0 || lanes[0].plot.x1 != lanes[1].plot.x1 ||
        lanes[0].ns0 != lanes[1].ns0 || lanes[0].ns1 != lanes[1].ns1)
        fail("the lanes do not share the tick axis");
    if (lanes[0].plot.y1 > lanes[1].plot.y0)
        fail("the lanes overlap");
    const Palette& pal = palette(PaletteKind::standard);
    for (int l = 0; l < 2; l++) {
        const TimelineState& ts = lanes[l];
        const int x = static_cast<int>(std::lround(ts.xOf(static_cast<double>(a.at))));
        const int y = static_cast<int>((ts.plot.y0 + ts.plot.y1) / 2);
        std::printf("lane %d: tick %llu expected at x=%d\n", l, static_cast<unsigned long long>(a.at), x);
        if (x < ts.plot.x0 || x >= ts.plot.x1 || x < 1 || x >= img.w) {
            fail("the tick is outside the lane");
            continue;
        }
        for (int dx : {-1, 0})
            if (!near(img.at(x + dx, y), pal.playhead))
                fail("lane " + std::to_string(l) + ": no playhead colour at x=" + std::to_string(x + dx) +
                     ": " + rgb(img.at(x + dx, y)));
        for (int xx = static_cast<int>(ts.plot.x0); xx < static_cast<int>(ts.plot.x1); xx++)
            if (std::abs(xx - x) > 2 && near(img.at(xx, y), pal.playhead))
                fail("lane " + std::to_string(l) + ": playhead colour also at x=" + std::to_string(xx));
        // Count the two runs' heapLive colours inside this lane.
        std::uint64_t own = 0, other = 0;
        for (int yy = static_cast<int>(ts.plot.y0); yy < static_cast<int>(ts.plot.y1); yy++)
            for (int xx = static_cast<int>(ts.plot.x0); xx < static_cast<int>(ts.plot.x1); xx++) {
                const Rgba c = img.at(xx, yy);
                own += near(c, l == 0 ? pal.heapLiveLine : pal.compareLiveLine);
                other += near(c, l == 0 ? pal.compareLiveLine : pal.heapLiveLine);
            }
        std::printf("lane %d: %llu pixels of its heapLive colour, %llu of the other run's\n", l,
                    static_cast<unsigned long long>(own), static_cast<unsigned long long>(other));
        if (own < static_cast<std::uint64_t>(ts.plot.width() / 4))
            fail("lane " + std::to_string(l) + ": its run's heapLive is not drawn");
        if (other != 0)
            fail("lane " + std::to_string(l) + ": the other run's heapLive colour appears");
    }
    return failures == 0 ? 0 : 1;
}

// latestAlloc is the P whose latest allocation is the most recent (the lower P id on a tie).
std::optional<std::uint32_t> latestAlloc(const Runtime& rt) {
    std::optional<std::uint32_t> best;
    for (const P& p : rt.allp)
        if (p.lastAlloc.path.stages != 0 && (!best || p.lastAlloc.tick > rt.allp[*best].lastAlloc.tick))
            best = p.id;
    return best;
}

// checkDeepest confirms from the state one tick earlier that the allocation at --at took the path named.
void checkDeepest(const Args& a, const Runtime& rt, std::uint32_t p) {
    const AllocRecord& rec = rt.allp[p].lastAlloc;
    if (rec.tick != a.at)
        fail("the latest allocation happened at tick " + std::to_string(rec.tick) + ", not at --at");
    Args prev = a;
    prev.at = a.at - 1;
    const Runtime before = runAt(prev);
    const bool grew = rt.mheap.pages.end() > before.mheap.pages.end();
    const bool sameSpans = rt.allp[p].mcache.alloc == before.allp[p].mcache.alloc;
    const MCache &now = rt.allp[p].mcache, &was = before.allp[p].mcache;
    std::printf("P%u allocated at tick %llu: deepest stage %d; heap grew %d, mcache spans unchanged %d, "
                "tiny block %#llx+%llu (was %#llx+%llu)\n",
                p, static_cast<unsigned long long>(rec.tick), static_cast<int>(rec.path.deepest()), grew,
                sameSpans, static_cast<unsigned long long>(now.tiny),
                static_cast<unsigned long long>(now.tinyoffset), static_cast<unsigned long long>(was.tiny),
                static_cast<unsigned long long>(was.tinyoffset));
    if (a.deepest == "grow") {
        if (rec.path.deepest() != AllocStage::grow || !grew)
            fail("expected an allocation that grew the heap");
    } else if (a.deepest == "mcache") {
        if (rec.path.deepest() != AllocStage::mcache || grew || !sameSpans)
            fail("expected an allocation served by the cached span (no refill, no growth)");
    } else if (a.deepest == "tiny") {
        if (rec.path.deepest() != AllocStage::tiny || grew || !sameSpans || now.tiny != was.tiny ||
            now.tinyoffset <= was.tinyoffset)
            fail("expected an allocation packed into the existing tiny block");
    } else {
        fail("--deepest: expected tiny, mcache or grow");
    }
}

int checkAllocator(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    const std::optional<std::string> text = readText(a.layout);
    AllocatorLayoutInput li;
    std::string err;
    if (!text || !parseAllocatorLayoutInput(*text, li, err)) {
        fail("cannot read allocator layout " + a.layout + ": " + err);
        return 1;
    }
    const AllocatorLayout l = layoutAllocator(li);
    const Runtime rt = runAt(a);
    const Palette& pal = palette(a.palette);
    if (li.numPs != rt.allp.size())
        fail("the view laid out " + std::to_string(li.numPs) + " Ps, the model has " +
             std::to_string(rt.allp.size()));
    auto sample = [&](double x, double y) { return img.at(static_cast<int>(x), static_cast<int>(y)); };
    auto inImage = [&](const Rect& r) { return r.x0 >= 0 && r.y0 >= 0 && r.x1 <= img.w && r.y1 <= img.h; };

    // The span classes holding a span, from the span records and the mcentral sets.
    std::set<int> classes;
    for (std::size_t i = 1; i < rt.mheap.numSpanRecords(); i++)
        if (rt.mheap.span(static_cast<SpanId>(i)).state == MSpanState::mSpanInUse)
            classes.insert(rt.mheap.span(static_cast<SpanId>(i)).spanclass.value);
    for (const MCentral& c : rt.mheap.central)
        if (!c.partial[0].empty() || !c.partial[1].empty() || !c.full[0].empty() || !c.full[1].empty())
            classes.insert(c.spanclass.value);
    std::uint64_t cachedSpans = 0, litCells = 0;
    for (const P& p : rt.allp)
        for (SpanId id : p.mcache.alloc)
            cachedSpans += id != emptymspan;
    std::size_t row = 0;
    for (int spc : classes) {
        for (const P& p : rt.allp) {
            const Rect c = l.mcacheCell(row, p.id);
            if (!inImage(c)) {
                fail("span class row " + std::to_string(row) + " is not wholly in the image");
                return 1;
            }
            const bool cached = p.mcache.alloc[static_cast<std::size_t>(spc)] != emptymspan;
            const Rgba got = sample(c.x0 + 2, c.y0 + 2);
            const Rgba want = cached ? pal.cachedByP[p.id % 2] : pal.emptyCell;
            litCells += near(got, pal.cachedByP[0]) || near(got, pal.cachedByP[1]);
            if (!near(got, want))
                fail("span class " + std::to_string(spc) + ", P" + std::to_string(p.id) +
                     " mcache cell: expected " + rgb(want) + ", got " + rgb(got));
        }
        row++;
    }

    // Each P's tiny block, byte by byte.
    std::uint64_t tinyUsed = 0;
    for (const P& p : rt.allp)
        for (std::size_t b = 0; b < 16; b++) {
            const Rect& r = l.tinyByte[p.id][b];
            const MCache& m = p.mcache;
            const Rgba want = m.tiny == 0        ? pal.emptyCell
                              : b < m.tinyoffset ? pal.tinyBlock
                                                 : pal.slotFree[0];
            tinyUsed += m.tiny != 0 && b < m.tinyoffset;
            const Rgba got = sample((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
            if (!near(got, want))
                fail("P" + std::to_string(p.id) + " tiny byte " + std::to_string(b) + ": expected " +
                     rgb(want) + ", got " + rgb(got));
        }

    // The path of the latest allocation: its stages lit, the others not.
    const std::optional<std::uint32_t> cur = latestAlloc(rt);
    int litStages = 0, visitedSoFar = 0;
    for (int i = 0; i < numAllocStages; i++) {
        const Rect& r = l.stage[static_cast<std::size_t>(i)];
        const bool visited = cur && rt.allp[*cur].lastAlloc.path.visited(static_cast<AllocStage>(i));
        const bool lit = visited && (a.lit < 0 || visitedSoFar < a.lit);
        visitedSoFar += visited;
        const Rgba got = sample(r.x0 + 4, r.y1 - 4);
        litStages += near(got, pal.stageLit);
        const Rgba want = lit ? pal.stageLit : visited ? pal.stageWaiting : pal.stageOff;
        if (!near(got, want))
            fail("path stage " + std::to_string(i) + (visited ? " was visited" : " was not visited") +
                 ": expected " + rgb(want) + ", got " + rgb(got));
    }
    if (a.lit >= 0 && litStages != std::min(a.lit, visitedSoFar))
        fail("expected " + std::to_string(a.lit) + " lit stages mid-animation");
    std::printf("%zu span classes in use; lit mcache cells %llu (cached spans %llu); tiny bytes used %llu; "
                "lit path stages %d\n",
                classes.size(), static_cast<unsigned long long>(litCells),
                static_cast<unsigned long long>(cachedSpans), static_cast<unsigned long long>(tinyUsed),
                litStages);
    if (litCells != cachedSpans)
        fail("lit mcache cells " + std::to_string(litCells) + " != spans cached by the Ps " +
             std::to_string(cachedSpans));
    if (!a.deepest.empty()) {
        if (!cur)
            fail("no allocation has happened");
        else
            checkDeepest(a, rt, *cur);
    }
    if (classes.empty() || cachedSpans == 0 || litStages == 0)
        fail("the screenshot shows no cached span or no allocation path: not a meaningful check");
    return failures == 0 ? 0 : 1;
}

// stepScenario runs the scenario of a from tick 0 to a.at like runAt, calling each(rt) after every step
// with that step's events in rt.events (recorded only when events is true).
template <class F>
Runtime stepScenario(const Args& a, bool events, F&& each) {
    ParamValues values;
    LoadedScenario sc = loadForArgs(a, values);
    RuntimeConfig cfg = runConfig(sc);
    cfg.recordEvents = events;
    Runtime rt(cfg);
    sc.scenario.build(rt, values);
    rt.events.clear();
    while (rt.tick < a.at && rt.step()) {
        each(rt);
        rt.events.clear();
    }
    return rt;
}

// TickValues is what the lines check reads from the model after each step.
struct TickValues {
    std::int64_t ns = 0;
    double trigger = 0, heapSys = 0, heapInuse = 0, heapGoal = 0, heapLive = 0, limit = -1, mapped = -1;
    double resident = 0;
};

// mappedMemory is what GOMEMLIMIT bounds, read as runtime/debug documents it: Sys - HeapReleased.
double mappedMemory(const Runtime& rt) {
    const MemStats m = readMemStats(rt);
    return static_cast<double>(m.Sys - m.HeapReleased);
}

// checkLines: see the file comment.
int checkLines(const Args& a) {
    Image img;
    TimelineState ts;
    if (!loadTimeline(a, img, ts))
        return 1;
    std::vector<TickValues> v;
    stepScenario(a, false, [&](const Runtime& rt) {
        const std::int64_t limit = rt.gcController.memoryLimit;
        v.push_back(TickValues{
            rt.now(), static_cast<double>(rt.gcController.trigger()),
            static_cast<double>(rt.mheap.heapInUse + rt.mheap.heapFree + rt.mheap.heapReleased),
            static_cast<double>(rt.mheap.heapInUse), static_cast<double>(rt.gcController.heapGoal()),
            static_cast<double>(rt.gcController.heapLive),
            limit == noMemoryLimit ? -1.0 : static_cast<double>(limit),
            limit == noMemoryLimit ? -1.0 : mappedMemory(rt),
            static_cast<double>(rt.mheap.resident.residentBytes())});
    });
    const Palette& pal = palette(a.palette);
    const double playheadX = ts.xOf(static_cast<double>(v.empty() ? 0 : v.back().ns));
    // hasColourNear: colour c within 2 rows above and 3 below y (2-pixel lines) in column x.
    auto hasColourNear = [&](int x, double y, Rgba c) {
        for (int yy = static_cast<int>(std::floor(y)) - 2; yy <= static_cast<int>(std::floor(y)) + 3; yy++)
            if (yy >= 0 && yy < img.h && near(img.at(x, yy), c))
                return true;
        return false;
    };
    // checkCurve finds the longest stretch of ticks over which field kept its value, inside the plot and
    // at least 4 px from the curves drawn over it (others), and checks the colour in the middle of it.
    auto checkCurve = [&](const char* name, double TickValues::*field,
                          std::vector<double TickValues::*> others, Rgba colour) {
        std::size_t bestI = 0, bestJ = 0;
        double bestW = 0;
        for (std::size_t i = 0; i < v.size();) {
            std::size_t j = i;
            auto clear = [&](std::size_t k) {
                const double y = ts.yOf(v[k].*field);
                if (v[k].*field < 0 || y < ts.plot.y0 + 2 || y > ts.plot.y1 - 4)
                    return false;
                for (double TickValues::*o : others)
                    if (std::abs(ts.yOf(v[k].*o) - y) < 4)
                        return false;
                return true;
            };
            while (j < v.size() && v[j].*field == v[i].*field && clear(j))
                j++;
            const double w =
                j > i ? ts.xOf(static_cast<double>(v[j - 1].ns)) - ts.xOf(static_cast<double>(v[i].ns)) : 0;
            if (w > bestW) {
                bestW = w;
                bestI = i;
                bestJ = j;
            }
            i = std::max(j, i + 1);
        }
        if (bestW < 8) {
            fail(std::string(name) +
                 ": no stretch of 8 px where the value stays put in the plot, away from other "
                 "curves");
            return;
        }
        const std::size_t mid = (bestI + bestJ) / 2;
        const int x = static_cast<int>(std::floor(ts.xOf(static_cast<double>(v[mid].ns))));
        const double y = ts.yOf(v[mid].*field);
        std::printf("%s: %.0f bytes from tick %zu to %zu; expected at x=%d y=%.1f\n", name, v[mid].*field,
                    bestI + 1, bestJ, x, y);
        if (std::abs(x - playheadX) < 4)
            fail(std::string(name) + ": the stretch is under the playhead");
        else if (!hasColourNear(x, y, colour))
            fail(std::string(name) + ": colour " + rgb(colour) + " not at x=" + std::to_string(x) +
                 " y=" + std::to_string(y));
    };
    checkCurve("trigger", &TickValues::trigger, {&TickValues::heapGoal, &TickValues::heapLive},
               pal.triggerLine);
    checkCurve("HeapSys", &TickValues::heapSys,
               {&TickValues::heapInuse, &TickValues::heapGoal, &TickValues::heapLive, &TickValues::trigger,
                &TickValues::limit},
               pal.heapSysLine);
    checkCurve("resident", &TickValues::resident,
               {&TickValues::heapSys, &TickValues::heapInuse, &TickValues::heapGoal, &TickValues::heapLive,
                &TickValues::trigger, &TickValues::limit, &TickValues::mapped},
               pal.residentLine);
    const bool limitSet = std::any_of(v.begin(), v.end(), [](const TickValues& t) { return t.limit >= 0; });
    if (limitSet) {
        checkCurve(
            "GOMEMLIMIT", &TickValues::limit,
            {&TickValues::heapInuse, &TickValues::heapGoal, &TickValues::heapLive, &TickValues::trigger},
            pal.memoryLimitLine);
        checkCurve("mapped", &TickValues::mapped,
                   {&TickValues::heapInuse, &TickValues::heapGoal, &TickValues::heapLive,
                    &TickValues::trigger, &TickValues::heapSys, &TickValues::limit},
                   pal.mappedLine);
    } else {
        for (int y = static_cast<int>(ts.plot.y0); y < static_cast<int>(ts.plot.y1); y++)
            for (int x = static_cast<int>(ts.plot.x0); x < static_cast<int>(ts.plot.x1); x++)
                for (auto [name, colour] :
                     {std::pair{"GOMEMLIMIT", pal.memoryLimitLine}, {"mapped", pal.mappedLine}})
                    if (near(img.at(x, y), colour)) {
                        fail(std::string("the ") + name + " colour is drawn although no limit is set, at x=" +
                             std::to_string(x) + " y=" + std::to_string(y));
                        return 1;
                    }
    }
    return failures == 0 ? 0 : 1;
}

// checkLanes: see the file comment. The oracle books each step's cost on each P's own clock under the
// class the scheduler's record gives it (Runtime::lastStep, curP, the P's workerMode, the goroutine's
// assist state and events), not P.lastRun.
int checkLanes(const Args& a) {
    Image img;
    TimelineState ts;
    if (!loadTimeline(a, img, ts))
        return 1;
    constexpr int unknown = -1;
    struct Interval {
        std::int64_t t0, t1;
        int cls;
    };
    std::vector<std::vector<Interval>> perP;
    std::vector<std::int64_t> clock;
    const Runtime end = stepScenario(a, true, [&](const Runtime& rt) {
        if (perP.empty()) {
            perP.resize(rt.allp.size());
            clock.assign(rt.allp.size(), 0);
        }
        bool assistEvent = false;
        for (const Event& e : rt.events)
            assistEvent = assistEvent || e.kind == EventKind::assist;
        for (std::size_t p = 0; p < rt.allp.size(); p++) {
            const std::int64_t before = clock[p], after = rt.allp[p].clock;
            clock[p] = after;
            if (after <= before)
                continue;
            int c = unknown;
            const MarkWorkerMode m = rt.allp[p].workerMode;
            if (rt.lastStep == Runtime::StepKind::stw)
                c = static_cast<int>(PLaneState::stw);
            else if (rt.curP != p)
                c = unknown;
            else if (rt.lastStep == Runtime::StepKind::markWorker)
                c = m == MarkWorkerMode::dedicated    ? static_cast<int>(PLaneState::markDedicated)
                    : m == MarkWorkerMode::fractional ? static_cast<int>(PLaneState::markFractional)
                    : m == MarkWorkerMode::idle       ? static_cast<int>(PLaneState::markIdle)
                                                      : unknown; // stopped: mode unknown
            else if (rt.lastStep == Runtime::StepKind::mutatorOp)
                c = assistEvent || rt.goroutine(rt.curG).assistWorkLeft > 0
                        ? static_cast<int>(PLaneState::assist)
                        : static_cast<int>(PLaneState::mutator);
            perP[p].push_back(Interval{before, after, c});
        }
    });
    if (ts.procs != end.allp.size()) {
        fail("the timeline shows " + std::to_string(ts.procs) + " lanes, the model has " +
             std::to_string(end.allp.size()) + " Ps");
        return 1;
    }
    const Palette& pal = palette(a.palette);
    int workersChecked = 0;
    for (std::size_t p = 0; p < ts.procs; p++) {
        const Rect lane = pLaneRect(ts.lanes, ts.procs, p);
        const int y = static_cast<int>(std::floor((lane.y0 + lane.y1) / 2));
        const std::vector<Interval>& v = perP[p];
        // The widest run of consecutive intervals of one wanted class in view (a zoomed timeline shows
        // part of the run), and the middle column of its visible part.
        auto visibleX = [&](std::int64_t t) {
            return std::clamp(ts.xOf(static_cast<double>(t)), ts.plot.x0, ts.plot.x1);
        };
        auto checkStretch = [&](const char* what, auto isWanted) {
            std::size_t bi = 0, bj = 0;
            double bw = 0;
            for (std::size_t i = 0; i < v.size();) {
                std::size_t j = i;
                while (j < v.size() && isWanted(v[i].cls) && v[j].cls == v[i].cls)
                    j++;
                const double w = j > i ? visibleX(v[j - 1].t1) - visibleX(v[i].t0) : 0;
                if (w > bw) {
                    bw = w;
                    bi = i;
                    bj = j;
                }
                i = std::max(j, i + 1);
            }
            if (bw < 6)
                return false;
            const double x0 = visibleX(v[bi].t0) + 2;
            const double x1 = visibleX(v[bj - 1].t1) - 2;
            const int x = static_cast<int>(std::floor((x0 + x1) / 2));
            const auto state = static_cast<std::size_t>(v[bi].cls);
            std::printf("P%zu %s (%s) for %zu steps over %.0f px: x=%d y=%d\n", p, what,
                        pLaneName(static_cast<PLaneState>(state)), bj - bi, bw, x, y);
            if (x < 0 || x >= img.w || y < 0 || y >= img.h)
                fail("P" + std::to_string(p) + ": the stretch is outside the image");
            else if (!near(img.at(x, y), pal.pLane[state]))
                fail("P" + std::to_string(p) + " lane at x=" + std::to_string(x) + ": expected " +
                     rgb(pal.pLane[state]) + ", got " + rgb(img.at(x, y)));
            return true;
        };
        workersChecked += checkStretch("mark worker", [](int c) {
            return c == static_cast<int>(PLaneState::markDedicated) ||
                   c == static_cast<int>(PLaneState::markFractional) ||
                   c == static_cast<int>(PLaneState::markIdle);
        });
        checkStretch("mutator", [](int c) { return c == static_cast<int>(PLaneState::mutator); });
    }
    if (workersChecked == 0)
        fail("no P ran a mark worker for 6 px: not a meaningful check");
    return failures == 0 ? 0 : 1;
}

// ShadeOracle is a write barrier as the event stream tells it: the shade event, then the store's field.
struct ShadeOracle {
    std::uint64_t tick = 0;
    uintptr slot = 0, oldValue = 0, newValue = 0;
    std::int64_t field = -1; // from the store event; -1 for a global
};

// lastShades runs the scenario to a.at and returns its latest 8 write barriers of the mark phase under
// way (none once the barrier is off: gcphase off), and the state at a.at; ever counts every barrier.
std::pair<std::vector<ShadeOracle>, Runtime> lastShades(const Args& a, std::uint64_t& ever) {
    std::vector<ShadeOracle> all;
    ever = 0;
    Runtime rt = stepScenario(a, true, [&](const Runtime& r) {
        for (const Event& e : r.events)
            ever += e.kind == EventKind::shade ? 1 : 0;
        if (r.gcphase == GCPhase::off) {
            all.clear();
            return;
        }
        bool awaitingStore = false;
        for (const Event& e : r.events) {
            if (e.kind == EventKind::shade) {
                all.push_back(ShadeOracle{e.tick, e.a, e.b, e.c, -1});
                awaitingStore = true;
            } else if (e.kind == EventKind::store && awaitingStore) {
                if (e.b != ~uintptr{0})
                    all.back().field = static_cast<std::int64_t>(e.b);
                awaitingStore = false;
            }
        }
    });
    if (all.size() > 8)
        all.erase(all.begin(), all.end() - 8);
    return {all, std::move(rt)};
}

int firstShade(Args a) {
    const std::uint64_t from = a.at;
    a.at = from + 2000000;
    std::optional<std::pair<std::uint64_t, uintptr>> found;
    ParamValues values;
    LoadedScenario sc = loadForArgs(a, values);
    RuntimeConfig cfg = runConfig(sc);
    cfg.recordEvents = true;
    Runtime rt(cfg);
    sc.scenario.build(rt, values);
    while (!found && rt.tick < a.at && rt.step()) {
        for (const Event& e : rt.events)
            if (e.kind == EventKind::shade && e.tick >= from && objectBase(rt, e.c) != 0 && e.a != 0)
                found = std::pair{e.tick, objectBase(rt, e.c)};
        rt.events.clear();
    }
    if (!found) {
        std::fprintf(stderr, "FAIL: no write barrier of a heap slot with a heap value after tick %llu\n",
                     static_cast<unsigned long long>(from));
        return 1;
    }
    std::printf("%llu %#llx\n", static_cast<unsigned long long>(found->first),
                static_cast<unsigned long long>(found->second));
    return 0;
}

int checkBarrier(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    std::uint64_t ever = 0;
    const auto [shades, rt] = lastShades(a, ever);
    const Palette& pal = palette(a.palette);
    // The objects to mark, and the slot words.
    std::set<uintptr> objects, slotWords;
    for (const ShadeOracle& s : shades) {
        std::printf("barrier at tick %llu: slot %#llx field %lld, %#llx -> %#llx\n",
                    static_cast<unsigned long long>(s.tick), static_cast<unsigned long long>(s.slot),
                    static_cast<long long>(s.field), static_cast<unsigned long long>(s.oldValue),
                    static_cast<unsigned long long>(s.newValue));
        const uintptr slotObj = s.field >= 0 ? objectBase(rt, s.slot) : 0;
        for (uintptr b : {slotObj, objectBase(rt, s.oldValue), objectBase(rt, s.newValue)})
            if (b != 0)
                objects.insert(b);
        if (slotObj != 0) {
            const GoType& t = rt.types[rt.objectType(slotObj)];
            slotWords.insert(slotObj + uintptr{t.ptrWords[static_cast<std::size_t>(s.field)]} * wordBytes);
        }
    }
    // Between cycles no barrier is shown: the checks below then find the colour nowhere.
    if (objects.empty() && (rt.gcphase != GCPhase::off || ever == 0)) {
        fail("no write barrier object at this tick: not a meaningful check");
        return 1;
    }
    std::printf("%llu write barriers so far, %zu objects of this mark phase's latest\n",
                static_cast<unsigned long long>(ever), objects.size());
    if (!a.state.empty()) {
        // The graph: a ring of radius r + 2 around exactly the marked objects' nodes.
        const std::optional<std::string> text = readText(a.state);
        if (!text) {
            fail("cannot read " + a.state);
            return 1;
        }
        std::istringstream in(*text);
        std::string line;
        int ringed = 0, plain = 0;
        while (std::getline(in, line)) {
            unsigned long long addr = 0;
            double x = 0, y = 0, r = 0;
            if (std::sscanf(line.c_str(), "graph_node %llx %lf %lf %lf", &addr, &x, &y, &r) != 4)
                continue;
            const bool marked = objects.count(static_cast<uintptr>(addr)) != 0;
            // Above and below the node (pointer lines leave it sideways), within a pixel of the ring.
            int hits = 0;
            for (double dir : {-1.0, 1.0})
                for (int d = -1; d <= 1; d++) {
                    const int px = static_cast<int>(std::floor(x)),
                              py = static_cast<int>(std::floor(y + dir * (r + 2) + d));
                    if (px >= 0 && py >= 0 && px < img.w && py < img.h &&
                        near(img.at(px, py), pal.barrierShade))
                        hits++;
                }
            (marked ? ringed : plain)++;
            if (marked && hits < 2)
                fail("graph node " + line + " of a write barrier has no ring");
            if (!marked && hits > 0)
                fail("graph node " + line + " has the barrier colour but no kept barrier touches it");
        }
        std::printf("graph: %d barrier nodes ringed, %d others plain\n", ringed, plain);
        if (ringed == 0 && !objects.empty())
            fail("no node of a write barrier object is drawn: not a meaningful check");
        return failures == 0 ? 0 : 1;
    }
    HeapViewState vs;
    const std::optional<std::string> text = readText(a.layout);
    std::string err;
    if (!text || !parseHeapViewState(*text, vs, err)) {
        fail("cannot read layout " + a.layout + ": " + err);
        return 1;
    }
    const bool detail = vs.transform.cellPx >= 64;
    // Where the colour may be: around each object (detail) or its page's marker (coarse).
    std::vector<Rect> allowed;
    int visibleObjects = 0;
    for (uintptr b : objects) {
        ObjectRef ref;
        rt.mheap.findObject(b, ref);
        const uintptr size = rt.mheap.span(ref.span).elemsize;
        Rect box{1e9, 1e9, -1e9, -1e9};
        if (detail) {
            for (uintptr w = b; w < b + size; w += wordBytes) {
                const Rect r = wordRect(pageRect(pageIndex(w), vs.geometry, vs.transform),
                                        static_cast<std::uint32_t>((w - alignDown(w, pageSize)) / wordBytes));
                box = Rect{std::min(box.x0, r.x0), std::min(box.y0, r.y0), std::max(box.x1, r.x1),
                           std::max(box.y1, r.y1)};
            }
        } else {
            box = pageRect(pageIndex(b), vs.geometry, vs.transform);
        }
        const bool frame = vs.transform.cellPx >= 6; // else a 5 px square on the page
        const double pad = detail ? 6 : 3;
        allowed.push_back(Rect{box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad});
        if (!detail) {
            const int cx = static_cast<int>(std::floor((box.x0 + box.x1) / 2));
            const int cy = static_cast<int>(std::floor((box.y0 + box.y1) / 2));
            if (!vs.pageView.contains(cx, cy) || cx < 3 || cy < 3 || cx + 3 >= img.w || cy + 3 >= img.h)
                continue;
            visibleObjects++;
            // A frame: the pixel just left of the cell and the one just above it; a square: the centre.
            const int lx = static_cast<int>(std::floor(box.x0)) - 1,
                      ty = static_cast<int>(std::floor(box.y0)) - 1;
            for (auto [x, y] : frame ? std::vector<std::pair<int, int>>{{lx, cy}, {cx, ty}}
                                     : std::vector<std::pair<int, int>>{{cx, cy}})
                if (!near(img.at(x, y), pal.barrierShade))
                    fail("no barrier marker at the page of " + std::to_string(b) + " at " +
                         std::to_string(x) + "," + std::to_string(y) + ": " + rgb(img.at(x, y)));
        } else if (inside(box, vs.pageView, img)) {
            visibleObjects++;
            std::uint64_t around = 0;
            for (int y = static_cast<int>(box.y0) - 3; y <= static_cast<int>(box.y1) + 3; y++)
                for (int x = static_cast<int>(box.x0) - 3; x <= static_cast<int>(box.x1) + 3; x++)
                    around +=
                        x >= 0 && y >= 0 && x < img.w && y < img.h && near(img.at(x, y), pal.barrierShade);
            if (static_cast<double>(around) < 2 * std::min(box.width(), box.height()))
                fail("object " + std::to_string(b) + " of a write barrier is not outlined");
        }
    }
    if (detail)
        for (uintptr w : slotWords) {
            const Rect r = wordRect(pageRect(pageIndex(w), vs.geometry, vs.transform),
                                    static_cast<std::uint32_t>((w - alignDown(w, pageSize)) / wordBytes));
            if (inside(r, vs.pageView, img) && !near(centre(img, r), pal.barrierShade))
                fail("the slot word " + std::to_string(w) + " is not filled: " + rgb(centre(img, r)));
        }
    std::uint64_t stray = 0;
    for (int y = static_cast<int>(vs.pageView.y0); y < static_cast<int>(vs.pageView.y1) && y < img.h; y++)
        for (int x = static_cast<int>(vs.pageView.x0); x < static_cast<int>(vs.pageView.x1) && x < img.w; x++)
            if (near(img.at(x, y), pal.barrierShade) &&
                std::none_of(allowed.begin(), allowed.end(), [&](const Rect& r) { return r.contains(x, y); }))
                stray++;
    std::printf("%s: %d of %zu barrier objects in view, %llu stray barrier pixels\n",
                detail ? "slot detail" : "pages", visibleObjects, objects.size(),
                static_cast<unsigned long long>(stray));
    if (stray > 0)
        fail("the barrier colour appears away from every barrier object");
    if (visibleObjects == 0 && !objects.empty())
        fail("no barrier object in view: not a meaningful check");
    return failures == 0 ? 0 : 1;
}

// checkFrames: the directory --png holds exactly --count frames frame-00000.png, ... and nothing else
// (no temporary file), each decodes to --size, and each differs from the one before.
int checkFrames(const Args& a) {
    std::set<std::string> names;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(a.png, ec))
        names.insert(e.path().filename().string());
    if (ec)
        fail("cannot list " + a.png + ": " + ec.message());
    std::set<std::string> want;
    for (std::size_t i = 0; i < a.count; i++)
        want.insert(frameFileName(i));
    if (names != want) {
        std::string got;
        for (const std::string& n : names)
            got += " " + n;
        fail("expected frame-00000.png … for " + std::to_string(a.count) + " frames, found:" + got);
    }
    int w = 0, h = 0;
    char x = 0;
    if (std::sscanf(a.size.c_str(), "%d%c%d", &w, &x, &h) != 3)
        fail("--size: expected WxH, got '" + a.size + "'");
    Image previous;
    for (std::size_t i = 0; i < a.count && failures == 0; i++) {
        Image img;
        if (!loadPng(a.png + "/" + frameFileName(i), img))
            break;
        if (img.w != w || img.h != h)
            fail(frameFileName(i) + " is " + std::to_string(img.w) + "x" + std::to_string(img.h) +
                 ", expected " + a.size);
        if (i > 0 && img.px == previous.px)
            fail(frameFileName(i) + " is the same image as the frame before it");
        previous = std::move(img);
    }
    std::printf("%zu frames of %s in %s\n", names.size(), a.size.c_str(), a.png.c_str());
    return failures == 0 ? 0 : 1;
}

// checkContrast: the control bar (the rows above control_bar_bottom in --state, gclab-gui --dump-state)
// in the high-contrast style (--expect high): its most common colour, the background, is pure black,
// and at least 1 % of its pixels are pure white (text and outlines). --expect normal checks that the
// standard style's background is not black, so that the check tells the two styles apart.
int checkContrast(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    const std::optional<std::string> text = readText(a.state);
    double bottom = 0;
    const std::size_t at = text ? text->find("\ncontrol_bar_bottom ") : std::string::npos;
    if (at == std::string::npos ||
        std::sscanf(text->c_str() + at, "\ncontrol_bar_bottom %lf", &bottom) != 1 || bottom < 1) {
        fail("no control_bar_bottom in " + a.state);
        return 1;
    }
    const int rows = std::min(img.h, static_cast<int>(bottom));
    std::map<std::uint32_t, std::uint64_t> counts;
    std::uint64_t white = 0;
    for (int y = 0; y < rows; y++)
        for (int x = 0; x < img.w; x++) {
            const Rgba c = img.at(x, y);
            counts[c.abgr()]++;
            white += c.r == 255 && c.g == 255 && c.b == 255;
        }
    const auto bg = std::max_element(counts.begin(), counts.end(),
                                     [](const auto& p, const auto& q) { return p.second < q.second; });
    const std::uint64_t pixels = static_cast<std::uint64_t>(rows) * img.w;
    std::printf("control bar %d rows: background %06x (%.1f %%), %.2f %% pure white\n", rows,
                bg->first & 0xffffff, 100.0 * static_cast<double>(bg->second) / static_cast<double>(pixels),
                100.0 * static_cast<double>(white) / static_cast<double>(pixels));
    const bool black = (bg->first & 0xffffff) == 0;
    if (a.expect == "high") {
        if (!black)
            fail("the background is not pure black");
        if (white * 100 < pixels)
            fail("less than 1 % of the control bar is pure white");
    } else if (a.expect == "normal") {
        if (black)
            fail("the standard style's background is pure black");
    } else {
        fail("--expect: expected high or normal, got '" + a.expect + "'");
    }
    return failures == 0 ? 0 : 1;
}

// checkPlotHeight: the timeline's plot, found in the image by its colours (in three columns, every pixel
// from the plot's middle up and down that is not the window's background), is as tall as the window says
// it drew it (--timeline) and at least --min-fraction of the timeline's window (--state: pane_timeline).
int checkPlotHeight(const Args& a) {
    Image img;
    TimelineState ts;
    if (!loadTimeline(a, img, ts))
        return 1;
    const std::optional<std::string> state = readText(a.state);
    const std::string key = "\npane_timeline ";
    const std::size_t at = state ? state->find(key) : std::string::npos;
    Rect pane;
    if (at == std::string::npos || std::sscanf(state->c_str() + at + key.size(), "%lf %lf %lf %lf", &pane.x0,
                                               &pane.y0, &pane.x1, &pane.y1) != 4) {
        fail("no pane_timeline in " + a.state);
        return 1;
    }
    const int yMid = static_cast<int>((ts.plot.y0 + ts.plot.y1) / 2);
    const int gutterX = static_cast<int>(ts.plot.x0) - 2;
    if (yMid < 1 || yMid + 1 >= img.h || gutterX < 0 || ts.plot.x1 > img.w) {
        fail("the plot the window reports is not inside the image");
        return 1;
    }
    const Rgba background = img.at(gutterX, yMid); // the gutter, right of the byte labels
    int measured = img.h;
    for (double f : {0.2, 0.4, 0.6}) {
        const int x = static_cast<int>(ts.plot.x0 + f * ts.plot.width());
        int top = yMid, bottom = yMid;
        while (top > 0 && !near(img.at(x, top - 1), background))
            top--;
        while (bottom + 1 < img.h && !near(img.at(x, bottom + 1), background))
            bottom++;
        measured = std::min(measured, bottom - top + 1);
    }
    std::printf("plot drawn %d px tall (the window reports %.0f px), timeline window %.0f px: %.0f %%\n",
                measured, ts.plot.height(), pane.height(), 100.0 * measured / pane.height());
    if (std::abs(measured - ts.plot.height()) > 2)
        fail("the plot's pixels span " + std::to_string(measured) + " px, not the reported " +
             std::to_string(ts.plot.height()));
    if (measured < a.minFraction * pane.height())
        fail("the plot is " + std::to_string(measured) + " px tall, less than " +
             std::to_string(a.minFraction * 100) + " % of the timeline's " + std::to_string(pane.height()) +
             " px");
    return failures == 0 ? 0 : 1;
}

// checkCrop: a view's export (--png) is exactly the part of the whole window's PNG (--whole) where the
// window says (--state: view_area_VIEW X0 Y0 X1 Y1) it drew that view, and not all one colour.
int checkCrop(const Args& a) {
    Image part, whole;
    if (!loadPng(a.png, part) || !loadPng(a.whole, whole))
        return 1;
    const std::optional<Rect> area = readViewArea(readText(a.state), a.view);
    if (!area) {
        fail("no view_area_" + a.view + " in " + a.state);
        return 1;
    }
    const int left = static_cast<int>(area->x0), top = static_cast<int>(area->y0);
    const int w = static_cast<int>(area->x1) - left, h = static_cast<int>(area->y1) - top;
    std::printf("view %s at %d,%d %dx%d of %dx%d; its PNG is %dx%d\n", a.view.c_str(), left, top, w, h,
                whole.w, whole.h, part.w, part.h);
    if (part.w != w || part.h != h) {
        fail("the view's PNG is not the view's size");
        return 1;
    }
    if (w >= whole.w && h >= whole.h)
        fail("the view is the whole window");
    std::uint64_t differ = 0;
    std::set<std::uint32_t> colours;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            colours.insert(part.at(x, y).abgr());
            differ += part.at(x, y).abgr() != whole.at(left + x, top + y).abgr();
        }
    std::printf("%llu pixels differ from the window's, %zu colours\n",
                static_cast<unsigned long long>(differ), colours.size());
    if (differ > 0)
        fail("the view's PNG is not the window's pixels at the view");
    if (colours.size() < 2)
        fail("the view's PNG is all one colour");
    return failures == 0 ? 0 : 1;
}

// readBar: the rectangle --state gives a bar ("bar NAME X0 Y0 X1 Y1"), if it has one.
std::optional<Rect> readBar(const std::string& state, const std::string& name) {
    const std::string key = "\nbar " + name + " ";
    const std::size_t at = state.find(key);
    Rect r;
    if (at == std::string::npos ||
        std::sscanf(state.c_str() + at + key.size(), "%lf %lf %lf %lf", &r.x0, &r.y0, &r.x1, &r.y1) != 4)
        return std::nullopt;
    return r;
}

// checkCollector: in the collector view every P's gcWork and wbBuf bar (where --state says the window drew
// it: "bar collector-gcw-PN X0 Y0 X1 Y1") is filled from its left end to the model's fill: (wbuf1 + wbuf2)
// of 2 × 253 pointers, wbBuf records of 256; under Go 1.26 also the span queue's local ring of 256; and the
// GC CPU limiter's bar ("bar collector-limiter") to its bucket's fill of its capacity. The fill is ImGui's
// dark-style histogram colour; at least one P's bar is not empty.
int checkCollector(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    const std::optional<std::string> text = readText(a.state);
    if (!text) {
        fail("cannot read " + a.state);
        return 1;
    }
    const Runtime rt = runAt(a);
    constexpr Rgba histogram{230, 179, 0, 255}; // ImGui::StyleColorsDark's ImGuiCol_PlotHistogram
    // expectFill checks the bar named name in --state against fraction and returns its fill in px: the
    // rightmost fill pixel of any row (the label can hide fill pixels, never add them).
    auto expectFill = [&](const std::string& label, const std::string& name, double fraction) {
        const std::optional<Rect> bar = readBar(*text, name);
        if (!bar) {
            fail("no bar " + name + " in " + a.state);
            return 0;
        }
        const auto [x0, y0, x1, y1] = *bar;
        int measured = 0;
        for (int y = static_cast<int>(y0); y < static_cast<int>(y1) && y < img.h; y++)
            for (int x = static_cast<int>(x0); x < static_cast<int>(x1) && x < img.w; x++)
                if (near(img.at(x, y), histogram))
                    measured = std::max(measured, x - static_cast<int>(x0) + 1);
        const double expected = fraction * (x1 - x0);
        std::printf("%s: %.4f of %.0f px = %.1f px, drawn %d px\n", label.c_str(), fraction, x1 - x0,
                    expected, measured);
        if (std::abs(measured - expected) > 2.0)
            fail(label + " bar: drawn " + std::to_string(measured) + " px, the model's fill is " +
                 std::to_string(expected) + " px");
        return measured;
    };
    int filled = 0;
    for (const P& p : rt.allp) {
        const double gcw =
            static_cast<double>(p.gcw.wbuf1.size() + p.gcw.wbuf2.size()) / (2.0 * workbufEntries);
        const double wb = static_cast<double>(p.wbBuf.buf.size() / wbBufEntryPointers) / wbBufEntries;
        std::vector<std::pair<std::string, double>> bars = {{"gcw", gcw}, {"wbbuf", wb}};
        if (rt.greenTea())
            bars.emplace_back("spanq", static_cast<double>(p.gcw.spanq.localSize()) / SpanQueue::ringSize);
        for (const auto& [kind, fraction] : bars)
            filled += expectFill("P" + std::to_string(p.id) + " " + kind,
                                 "collector-" + kind + "-P" + std::to_string(p.id), fraction) > 0;
    }
    const GCCPULimiter& l = rt.gcCPULimiter;
    expectFill("GC CPU limiter", "collector-limiter",
               static_cast<double>(l.fill) / static_cast<double>(l.capacity));
    if (filled == 0)
        fail("every bar is empty: pick a tick where some P has work queued");
    return failures == 0 ? 0 : 1;
}

// ShownText is one "text NAME X0 Y0 X1 Y1 TEXT" line of --dump-state.
struct ShownText {
    Rect rect;
    std::string text;
};

std::map<std::string, ShownText> readShownTexts(const std::string& state, const std::string& prefix) {
    std::map<std::string, ShownText> out;
    std::istringstream in(state);
    std::string line;
    while (std::getline(in, line)) {
        char name[128] = "";
        int used = 0;
        ShownText t;
        if (std::sscanf(line.c_str(), "text %127s %lf %lf %lf %lf %n", name, &t.rect.x0, &t.rect.y0,
                        &t.rect.x1, &t.rect.y1, &used) != 5 ||
            !std::string(name).starts_with(prefix))
            continue;
        t.text = line.substr(static_cast<std::size_t>(used));
        out[name] = t;
    }
    return out;
}

// digitsOf reads a number written with thousands separated by spaces ("1 025 344"); nothing if the text
// holds anything else.
std::optional<std::uint64_t> digitsOf(const std::string& text) {
    std::string d;
    for (char c : text) {
        if (c == ' ')
            continue;
        if (c < '0' || c > '9')
            return std::nullopt;
        d += c;
    }
    if (d.empty())
        return std::nullopt;
    return std::stoull(d);
}

// roundedAgrees says whether "1001.3 KiB", "4 MiB" or "64 B" is n in that unit, rounded to the decimals
// shown (bytes exactly).
bool roundedAgrees(const std::string& text, std::uint64_t n) {
    double v = 0;
    char unit[8] = "";
    int used = 0;
    if (std::sscanf(text.c_str(), "%lf %7[A-Za-z]%n", &v, unit, &used) != 2 ||
        used != static_cast<int>(text.size()))
        return false;
    const std::map<std::string, double> units = {
        {"B", 1.0}, {"KiB", 1024.0}, {"MiB", 1024.0 * 1024}, {"GiB", 1024.0 * 1024 * 1024}};
    const auto u = units.find(unit);
    return u != units.end() &&
           std::fabs(static_cast<double>(n) / u->second - v) <= (u->second == 1 ? 0 : 0.05 + 1e-9);
}

// shownBytes reads "512 B" or "1 025 344 (1001.3 KiB)": the exact number, once the rounded one in
// brackets agrees with it.
std::optional<std::uint64_t> shownBytes(const std::string& text) {
    const std::size_t open = text.find(" (");
    if (open == std::string::npos)
        return text.ends_with(" B") ? digitsOf(text.substr(0, text.size() - 2)) : std::nullopt;
    const std::optional<std::uint64_t> exact = digitsOf(text.substr(0, open));
    if (!exact || !text.ends_with(")") ||
        !roundedAgrees(text.substr(open + 2, text.size() - open - 3), *exact))
        return std::nullopt;
    return exact;
}

// memoryClassBytes: Sys by the statistics view's memory classes, in the bar's order, from Go's definitions
// of /memory/classes (objects, unused, free, stacks, mspans + mcaches, GC metadata, other + profiling
// buckets, released).
std::array<std::pair<const char*, std::uint64_t>, 8> memoryClassBytes(const MemStats& m) {
    return {{{"objects", m.HeapAlloc},
             {"unused", m.HeapInuse - m.HeapAlloc},
             {"free", m.HeapIdle - m.HeapReleased},
             {"stacks", m.StackSys},
             {"mspans", m.MSpanSys + m.MCacheSys},
             {"gc", m.GCSys},
             {"other", m.OtherSys + m.BuckHashSys},
             {"released", m.HeapReleased}}};
}

// checkMemoryBar: the statistics view's bar of Sys by memory class. Each class's segment (stats-class-KEY)
// spans its bytes at the bar's scale (the larger of Sys and GOMEMLIMIT) to within a pixel, in its
// colour, from objects at the left to released at the right, and the limit's line (stats-class-limit)
// sits at GOMEMLIMIT on the same scale. Colours are checked where the bar lies inside the image (the side
// panel may scroll it away).
void checkMemoryBar(const Image& img, const std::string& state, const Runtime& rt, const MemStats& m) {
    auto inImage = [&img](double x, double y) { return x >= 0 && y >= 0 && x < img.w && y < img.h; };
    const auto classes = memoryClassBytes(m);
    std::vector<Rect> bars;
    for (const auto& [key, bytes] : classes) {
        const std::optional<Rect> r = readBar(state, std::string("stats-class-") + key);
        if (!r) {
            fail(std::string("the memory bar has no ") + key + " segment");
            return;
        }
        bars.push_back(*r);
    }
    const std::int64_t limit = rt.gcController.memoryLimit;
    const bool limited = limit != noMemoryLimit;
    const std::optional<Rect> limitLine = readBar(state, "stats-class-limit");
    if (limitLine.has_value() != limited) {
        fail(limited ? "GOMEMLIMIT is set, the memory bar has no limit line"
                     : "a limit line without a limit");
        return;
    }
    const double sys = static_cast<double>(m.Sys);
    const double scale = std::max(sys, limited ? static_cast<double>(limit) : 0.0);
    const double x0 = bars.front().x0;
    const double width = limited && static_cast<double>(limit) >= sys
                             ? (limitLine->x0 + limitLine->x1) / 2 - x0
                             : bars.back().x1 - x0;
    const Palette& pal = palette(PaletteKind::standard);
    double cumulative = 0;
    for (std::size_t i = 0; i < bars.size(); i++) {
        const Rect& r = bars[i];
        const double start = x0 + cumulative / scale * width;
        cumulative += static_cast<double>(classes[i].second);
        const double end = x0 + cumulative / scale * width;
        std::printf("memory class %s: %llu B, %.1f-%.1f px expected, drawn %.1f-%.1f\n", classes[i].first,
                    static_cast<unsigned long long>(classes[i].second), start, end, r.x0, r.x1);
        if (std::abs(r.x0 - start) > 1.0 || std::abs(r.x1 - end) > 1.0)
            fail(std::string("memory class ") + classes[i].first + " drawn at " + std::to_string(r.x0) + "-" +
                 std::to_string(r.x1) + ", expected " + std::to_string(start) + "-" + std::to_string(end));
        if (r.x1 - r.x0 >= 4 && inImage((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2)) {
            const Rgba c = img.at(static_cast<int>((r.x0 + r.x1) / 2), static_cast<int>((r.y0 + r.y1) / 2));
            if (!near(c, pal.memoryClass[i]))
                fail(std::string("memory class ") + classes[i].first + " is not drawn in its colour");
        }
    }
    if (limited) {
        const double expected = x0 + static_cast<double>(limit) / scale * width;
        const double drawn = (limitLine->x0 + limitLine->x1) / 2;
        std::printf("GOMEMLIMIT line: %.1f px expected, drawn %.1f\n", expected, drawn);
        if (std::abs(drawn - expected) > 1.0)
            fail("the GOMEMLIMIT line is at " + std::to_string(drawn) + ", expected " +
                 std::to_string(expected));
        const double y = (limitLine->y0 + limitLine->y1) / 2;
        if (inImage(drawn, y) &&
            distance(img.at(static_cast<int>(drawn), static_cast<int>(y)), pal.memoryLimitLine) > 48)
            fail("the GOMEMLIMIT line is not drawn in the limit's red");
    }
}

// checkStatsText: the statistics view's values (see the usage at the top) against the plain run's model.
int checkStatsText(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    const std::optional<std::string> state = readText(a.state);
    if (!state) {
        fail("cannot read " + a.state);
        return 1;
    }
    const std::map<std::string, ShownText> shown = readShownTexts(*state, "stats-");
    const std::optional<Rect> area = readViewArea(state, "stats");
    if (!area) {
        fail("no view_area_stats in " + a.state);
        return 1;
    }
    const Rect view = *area;
    const Runtime rt = runAt(a);
    const MemStats m = readMemStats(rt);
    std::uint64_t inUse = 0, freePages = 0, released = 0, residentBytes = 0;
    for (std::uint64_t page = 0; pageAddr(page) < rt.mheap.pages.end(); page++) {
        residentBytes += std::uint64_t{rt.mheap.resident.residentIn(pageAddr(page), pageSize)} << osPageShift;
        switch (expectedKind(rt, page)) {
        case Kind::inUse:
            inUse++;
            break;
        case Kind::free:
            freePages++;
            break;
        case Kind::released:
            released++;
            break;
        case Kind::unmapped:
            break;
        }
    }
    // expect: the view shows stats-NAME and its text passes ok; want says what the model has.
    std::set<std::string> expected;
    auto expect = [&](const std::string& name, const std::function<bool(const std::string&)>& ok,
                      const std::string& want) {
        expected.insert("stats-" + name);
        const auto it = shown.find("stats-" + name);
        if (it == shown.end())
            fail("the view does not show " + name + " (" + want + ")");
        else if (!ok(it->second.text))
            fail(name + ": shows '" + it->second.text + "', the model has " + want);
    };
    auto bytes = [&](const std::string& name, std::uint64_t v) {
        expect(
            name, [v](const std::string& t) { return shownBytes(t) == v; }, std::to_string(v) + " B");
    };
    auto count = [&](const std::string& name, std::uint64_t v) {
        expect(
            name, [v](const std::string& t) { return digitsOf(t) == v; }, std::to_string(v));
    };
    auto text = [&](const std::string& name, const std::string& v) {
        expect(
            name, [v](const std::string& t) { return t == v; }, "'" + v + "'");
    };
    bytes("HeapAlloc", m.HeapAlloc);
    bytes("HeapInuse", m.HeapInuse);
    bytes("HeapIdle", m.HeapIdle);
    bytes("HeapReleased", m.HeapReleased);
    bytes("HeapSys", m.HeapSys);
    bytes("Sys", m.Sys);
    count("HeapObjects", m.HeapObjects);
    count("Mallocs", m.Mallocs);
    count("Frees", m.Frees);
    bytes("TotalAlloc", m.TotalAlloc);
    bytes("NextGC", m.NextGC);
    count("NumGC", m.NumGC);
    for (const auto& [key, classBytes] : memoryClassBytes(m))
        bytes(std::string("mem-") + key, classBytes);
    bytes("mem-limited", m.Sys - m.HeapReleased);
    if (rt.gcController.memoryLimit == noMemoryLimit)
        text("mem-GOMEMLIMIT", "off");
    else
        bytes("mem-GOMEMLIMIT", static_cast<std::uint64_t>(rt.gcController.memoryLimit));
    checkMemoryBar(img, *state, rt, m);
    bytes("heapLive", rt.gcController.heapLive);
    bytes("heapScan", rt.gcController.heapScan);
    if (rt.gcController.gcPercent < 0)
        text("GOGC_goal", "off");
    else
        bytes("GOGC_goal", rt.gcController.gcPercentHeapGoal);
    if (rt.gcController.memoryLimit == noMemoryLimit)
        text("limit_goal", "off");
    else
        bytes("limit_goal", rt.memoryLimitHeapGoal());
    text("arenas", std::to_string(rt.mheap.numArenas()) + " \u00d7 64 MiB reserved");
    text("chunks", std::to_string(rt.mheap.pages.numChunks()) + " \u00d7 4 MiB mapped");
    count("pages_in_use", inUse);
    count("free_pages", freePages);
    count("released", released);
    bytes("resident", residentBytes);
    count("sweepgen", rt.mheap.sweepgen);
    for (const P& p : rt.allp) {
        const MCache& c = p.mcache;
        const std::string P = "P" + std::to_string(p.id) + "-";
        char tiny[96];
        std::snprintf(tiny, sizeof tiny, "tiny block %#llx, tinyoffset %llu",
                      static_cast<unsigned long long>(c.tiny), static_cast<unsigned long long>(c.tinyoffset));
        text(P + "tiny", c.tiny != 0 ? tiny : "no tiny block");
        for (int i = 0; i < numSpanClasses; i++) {
            if (c.alloc[i] == emptymspan)
                continue;
            const MSpan& s = rt.mheap.span(c.alloc[i]);
            const std::string row = P + "class" + std::to_string(i) + "-";
            char base[32];
            std::snprintf(base, sizeof base, "%#llx", static_cast<unsigned long long>(s.base()));
            text(row + "span", base);
            text(row + "count", std::to_string(s.allocCount) + " / " + std::to_string(s.nelems));
            // "12: 64 B", "5: 48 B noscan": the span class, its object size (class_to_size), noscan.
            const std::string label = std::to_string(i) + ": ";
            const std::uint64_t size = class_to_size[s.spanclass.sizeclass()];
            const std::string noscan = s.spanclass.noscan() ? " noscan" : "";
            expect(
                row + "size",
                [&](const std::string& t) {
                    return t.starts_with(label) && t.ends_with(noscan) &&
                           roundedAgrees(t.substr(label.size(), t.size() - label.size() - noscan.size()),
                                         size);
                },
                label + std::to_string(size) + " B" + noscan);
        }
    }
    for (const auto& [name, t] : shown)
        if (!expected.contains(name))
            fail("the view shows " + name + " ('" + t.text + "'), which the model does not have");
    // Drawn: each value's rectangle in the view holds text, pixels much brighter than the darkest there.
    int visible = 0;
    for (const auto& [name, t] : shown) {
        const Rect& r = t.rect;
        if (r.x0 < view.x0 || r.y0 < view.y0 || r.x1 > view.x1 || r.y1 > view.y1 || r.x1 > img.w ||
            r.y1 > img.h) {
            if (!a.partlyVisible)
                fail(name + " is not inside the view");
            continue;
        }
        int darkest = 255 * 3, lit = 0;
        for (int y = static_cast<int>(r.y0); y < static_cast<int>(r.y1); y++)
            for (int x = static_cast<int>(r.x0); x < static_cast<int>(r.x1); x++) {
                const Rgba c = img.at(x, y);
                darkest = std::min(darkest, c.r + c.g + c.b);
            }
        for (int y = static_cast<int>(r.y0); y < static_cast<int>(r.y1); y++)
            for (int x = static_cast<int>(r.x0); x < static_cast<int>(r.x1); x++) {
                const Rgba c = img.at(x, y);
                lit += c.r + c.g + c.b > darkest + 240;
            }
        visible++;
        if (lit < 8)
            fail(name + ": no text drawn at " + std::to_string(r.x0) + "," + std::to_string(r.y0));
    }
    std::printf("%zu values checked against the model, %d drawn in view\n", expected.size(), visible);
    if (visible == 0)
        fail("no value is drawn in view");
    return failures == 0 ? 0 : 1;
}

int usage() {
    std::fprintf(stderr,
                 "usage: gclab_png_check heap|slots|marking|spanq --png F --layout L --scenario S --at T "
                 "[--palette standard|colour-blind] [--colour-by class|role|marking] [--min-classes K]\n"
                 "       gclab_png_check playhead --png F --timeline T --scenario S --at T\n"
                 "       gclab_png_check stats --png F --size WxH\n"
                 "       gclab_png_check collector --png F --state S --scenario S --at T\n"
                 "       gclab_png_check alloc-cache --png F --layout L --scenario S --at T\n"
                 "       gclab_png_check crop --png VIEW --whole WINDOW --state S --view NAME\n"
                 "       gclab_png_check frames --png DIR --size WxH --count N\n"
                 "       gclab_png_check contrast --png F --state S --expect high|normal\n"
                 "       gclab_png_check plot-height --png F --timeline T --state S [--min-fraction F]\n"
                 "       gclab_png_check allocator --png F --layout A --scenario S --at T [--deepest STAGE]\n"
                 "       gclab_png_check compare --png F --timeline T --at T\n"
                 "       gclab_png_check lines|lanes --png F --timeline T --scenario S --at T\n"
                 "       gclab_png_check first-shade --scenario S --at T\n"
                 "       gclab_png_check barrier --png F (--layout L | --state S) --scenario S --at T\n");
    return 2;
}

} // namespace

// The object graph's nodes as gclab-gui --dump-state wrote them ("graph_node ADDR X Y R").
struct DrawnNode {
    uintptr addr = 0;
    double x = 0, y = 0, r = 0;
};

std::vector<DrawnNode> readGraphNodes(const std::string& path) {
    std::vector<DrawnNode> out;
    const std::optional<std::string> text = readText(path);
    if (!text) {
        fail("cannot read " + path);
        return out;
    }
    std::istringstream in(*text);
    std::string line;
    while (std::getline(in, line)) {
        unsigned long long addr = 0;
        DrawnNode n;
        if (std::sscanf(line.c_str(), "graph_node %llx %lf %lf %lf", &addr, &n.x, &n.y, &n.r) == 4) {
            n.addr = static_cast<uintptr>(addr);
            out.push_back(n);
        }
    }
    if (out.empty())
        fail("no graph node in " + path);
    return out;
}

// pointsTo: whether one of from's pointer fields points to the object at to.
bool pointsTo(const Runtime& rt, uintptr from, uintptr to) {
    const std::vector<uintptr> targets = pointerTargets(rt, from);
    return std::ranges::find(targets, to) != targets.end();
}

// checkGraphLetters: inside every node the pixels nearer its letter colour than its fill form a glyph;
// nodes of one colour show the same glyph, and the three colours' glyphs differ.
int checkGraphLetters(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    const Runtime rt = runAt(a);
    const Palette& pal = palette(a.palette);
    std::map<int, std::set<std::pair<int, int>>> glyph; // by Color
    std::map<int, int> nodes;
    for (const DrawnNode& n : readGraphNodes(a.state)) {
        const auto c = static_cast<Color>(rt.objectColor(n.addr));
        const Rgba fill = pal.object(c, 0, 0), letter = pal.objectLetterColour(c);
        const int cx = static_cast<int>(std::floor(n.x)), cy = static_cast<int>(std::floor(n.y));
        const int in = static_cast<int>(n.r) - 2;
        std::set<std::pair<int, int>> mask;
        for (int dy = -in; dy <= in; dy++)
            for (int dx = -in; dx <= in; dx++) {
                const int x = cx + dx, y = cy + dy;
                if (dx * dx + dy * dy > in * in || x < 0 || y < 0 || x >= img.w || y >= img.h)
                    continue;
                if (distance(img.at(x, y), letter) < distance(img.at(x, y), fill))
                    mask.emplace(dx, dy);
            }
        if (mask.size() < 4) {
            fail("graph node " + hexAddr(n.addr) + " (" + colorName(c) + ") shows no letter");
            continue;
        }
        const int key = static_cast<int>(c);
        if (nodes[key]++ == 0)
            glyph[key] = mask;
        else if (glyph[key] != mask)
            fail("graph node " + hexAddr(n.addr) + " shows another glyph than the first " + colorName(c) +
                 " node");
    }
    for (const auto& [c, n] : nodes)
        std::printf("%d %s nodes, letter of %zu pixels\n", n, colorName(static_cast<Color>(c)),
                    glyph[c].size());
    if (nodes.size() < 2)
        fail("fewer than two object colours in the graph: not a meaningful check");
    for (const auto& [c1, g1] : glyph)
        for (const auto& [c2, g2] : glyph) {
            if (c1 >= c2)
                continue;
            std::size_t differ = 0;
            for (const auto& p : g1)
                differ += g2.count(p) == 0 ? 1 : 0;
            for (const auto& p : g2)
                differ += g1.count(p) == 0 ? 1 : 0;
            if (differ < 6)
                fail(std::string(colorName(static_cast<Color>(c1))) + " and " +
                     colorName(static_cast<Color>(c2)) + " nodes show the same glyph");
        }
    return failures == 0 ? 0 : 1;
}

// sameColumn: two drawn nodes in one column of the graph.
bool sameColumn(const DrawnNode& p, const DrawnNode& q) {
    return std::abs(p.x - q.x) < 1 && p.addr != q.addr;
}

// hoverTarget prints "X Y ADDR": a drawn node that a drawn object in a column to its left points to (with
// --pick same-column: one in its own column).
int hoverTarget(const Args& a) {
    const Runtime rt = runAt(a);
    const std::vector<DrawnNode> nodes = readGraphNodes(a.state);
    for (const DrawnNode& h : nodes)
        for (const DrawnNode& p : nodes)
            if ((a.sameColumn ? sameColumn(p, h) : p.x + 2 * p.r < h.x) && pointsTo(rt, p.addr, h.addr)) {
                std::printf("%.0f %.0f %#llx\n", std::floor(h.x), std::floor(h.y),
                            static_cast<unsigned long long>(h.addr));
                return 0;
            }
    fail("no drawn node has a drawn referrer");
    return 1;
}

// checkGraphHover: the hovered node (--select, with the mouse on it) has a ring in the hover colour and
// no other node has; every pointer between it and another drawn object is drawn in the hover colour
// (where the tooltip, right of and below the mouse, cannot cover it): a straight line from the right of
// one to the left of the other, between two nodes of one column an arc left of the column (every pixel
// row between them has the hover colour within 3 radii left of the nodes' left edge).
int checkGraphHover(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    const Runtime rt = runAt(a);
    const Palette& pal = palette(a.palette);
    const std::vector<DrawnNode> nodes = readGraphNodes(a.state);
    auto colourAt = [&](double x, double y) {
        const int px = static_cast<int>(std::floor(x)), py = static_cast<int>(std::floor(y));
        return px >= 0 && py >= 0 && px < img.w && py < img.h && near(img.at(px, py), pal.graphHover);
    };
    const DrawnNode* hovered = nullptr;
    for (const DrawnNode& n : nodes) {
        // Above and below the node; a highlighted pointer may cross one side of another node, not both.
        std::array<bool, 2> side{};
        for (int dir : {0, 1})
            for (int d = -1; d <= 1; d++)
                side[static_cast<std::size_t>(dir)] =
                    side[static_cast<std::size_t>(dir)] || colourAt(n.x, n.y + (dir * 2 - 1) * (n.r + 5) + d);
        if (n.addr == a.select) {
            hovered = &n;
            if (!side[0] || !side[1])
                fail("the hovered node " + hexAddr(n.addr) + " has no ring");
        } else if (side[0] && side[1]) {
            fail("node " + hexAddr(n.addr) + " is not hovered but has the hover ring");
        }
    }
    if (hovered == nullptr) {
        fail("the hovered object is not drawn");
        return 1;
    }
    int edges = 0, sameColumnEdges = 0;
    for (const DrawnNode& n : nodes) {
        const bool out = pointsTo(rt, hovered->addr, n.addr) && n.addr != hovered->addr;
        const bool in = pointsTo(rt, n.addr, hovered->addr) && n.addr != hovered->addr;
        for (bool isOut : {false, true}) {
            if (!(isOut ? out : in))
                continue;
            const DrawnNode &from = isOut ? *hovered : n, &to = isOut ? n : *hovered;
            if (sameColumn(from, to)) {
                int rows = 0, arc = 0;
                for (int y = static_cast<int>(std::min(from.y, to.y)) + 1;
                     y < static_cast<int>(std::max(from.y, to.y)); y++, rows++) {
                    bool hit = false;
                    for (double x = from.x - 4 * from.r - 2; x <= from.x - from.r && !hit; x++)
                        hit = colourAt(x, y);
                    arc += hit;
                }
                edges++;
                sameColumnEdges++;
                std::printf("same column %s -> %s: the arc left of the column on %d of %d rows\n",
                            hexAddr(from.addr).c_str(), hexAddr(to.addr).c_str(), arc, rows);
                if (arc < rows)
                    fail("the pointer " + hexAddr(from.addr) + " -> " + hexAddr(to.addr) +
                         " within a column is not an arc left of it");
                continue;
            }
            int samples = 0, hits = 0;
            for (int i = 3; i <= 7; i++) {
                const double t = i / 10.0, x = from.x + from.r + t * (to.x - to.r - from.x - from.r),
                             y = from.y + t * (to.y - from.y);
                if (x >= hovered->x + 14 && y >= hovered->y + 6)
                    continue; // under the tooltip
                samples++;
                if (colourAt(x, y) || colourAt(x, y - 1) || colourAt(x, y + 1))
                    hits++;
            }
            if (samples == 0)
                continue;
            edges++;
            if (hits < samples)
                fail("the pointer " + hexAddr(from.addr) + " -> " + hexAddr(to.addr) +
                     " is not highlighted (" + std::to_string(hits) + " of " + std::to_string(samples) +
                     " samples)");
        }
    }
    std::printf("hovered %s: %d pointers checked\n", hexAddr(hovered->addr).c_str(), edges);
    if (edges == 0)
        fail("no pointer of the hovered node could be checked: not a meaningful check");
    if (a.sameColumn && sameColumnEdges == 0)
        fail("no pointer within the hovered node's column: not a meaningful check");
    return failures == 0 ? 0 : 1;
}

// wavefrontTick prints "TICK": the first tick in [--at, --at + 20 000) whose step turned grey an object a
// global points to or one pointer further (the first columns of the graph).
int wavefrontTick(const Args& a) {
    Args until = a;
    until.at = a.at + 20000;
    std::optional<std::uint64_t> found;
    stepScenario(until, true, [&](const Runtime& rt) {
        if (found || rt.tick < a.at)
            return;
        std::set<uintptr> near;
        for (uintptr g : rt.globals)
            if (uintptr b = objectBase(rt, g); b != 0) {
                near.insert(b);
                for (uintptr c : pointerTargets(rt, b))
                    near.insert(c);
            }
        for (const Event& e : rt.events)
            if (e.kind == EventKind::grey && near.count(objectBase(rt, e.a)) != 0)
                found = rt.tick;
    });
    if (!found) {
        fail("no step greys an object near a global root");
        return 1;
    }
    std::printf("%llu\n", static_cast<unsigned long long>(*found));
    return 0;
}

// checkGraphWavefront: the nodes of the objects the last step turned grey (grey events) have the
// wavefront halo left of, above and below them, and no other node has.
int checkGraphWavefront(const Args& a) {
    Image img;
    if (!loadPng(a.png, img))
        return 1;
    std::set<uintptr> greyed;
    const Runtime rt = stepScenario(a, true, [&](const Runtime& r) {
        greyed.clear();
        for (const Event& e : r.events)
            if (e.kind == EventKind::grey)
                greyed.insert(objectBase(r, e.a));
    });
    const Palette& pal = palette(a.palette);
    int haloed = 0, plain = 0;
    for (const DrawnNode& n : readGraphNodes(a.state)) {
        // Left, above and below the node (its label is on its right).
        int sides = 0;
        for (const auto& [dx, dy] : {std::pair{-1.0, 0.0}, std::pair{0.0, -1.0}, std::pair{0.0, 1.0}}) {
            const int px = static_cast<int>(std::floor(n.x + dx * (n.r + 4.5))),
                      py = static_cast<int>(std::floor(n.y + dy * (n.r + 4.5)));
            sides +=
                px >= 0 && py >= 0 && px < img.w && py < img.h && near(img.at(px, py), pal.graphWavefront)
                    ? 1
                    : 0;
        }
        const bool expected = greyed.count(n.addr) != 0;
        (expected ? haloed : plain)++;
        if (expected && sides < 3)
            fail("node " + hexAddr(n.addr) + ", greyed by this tick's step, has no halo");
        if (!expected && sides == 3)
            fail("node " + hexAddr(n.addr) + " has the wavefront halo but this tick did not grey it");
    }
    std::printf("%zu objects greyed by the step, %d drawn with a halo, %d others plain\n", greyed.size(),
                haloed, plain);
    if (haloed == 0)
        fail("no node greyed by this tick's step is drawn: not a meaningful check");
    return failures == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    if (argc < 2)
        return usage();
    Args a;
    a.mode = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--png")
            a.png = v;
        else if (k == "--layout")
            a.layout = v;
        else if (k == "--timeline")
            a.timeline = v;
        else if (k == "--state")
            a.state = v;
        else if (k == "--scenario")
            a.scenario = v;
        else if (k == "--at")
            a.at = std::stoull(v);
        else if (k == "--param")
            a.params.push_back(v);
        else if (k == "--gogc")
            a.gogc = v == "off" ? -1 : std::stoi(v);
        else if (k == "--gomemlimit") {
            a.memoryLimit = parseGOMEMLIMIT(v).value;
            if (!a.memoryLimit)
                fail("--gomemlimit: " + parseGOMEMLIMIT(v).error);
        } else if (k == "--go-version")
            a.goVersion = v == "1.26" ? GoVersion::go1_26 : GoVersion::go1_19;
        else if (k == "--select")
            a.select = std::stoull(v, nullptr, 0);
        else if (k == "--min-classes")
            a.minClasses = std::stoull(v);
        else if (k == "--size")
            a.size = v;
        else if (k == "--deepest")
            a.deepest = v;
        else if (k == "--pick" && v == "same-column")
            a.sameColumn = true;
        else if (k == "--whole")
            a.whole = v;
        else if (k == "--view")
            a.view = v;
        else if (k == "--expect")
            a.expect = v;
        else if (k == "--partly-visible")
            a.partlyVisible = v == "1";
        else if (k == "--count")
            a.count = std::stoull(v);
        else if (k == "--min-fraction")
            a.minFraction = std::stod(v);
        else if (k == "--lit")
            a.lit = std::stoi(v);
        else if (k == "--palette")
            a.palette = v == "colour-blind" ? PaletteKind::colourBlindSafe : PaletteKind::standard;
        else if (k == "--colour-by") {
            if (!parseColourByKey(v, a.colourBy))
                return usage();
        } else
            return usage();
    }
    if ((argc - 2) % 2 != 0 ||
        (a.png.empty() && a.mode != "first-shade" && a.mode != "hover-target" && a.mode != "wavefront-tick"))
        return usage();
    int rc = 2;
    if (a.mode == "heap")
        rc = checkHeap(a);
    else if (a.mode == "slots")
        rc = checkSlots(a);
    else if (a.mode == "marking")
        rc = checkMarking(a);
    else if (a.mode == "spanq")
        rc = checkSpanQueue(a);
    else if (a.mode == "selected")
        rc = checkSelected(a);
    else if (a.mode == "playhead")
        rc = checkPlayhead(a);
    else if (a.mode == "stats")
        rc = checkStats(a);
    else if (a.mode == "compare")
        rc = checkCompare(a);
    else if (a.mode == "allocator")
        rc = checkAllocator(a);
    else if (a.mode == "lines")
        rc = checkLines(a);
    else if (a.mode == "lanes")
        rc = checkLanes(a);
    else if (a.mode == "first-shade")
        return firstShade(a);
    else if (a.mode == "barrier")
        rc = checkBarrier(a);
    else if (a.mode == "graph-letters")
        rc = checkGraphLetters(a);
    else if (a.mode == "hover-target")
        return hoverTarget(a);
    else if (a.mode == "graph-hover")
        rc = checkGraphHover(a);
    else if (a.mode == "wavefront-tick")
        return wavefrontTick(a);
    else if (a.mode == "graph-wavefront")
        rc = checkGraphWavefront(a);
    else if (a.mode == "frames")
        rc = checkFrames(a);
    else if (a.mode == "plot-height")
        rc = checkPlotHeight(a);
    else if (a.mode == "contrast")
        rc = checkContrast(a);
    else if (a.mode == "alloc-cache")
        rc = checkAllocCache(a);
    else if (a.mode == "collector")
        rc = checkCollector(a);
    else if (a.mode == "crop")
        rc = checkCrop(a);
    else if (a.mode == "stats-text")
        rc = checkStatsText(a);
    else
        return usage();
    std::printf("%s\n", rc == 0 ? "PASS" : "FAIL");
    return rc;
}
