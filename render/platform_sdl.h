// gclab-gui — the platform layer: the only code that talks to SDL and sets up OpenGL.
//
// Creates the window and a GL 3.3 core context (loaded with glad), initialises Dear ImGui with its SDL2
// and OpenGL3 backends and the fonts, runs the frame loop, translates keys into App commands, and reads
// the framebuffer back into a PNG for headless screenshots (toolchain.md §3–§4: SDL's offscreen video
// driver gives a real GL context without any display).
#pragma once

#include "render/app.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gclab::render {

struct GuiConfig {
    int width = 1280;
    int height = 800;
    std::string screenshot;      // non-empty: headless; render `frames` frames, save the last, exit
    int frames = 3;              // headless frames (ImGui hides auto-sized windows on their first frame)
    int measureFrames = 0;       // > 0: headless; print the median time of this many more frames
    std::string dumpLayout;      // headless: write the heap map's HeapViewState here
    std::optional<float> mouseX; // headless: mouse position (shows hover tooltips)
    std::optional<float> mouseY;
    std::string dumpTimeline;  // headless: write the timeline's TimelineState here
    std::string dumpState;     // headless: write the run's tick, state hash, GOGC and barrier here
    std::string dumpAllocator; // headless: write the allocator view's AllocatorLayoutInput here
    std::string frameLog;      // headless: write every frame's time in ms, one per line
    int measureSeeks = 0;      // headless: explore the run, time this many seeks to random ticks, print them
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now(); // for start-up time
    // headless: scripted input, one token per frame, pushed as SDL events (SDL_PushEvent): space,
    // right, left (with shift+ / ctrl+ / alt+), r, wait, click:X:Y, drag:X1:Y1:X2:Y2, gogc:FRACTION
    // (a click at that fraction of the GOGC slider's width), memlimit:FRACTION (the same for GOMEMLIMIT).
    std::vector<std::string> script;
    int soakFrames = 0;         // > 0: headless; this many frames of seeded random input (soak_input.h)
    std::uint64_t soakSeed = 1; // the soak input's seed
    std::optional<RangeExport> exportRange; // headless: write this GIF or PNG frame sequence, exit
    bool rememberSettings = false;          // save the settings (gui_settings.h) when the window closes

    // headless: render without a display and exit (no window is shown).
    bool headless() const {
        return !screenshot.empty() || measureFrames > 0 || measureSeeks > 0 || soakFrames > 0 || exportRange;
    }
};

// checkScript returns "" when every token of a --keys script is valid, else what was expected.
std::string checkScript(const std::vector<std::string>& script);

// runGui opens the window (or renders headless) and returns the process exit code: 0 on success, 1 when
// SDL, OpenGL or writing a file fails, 2 when the scenario cannot be built (with a message on stderr).
int runGui(const GuiConfig& cfg, const AppOptions& appOptions);

} // namespace gclab::render
