// The control bar: transport (play/pause, step and step back by event / mutator op / phase / cycle,
// restart, jump to tick), speed, the scenario picker and its parameters, the live settings (GOGC,
// write barrier, forced GC) and the presenter settings (large fonts, high contrast, colour-blind-safe
// palette).
#include "render/app.h"
#include "render/flow_layout.h"
#include "render/heap_describe.h"
#include "render/imgui_tip.h"
#include "scenarios/param_value.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace gclab::render {

namespace {

bool buttonWithTip(const char* label, const char* text) {
    bool pressed = ImGui::Button(label);
    tip(text);
    return pressed;
}

Rect lastItemRect() {
    return Rect{ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                ImGui::GetItemRectMax().y};
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// fitWithEllipsis returns text if it fits in width pixels, else its longest start (cut between UTF-8
// characters) that fits with "…" appended, or "" when not even that fits.
std::string fitWithEllipsis(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width)
        return text;
    const std::string ellipsis = "\u2026";
    auto startFits = [&](std::size_t n) {
        return ImGui::CalcTextSize((text.substr(0, n) + ellipsis).c_str()).x <= width;
    };
    std::size_t lo = 0, hi = text.size(); // startFits(lo) or lo == 0; !startFits(hi)
    if (!startFits(0))
        return "";
    while (hi - lo > 1) {
        const std::size_t mid = (lo + hi) / 2;
        (startFits(mid) ? lo : hi) = mid;
    }
    while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80)
        lo--;
    while (lo > 0 && text[lo - 1] == ' ')
        lo--;
    return text.substr(0, lo) + ellipsis;
}

// The button of the presenter settings' popup with large fonts.
constexpr const char* displayLabel = "Display\u2026";

constexpr BarrierMode barrierModes[] = {BarrierMode::hybrid, BarrierMode::hybridConceptual,
                                        BarrierMode::dijkstra, BarrierMode::yuasa, BarrierMode::off};

} // namespace

