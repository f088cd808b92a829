// The compare view (side by side): a second run of the scenario with other settings, always at the
// window's tick. "Compare with…" picks its settings, "Original run" compares with the run as the
// scenario starts it (the run a live change forked from); both runs' heap is drawn on one tick axis,
// in two lanes that share the playhead, over a table of the key statistics and their differences.
#include "render/app.h"
#include "render/heap_describe.h"
#include "render/imgui_tip.h"
#include "render/key_stats.h"
#include "render/stat_row.h"
#include "render/view_timeline.h"
#include "scenarios/param_value.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <type_traits>

namespace gclab::render {

namespace {

ImVec2 v2(double x, double y) { return ImVec2(static_cast<float>(x), static_cast<float>(y)); }

constexpr BarrierMode barrierChoices[] = {BarrierMode::hybrid, BarrierMode::hybridConceptual,
                                          BarrierMode::dijkstra, BarrierMode::yuasa, BarrierMode::off};

// drawLane draws one run on the shared tick axis: its cycle bands, heap goal and heapLive.
void drawLane(ImDrawList* dl, const Session& s, const TimelineState& st, double yMax, Rgba live, Rgba goal,
              const Palette& pal) {
    const Rect& r = st.plot;
    dl->AddRectFilled(v2(r.x0, r.y0), v2(r.x1, r.y1), pal.canvas.abgr());
    dl->PushClipRect(v2(r.x0, r.y0), v2(r.x1, r.y1), true);
    drawCycleBands(dl, s, st, pal, SeriesAxis::tick, static_cast<double>(s.runtime().now()));
    plotSeries(dl, s.series().samples(), &SeriesSample::heapGoal, st, yMax, goal.abgr(), 1.5f,
               SeriesAxis::tick);
    plotSeries(dl, s.series().samples(), &SeriesSample::heapLive, st, yMax, live.abgr(), 2.0f,
               SeriesAxis::tick);
    dl->PopClipRect();
}

double seriesMax(const Session& s) {
    double m = 1;
    for (const SeriesSample& x : s.series().samples())
        m = std::max({m, static_cast<double>(x.heapLive), static_cast<double>(x.heapGoal)});
    return m;
}

} // namespace

void App::startCompare(const RunOverrides& o) {
    try {
        compare_ = std::make_unique<Comparison>(*session_, o, validate_);
        compare_->follow(session_->tick());
        compareError_.clear();
    } catch (const std::exception& e) {
        compare_.reset();
        compareError_ = e.what();
    }
}

void App::followCompare() {
    if (compare_)
        compare_->follow(session_->tick());
}

void App::drawCompareSettings() {
    const Scenario& sc = session_->scenario().scenario;
    RunOverrides& o = compareEdit_;
    auto optionalInt = [this](const char* label, auto& field, int def, int lo, int hi, const char* help) {
        bool on = field.has_value();
        const bool toggled = ImGui::Checkbox(label, &on);
        noteItem(std::string("compare-") + label);
        if (toggled)
            field = on ? std::optional(static_cast<std::remove_reference_t<decltype(*field)>>(def))
                       : std::nullopt;
        tip(help);
        if (!field)
            return;
        ImGui::SameLine();
        int v = static_cast<int>(*field);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        std::string id = std::string("##") + label;
        if (ImGui::SliderInt(id.c_str(), &v, lo, hi, "%d", ImGuiSliderFlags_Logarithmic))
            *field = static_cast<std::remove_reference_t<decltype(*field)>>(v);
    };
    ImGui::TextDisabled("Checked settings differ from this scenario's start settings.");
    optionalInt("GOGC", o.gogc, 50, 1, 1000,
                "GOGC of the compared run from tick 0 (off: --compare gogc=off)");
    bool limit = o.memoryLimit.has_value();
    if (ImGui::Checkbox("GOMEMLIMIT", &limit))
        o.memoryLimit = limit ? std::optional(std::int64_t{64} << 20) : std::nullopt;
    tip("GOMEMLIMIT of the compared run (debug.SetMemoryLimit): the heap goal stays under it");
    if (o.memoryLimit) {
        ImGui::SameLine();
        int mib = static_cast<int>(std::min<std::int64_t>(*o.memoryLimit >> 20, 4096));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        if (ImGui::SliderInt("##gomemlimit", &mib, 1, 4096, "%d MiB", ImGuiSliderFlags_Logarithmic))
            o.memoryLimit = std::int64_t{mib} << 20;
    }
    optionalInt("GOMAXPROCS", o.gomaxprocs, 2, 1, 16, "Number of Ps of the compared run");
    bool barrier = o.barrier.has_value();
    if (ImGui::Checkbox("barrier", &barrier))
        o.barrier = barrier ? std::optional(BarrierMode::dijkstra) : std::nullopt;
    tip("The write barrier of the compared run");
    if (o.barrier) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        if (ImGui::BeginCombo("##cmpbarrier", std::string(barrierModeName(*o.barrier)).c_str())) {
            for (BarrierMode m : barrierChoices)
                if (ImGui::Selectable(std::string(barrierModeName(m)).c_str(), m == *o.barrier))
                    o.barrier = m;
            ImGui::EndCombo();
        }
    }
    bool v126 = o.goVersion == GoVersion::go1_26;
    if (ImGui::Checkbox("Go 1.26 profile", &v126))
        o.goVersion = v126 ? std::optional(GoVersion::go1_26) : std::nullopt;
    tip("Run the compared run with the Go 1.26 profile of the model instead of Go 1.19's");
    for (const ScenarioParam& p : sc.params) {
        bool on = o.params.contains(p.name);
        std::string label = p.name + "##cmpparam";
        if (ImGui::Checkbox(label.c_str(), &on)) {
            if (on)
                o.params[p.name] = session_->params().at(p.name);
            else
                o.params.erase(p.name);
        }
        tip(p.help.c_str());
        if (!on)
            continue;
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        std::int64_t& v = o.params[p.name];
        std::string id = "##cmpv" + p.name, shown = formatParamValue(p, v);
        ImGui::SliderScalar(id.c_str(), ImGuiDataType_S64, &v, &p.min, &p.max, shown.c_str(),
                            ImGuiSliderFlags_Logarithmic);
    }
    const bool compare = ImGui::Button("Compare");
    noteItem("compare-run");
    if (compare) {
        startCompare(o);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel"))
        ImGui::CloseCurrentPopup();
}

void App::drawCompare() {
    noteViewArea("compare"); // Shift+F12 exports this tab alone
    followCompare();
    const Palette& pal = palette(settings_.palette);
    Session& s = *session_;
    const bool open = ImGui::Button("Compare with\u2026");
    noteItem("compare-with");
    if (open) {
        if (compare_)
            compareEdit_ = compare_->overrides();
        ImGui::OpenPopup("compare-settings");
    }
    tip("Run this scenario a second time with other settings, side by side at the same tick");
    if (ImGui::BeginPopup("compare-settings")) {
        drawCompareSettings();
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Original run"))
        startCompare(RunOverrides{});
    tip(s.original() != nullptr ? "Compare with the run as it was before the live settings changes (the fork)"
                                : "Compare with the run as the scenario starts it (after a live settings "
                                  "change: the original run it forked from)");
    if (compare_) {
        ImGui::SameLine();
        if (ImGui::Button("Stop comparing"))
            compare_.reset();
    }
    if (!compareError_.empty())
        ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "%s", compareError_.c_str());
    if (!compare_) {
        ImGui::TextWrapped(
            "No compared run. Choose its settings with \u201cCompare with\u2026\u201d, or compare "
            "with the original run; both runs then move together, tick by tick.");
        compareLanes_.reset();
        return;
    }
    const Session& b = compare_->run();

    // Legend: which colour is which run.
    const std::string thisLabel =
        "this run: " + describeRun(s.runtime(), s.scenario(), s.params(), s.params());
    const std::string otherLabel = "compared: " + compare_->label(s);
    legendLine(pal.heapLiveLine, thisLabel.c_str(),
               "heapLive (and the heap goal in its second colour) of this run");
    ImGui::NewLine();
    legendLine(pal.compareLiveLine, otherLabel.c_str(),
               "heapLive (and the heap goal in its second colour) of the compared run");
    ImGui::NewLine();
    ImGui::Text("tick %s", withThousands(s.tick()).c_str());
    if (b.error()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "the compared run failed at tick %s: %s",
                           withThousands(b.tick()).c_str(), b.error()->c_str());
    } else if (compare_->endedBefore(s.tick())) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 0.8f, 0.3f, 1), "the compared run ended at tick %s (shown at its end)",
                           withThousands(b.tick()).c_str());
    } else if (s.timeline().finished() && s.tick() == s.timeline().frontier()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 0.8f, 0.3f, 1), "this run ended here; the compared run waits");
    }

    // Two lanes sharing the tick axis and the playhead.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float lanesH = std::max(line * 6, std::min(avail.y * 0.45f, line * 16));
    const float gutter = ImGui::CalcTextSize("000.0 MiB ").x;
    const float axisH = line;
    ImGui::InvisibleButton("lanes", v2(std::max(avail.x, gutter + 40), lanesH));
    const bool active = ImGui::IsItemActive(), hovered = ImGui::IsItemHovered();
    const double laneH = (lanesH - axisH - 4) / 2;
    const double x0 = origin.x + gutter, x1 = origin.x + std::max(avail.x, gutter + 40);
    const double end = static_cast<double>(std::max({s.observed(), b.observed(), std::uint64_t{1}})) * 1.02;
    std::array<TimelineState, 2> lanes;
    lanes[0].plot = Rect{x0, origin.y, x1, origin.y + laneH};
    lanes[1].plot = Rect{x0, origin.y + laneH + 4, x1, origin.y + 2 * laneH + 4};
    for (TimelineState& l : lanes) {
        l.ns0 = 0;
        l.ns1 = end;
    }
    compareLanes_ = lanes;
    if (active && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const double t = std::clamp(lanes[0].nsAt(ImGui::GetIO().MousePos.x), 0.0, end);
        const auto tick = static_cast<std::uint64_t>(std::llround(t));
        if (tick != s.tick()) {
            clock_.setPlaying(false);
            s.seek(tick);
            changed();
            followCompare();
        }
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const double yMax = std::max(seriesMax(s), seriesMax(b)) * 1.1;
    drawLane(dl, s, lanes[0], yMax, pal.heapLiveLine, pal.heapGoalLine, pal);
    drawLane(dl, b, lanes[1], yMax, pal.compareLiveLine, pal.compareGoalLine, pal);
    // The playhead at this run's tick, through both lanes; the compared run's end when it ended before.
    const float px = std::round(static_cast<float>(lanes[0].xOf(static_cast<double>(s.tick()))));
    for (const TimelineState& l : lanes) {
        dl->AddRectFilled(v2(px - 1, l.plot.y0), v2(px + 1, l.plot.y1), pal.playhead.abgr());
        dl->AddTriangleFilled(v2(px - 6, l.plot.y0), v2(px + 6, l.plot.y0), v2(px, l.plot.y0 + 8),
                              pal.playhead.abgr());
    }
    if (compare_->endedBefore(s.tick())) {
        const double bx = lanes[1].xOf(static_cast<double>(b.tick()));
        dl->AddLine(v2(bx, lanes[1].plot.y0), v2(bx, lanes[1].plot.y1), ImGui::GetColorU32(ImGuiCol_Text),
                    1.0f);
    }
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddText(v2(origin.x, origin.y), text, humanBytes(static_cast<std::uint64_t>(yMax)).c_str());
    dl->AddText(v2(origin.x, lanes[0].plot.y1 - line), text, "this");
    dl->AddText(v2(origin.x, lanes[1].plot.y1 - line), text, "compared");
    for (int i = 0; i <= 4; i++) {
        const double t = end * i / 4;
        const std::string l = "tick " + withThousands(static_cast<std::uint64_t>(t));
        const float w = ImGui::CalcTextSize(l.c_str()).x;
        const double x = std::clamp(lanes[0].xOf(t) - w / 2, x0, x1 - w);
        dl->AddText(v2(x, lanes[1].plot.y1 + 2), text, l.c_str());
    }
    if (hovered && !active)
        ImGui::SetTooltip(
            "Both runs on one tick axis (a tick is one runtime operation).\nClick or drag to seek "
            "both runs to tick %s",
            withThousands(static_cast<std::uint64_t>(std::max(0.0, lanes[0].nsAt(ImGui::GetIO().MousePos.x))))
                .c_str());

    // The key statistics at this tick.
    if (!ImGui::BeginTable("compare-stats", 5,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                               ImGuiTableFlags_ScrollY))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("statistic", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("this run", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("compared", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("difference", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("relative", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableHeadersRow();
    for (const KeyStat& k : keyStats(s.runtime(), b.runtime()))
        statRow(k.name,
                {formatStatValue(k.unit, k.a), formatStatValue(k.unit, k.b), formatStatDiff(k.unit, k.diff()),
                 formatRelative(k.relative())},
                k.tip);
    ImGui::EndTable();
}

} // namespace gclab::render
