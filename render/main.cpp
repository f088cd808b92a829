// gclab-gui — the sandbox window. This file only parses the command line; platform_sdl.cpp runs it.
#include "sim/goenv.h"

#include "render/export_plan.h"
#include "render/gui_settings.h"
#include "render/platform_sdl.h"
#include "render/run_overrides.h"
#include "render/scenario_source.h"
#include "scenarios/param_value.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>

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
    const auto started = std::chrono::steady_clock::now();
    CLI::App app{
        "gclab-gui: the gclab sandbox window. Runs a scenario of the Go 1.19 memory-management model "
        "(default: " +
        defaultScenarioName() +
        ").\nKeys: Space play/pause; \u2192 / \u2190 step forward / back one event (Shift: one mutator "
        "op, Ctrl: one GC phase, Alt: one GC cycle); R restart; L loop; + / - zoom the timeline about the "
        "playhead, [ / ] pan it, 0 or Home: the whole run; F11 full screen; F12 save a PNG of the "
        "window "
        "(Shift+F12: of the view or tab under the mouse)."};
    app.set_version_flag("--version",
                         std::string("gclab-gui ") + GCLAB_VERSION + " (models the Go 1.19 runtime)");

    AppOptions opts;
    GuiConfig gui;
    std::string positional, scenario;
    std::vector<std::string> params;
    std::string size = "1280x800", view = "all", paletteName = "standard", colourBy = "marking";
    std::string focus, select, mouse, keys;
    double cell = 0;
    bool play = false, paused = false;
    int speed = 20;

    app.add_option("file", positional, "A scenario file (.toml) or built-in scenario name");
    app.add_option("--scenario", scenario, "A built-in scenario name (gclab list) or a scenario file");
    app.add_option("--param", params, "Set a scenario parameter, NAME=VALUE (repeatable)");
    std::string gogc;
    app.add_option("--gogc", gogc,
                   "GOGC from the start, a non-negative integer or off (default: the scenario's)");
    std::string gomemlimit;
    app.add_option("--gomemlimit", gomemlimit,
                   "GOMEMLIMIT from the start: bytes with an optional B/KiB/MiB/GiB/TiB suffix, or off "
                   "(default: the scenario's)");
    app.add_option("--at", opts.atTick, "Start at this tick (seek before the first frame)");
    app.add_option("--screenshot", gui.screenshot,
                   "Render headless (no display needed), save the frame as a PNG, exit");
    app.add_option("--size", size, "Window size WxH (default 1280x800)");
    app.add_option("--view", view,
                   "Which views: all, heap, timeline, collector, stats, graph, allocator or compare")
        ->check(CLI::IsMember(
            {"all", "heap", "timeline", "collector", "stats", "graph", "allocator", "compare"}));
    std::string compare;
    app.add_option("--compare", compare,
                   "Side by side with a second run of the scenario at the same tick: 'original' (the start "
                   "settings) or comma-separated changes: gogc=50, gomemlimit=64MiB, gomaxprocs=2, "
                   "barrier=dijkstra, go-version=1.26, PARAM=VALUE (see the Compare tab, --view compare)");
    app.add_option("--cell", cell,
                   "Heap map zoom in pixels per 8 KiB page (default: fit the reserved arenas)")
        ->check(CLI::Range(minCellPx, maxCellPx));
    app.add_option("--focus", focus,
                   "Heap map: centre this address, e.g. 0xc000000000 (zoom: --cell, default 128)");
    app.add_option("--select", select, "Heap map: select the object at this address (outline, inspector)");
    app.add_option("--colour-by", colourBy,
                   "Colour in-use spans by size class, role (where the span is), marking (sweep state; "
                   "slots white/grey/black) or ram (which pages have RAM)")
        ->check(CLI::IsMember({"class", "role", "marking", "ram"}));
    app.add_option("--palette", paletteName, "Colours: standard or colour-blind")
        ->check(CLI::IsMember({"standard", "colour-blind"}));
    app.add_flag("--large-fonts", opts.settings.largeFonts, "Large fonts (projector)");
    app.add_flag("--high-contrast", opts.settings.highContrast,
                 "High contrast (projector): black background, white text, outlined widgets");
    app.add_option("--speed", speed, "Events per second while playing (100000: as fast as possible)")
        ->check(CLI::Range(SimClock::minRate, SimClock::maxRate));
    app.add_flag("--play", play, "Start playing (the default in a window; headless frames advance 1/60 s)");
    app.add_flag("--paused", paused, "Start paused");
    app.add_flag("--loop", opts.settings.loop,
                 "Loop: playing past the end of the run starts again at tick 0");
    app.add_flag("--validate", opts.validate, "Check every model invariant after each heavy allocator step");
    app.add_option("--frames", gui.frames, "Headless: frames to render before the screenshot (default 3)")
        ->check(CLI::Range(2, 10000));
    app.add_option("--measure", gui.measureFrames,
                   "Headless: render N more frames, each followed by an empty ImGui frame, and print both "
                   "medians, their ratio and the time to the first frame")
        ->check(CLI::Range(1, 100000));
    app.add_option("--dump-layout", gui.dumpLayout,
                   "Headless: write where the heap map placed its pages (tests)");
    app.add_option("--dump-timeline", gui.dumpTimeline, "Headless: write where the timeline drew (tests)");
    app.add_option("--dump-allocator", gui.dumpAllocator,
                   "Headless: write where the allocator view laid itself out (tests)");
    app.add_option("--dump-state", gui.dumpState,
                   "Headless: write the final tick, state hash, GOGC and barrier (tests)");
    app.add_option(
        "--keys", keys,
        "Headless: scripted input, space-separated, one per frame: space, right, left, r, l, plus, "
        "minus, kp_plus, kp_minus, lbracket, rbracket, 0, home, f12, enter (shift+/ctrl+/alt+), wait, "
        "click:X:Y, click:@WIDGET, move:X:Y, slide:@WIDGET:FRACTION, text:TEXT, drag:X1:Y1:X2:Y2, "
        "gogc:FRACTION, memlimit:FRACTION");
    app.add_option("--measure-seeks", gui.measureSeeks,
                   "Headless: run to the end, then time N seeks to pseudo-random ticks (a playhead drag)")
        ->check(CLI::Range(1, 100000));
    app.add_option("--frame-log", gui.frameLog, "Headless: write every frame's time in ms (one per line)");
    app.add_option("--mouse", mouse, "Headless: put the mouse at X,Y, e.g. to show a tooltip");
    app.add_option("--soak", gui.soakFrames,
                   "Headless: this many frames of seeded random keys, text and mouse input (a soak test)")
        ->check(CLI::Range(1, 10000000));
    app.add_option("--seed", gui.soakSeed, "The --soak input's seed (default 1)");
    std::string gifPath;
    std::uint64_t gifFrom = 0, gifTo = 0, gifEvery = 1;
    app.add_option("--export-gif", gifPath,
                   "Headless: write the ticks --from … --to (every --every) as an animated GIF, exit");
    std::string framesDir;
    app.add_option("--export-frames", framesDir,
                   "Headless: write the ticks --from … --to (every --every) as DIR/frame-00000.png, "
                   "frame-00001.png, …, exit (DIR is created if its parent exists)");
    app.add_option("--from", gifFrom, "--export-gif / --export-frames: the first tick (default 0)");
    app.add_option("--to", gifTo, "--export-gif / --export-frames: the last tick");
    app.add_option("--every", gifEvery, "--export-gif / --export-frames: ticks between frames (default 1)");
    std::string goVersion;
    app.add_option("--go-version", goVersion, "Follow Go 1.19 (default) or 1.26 where their runtimes differ");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0)
            return app.exit(e);
        return usageError(app, e.what());
    }
    if (!gifPath.empty() && !framesDir.empty())
        return usageError(app, "--export-gif and --export-frames exclude each other");
    if (!gifPath.empty() || !framesDir.empty()) {
        const std::string flag = !gifPath.empty() ? "--export-gif" : "--export-frames";
        if (!gifPath.empty() && (gifPath.size() < 5 || gifPath.substr(gifPath.size() - 4) != ".gif"))
            return usageError(app,
                              "--export-gif: expected a file name ending in .gif, got '" + gifPath + "'");
        if (!framesDir.empty()) {
            // The directory may exist (frames are written into it) or be new in an existing directory.
            std::error_code ec;
            const std::filesystem::path dir(framesDir);
            const std::filesystem::path parent =
                dir.has_parent_path() ? dir.parent_path() : std::filesystem::path(".");
            if (std::filesystem::exists(dir, ec) ? !std::filesystem::is_directory(dir, ec)
                                                 : !std::filesystem::is_directory(parent, ec))
                return usageError(app, "--export-frames: expected a directory, or a new one in an existing "
                                       "directory, got '" +
                                           framesDir + "'");
        }
        if (app.count("--to") == 0)
            return usageError(app, flag + " needs --to TICK");
        if (exportTicks(gifFrom, gifTo, gifEvery).empty())
            return usageError(app, flag + ": expected --from <= --to, --every >= 1 and at most " +
                                       std::to_string(maxExportFrames) + " frames, got --from " +
                                       std::to_string(gifFrom) + " --to " + std::to_string(gifTo) +
                                       " --every " + std::to_string(gifEvery));
        gui.exportRange = !gifPath.empty()
                              ? RangeExport{ExportFormat::gif, gifPath, gifFrom, gifTo, gifEvery}
                              : RangeExport{ExportFormat::pngFrames, framesDir, gifFrom, gifTo, gifEvery};
    } else if (app.count("--from") + app.count("--to") + app.count("--every") > 0) {
        return usageError(app, "--from, --to and --every need --export-gif or --export-frames");
    }
    if (!goVersion.empty()) {
        auto v = gclab::parseGoVersion(goVersion);
        if (!v.value)
            return usageError(app, "--go-version: " + v.error);
        opts.goVersion = *v.value;
    }
    const bool headless = gui.headless();
    if (!headless) {
        // The window remembers its settings; what the command line says wins.
        std::vector<std::string> warnings;
        GuiSettings saved = loadGuiSettings(guiSettingsPath(), GuiSettings{}, warnings);
        for (const std::string& w : warnings)
            std::cerr << "gclab-gui: " << w << "\n";
        if (app.count("--large-fonts") == 0)
            opts.settings.largeFonts = saved.largeFonts;
        if (app.count("--high-contrast") == 0)
            opts.settings.highContrast = saved.highContrast;
        if (app.count("--palette") == 0)
            paletteName = saved.palette == PaletteKind::colourBlindSafe ? "colour-blind" : "standard";
        if (app.count("--colour-by") == 0)
            colourBy = colourByKey(saved.colourBy);
        if (app.count("--view") == 0)
            view = viewSelectionName(saved.view);
        if (app.count("--speed") == 0)
            speed = saved.speed;
        if (app.count("--loop") == 0)
            opts.settings.loop = saved.loop;
        if (scenario.empty() && positional.empty() && !saved.scenario.empty() && params.empty()) {
            try {
                loadScenario(saved.scenario);
                scenario = saved.scenario;
            } catch (const std::exception& e) {
                std::cerr << "gclab-gui: the last scenario is not available (" << e.what() << "); using "
                          << defaultScenarioName() << "\n";
            }
        }
        gui.rememberSettings = true;
    }

    if (!positional.empty() && !scenario.empty())
        return usageError(app, "give the scenario either as FILE or with --scenario, not both");
    opts.scenario = !scenario.empty() ? scenario : !positional.empty() ? positional : defaultScenarioName();
    try {
        LoadedScenario sc = loadScenario(opts.scenario);
        gclab::ParamValues values = sc.scenario.defaults();
        for (const std::string& p : params) {
            std::string err = gclab::applyParamOverride(sc.scenario, p, values);
            if (!err.empty())
                return usageError(app, "--param: " + err);
        }
        opts.params = values;
        if (app.count("--compare") > 0) {
            RunOverrides o;
            if (std::string err = parseRunOverrides(compare, sc.scenario, o); !err.empty())
                return usageError(app, err);
            opts.compare = o;
        }
    } catch (const std::exception& e) {
        std::cerr << "gclab-gui: " << e.what() << "\n";
        return 2;
    }
    if (gogc == "off") {
        opts.gogc = -1;
    } else if (!gogc.empty()) {
        std::int64_t v = 0;
        if (!gclab::parseCount(gogc, v) || v > 1000000)
            return usageError(app, "--gogc: expected a non-negative integer or off, got '" + gogc + "'");
        opts.gogc = static_cast<std::int32_t>(v);
    }
    if (!gomemlimit.empty()) {
        const gclab::ParsedSetting<std::int64_t> limit = gclab::parseGOMEMLIMIT(gomemlimit);
        if (!limit.value)
            return usageError(app, "--gomemlimit: " + limit.error);
        opts.memoryLimit = *limit.value;
    }
    if (!parseSize(size, gui.width, gui.height))
        return usageError(app, "--size: expected WxH between 320x240 and 8192x8192, e.g. 1280x800, got '" +
                                   size + "'");
    if (!focus.empty()) {
        gclab::uintptr a = 0;
        if (!parseAddr(focus, a))
            return usageError(app, "--focus: expected an address such as 0xc000000000, got '" + focus + "'");
        opts.focus = a;
    }
    if (!select.empty()) {
        gclab::uintptr a = 0;
        if (!parseAddr(select, a))
            return usageError(app,
                              "--select: expected an address such as 0xc000000000, got '" + select + "'");
        opts.select = a;
    }
    if (!mouse.empty()) {
        float mx = 0, my = 0;
        if (!parsePair(mouse, mx, my))
            return usageError(app, "--mouse: expected X,Y in pixels, got '" + mouse + "'");
        gui.mouseX = mx;
        gui.mouseY = my;
    }
    if (!keys.empty()) {
        std::istringstream in(keys);
        for (std::string t; in >> t;)
            gui.script.push_back(t);
        if (std::string err = checkScript(gui.script); !err.empty())
            return usageError(app, err);
    }
    if (!headless && (!mouse.empty() || !keys.empty() || !gui.dumpLayout.empty() ||
                      !gui.dumpTimeline.empty() || !gui.dumpState.empty() || !gui.dumpAllocator.empty() ||
                      !gui.frameLog.empty() || app.count("--frames") > 0))
        return usageError(app, "--mouse, --keys, --frames and --dump-* need --screenshot or --measure");
    if (play && paused)
        return usageError(app, "--play and --paused exclude each other");

    opts.playing = headless ? play : !paused;
    opts.rate = speed;
    if (cell > 0)
        opts.cellPx = cell;
    opts.settings.view = view == "heap"        ? ViewSelection::heap
                         : view == "timeline"  ? ViewSelection::timeline
                         : view == "collector" ? ViewSelection::collector
                         : view == "stats"     ? ViewSelection::stats
                         : view == "graph"     ? ViewSelection::graph
                         : view == "compare"   ? ViewSelection::compare
                         : view == "allocator" ? ViewSelection::allocator
                                               : ViewSelection::all;
    parseColourByKey(colourBy, opts.settings.colourBy);
    opts.settings.palette =
        paletteName == "colour-blind" ? PaletteKind::colourBlindSafe : PaletteKind::standard;
    gui.started = started;
    return runGui(gui, opts);
}
