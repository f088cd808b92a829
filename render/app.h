// gclab-gui — the application: owns the run (a Session over the Timeline), the controls' state and
// the views, and lays them out.
//
// Organised like Tracy's View: App holds the state and one dispatch point (frame); each area draws in
// its own file (view_controls.cpp, view_timeline.cpp, view_collector.cpp, view_narration.cpp,
// view_stats.cpp, view_heap_map.cpp, view_allocator.cpp). UI settings (AppSettings) are kept apart from the
// model. The model is read through sim/visit.h and the event stream, and changes only through the Session's
// Timeline commands; drawing never changes it. App uses ImGui but never SDL: platform_sdl.cpp feeds
// it actions and frames.
#pragma once

#include "render/allocator_layout.h"
#include "render/allocator_state.h"
#include "render/comparison.h"
#include "render/export_plan.h"
#include "render/gui_settings.h"
#include "render/heap_snapshot.h"
#include "render/object_graph.h"
#include "render/object_history.h"
#include "render/object_inspect.h"
#include "render/palette.h"
#include "render/session.h"
#include "render/sim_clock.h"
#include "render/view_heap_map.h"
#include "render/view_timeline.h"
#include "render/why_alive.h"
#include "render/window_layout.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gclab::render {

// Action is a keyboard shortcut, translated from the platform's key events.
enum class Action : std::uint8_t {
    togglePlay, // Space
    forward,    // Right arrow (with a StepBy)
    back,       // Left arrow (with a StepBy)
    restart,    // R
    toggleLoop, // L
    // The timeline's visible range (TimelineKey): + and - zoom about the playhead, [ and ] pan, 0 or
    // Home shows the whole run.
    timelineZoomIn,
    timelineZoomOut,
    timelinePanBack,
    timelinePanForward,
    timelineWholeRun,
};

// StepBy is what one step covers: → one event, Shift+→ one mutator operation, Ctrl+→ one GC phase,
// Alt+→ one GC cycle (and the same backwards with ←).
enum class StepBy : std::uint8_t { event, mutatorOp, phase, cycle };

struct AppSettings {
    bool largeFonts = false;
    bool highContrast = false; // black background, white text, outlined widgets (platform_sdl.cpp's style)
    PaletteKind palette = PaletteKind::standard;
    ColourBy colourBy = ColourBy::marking;
    ViewSelection view = ViewSelection::all;
    bool loop = false; // playing past the end of the run starts again at tick 0
};

struct AppOptions {
    AppSettings settings;
    std::string scenario;                    // a built-in name or a .toml path; "" = defaultScenarioName()
    ParamValues params;                      // overrides of the scenario's defaults
    std::optional<std::int32_t> gogc;        // overrides the scenario's GOGC from tick 0 (negative: off)
    std::optional<std::int64_t> memoryLimit; // overrides its GOMEMLIMIT from tick 0 (int64 max: off)
    std::uint64_t atTick = 0;                // seek here before the first frame
    bool playing = false;
    int rate = 20;                           // events per second
    std::optional<double> cellPx;            // heap map zoom; nothing: fit the reserved arenas
    std::optional<uintptr> focus;            // heap map: centre this address
    std::optional<uintptr> select;           // heap map: select the object at this address
    bool validate = false;                   // run Runtime::validate() after every heavy allocator step
    GoVersion goVersion = GoVersion::go1_19; // whose runtime behaviour the model follows
    // Start side by side with a second run of these settings (the compare view).
    std::optional<RunOverrides> compare;
};

// RangeExport is an export of the ticks from, from + every, ... to, one frame each: an animated GIF
// (path: the .gif file) or a PNG frame sequence (path: the directory for frame-00000.png, ...).
struct RangeExport {
    ExportFormat format = ExportFormat::gif;
    std::string path;
    std::uint64_t from = 0, to = 0, every = 1;
};

// GraphNodeDrawn is where the object graph drew an object's circle in the last frame (--dump-state).
struct GraphNodeDrawn {
    uintptr addr = 0;
    float x = 0, y = 0, radius = 0;
};

