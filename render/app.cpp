#include "render/app.h"

#include <imgui.h>

#include <chrono>
#include <stdexcept>

namespace gclab::render {

namespace {

// A frame running "as fast as possible" stops stepping after this long, so the window stays responsive.
constexpr auto unlimitedBudget = std::chrono::milliseconds(12);
// A playhead drag re-steps for at most this long per frame, in slices of seekSlice ticks (a run's first
// ticks can be heavy: 512 of the 1 M-object steady-state's took 200 ms); the playhead shows the ticks on
// the way until the run reaches the target.
constexpr auto seekBudget = std::chrono::milliseconds(10);
constexpr std::uint64_t seekSlice = 32;
// The names under which noteViewArea keeps a tab's area among the noted items.
const std::string viewAreaPrefix = "view-";

// The fixed windows tile the display and draw no background of their own: the frame is cleared to the
// window colour (platform_sdl.cpp), so llvmpipe fills each pixel once less.
constexpr ImGuiWindowFlags fixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;

void placeWindow(const Rect& r) {
    ImGui::SetNextWindowPos(ImVec2(static_cast<float>(r.x0), static_cast<float>(r.y0)));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(r.width()), static_cast<float>(r.height())));
}

StepUnit unitOf(StepBy by) {
    switch (by) {
    case StepBy::mutatorOp:
        return StepUnit::mutatorOp;
    case StepBy::phase:
        return StepUnit::phase;
    case StepBy::cycle:
        return StepUnit::cycle;
    case StepBy::event:
        break;
    }
    return StepUnit::tick;
}

} // namespace

App::App(const AppOptions& opts)
    : settings_(opts.settings), validate_(opts.validate), gogcOverride_(opts.gogc),
      memoryLimitOverride_(opts.memoryLimit), goVersion_(opts.goVersion) {
    load(opts.scenario.empty() ? defaultScenarioName() : opts.scenario, opts.params);
    if (!session_)
        throw std::runtime_error(loadError_);
    clock_.setRate(opts.rate);
    if (opts.atTick > 0)
        session_->seek(opts.atTick);
    clock_.setPlaying(opts.playing);
    if (opts.compare) {
        startCompare(*opts.compare);
        if (!compare_)
            throw std::runtime_error("--compare: " + compareError_);
    }
    if (opts.select)
        heapMap_.select(*opts.select);
    if (opts.focus)
        heapMap_.requestFocus(*opts.focus, opts.cellPx.value_or(HeapMapView::detailMinCellPx * 2));
    else if (opts.cellPx)
        heapMap_.requestCell(*opts.cellPx);
}

void App::load(const std::string& scenario, const ParamValues& overrides) {
    try {
        LoadedScenario sc = loadScenario(scenario);
        if (gogcOverride_)
            sc.scenario.gogc = *gogcOverride_;
        if (memoryLimitOverride_)
            sc.scenario.memoryLimit = *memoryLimitOverride_;
        sc.goVersion = goVersion_;
        ParamValues values = sc.scenario.defaults();
        for (const auto& [name, v] : overrides)
            if (values.contains(name))
                values[name] = v;
        auto s = std::make_unique<Session>(std::move(sc), values, validate_);
        session_ = std::move(s);
        history_.reset();
        whySearch_.reset();
        if (compare_)
            startCompare(compare_->overrides());
        editedParams_ = values;
        gogcSlider_ = session_->runtime().gcController.gcPercent;
        memLimitSlider_ = session_->runtime().gcController.memoryLimit;
        loadError_.clear();
        clock_.setPlaying(false);
        changed();
    } catch (const std::exception& e) {
        loadError_ = e.what();
    }
}

void App::handle(Action a, StepBy by) {
    switch (a) {
    case Action::forward:
    case Action::back:
        clock_.setPlaying(false);
        queueStep(a, by);
        break;
    case Action::togglePlay:
        // Playing overtakes the steps forward (a phase or a cycle can be the rest of the run away): they
        // and the keys queued behind them are dropped. A seek back is finished first, so that playing goes
        // on from the tick it was going to; it re-steps from the keyframe before that tick.
        queuedSteps_.clear();
        forwardUnit_.reset();
        finishSteps();
        clock_.togglePlaying();
        break;
    case Action::toggleLoop:
        settings_.loop = !settings_.loop;
        break;
    case Action::restart: {
        dropSteps();
        std::string name = session_->scenario().file.empty() ? session_->scenario().scenario.name
                                                             : session_->scenario().file;
        load(name, editedParams_);
        break;
    }
    case Action::timelineZoomIn:
        timelineView_.key(TimelineKey::zoomIn);
        break;
    case Action::timelineZoomOut:
        timelineView_.key(TimelineKey::zoomOut);
        break;
    case Action::timelinePanBack:
        timelineView_.key(TimelineKey::panBack);
        break;
    case Action::timelinePanForward:
        timelineView_.key(TimelineKey::panForward);
        break;
    case Action::timelineWholeRun:
        timelineView_.key(TimelineKey::wholeRun);
        break;
    }
}

