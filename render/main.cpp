// gclab-gui — the sandbox window. This file only parses the command line; platform_sdl.cpp runs it.
#include "render/platform_sdl.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <string>

namespace {

using gclab::render::AppOptions;
using gclab::render::GuiConfig;

bool parseSize(const std::string& s, int& w, int& h) {
    char x = 0;
    char rest = 0;
    return std::sscanf(s.c_str(), "%d%c%d%c", &w, &x, &h, &rest) == 3 && (x == 'x' || x == 'X') && w >= 320 &&
           h >= 240 && w <= 8192 && h <= 8192;
}

bool parsePair(const std::string& s, float& a, float& b) {
    char rest = 0;
    return std::sscanf(s.c_str(), "%f,%f%c", &a, &b, &rest) == 2;
}

bool parseAddr(const std::string& s, gclab::uintptr& out) {
    try {
        std::size_t used = 0;
        out = std::stoull(s, &used, 0);
        return used == s.size();
    } catch (const std::exception&) {
        return false;
    }
}

int usageError(const CLI::App& app, const std::string& msg) {
    std::cerr << "gclab-gui: " << msg << "\n\n" << app.help();
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    using namespace gclab::render;
    CLI::App app{
        "gclab-gui: the gclab sandbox window. Shows the Go 1.19 allocator model driven by a built-in "
        "demonstration workload.\nKeys: Space play/pause, Right arrow step, R restart."};
    app.set_version_flag("--version",
                         std::string("gclab-gui ") + GCLAB_VERSION + " (models the Go 1.19 runtime)");

    AppOptions opts;
    GuiConfig gui;
    std::uint64_t steps = 0;
    std::string size = "1280x800", view = "all", paletteName = "standard", colourBy = "class";
    std::string focus, mouse;
    double cell = 0;
    bool play = false, paused = false;
    int speed = 20;

    app.add_option("--steps", steps, "Run N allocation steps of the demonstration before the first frame")
        ->check(CLI::Range(std::uint64_t{0}, DemoWorkload::length));
    app.add_option("--screenshot", gui.screenshot,
                   "Render headless (no display needed), save the frame as a PNG, exit");
    app.add_option("--size", size, "Window size WxH (default 1280x800)");
    app.add_option("--view", view, "Which views: all, heap or stats")
        ->check(CLI::IsMember({"all", "heap", "stats"}));
    app.add_option("--cell", cell,
                   "Heap map zoom in pixels per 8 KiB page (default: fit the reserved arenas)")
        ->check(CLI::Range(minCellPx, maxCellPx));
    app.add_option("--focus", focus,
                   "Heap map: centre this address, e.g. 0xc000000000 (zoom: --cell, default 128)");
    app.add_option("--colour-by", colourBy, "Colour in-use spans by size class or role (where the span is)")
        ->check(CLI::IsMember({"class", "role"}));
    app.add_option("--palette", paletteName, "Colours: standard or colour-blind")
        ->check(CLI::IsMember({"standard", "colour-blind"}));
    app.add_flag("--large-fonts", opts.settings.largeFonts, "Large fonts (projector)");
    app.add_option("--speed", speed, "Allocations per second while playing (100000: as fast as possible)")
        ->check(CLI::Range(SimClock::minRate, SimClock::maxRate));
    app.add_flag("--play", play, "Start playing (the default in a window; headless frames advance 1/60 s)");
    app.add_flag("--paused", paused, "Start paused");
    app.add_flag("--validate", opts.validate, "Check every model invariant after each heavy allocator step");
    app.add_option("--frames", gui.frames, "Headless: frames to render before the screenshot (default 3)")
        ->check(CLI::Range(2, 10000));
    app.add_option("--measure", gui.measureFrames,
                   "Headless: render N more frames and print the median frame time")
        ->check(CLI::Range(1, 100000));
    app.add_option("--dump-layout", gui.dumpLayout,
                   "Headless: write where the heap map placed its pages (tests)");
    app.add_option("--mouse", mouse, "Headless: put the mouse at X,Y, e.g. to show a tooltip");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0)
            return app.exit(e);
        return usageError(app, e.what());
    }

    const bool headless = !gui.screenshot.empty() || gui.measureFrames > 0;
    if (!parseSize(size, gui.width, gui.height))
        return usageError(app, "--size: expected WxH between 320x240 and 8192x8192, e.g. 1280x800, got '" +
                                   size + "'");
    if (!focus.empty()) {
        gclab::uintptr a = 0;
        if (!parseAddr(focus, a))
            return usageError(app, "--focus: expected an address such as 0xc000000000, got '" + focus + "'");
        opts.focus = a;
    }
    if (!mouse.empty()) {
        float mx = 0, my = 0;
        if (!parsePair(mouse, mx, my))
            return usageError(app, "--mouse: expected X,Y in pixels, got '" + mouse + "'");
        gui.mouseX = mx;
        gui.mouseY = my;
    }
    if (!headless && (!mouse.empty() || !gui.dumpLayout.empty() || app.count("--frames") > 0))
        return usageError(app, "--mouse, --frames and --dump-layout need --screenshot or --measure");
    if (play && paused)
        return usageError(app, "--play and --paused exclude each other");

    opts.initialSteps = steps;
    opts.playing = headless ? play : !paused;
    opts.rate = speed;
    if (cell > 0)
        opts.cellPx = cell;
    opts.settings.view = view == "heap"    ? ViewSelection::heap
                         : view == "stats" ? ViewSelection::stats
                                           : ViewSelection::all;
    opts.settings.colourBy = colourBy == "role" ? ColourBy::role : ColourBy::sizeClass;
    opts.settings.palette =
        paletteName == "colour-blind" ? PaletteKind::colourBlindSafe : PaletteKind::standard;
    return runGui(gui, opts);
}