// SeekMeasurement is what --measure-seeks reports: the wall time until each seek arrived, the work
// of every frame on the way, and how many events the whole run emitted.
struct SeekMeasurement {
    std::vector<double> arriveMs;
    std::vector<double> frameMs;
    std::uint64_t eventsAtEnd = 0;
};

class App {
  public:
    // Throws std::runtime_error when the scenario cannot be loaded or built.
    explicit App(const AppOptions& opts);

    void handle(Action a, StepBy by = StepBy::event);
    // frame advances the model as the clock asks (dt in seconds) and draws every window. Must be called
    // between ImGui::NewFrame and ImGui::Render.
    void frame(double dt);

    bool largeFonts() const { return settings_.largeFonts; }
    bool highContrast() const { return settings_.highContrast; }
    const Session& session() const { return *session_; }
    bool playing() const { return clock_.playing(); }
    bool looping() const { return settings_.loop; }
    // loops is how often playing wrapped around to tick 0 (Loop).
    std::uint64_t loops() const { return loops_; }
    const HeapMapView& heapMap() const { return heapMap_; }
    const TimelineView& timelineView() const { return timelineView_; }
    // allocatorLayout is where the last frame laid out the allocator view (--dump-allocator).
    const AllocatorLayoutInput& allocatorLayout() const { return allocatorLayout_; }
    // measureSeeks explores the whole run, then seeks to n pseudo-random ticks of it as dragging the
    // playhead does, frame by frame (gclab-gui --measure-seeks).
    SeekMeasurement measureSeeks(int n);
    // comparison is the run shown side by side (the compare view), or null.
    const Comparison* comparison() const { return compare_.get(); }
    // compareLanes is where the last frame drew the compare view's two lanes (their range is in ticks).
    const std::optional<std::array<TimelineState, 2>>& compareLanes() const { return compareLanes_; }
    // graphNodesDrawn is where the object graph drew its objects in the last frame it was shown.
    const std::vector<GraphNodeDrawn>& graphNodesDrawn() const { return drawnNodes_; }
    // error is the model's failure message once a step threw (the run is then paused).
    const std::optional<std::string>& error() const { return session_->error(); }

    // Classroom and export support (view_classroom.cpp).
    // seekTo pauses and shows tick t (exports step through ticks with it).
    void seekTo(std::uint64_t t);
    // setStatus shows a message in the control bar for a few seconds.
    void setStatus(std::string message);
    // layout is where the last frame placed the windows (F12 exports the one under the mouse).
    const WindowLayout& layout() const { return layout_; }
    // guiSettings is what the window remembers between runs (render/gui_settings.h).
    GuiSettings guiSettings() const;
    // itemRect is where the last frame drew the widget it noted by name (noteItem), if it drew it; scripted
    // input clicks it (--keys click:@NAME).
    std::optional<Rect> itemRect(const std::string& name) const;
    // itemNames are the names of the widgets the last frame noted that start with prefix, in order.
    std::vector<std::string> itemNames(const std::string& prefix) const;
    // itemTexts are the texts the last frame noted (noteText), by name; itemRect gives where each was drawn.
    const std::map<std::string, std::string>& itemTexts() const { return itemTexts_; }
    // viewAreas are the tabs of the side panel the last frame drew (the shown one), and where.
    std::vector<ViewArea> viewAreas() const;
    // rate is the speed control's value in events per second while playing.
    int rate() const { return clock_.rate(); }
    // gcButtonRect is where the last frame drew the GC button; controlRows how many rows the control bar
    // took (it wraps on a narrow window).
    const Rect& gcButtonRect() const { return gcRect_; }
    int controlRows() const { return controlRows_; }
    // takeRangeExport returns the range export (GIF or PNG frames) the user asked for since the last call, if
    // any.
    std::optional<RangeExport> takeRangeExport() { return std::exchange(rangeExport_, std::nullopt); }