void App::drawControlBar() {
    const float gap = ImGui::GetFontSize() * 1.2f;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    controlWraps_ = 0;
    const ImGuiIO& io = ImGui::GetIO();
    // The modifier held selects what the step buttons cover, as with the arrow keys.
    StepBy by = io.KeyAlt     ? StepBy::cycle
                : io.KeyCtrl  ? StepBy::phase
                : io.KeyShift ? StepBy::mutatorOp
                              : StepBy::event;

    // Row 1: transport, speed, position.
    if (buttonWithTip("Restart", "Rebuild the run from the scenario, tick 0  [R]"))
        handle(Action::restart);
    // Taken after Restart, which replaces the session; row 2 may replace it again (session_ below it).
    Session& s = *session_;
    ImGui::SameLine();
    if (buttonWithTip(" \u2190 ", "Step back one event  [\u2190]\nShift: one mutator operation, Ctrl: one GC "
                                  "phase, Alt: one GC cycle.\nReplays from the nearest keyframe "
                                  "(sim/recording.h Timeline::stepBack)"))
        handle(Action::back, by);
    ImGui::SameLine();
    if (buttonWithTip(clock_.playing() ? "Pause" : " Play ", "Play / pause  [Space]"))
        handle(Action::togglePlay);
    ImGui::SameLine();
    if (buttonWithTip(" \u2192 ",
                      "Step forward one event  [\u2192]\nShift: one mutator operation (a program op "
                      "of a goroutine), Ctrl: one GC phase (gcphase / STW change),\nAlt: one "
                      "GC cycle (memstats.numgc advances)"))
        handle(Action::forward, by);
    ImGui::SameLine();
    ImGui::Checkbox("Loop", &settings_.loop);
    tip("Loop: when playing reaches the end of the run, start again from tick 0  [L]");
    if (flowSameLine(ImGui::CalcTextSize("Speed").x + spacing + ImGui::GetFontSize() * 11, gap))
        controlWraps_++;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Speed");
    ImGui::SameLine();
    int rate = clock_.rate();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
    if (ImGui::SliderInt("##speed", &rate, SimClock::minRate, SimClock::maxRate,
                         clock_.unlimited() ? "as fast as possible" : "%d events/s",
                         ImGuiSliderFlags_Logarithmic))
        clock_.setRate(rate);
    noteItem("speed");
    tip("Events per second while playing; far right: as fast as possible");
    const std::string tickText = "tick " + withThousands(s.tick());
    if (flowSameLine(ImGui::CalcTextSize(tickText.c_str()).x + spacing + ImGui::GetFontSize() * 6, gap))
        controlWraps_++;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tickText.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A tick is one runtime operation of the deterministic scheduler (Runtime::step).\n"
                          "Explored up to tick %s%s; virtual time %s ns.",
                          withThousands(s.timeline().frontier()).c_str(),
                          s.timeline().finished() ? " (the run ends there)" : "",
                          withThousands(static_cast<std::uint64_t>(s.runtime().now())).c_str());
    ImGui::SameLine();
    static char jump[24] = "";
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::InputTextWithHint("##jump", "jump to", jump, sizeof jump,
                                 ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue)) {
        std::int64_t t = 0;
        if (parseCount(jump, t)) {
            clock_.setPlaying(false);
            s.seek(static_cast<std::uint64_t>(t));
            changed();
        }
        jump[0] = '\0';
    }
    noteItem("jump");
    tip("Jump to tick: type a tick and press Enter (Timeline::seek)");

    // With large fonts every group flows on from the row before when it fits (fewer rows on a projector);
    // otherwise row 2 holds the scenario and the live settings, row 3 the classroom controls.
    const bool compact = settings_.largeFonts;
    const Scenario& sc = s.scenario().scenario;
    if (compact &&
        flowSameLine(ImGui::CalcTextSize("Scenario").x + buttonWidth(sc.name.c_str()) +
                         (sc.params.empty() ? 0 : buttonWidth("Parameters") + spacing) + 2 * spacing,
                     gap))
        controlWraps_++;
    drawScenarioPicker();
    drawLiveSettings();

    // Row 3: status, and the presenter settings at the right; with large fonts they fold into the
    // "Display" popup, so that the bar keeps to three rows on a 1280 px projector.
    const char* const settingLabels[] = {"Large fonts", "High contrast", "Colour-blind safe"};
    float settingsW = gap;
    if (compact)
        settingsW += buttonWidth(displayLabel) + gap;
    else
        for (const char* l : settingLabels)
            settingsW += radioButtonWidth(l) + gap;
    if (compact && flowSameLine(ImGui::CalcTextSize("GOMEMLIMIT").x + ImGui::GetFrameHeight() +
                                    ImGui::CalcTextSize("off").x + ImGui::GetFontSize() * 8 + 4 * spacing,
                                gap))
        controlWraps_++;
    drawClassroomControls();
    const float classroomRight = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
    ImGui::SameLine(0, gap);
    ImGui::AlignTextToFramePadding();
    if (error()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 110, 255));
        ImGui::Text("Model stopped: %s", error()->c_str());
        ImGui::PopStyleColor();
    } else if (!loadError_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 110, 255));
        ImGui::Text("%s", loadError_.c_str());
        ImGui::PopStyleColor();
    } else if (!status_.empty()) {
        ImGui::TextUnformatted(status_.c_str());
    } else {
        // The description gives way to the presenter settings on a narrow window: what does not fit
        // ends in an ellipsis, a gap before them, and the whole text is in the tooltip.
        const std::string& description = session_->scenario().scenario.description;
        const float room = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - settingsW -
                           ImGui::GetCursorScreenPos().x;
        // Drawn also when empty: the item ends the row, so that wrapped settings start on the next one.
        const std::string shown = fitWithEllipsis(description, room);
        ImGui::TextDisabled("%s", shown.c_str());
        if (!shown.empty() && shown != description)
            tip(description.c_str());
    }
    const float settingsX = ImGui::GetWindowContentRegionMax().x - settingsW;
    if (classroomRight + gap <= settingsX) {
        ImGui::SameLine(settingsX);
    } else {
        controlWraps_++;
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), settingsX));
    }
    if (compact) {
        if (ImGui::Button(displayLabel))
            ImGui::OpenPopup("display");
        noteItem("display");
        tip("Large fonts, high contrast, the colour-blind-safe palette");
        if (ImGui::BeginPopup("display")) {
            drawDisplaySettings(0);
            ImGui::EndPopup();
        }
    } else {
        drawDisplaySettings(gap);
    }
    controlRows_ = (compact ? 1 : 3) + controlWraps_;
}

