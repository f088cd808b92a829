// The classroom controls of the control bar: GOMEMLIMIT (a live setting, like GOGC), the Go version
// profile (restarts the run), the export of a tick range (animated GIF or PNG frames); and what the App
// does for them: the auto-breakpoints of the narration, status messages, the settings remembered between
// runs.
#include "render/app.h"
#include "render/export_plan.h"
#include "render/flow_layout.h"
#include "render/heap_describe.h"
#include "render/imgui_tip.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace gclab::render {

namespace {

constexpr std::int64_t memLimitOff = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t memLimitMin = std::int64_t{1} << 20;  // 1 MiB
constexpr std::int64_t memLimitMax = std::int64_t{16} << 30; // 16 GiB
constexpr double statusSeconds = 6;

const char* goVersionName(GoVersion v) { return v == GoVersion::go1_26 ? "Go 1.26" : "Go 1.19"; }

} // namespace

void App::seekTo(std::uint64_t t) {
    clock_.setPlaying(false);
    dropSteps();
    session_->seek(t);
    changed();
}

void App::setStatus(std::string message) {
    status_ = std::move(message);
    statusAge_ = 0;
}

GuiSettings App::guiSettings() const {
    GuiSettings g;
    g.largeFonts = settings_.largeFonts;
    g.highContrast = settings_.highContrast;
    g.palette = settings_.palette;
    g.colourBy = settings_.colourBy;
    g.view = settings_.view;
    g.speed = clock_.rate();
    g.loop = settings_.loop;
    g.scenario =
        session_->scenario().file.empty() ? session_->scenario().scenario.name : session_->scenario().file;
    return g;
}

bool App::pauseBeatSince(std::uint64_t tick) const {
    const std::vector<NarrationBeat>& beats = session_->scenario().scenario.narration;
    const auto& fired = session_->narration().firedAt();
    for (std::size_t i = 0; i < beats.size() && i < fired.size(); i++)
        if (beats[i].pause && fired[i] && *fired[i] > tick && *fired[i] <= session_->tick())
            return true;
    return false;
}

void App::drawClassroomControls() {
    if (!status_.empty() && statusAge_ > statusSeconds)
        status_.clear();

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("GOMEMLIMIT");
    ImGui::SameLine();
    bool off = memLimitSlider_ == memLimitOff;
    if (ImGui::Checkbox("off##memlimit", &off)) {
        memLimitSlider_ = off ? memLimitOff : std::int64_t{64} << 20;
        session_->setMemoryLimit(memLimitSlider_);
        changed();
    }
    tip("GOMEMLIMIT=off: no soft memory limit (debug.SetMemoryLimit(math.MaxInt64))");
    ImGui::SameLine();
    std::int64_t v = std::clamp(memLimitSlider_, memLimitMin, memLimitMax);
    const std::string text = off ? std::string("off") : humanBytes(static_cast<std::uint64_t>(v));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::SliderScalar("##memlimit", ImGuiDataType_S64, &v, &memLimitMin, &memLimitMax, text.c_str(),
                            ImGuiSliderFlags_Logarithmic))
        memLimitSlider_ = v;
    noteItem("memlimit");
    // Releasing the slider applies its value, also an unchanged one while the limit was off.
    if (ImGui::IsItemDeactivatedAfterEdit() || (off && ImGui::IsItemDeactivated())) {
        memLimitSlider_ = v;
        session_->setMemoryLimit(memLimitSlider_);
        changed();
    }
    tip("debug.SetMemoryLimit (runtime/mgcpacer.go memoryLimitHeapGoal): the heap goal is also kept under "
        "the "
        "limit minus the runtime's other memory, 1 MiB … 16 GiB on a log scale (moving it turns the limit "
        "on).\nApplied now as a Timeline "
        "command, like GOGC: the future is recomputed; the first change keeps the original run.");

    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (flowSameLine(ImGui::GetFontSize() * 5.5f, spacing))
        controlWraps_++;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.5f);
    if (ImGui::BeginCombo("##goversion", goVersionName(goVersion_))) {
        for (GoVersion g : {GoVersion::go1_19, GoVersion::go1_26}) {
            if (ImGui::Selectable(goVersionName(g), g == goVersion_) && g != goVersion_) {
                goVersion_ = g;
                handle(Action::restart);
                setStatus(std::string("Restarted with the ") + goVersionName(g) + " profile");
            }
            noteItem(g == GoVersion::go1_26 ? "go-version-1.26" : "go-version-1.19");
        }
        ImGui::EndCombo();
    } else {
        noteItem("go-version"); // while closed (open, the last item is its list)
    }
    tip("Whose runtime the model follows where Go releases differ (docs/pacer.md); a change restarts the "
        "run at tick 0 (gclab run --go-version). Go 1.26: the newer pacer and scavenger rules, allocation "
        "headers and metadata at the end of small spans (fewer objects per span), and Green Tea marking "
        "(spans of small objects queued and scanned in bulk: framed in the heap map's marking colours). "
        "Go 1.26 cannot run here: that profile follows its source, unmeasured");

    if (flowSameLine(buttonWidth("Export\u2026"), spacing))
        controlWraps_++;
    if (ImGui::Button("Export\u2026"))
        ImGui::OpenPopup("export-range");
    noteItem("export");
    tip("Export a tick range, one frame per tick shown, as an animated GIF or as PNG frames (F12: a PNG of "
        "the window, Shift+F12: of the view under the mouse)");
    if (ImGui::BeginPopup("export-range")) {
        static std::uint64_t from = 0, to = 0, every = 1;
        static int format = 0; // 0: GIF, 1: PNG frames
        if (ImGui::IsWindowAppearing()) {
            from = session_->tick();
            to = session_->tick() + 200;
            every = 10;
        }
        const std::uint64_t one = 1;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::InputScalar("from tick", ImGuiDataType_U64, &from);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::InputScalar("to tick", ImGuiDataType_U64, &to);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::InputScalar("every", ImGuiDataType_U64, &every, &one);
        every = std::max<std::uint64_t>(every, 1);
        ImGui::RadioButton("animated GIF", &format, 0);
        tip("One .gif file, 10 frames a second, colours quantised to 256 (gclab-SCENARIO-FROM-TO.gif)");
        ImGui::SameLine();
        ImGui::RadioButton("PNG frames", &format, 1);
        noteItem("export-png-frames");
        tip("A directory gclab-SCENARIO-FROM-TO of frame-00000.png, frame-00001.png, … in full colour");
        const bool valid = from <= to && (to - from) / every < maxExportFrames;
        ImGui::BeginDisabled(!valid);
        const bool exportNow = ImGui::Button("Export");
        noteItem("export-run");
        if (exportNow) {
            char name[160];
            std::snprintf(name, sizeof name, "gclab-%s-%llu-%llu%s", exportName(session_->scenario()).c_str(),
                          static_cast<unsigned long long>(from), static_cast<unsigned long long>(to),
                          format == 0 ? ".gif" : "");
            rangeExport_ =
                RangeExport{format == 0 ? ExportFormat::gif : ExportFormat::pngFrames, name, from, to, every};
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndDisabled();
        if (!valid)
            ImGui::TextDisabled("from must not exceed to; at most %d frames", maxExportFrames);
        ImGui::EndPopup();
    }
}

} // namespace gclab::render