    // seeking says a seek (a playhead drag or a step back) or a step forward by a unit is still on its
    // way, over the next frames.
    bool seeking() const {
        return seekTarget_.has_value() || forwardUnit_.has_value() || !queuedSteps_.empty();
    }
    // objectHistory is the selected object's history replay (finished or on its way), if any.
    const ObjectHistoryReplay* objectHistory() const { return history_.get(); }
    // inspectorBusy says that the inspector's history replay, pointers-in scan or why-alive search is still
    // on its way, over the next frames.
    bool inspectorBusy() const {
        return (history_ && !history_->done()) || pointersInScan_ != nullptr || whySearch_ != nullptr;
    }
    // inspection is what the inspector shows about the selected object (span, pointers out, and pointers in
    // once pointersInKnown), if anything yet; whyPath its chain from a root once known (nothing: garbage).
    const std::optional<ObjectInspection>& inspection() const { return inspection_; }
    bool pointersInKnown() const { return pointersInKnown_; }
    std::optional<std::optional<std::vector<PathStep>>> whyPath() const {
        return whyKnown_ ? std::optional(whyPath_) : std::nullopt;
    }
    // stepsFinishedAtOnce counts the controls that had to finish the steps on their way within one frame
    // (Play does; step keys queue behind them instead).
    std::uint64_t stepsFinishedAtOnce() const { return stepsFinishedAtOnce_; }

  private:
    // noteItem remembers where the last ImGui item was drawn, as name, until the next frame.
    void noteItem(std::string name);
    // noteRect remembers a rectangle the view drew itself (no ImGui item), as name, until the next frame.
    void noteRect(std::string name, Rect r);
    // noteText is noteItem for an item that shows text, and remembers the text too (--dump-state's text
    // lines: what a view showed, for the tests).
    void noteText(std::string name, std::string text);
    // noteViewArea remembers the current window's visible rest, from the cursor, as the tab view name.
    void noteViewArea(const std::string& name);
    void load(const std::string& scenario, const ParamValues& overrides);
    void changed() { version_++; }
    void advance(double dt);
    // queueStep asks for a step forward or back that starts where the steps on their way end.
    void queueStep(Action a, StepBy by);
    // startStep starts a step from the current state: event steps happen now, a step by a unit sets the
    // seek target or the forward unit that continueSteps works towards.
    void startStep(Action a, StepBy by);
    // continueSeek moves towards the seek target until deadline; true once there (or with none).
    bool continueSeek(std::chrono::steady_clock::time_point deadline);
    // continueForward goes on with a step forward by a unit until deadline; true once over (or with none).
    bool continueForward(std::chrono::steady_clock::time_point deadline);
    // continueSteps goes on with the seek or step on its way, then the queued steps in order, until
    // deadline (each frame: seekBudget).
    void continueSteps(std::chrono::steady_clock::time_point deadline);
    // finishSteps completes every step on its way now, however long it takes; dropSteps forgets them.
    void finishSteps();
    void dropSteps();
    const HeapSnapshot& snapshot();
    const AllocatorState& allocatorState();

    // [SECTION] views (one file each)
    void drawControlBar();        // view_controls.cpp
    void drawScenarioPicker();    // view_controls.cpp
    void drawLiveSettings();      // view_controls.cpp
    void drawSidePanel();         // view_narration.cpp: narration, this tick's events, gctrace slot, tabs
    void drawCollector();         // view_collector.cpp
    void drawStats();             // view_stats.cpp
    void drawGraph();             // view_graph.cpp
    void drawAllocator();         // view_allocator.cpp
    void drawInspector();         // view_narration.cpp: the selected object and why it is alive
    void drawClassroomControls(); // view_classroom.cpp: GOMEMLIMIT, Go version, range export
    bool
    pauseBeatSince(std::uint64_t tick) const; // view_classroom.cpp: a pause beat fired after tick, by now
    // view_controls.cpp: large fonts, high contrast, the palette (one row, gap apart; gap 0: a column)
    void drawDisplaySettings(float gap);

    // Side by side (view_compare.cpp): the view, its "Compare with…" popup, building the compared run,
    // and keeping it at this run's tick.
    void drawCompare();
    void drawCompareSettings();
    void startCompare(const RunOverrides& o);
    void followCompare();

