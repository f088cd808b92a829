// gclab-gui — the platform layer: the only code that talks to SDL and sets up OpenGL.
//
// Creates the window and a GL 3.3 core context (loaded with glad), initialises Dear ImGui with its SDL2
// and OpenGL3 backends and the fonts, runs the frame loop, translates keys into App commands, and reads
// the framebuffer back into a PNG for headless screenshots (toolchain.md §3–§4: SDL's offscreen video
// driver gives a real GL context without any display).
#pragma once

#include "render/app.h"

#include <optional>
#include <string>

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
};

// runGui opens the window (or renders headless) and returns the process exit code: 0 on success, 1 when
// SDL, OpenGL or writing a file fails (with a message on stderr).
int runGui(const GuiConfig& cfg, const AppOptions& appOptions);

} // namespace gclab::render
