#include "render/app.h"

#include <imgui.h>

#include <chrono>
#include <exception>

namespace gclab::render {

namespace {

// A frame running "as fast as possible" stops stepping after this long, so the window stays responsive.
constexpr auto unlimitedBudget = std::chrono::milliseconds(12);

constexpr ImGuiWindowFlags fixedWindow = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;

void placeWindow(const Rect& r) {
    ImGui::SetNextWindowPos(ImVec2(static_cast<float>(r.x0), static_cast<float>(r.y0)));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(r.width()), static_cast<float>(r.height())));
}

} // namespace

App::App(const AppOptions& opts)
    : settings_(opts.settings), rt_(DemoWorkload::config(opts.validate)), workload_(rt_),
      validate_(opts.validate) {
    clock_.setRate(opts.rate);
    for (std::uint64_t i = 0; i < opts.initialSteps; i++)
        if (!step())
            break;
    clock_.setPlaying(opts.playing);
    if (opts.focus)
        heapMap_.requestFocus(*opts.focus, opts.cellPx.value_or(HeapMapView::detailMinCellPx * 2));
    else if (opts.cellPx)
        heapMap_.requestCell(*opts.cellPx);
}

void App::handle(Command c) {
    switch (c) {
    case Command::togglePlay:
        clock_.togglePlaying();
        break;
    case Command::step:
        clock_.setPlaying(false);
        step();
        break;
    case Command::restart:
        restart();
        break;
    }
}

void App::restart() {
    rt_ = Runtime(DemoWorkload::config(validate_));
    workload_ = DemoWorkload(rt_);
    lastStep_.reset();
    error_.reset();
    version_++;
}

bool App::step() {
    if (error_ || workload_.finished())
        return false;
    try {
        lastStep_ = workload_.step(rt_);
    } catch (const std::exception& e) {
        error_ = e.what();
    }
    version_++;
    return !error_;
}

void App::advance(double dt) {
    std::uint64_t n = clock_.stepsForFrame(dt);
    auto deadline = std::chrono::steady_clock::now() + unlimitedBudget;
    for (std::uint64_t i = 0; i < n; i++) {
        if (!step()) {
            clock_.setPlaying(false);
            break;
        }
        if (clock_.unlimited() && i % 64 == 63 && std::chrono::steady_clock::now() > deadline)
            break;
    }
}

const HeapSnapshot& App::snapshot() {
    if (snapVersion_ != version_) {
        snap_ = takeSnapshot(rt_);
        snapVersion_ = version_;
    }
    return snap_;
}

void App::frame(double dt) {
    advance(dt);
    ImGuiIO& io = ImGui::GetIO();
    WindowLayout layout =
        computeWindowLayout(io.DisplaySize.x, io.DisplaySize.y, ImGui::GetFontSize(), settings_.view);

    placeWindow(layout.controls);
    if (ImGui::Begin("Controls", nullptr,
                     fixedWindow | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
        drawControlBar();
    ImGui::End();
    if (layout.showHeap) {
        placeWindow(layout.heapMap);
        if (ImGui::Begin("Heap map: arenas \u2192 4 MiB chunks \u2192 8 KiB pages", nullptr, fixedWindow))
            heapMap_.draw(rt_, snapshot(), version_, palette(settings_.palette), settings_.colourBy);
        ImGui::End();
    }
    if (layout.showStats) {
        placeWindow(layout.stats);
        if (ImGui::Begin("Statistics", nullptr, fixedWindow))
            drawStats();
        ImGui::End();
    }
}

} // namespace gclab::render