void App::drawDisplaySettings(float gap) {
    // One row after a gap, or (gap 0: in the Display popup) one check box a line.
    auto next = [&] {
        if (gap > 0)
            ImGui::SameLine(0, gap);
    };
    // Leaving large fonts leaves the compact bar too: the popup closes with it.
    if (ImGui::Checkbox("Large fonts", &settings_.largeFonts) && gap == 0)
        ImGui::CloseCurrentPopup();
    tip("Bigger text and widgets, for a projector;\nthe views fold their legends (the Legend check boxes)");
    next();
    ImGui::Checkbox("High contrast", &settings_.highContrast);
    tip("Black background, white text, widgets outlined in white, for a projector");
    next();
    bool cb = settings_.palette == PaletteKind::colourBlindSafe;
    if (ImGui::Checkbox("Colour-blind safe", &cb))
        settings_.palette = cb ? PaletteKind::colourBlindSafe : PaletteKind::standard;
    noteItem("colour-blind-safe"); // the last control of the bar (--dump-state)
    tip("Viridis instead of Turbo; Okabe-Ito role colours; grey and black objects also told apart by "
        "pattern");
}

void App::drawScenarioPicker() {
    const Scenario& sc = session_->scenario().scenario;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Scenario");
    ImGui::SameLine();
    std::string label = sc.name + "##scenario";
    if (ImGui::Button(label.c_str()))
        ImGui::OpenPopup("scenarios");
    noteItem("scenario");
    tip("Choose a scenario (scenarios/library, or gclab-gui FILE.toml)");
    std::optional<std::string> chosen;
    if (ImGui::BeginPopup("scenarios")) {
        static char filter[64] = "";
        if (ImGui::IsWindowAppearing())
            ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
        ImGui::InputTextWithHint("##search", "search", filter, sizeof filter);
        noteItem("scenario-search");
        search_ = lower(filter);
        for (const Scenario& x : allScenarios()) {
            if (!search_.empty() && lower(x.name + " " + x.description).find(search_) == std::string::npos)
                continue;
            if (ImGui::Selectable(x.name.c_str(), x.name == sc.name)) {
                chosen = x.name;
                ImGui::CloseCurrentPopup();
            }
            noteItem("scenario-pick-" + x.name); // the entries shown (--dump-state scenario_list)
            tip(x.description.c_str());
        }
        ImGui::EndPopup();
    }
    if (chosen) {
        load(*chosen, {}); // replaces the session that sc belongs to: nothing below may run
        return;
    }
    if (sc.params.empty())
        return;
    ImGui::SameLine();
    if (ImGui::Button("Parameters"))
        ImGui::OpenPopup("params");
    noteItem("parameters");
    tip("The scenario's parameters; a change rebuilds the run from tick 0");
    if (ImGui::BeginPopup("params")) {
        bool rebuild = false;
        for (const ScenarioParam& p : sc.params) {
            auto v = static_cast<long long>(editedParams_[p.name]);
            std::string text = formatParamValue(p, v);
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
            long long lo = p.min, hi = p.max;
            bool logScale = p.min > 0 && p.max / std::max<std::int64_t>(p.min, 1) > 100;
            ImGui::SliderScalar(p.name.c_str(), ImGuiDataType_S64, &v, &lo, &hi, text.c_str(),
                                logScale ? ImGuiSliderFlags_Logarithmic : 0);
            noteItem("param-" + p.name);
            editedParams_[p.name] = v;
            rebuild = rebuild || ImGui::IsItemDeactivatedAfterEdit();
            tip(p.help.c_str());
        }
        if (rebuild) {
            std::string name = session_->scenario().file.empty() ? sc.name : session_->scenario().file;
            load(name, editedParams_);
        }
        ImGui::EndPopup();
    }
}