void App::queueStep(Action a, StepBy by) {
    // A step back by a unit while only a seek is on its way goes back from that seek's target at once.
    if (a == Action::back && by != StepBy::event && seekTarget_ && !forwardUnit_ && queuedSteps_.empty()) {
        if (std::optional<std::uint64_t> t = session_->stepBackTarget(unitOf(by), *seekTarget_))
            seekTarget_ = *t;
        return;
    }
    // Any other step starts where the steps before it end, once they have arrived (continueSteps). A held
    // key's auto-repeat queues no more than maxQueuedSteps: the rest are dropped, so the steps still to
    // come after the key is released stay few.
    if (queuedSteps_.size() < maxQueuedSteps)
        queuedSteps_.push_back(QueuedStep{a, by});
}

void App::startStep(Action a, StepBy by) {
    if (a == Action::forward) {
        if (by == StepBy::event)
            session_->stepEventForward();
        else
            forwardUnit_ = unitOf(by); // a phase or a cycle can be millions of ticks away
    } else if (by == StepBy::event) {
        if (std::optional<std::uint64_t> t = session_->eventBackTarget())
            seekTarget_ = *t; // the previous tick's events: re-stepped like a playhead seek
        else
            session_->stepEventBack();
    } else if (std::optional<std::uint64_t> t = session_->stepBackTarget(unitOf(by), session_->tick())) {
        seekTarget_ = *t; // re-stepping from a keyframe can take longer than a frame
    }
    changed();
}

void App::finishSteps() {
    if (!seeking())
        return;
    stepsFinishedAtOnce_++;
    continueSteps(std::chrono::steady_clock::time_point::max());
}

void App::dropSteps() {
    seekTarget_.reset();
    forwardUnit_.reset();
    queuedSteps_.clear();
}

void App::advance(double dt) {
    std::uint64_t n = clock_.stepsForFrame(dt);
    if (n == 0)
        return;
    auto deadline = std::chrono::steady_clock::now() + unlimitedBudget;
    for (std::uint64_t i = 0; i < n; i++) {
        const std::uint64_t before = session_->tick();
        if (!session_->stepEventForward()) {
            if (settings_.loop && !error() && before > 0) {
                // Loop: the end of the run goes on at tick 0 (the explored run is kept).
                session_->seek(0);
                loops_++;
                continue;
            }
            clock_.setPlaying(false);
            break;
        }
        if (session_->tick() != before && pauseBeatSince(before)) {
            clock_.setPlaying(false);
            setStatus("Paused at a narration beat (tick " + std::to_string(session_->tick()) + ")");
            break;
        }
        if (clock_.unlimited() && i % 64 == 63 && std::chrono::steady_clock::now() > deadline)
            break;
    }
    changed();
}

bool App::continueSeek(std::chrono::steady_clock::time_point deadline) {
    if (!seekTarget_)
        return true;
    bool arrived = false;
    while (!(arrived = session_->seekToward(*seekTarget_, seekSlice)) &&
           std::chrono::steady_clock::now() < deadline) {
    }
    if (arrived)
        seekTarget_.reset();
    changed();
    return arrived;
}

bool App::continueForward(std::chrono::steady_clock::time_point deadline) {
    if (!forwardUnit_)
        return true;
    std::optional<bool> done;
    while (!(done = session_->stepForwardToward(*forwardUnit_, seekSlice)) &&
           std::chrono::steady_clock::now() < deadline) {
    }
    if (done)
        forwardUnit_.reset();
    changed();
    return done.has_value();
}

void App::continueSteps(std::chrono::steady_clock::time_point deadline) {
    while (continueSeek(deadline) && continueForward(deadline) && !queuedSteps_.empty() &&
           std::chrono::steady_clock::now() < deadline) {
        const QueuedStep next = queuedSteps_.front();
        queuedSteps_.pop_front();
        startStep(next.action, next.by);
    }
}

SeekMeasurement App::measureSeeks(int n) {
    Session& s = *session_;
    s.seek(~std::uint64_t{0} >> 1);
    const std::uint64_t end = s.tick();
    SeekMeasurement m;
    m.eventsAtEnd = s.runtime().eventCount;
    std::uint64_t x = 0x9E3779B97F4A7C15ULL; // a fixed sequence: the same ticks every run
    auto msSince = [](std::chrono::steady_clock::time_point t0) {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    };
    for (int i = 0; i < n && end > 0; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        const auto t0 = std::chrono::steady_clock::now();
        seekTarget_ = (x >> 11) % end;
        while (seekTarget_) {
            const auto f0 = std::chrono::steady_clock::now();
            continueSeek(f0 + seekBudget);
            m.frameMs.push_back(msSince(f0));
        }
        m.arriveMs.push_back(msSince(t0));
    }
    return m;
}

