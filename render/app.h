// gclab-gui — the application: owns the model, the demonstration workload and the controls, and lays
// out the views.
//
// Organised like Tracy's View: App holds the state and one dispatch point (frame); each area draws in
// its own file (view_controls.cpp, view_stats.cpp, view_heap_map.cpp). UI settings (AppSettings) are
// kept apart from the model. The model only changes through step() and restart(); drawing never
// changes it. App uses ImGui but never SDL: platform_sdl.cpp feeds it commands and frames.
#pragma once

#include "sim/runtime.h"

#include "render/demo_workload.h"
#include "render/heap_snapshot.h"
#include "render/palette.h"
#include "render/sim_clock.h"
#include "render/view_heap_map.h"
#include "render/window_layout.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gclab::render {

// Command is a keyboard shortcut, translated from the platform's key events.
enum class Command : std::uint8_t {
    togglePlay, // Space
    step,       // Right arrow
    restart,    // R
};

struct AppSettings {
    bool largeFonts = false;
    PaletteKind palette = PaletteKind::standard;
    ColourBy colourBy = ColourBy::sizeClass;
    ViewSelection view = ViewSelection::all;
};

struct AppOptions {
    AppSettings settings;
    std::uint64_t initialSteps = 0; // run before the first frame (<= DemoWorkload::length)
    bool playing = false;
    int rate = 20;                // allocations per second
    std::optional<double> cellPx; // heap map zoom; nothing: fit the reserved arenas
    std::optional<uintptr> focus; // heap map: centre this address
    bool validate = false;        // run Runtime::validate() after every heavy allocator step
};

class App {
  public:
    explicit App(const AppOptions& opts);

    void handle(Command c);
    // frame advances the model as the clock asks (dt in seconds) and draws every window. Must be called
    // between ImGui::NewFrame and ImGui::Render.
    void frame(double dt);

    bool largeFonts() const { return settings_.largeFonts; }
    const Runtime& runtime() const { return rt_; }
    std::uint64_t stepsDone() const { return workload_.stepsDone(); }
    const HeapMapView& heapMap() const { return heapMap_; }
    // error is the model's failure message once a step threw (the model is then paused).
    const std::optional<std::string>& error() const { return error_; }

  private:
    void restart();
    bool step(); // one allocation; false at the end of the workload or after a failure
    void advance(double dt);
    const HeapSnapshot& snapshot();

    // [SECTION] views (one file each)
    void drawControlBar(); // view_controls.cpp
    void drawStats();      // view_stats.cpp

    AppSettings settings_;
    Runtime rt_;
    DemoWorkload workload_;
    SimClock clock_;
    std::optional<DemoStep> lastStep_;
    std::optional<std::string> error_;
    std::uint64_t version_ = 1; // bumped whenever the model changes
    HeapSnapshot snap_;
    std::uint64_t snapVersion_ = 0;
    HeapMapView heapMap_;
    bool validate_ = false;
};

} // namespace gclab::render