void App::drawLiveSettings() {
    Session& s = *session_;
    const Runtime& rt = s.runtime();
    const float gap = ImGui::GetFontSize() * 1.2f, spacing = ImGui::GetStyle().ItemSpacing.x;
    if (flowSameLine(ImGui::CalcTextSize("GOGC").x + ImGui::GetFrameHeight() + ImGui::CalcTextSize("off").x +
                         ImGui::GetFontSize() * 7 + 4 * spacing,
                     gap))
        controlWraps_++;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("GOGC");
    ImGui::SameLine();
    bool off = gogcSlider_ < 0;
    if (ImGui::Checkbox("off##gogc", &off)) {
        gogcSlider_ = off ? -1 : 100;
        s.setGOGC(gogcSlider_);
        changed();
    }
    tip("GOGC=off: no cycle starts on its own (debug.SetGCPercent(-1))");
    ImGui::SameLine();
    int g = std::max(gogcSlider_, 1);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    ImGui::BeginDisabled(off);
    if (ImGui::SliderInt("##gogc", &g, 1, 1000, "%d", ImGuiSliderFlags_Logarithmic))
        gogcSlider_ = g;
    noteItem("gogc");
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        s.setGOGC(gogcSlider_);
        changed();
    }
    ImGui::EndDisabled();
    tip("debug.SetGCPercent (runtime/debug/garbage.go \u2192 setGCPercent, gcControllerCommit): heap goal = "
        "live heap \u00d7 (1 + GOGC/100).\nApplied now as a Timeline command: the future is recomputed; "
        "the first change keeps the original run to compare.");

    if (flowSameLine(ImGui::CalcTextSize("Barrier").x + spacing + ImGui::GetFontSize() * 10, spacing))
        controlWraps_++;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Barrier");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::BeginCombo("##barrier", std::string(barrierModeName(rt.barrier)).c_str())) {
        for (BarrierMode m : barrierModes) {
            std::string name(barrierModeName(m));
            if (ImGui::Selectable(name.c_str(), m == rt.barrier) && m != rt.barrier) {
                s.setBarrier(m);
                changed();
            }
            noteItem("barrier-" + name);
        }
        ImGui::EndCombo();
    } else {
        noteItem("barrier"); // while closed (open, the last item is its list)
    }
    tip("The write barrier (runtime/mbarrier.go gcWriteBarrier, wbBufFlush): hybrid is Go's since 1.8 "
        "(shade the old and, while the stack is grey, the new pointer); dijkstra shades the new, yuasa "
        "the old; off loses objects (the oracle says which).");
    if (flowSameLine(buttonWidth("GC"), spacing))
        controlWraps_++;
    const bool gc =
        buttonWithTip("GC", "runtime.GC(): force a cycle now (mgc.go gcStart with gcTriggerCycle)");
    gcRect_ = lastItemRect();
    if (gc) {
        s.forceGC();
        changed();
    }
    if (s.original() != nullptr) {
        if (flowSameLine(ImGui::CalcTextSize("(forked at tick 000 000 000)").x, spacing))
            controlWraps_++;
        ImGui::TextDisabled(
            "(forked at tick %s)",
            withThousands(s.timeline().commands().empty() ? 0 : s.timeline().commands().front().tick)
                .c_str());
        tip("Settings were changed mid-run; the timeline draws the original run's heapLive dashed");
    }
}

} // namespace gclab::render
