// gclab-gui — what an export writes: file names (F12 screenshots, PNG frames), which ticks a range
// export (GIF or PNG frames) shows, and which view is under the mouse. Pure C++ (unit-tested);
// platform_sdl.cpp does the writing.
#pragma once

#include "render/scenario_source.h"
#include "render/window_layout.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gclab::render {

// maxExportFrames bounds a range export, GIF or PNG frames (a longer range needs a larger --every).
inline constexpr int maxExportFrames = 2000;

// exportName is the scenario's name as it appears in file names: its name, with every character other
// than a letter, digit, '-' or '_' replaced by '-'.
std::string exportName(const LoadedScenario& sc);

// screenshotName is gclab-NAME-TICK.png, or gclab-NAME-TICK-VIEW.png for one view.
std::string screenshotName(const LoadedScenario& sc, std::uint64_t tick, const std::string& view = "");

// ExportFormat is what a tick range is exported as: an animated GIF or a directory of PNG frames.
enum class ExportFormat : std::uint8_t { gif, pngFrames };

// frameFileName is the name of frame i of a PNG frame sequence: frame-00000.png, frame-00001.png, ...
std::string frameFileName(std::size_t i);

// exportTicks lists from, from + every, ... up to to (inclusive); empty when the range is invalid (from >
// to, every 0, or more than maxExportFrames frames).
std::vector<std::uint64_t> exportTicks(std::uint64_t from, std::uint64_t to, std::uint64_t every);

// ViewArea is one of the window's views and where it is.
struct ViewArea {
    std::string name; // controls, heap, timeline, side, or a tab of the side panel (collector, graph, ...)
    Rect rect;
};

// viewUnder returns the view containing (x, y), if any: one of the tabs (where the side panel drew its
// shown tab) before the window's areas.
std::optional<ViewArea> viewUnder(const WindowLayout& layout, const std::vector<ViewArea>& tabs, double x,
                                  double y);

} // namespace gclab::render