    AppSettings settings_;
    bool validate_ = false;
    std::optional<std::int32_t> gogcOverride_;
    std::optional<std::int64_t> memoryLimitOverride_;
    std::unique_ptr<Session> session_;
    ParamValues editedParams_; // the parameter sliders; applied by rebuilding the run
    std::string loadError_;    // the last scenario that failed to load or build
    std::string search_;       // scenario picker filter
    SimClock clock_;
    std::optional<std::uint64_t> seekTarget_; // where the dragged playhead is, until the run gets there
    std::optional<StepUnit> forwardUnit_;     // a step forward by this unit, until the unit is over
    // Step keys pressed while a step was on its way, in order: each starts where the one before ends.
    struct QueuedStep {
        Action action;
        StepBy by;
    };
    static constexpr std::size_t maxQueuedSteps = 8;
    std::deque<QueuedStep> queuedSteps_;
    std::uint64_t stepsFinishedAtOnce_ = 0;
    std::map<std::string, Rect> itemRects_;        // noteItem's widgets, from the frame drawn last
    std::map<std::string, std::string> itemTexts_; // noteText's texts, from the frame drawn last
    std::uint64_t version_ = 1;                    // bumped whenever the shown model state changes
    HeapSnapshot snap_;
    std::uint64_t snapVersion_ = 0;
    HeapMapView heapMap_;
    TimelineView timelineView_;
    std::int32_t gogcSlider_ = 100; // the GOGC control's value (negative: off)
    // The inspection and the why-alive search for the selected object: heap scans, so started when the
    // selection changes or, once the state stops changing (paused, no step on its way), when the state
    // changed; while playing the last ones stay. inspection_ is as of whyTick_: its span and pointers out
    // at once (describeObject), its pointers in once the scan over the frames (pointersInScan_, dropped if
    // the state changes under it) is over (pointersInKnown_). The search runs over the frames after it
    // (whySearch_, dropped likewise) and leaves whyPath_, as of whyPathTick_ (whyKnown_: there is one).
    std::uint64_t whyVersion_ = 0;
    uintptr whyObject_ = 0;
    std::uint64_t whyTick_ = 0;
    std::optional<ObjectInspection> inspection_;
    std::unique_ptr<PointersInScan> pointersInScan_;
    bool pointersInKnown_ = false;
    std::unique_ptr<WhyAliveSearch> whySearch_;
    bool whyKnown_ = false;
    std::uint64_t whyPathTick_ = 0;
    std::optional<std::vector<PathStep>> whyPath_;
    // The selected object's history (render/object_history.h), replayed over the frames once the state
    // stops changing; dropped when the selection or the run changes. historyHash_ is the run's event
    // hash at the replayed tick (with the tick, it tells whether the shown state is the one replayed).
    std::unique_ptr<ObjectHistoryReplay> history_;
    std::uint64_t historyHash_ = 0;
    void updateInspection(uintptr obj); // view_narration.cpp
    void drawObjectHistory();           // view_narration.cpp
    // The object graph, rebuilt when the state or the selection changes.
    std::uint64_t graphVersion_ = 0;
    std::optional<uintptr> graphFocus_;
    ObjectGraph graph_;
    std::vector<GraphNodeDrawn> drawnNodes_;
    // Side by side: the compared run, the settings being edited for it, why it could not be built.
    std::unique_ptr<Comparison> compare_;
    RunOverrides compareEdit_;
    std::string compareError_;
    std::optional<std::array<TimelineState, 2>> compareLanes_;
    // The allocator view: its state (re-read when the model changes), the path animation, the layout.
    std::uint64_t allocVersion_ = 0;
    AllocatorState allocState_;
    PathAnimation pathAnimation_;
    double frameDt_ = 0; // this frame's time in seconds (the animation's clock)
    AllocatorLayoutInput allocatorLayout_;
    // Classroom and export state (view_classroom.cpp).
    GoVersion goVersion_ = GoVersion::go1_19;
    std::int64_t memLimitSlider_ = 0; // the GOMEMLIMIT control's value in bytes (int64 max: off)
    Rect gcRect_;
    WindowLayout layout_;
    std::string status_;
    double statusAge_ = 0;
    std::optional<RangeExport> rangeExport_;
    std::uint64_t loops_ = 0;
    // The control bar's rows in the last frame (it wraps on a narrow window) and, while drawing, how
    // many times it wrapped.
    int controlRows_ = 3;
    int controlWraps_ = 0;
};

} // namespace gclab::render