const AllocatorState& App::allocatorState() {
    if (allocVersion_ != version_) {
        allocState_ = readAllocatorState(session_->runtime());
        allocVersion_ = version_;
    }
    return allocState_;
}

const HeapSnapshot& App::snapshot() {
    if (snapVersion_ != version_) {
        snap_ = takeSnapshot(session_->runtime());
        snapVersion_ = version_;
    }
    return snap_;
}

void App::noteItem(std::string name) {
    noteRect(std::move(name), Rect{ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                                   ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y});
}

void App::noteRect(std::string name, Rect r) { itemRects_[std::move(name)] = r; }

void App::noteText(std::string name, std::string text) {
    noteItem(name);
    itemTexts_[std::move(name)] = std::move(text);
}

std::optional<Rect> App::itemRect(const std::string& name) const {
    auto it = itemRects_.find(name);
    if (it == itemRects_.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> App::itemNames(const std::string& prefix) const {
    std::vector<std::string> names;
    for (auto it = itemRects_.lower_bound(prefix); it != itemRects_.end() && it->first.starts_with(prefix);
         ++it)
        names.push_back(it->first);
    return names;
}

void App::noteViewArea(const std::string& name) {
    const ImVec2 pos = ImGui::GetWindowPos(), min = ImGui::GetWindowContentRegionMin(),
                 max = ImGui::GetWindowContentRegionMax(), at = ImGui::GetCursorScreenPos();
    const Rect r{std::max(at.x, pos.x + min.x), std::max(at.y, pos.y + min.y), pos.x + max.x, pos.y + max.y};
    if (r.x1 > r.x0 && r.y1 > r.y0)
        itemRects_[viewAreaPrefix + name] = r;
}

std::vector<ViewArea> App::viewAreas() const {
    std::vector<ViewArea> areas;
    for (const std::string& n : itemNames(viewAreaPrefix))
        areas.push_back(ViewArea{n.substr(viewAreaPrefix.size()), *itemRect(n)});
    return areas;
}

void App::frame(double dt) {
    itemRects_.clear();
    itemTexts_.clear();
    continueSteps(std::chrono::steady_clock::now() + seekBudget);
    advance(dt);
    compareLanes_.reset();
    drawnNodes_.clear();
    frameDt_ = dt;
    statusAge_ += dt;
    ImGuiIO& io = ImGui::GetIO();
    layout_ = computeWindowLayout(io.DisplaySize.x, io.DisplaySize.y, ImGui::GetFontSize(), settings_.view,
                                  controlRows_);
    const WindowLayout& layout = layout_;
    const Palette& pal = palette(settings_.palette);

    placeWindow(layout.controls);
    if (ImGui::Begin("Controls", nullptr,
                     fixedWindow | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
        drawControlBar();
    ImGui::End();
    // Large fonts (presenter mode) lay the heap map and the timeline out compactly: no title bars (their
    // first rows name them), legends folded until asked for.
    const bool compact = settings_.largeFonts;
    const ImGuiWindowFlags paneFlags =
        fixedWindow | (compact ? ImGuiWindowFlags{ImGuiWindowFlags_NoTitleBar} : ImGuiWindowFlags{0});
    if (layout.showHeap) {
        placeWindow(layout.heapMap);
        if (ImGui::Begin("Heap map: arenas \u2192 4 MiB chunks \u2192 8 KiB pages \u2192 slots", nullptr,
                         paneFlags))
            heapMap_.draw(session_->runtime(), snapshot(), version_, pal, settings_.colourBy, compact);
        ImGui::End();
    }
    if (layout.showTimeline) {
        placeWindow(layout.timeline);
        if (ImGui::Begin("Timeline: heap over virtual time, GC cycles", nullptr,
                         paneFlags | ImGuiWindowFlags_NoScrollbar)) {
            if (std::optional<std::uint64_t> t = timelineView_.draw(*session_, pal, compact)) {
                clock_.setPlaying(false);
                dropSteps(); // the playhead goes where it is dragged instead
                seekTarget_ = *t;
            }
        }
        ImGui::End();
    }
    if (layout.showSide) {
        placeWindow(layout.side);
        if (ImGui::Begin("Side", nullptr, fixedWindow | ImGuiWindowFlags_NoTitleBar))
            drawSidePanel();
        ImGui::End();
    }
    followCompare();
}

} // namespace gclab::render
