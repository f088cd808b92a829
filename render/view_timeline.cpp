// The timeline view: curves from the session's series, cycle bands, the playhead, zoom and pan.
#include "render/view_timeline.h"

#include "render/flow_layout.h"
#include "render/heap_describe.h"
#include "render/imgui_tip.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace gclab::render {

namespace {

ImVec2 v2(double x, double y) { return ImVec2(static_cast<float>(x), static_cast<float>(y)); }
ImU32 col(Rgba c, std::uint8_t alpha = 255) {
    c.a = alpha;
    return c.abgr();
}

// wrapUnlessFits starts a new line unless an item width pixels wide fits after the cursor.
void wrapUnlessFits(float width) {
    if (ImGui::GetContentRegionAvail().x < width &&
        ImGui::GetCursorPosX() > ImGui::GetStyle().WindowPadding.x + 1)
        ImGui::NewLine();
}

} // namespace

void legendLine(Rgba c, const char* label, const char* tip) {
    float h = ImGui::GetTextLineHeight();
    wrapUnlessFits(h * 1.3f + 2 + ImGui::CalcTextSize(label).x);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(v2(p.x, p.y + h * 0.4), v2(p.x + h * 1.2, p.y + h * 0.6),
                                              col(c));
    ImGui::Dummy(v2(h * 1.3, h));
    ImGui::SameLine(0, 2);
    ImGui::TextUnformatted(label);
    render::tip(tip);
    ImGui::SameLine(0, h);
}

// plotSeries draws one curve of samples (a member pointer picks the value) clipped to the plot. Samples
// are folded per pixel column into their first, lowest, highest and last value, so a long run costs
// a few points per column instead of one per sample (llvmpipe pays per triangle).
void plotSeries(ImDrawList* dl, const std::vector<SeriesSample>& samples, std::uint64_t SeriesSample::*field,
                const TimelineState& st, double yMax, ImU32 c, float thick, SeriesAxis axis) {
    const Rect& r = st.plot;
    auto xAt = [&](const SeriesSample& s) {
        return st.xOf(axis == SeriesAxis::tick ? static_cast<double>(s.tick) : static_cast<double>(s.ns));
    };
    auto yOf = [&](std::uint64_t v) { return r.y1 - static_cast<double>(v) / yMax * r.height(); };
    std::vector<ImVec2> pts;
    std::size_t i = 0;
    while (i < samples.size()) {
        const double x = xAt(samples[i]);
        const double column = std::floor(x);
        std::uint64_t first = samples[i].*field, lo = first, hi = first, last = first;
        std::size_t j = i + 1;
        for (; j < samples.size() && std::floor(xAt(samples[j])) == column; j++) {
            last = samples[j].*field;
            lo = std::min(lo, last);
            hi = std::max(hi, last);
        }
        pts.push_back(v2(x, yOf(first)));
        if (j - i > 2) {
            pts.push_back(v2(x, yOf(lo)));
            pts.push_back(v2(x, yOf(hi)));
        }
        if (j - i > 1)
            pts.push_back(v2(x, yOf(last)));
        i = j;
    }
    if (pts.size() >= 2)
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), c, 0, thick);
}

std::vector<BandInterval> cycleBandIntervals(const Session& s, const Palette& pal, double endNs) {
    const Runtime& rt = s.runtime();
    const std::vector<CycleBand>& cycles = s.series().cycles();
    std::vector<BandInterval> out;
    for (std::size_t i = 0; i < cycles.size(); i++) {
        const GCCycleStats& c = cycles[i].stats;
        double sweepEnd = cycles[i].sweepDoneNs > 0 ? static_cast<double>(cycles[i].sweepDoneNs)
                          : i + 1 < cycles.size()   ? static_cast<double>(cycles[i + 1].stats.tSweepTermStart)
                                                    : endNs;
        out.push_back({static_cast<double>(c.tEnd), sweepEnd, pal.sweepBand});
        out.push_back(
            {static_cast<double>(c.tMarkStart), static_cast<double>(c.tMarkTermStart), pal.markBand});
        out.push_back(
            {static_cast<double>(c.tSweepTermStart), static_cast<double>(c.tMarkStart), pal.stwBand});
        out.push_back({static_cast<double>(c.tMarkTermStart), static_cast<double>(c.tEnd), pal.stwBand});
    }
    if (rt.gcphase != GCPhase::off || rt.stw != STWStage::none) {
        const GCCycleStats& c = rt.work.current;
        double now = static_cast<double>(rt.now());
        if (rt.gcphase == GCPhase::off)
            out.push_back({static_cast<double>(c.tSweepTermStart), now, pal.stwBand});
        else
            out.push_back({static_cast<double>(c.tMarkStart), now, pal.markBand});
    }
    return out;
}

void drawCycleBands(ImDrawList* dl, const Session& s, const TimelineState& st, const Palette& pal,
                    SeriesAxis axis, double endNs) {
    const SeriesRecorder& series = s.series();
    const Rect& plot = st.plot;
    auto xOf = [&](double ns) {
        return st.xOf(axis == SeriesAxis::tick
                          ? static_cast<double>(series.tickAt(static_cast<std::int64_t>(ns)))
                          : ns);
    };
    // Each phase over the full height.
    for (const BandInterval& b : cycleBandIntervals(s, pal, endNs)) {
        double x0 = xOf(b.ns0), x1 = std::max(xOf(b.ns1), x0 + 1);
        dl->AddRectFilled(v2(x0, plot.y0), v2(x1, plot.y1), col(b.colour));
    }
}

void TimelineView::drawPlot(const Session& s, const Palette& pal, double yMax, double endNs) {
    const std::vector<SeriesSample>& samples = s.series().samples();
    const std::vector<SeriesSample>& original = s.originalSamples();
    const std::vector<CycleBand>& cycles = s.series().cycles();
    const Rect& r = state_.plot;
    auto lastTick = [](const std::vector<SeriesSample>& v) {
        return v.empty() ? 0.0 : static_cast<double>(v.back().tick);
    };
    std::vector<double> key = {r.x0,
                               r.y0,
                               r.x1,
                               r.y1,
                               state_.lanes.y0,
                               state_.lanes.y1,
                               state_.ns0,
                               state_.ns1,
                               yMax,
                               endNs,
                               static_cast<double>(s.tick()),
                               static_cast<double>(cycles.size()),
                               static_cast<double>(samples.size()),
                               lastTick(samples),
                               static_cast<double>(original.size()),
                               lastTick(original),
                               static_cast<double>(pal.kind)};
    if (!plotTex_.valid() || key != plotKey_) {
        plotKey_ = std::move(key);
        plotImage_.reset(r);
        if (plotImage_.width == 0 || plotImage_.height == 0)
            return;
        plotImage_.fill(col(pal.canvas));
        // Cycle bands, each phase over the full height.
        for (const BandInterval& b : cycleBandIntervals(s, pal, endNs)) {
            double x0 = state_.xOf(b.ns0);
            plotImage_.fillColumns(x0, std::max(state_.xOf(b.ns1), x0 + 1), col(b.colour));
        }
        if (s.original() != nullptr)
            paintSeries(plotImage_, original, &SeriesSample::heapLive, state_, yMax,
                        col(mix(pal.heapLiveLine, pal.canvas, 0.5)), 2);
        paintSeries(plotImage_, samples, &SeriesSample::heapReleased, state_, yMax, col(pal.heapReleasedLine),
                    2, SeriesShape::steps);
        paintSeries(plotImage_, samples, &SeriesSample::heapSys, state_, yMax, col(pal.heapSysLine), 2,
                    SeriesShape::steps);
        paintSeries(plotImage_, samples, &SeriesSample::heapInuse, state_, yMax, col(pal.heapInuseLine), 2);
        paintSeries(plotImage_, samples, &SeriesSample::heapResident, state_, yMax, col(pal.residentLine), 2);
        paintSeries(plotImage_, samples, &SeriesSample::memoryLimit, state_, yMax, col(pal.memoryLimitLine),
                    2, SeriesShape::steps);
        paintSeries(plotImage_, samples, &SeriesSample::mapped, state_, yMax, col(pal.mappedLine), 2,
                    SeriesShape::steps);
        paintSeries(plotImage_, samples, &SeriesSample::trigger, state_, yMax, col(pal.triggerLine), 2,
                    SeriesShape::steps);
        paintSeries(plotImage_, samples, &SeriesSample::heapGoal, state_, yMax, col(pal.heapGoalLine), 2,
                    SeriesShape::steps);
        paintSeries(plotImage_, samples, &SeriesSample::heapLive, state_, yMax, col(pal.heapLiveLine), 3);
        plotTex_.upload(plotImage_.width, plotImage_.height, plotImage_.px.data(), false);
        lanesImage_.reset(state_.lanes);
        std::array<std::uint32_t, pLaneStates> laneColours{};
        for (int i = 0; i < pLaneStates; i++)
            laneColours[static_cast<std::size_t>(i)] = col(pal.pLane[static_cast<std::size_t>(i)]);
        paintLanes(lanesImage_, s.series().lanes(), state_, laneColours);
        if (lanesImage_.width > 0 && lanesImage_.height > 0)
            lanesTex_.upload(lanesImage_.width, lanesImage_.height, lanesImage_.px.data(), false);
    }
    if (plotImage_.width == 0 || plotImage_.height == 0)
        return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddImage(plotTex_.imguiId(), v2(plotImage_.x0, plotImage_.y0),
                 v2(plotImage_.x0 + plotImage_.width, plotImage_.y0 + plotImage_.height));
    if (lanesImage_.width > 0 && lanesImage_.height > 0 && lanesTex_.valid())
        dl->AddImage(lanesTex_.imguiId(), v2(lanesImage_.x0, lanesImage_.y0),
                     v2(lanesImage_.x0 + lanesImage_.width, lanesImage_.y0 + lanesImage_.height));
}

void TimelineView::drawLegend(const Session& s, const Palette& pal, bool roomy) {
    const SeriesRecorder& series = s.series();
    const std::vector<SeriesSample>& samples = series.samples();
    legendLine(
        pal.heapLiveLine, "heapLive",
        "gcControllerState.heapLive (mgcpacer.go): bytes in spans cached or allocated since the last mark");
    legendLine(pal.heapGoalLine, "heap goal",
               "gcControllerState.heapGoal(): live heap \u00d7 (1 + GOGC/100)");
    legendLine(pal.heapInuseLine, "HeapInuse", "runtime.MemStats.HeapInuse: bytes in in-use spans");
    legendLine(pal.heapReleasedLine, "released",
               "runtime.MemStats.HeapReleased: free pages returned to the OS (the scavenger; new growth)");
    legendLine(pal.residentLine, "resident",
               "Heap bytes with RAM behind them: 4 KiB pages touched since they were mapped or released "
               "(the heap's share of the process's RSS). The model's view of the kernel (sim/mem_linux.h); "
               "Go reports no such figure. Below HeapInuse while objects nobody has written or scanned "
               "yet have no RAM; above it by free pages not yet released");
    legendLine(pal.triggerLine, "trigger",
               "gcControllerState.trigger() (mgcpacer.go): heapLive at which the next cycle starts, "
               "between 45/64 and 61/64 of the way from heapMarked to heapGoal");
    const bool limitSet = std::any_of(samples.begin(), samples.end(), [](const SeriesSample& x) {
        return x.memoryLimit != SeriesSample::unset;
    });
    if (limitSet) {
        legendLine(pal.memoryLimitLine, "GOMEMLIMIT",
                   "gcControllerState.memoryLimit (debug.SetMemoryLimit): the soft limit on the runtime's "
                   "memory; drawn only while set, and only when it is within 4× the other curves");
        legendLine(
            pal.mappedLine, "mapped",
            "Sys - HeapReleased (gcControllerState.mappedReady): the memory GOMEMLIMIT bounds. Heap spans, "
            "free pages and workbufs, plus the model's estimate of stacks and runtime metadata "
            "(sim/sysmem.h), which it does not allocate; drawn while a limit is set");
    }
    legendLine(pal.heapSysLine, "HeapSys",
               "runtime.MemStats.HeapSys: heap address space mapped (in use + idle + released)");
    legendLine(pal.stwBand, "STW",
               "Stop the world: sweep termination and mark termination (gcStart, gcMarkTermination)");
    legendLine(pal.markBand, "mark", "_GCmark: concurrent marking with the write barrier on");
    legendLine(pal.sweepBand, "sweep", "_GCoff after a cycle, until every span is swept (bgsweep, sweepone)");
    if (s.original() != nullptr)
        legendLine(mix(pal.heapLiveLine, pal.canvas, 0.5), "original heapLive",
                   "heapLive of the run before the first live settings change");
    if (series.lanes().procs() > 0) {
        // The lanes' legend on its own line, or behind a tooltip when the window is short.
        auto laneLegend = [&] {
            for (int i = pLaneStates - 1; i >= 0; i--) {
                const auto st = static_cast<PLaneState>(i);
                legendLine(pal.pLane[static_cast<std::size_t>(i)], pLaneName(st), pLaneTip(st));
            }
        };
        const char* const lanesLabel = roomy ? "P lanes:" : "P lanes (hover)";
        if (roomy)
            ImGui::NewLine();
        else
            wrapUnlessFits(ImGui::CalcTextSize(lanesLabel).x);
        ImGui::TextDisabled("%s", lanesLabel);
        if (!roomy && ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            laneLegend();
            ImGui::NewLine();
            ImGui::TextDisabled("Under the plot, a lane per P: what it ran (P.lastRun after each step)");
            ImGui::EndTooltip();
        }
        ImGui::SameLine(0, ImGui::GetTextLineHeight());
        if (roomy)
            laneLegend();
    }
}

std::optional<std::uint64_t> TimelineView::draw(const Session& s, const Palette& pal, bool compact) {
    const Runtime& rt = s.runtime();
    const SeriesRecorder& series = s.series();
    const std::vector<SeriesSample>& samples = series.samples();

    // The legend is open by default, folded in the compact (large fonts) layout; it follows the layout
    // until toggled.
    if (compact != compact_) {
        compact_ = compact;
        legendOpen_ = !compact;
    }
    if (compact) {
        // The window has no title bar here: its name starts the header row.
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Timeline");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Timeline: heap over virtual time, GC cycles");
        ImGui::SameLine(0, ImGui::GetTextLineHeight());
    }
    // The Legend check box heads the legend (as small as a small button outside the compact layout; there
    // a projector's mouse needs the size).
    if (!compact)
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0));
    ImGui::Checkbox("Legend##timeline", &legendOpen_);
    if (!compact)
        ImGui::PopStyleVar();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The colour key of the curves, the GC phases\nand the P lanes (each entry's "
                          "tooltip names\nthe Go symbol)");
    auto wholeRun = [&](bool small) {
        if (small ? ImGui::SmallButton("Whole run") : ImGui::Button("Whole run"))
            follow_ = true;
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Drag: seek. Wheel: zoom. Right or middle drag: pan. Double-click: whole run.\n"
                              "Keys: + / - zoom about the playhead, [ / ] pan, 0 or Home: whole run.");
    };
    // Outside the compact layout "Whole run" goes in the gutter left of the time labels, where it costs no
    // row (the gutter widens a little for it).
    const bool wholeRunInGutter = !compact;
    const float gutter =
        std::max(ImGui::CalcTextSize("000.0 MiB ").x, wholeRunInGutter ? buttonWidth("Whole run") + 4 : 0.0f);
    if (!wholeRunInGutter) {
        ImGui::SameLine(0, ImGui::GetTextLineHeight());
        wholeRun(false);
    }
    if (legendOpen_) {
        ImGui::SameLine(0, ImGui::GetTextLineHeight());
        drawLegend(s, pal, ImGui::GetContentRegionAvail().y > ImGui::GetTextLineHeightWithSpacing() * 14);
        ImGui::NewLine();
    }

    const double endNs = std::max<double>(
        {1.0, static_cast<double>(rt.now()), samples.empty() ? 0.0 : static_cast<double>(samples.back().ns)});
    auto followRun = [&] {
        if (follow_) {
            // A little room after the end, so the playhead stays whole at the frontier.
            ns0_ = 0;
            ns1_ = endNs * 1.02;
        }
    };
    followRun();
    // At most 16 runs wide: further out shows nothing more, and zooming out again and again stays finite.
    const double maxWidth = 16 * endNs * 1.02;
    for (TimelineKey k : std::exchange(keys_, {})) {
        const double playheadNs = static_cast<double>(rt.now());
        TimeRange r{ns0_, ns1_};
        switch (k) {
        case TimelineKey::zoomIn:
            r = zoomAbout(r, playheadNs, 0.5, maxWidth);
            break;
        case TimelineKey::zoomOut:
            r = zoomAbout(r, playheadNs, 2, maxWidth);
            break;
        case TimelineKey::panBack:
            r = panBy(r, -0.25);
            break;
        case TimelineKey::panForward:
            r = panBy(r, 0.25);
            break;
        case TimelineKey::wholeRun:
            follow_ = true;
            followRun();
            continue;
        }
        ns0_ = r.ns0;
        ns1_ = r.ns1;
        follow_ = false;
    }

    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    const float lineH = ImGui::GetTextLineHeight();
    const TimelineAreas areas =
        layoutTimelineAreas(Rect{origin.x, origin.y, origin.x + avail.x, origin.y + avail.y}, lineH, gutter,
                            series.lanes().procs());
    const Rect& plot = areas.plot;
    state_.lanes = areas.lanes;
    state_.procs = series.lanes().procs();
    if (wholeRunInGutter) {
        // Before the plot's button, which would otherwise take the hover.
        const ImVec2 cursor = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(v2(origin.x, areas.axisY));
        wholeRun(true);
        ImGui::SetCursorScreenPos(cursor);
    }
    ImGui::InvisibleButton("plot", v2(avail.x, std::max<double>(avail.y, areas.axisY + lineH - origin.y)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                               ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    ImGuiIO& io = ImGui::GetIO();

    state_.plot = plot;
    state_.ns0 = ns0_;
    state_.ns1 = ns1_;

    std::optional<std::uint64_t> seekTo;
    if (hovered && io.MouseWheel != 0) {
        const TimeRange r = zoomAbout(TimeRange{ns0_, ns1_}, state_.nsAt(io.MousePos.x),
                                      std::pow(0.8, io.MouseWheel), maxWidth);
        ns0_ = r.ns0;
        ns1_ = r.ns1;
        follow_ = false;
    }
    if (active &&
        (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
        double dns = io.MouseDelta.x / plot.width() * (ns1_ - ns0_);
        ns0_ -= dns;
        ns1_ -= dns;
        follow_ = false;
    } else if (active && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        std::uint64_t t = series.tickAt(state_.nsAt(io.MousePos.x));
        if (t != s.tick())
            seekTo = t;
    }
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
        follow_ = true;
    if (ns1_ - ns0_ < 100)
        ns1_ = ns0_ + 100;
    if (ns1_ - ns0_ > maxWidth) { // the run behind the view is shorter than when it was zoomed out
        const double mid = (ns0_ + ns1_) / 2;
        ns0_ = mid - maxWidth / 2;
        ns1_ = mid + maxWidth / 2;
    }
    state_.ns0 = ns0_;
    state_.ns1 = ns1_;

    double yMax = 1, limitMin = 0, mappedMax = 0;
    for (const SeriesSample& x : samples) {
        yMax = std::max<double>({yMax, static_cast<double>(x.heapLive), static_cast<double>(x.heapGoal),
                                 static_cast<double>(x.heapInuse), static_cast<double>(x.heapReleased),
                                 static_cast<double>(x.heapSys), static_cast<double>(x.heapResident)});
        if (x.memoryLimit != SeriesSample::unset)
            limitMin = limitMin == 0 ? static_cast<double>(x.memoryLimit)
                                     : std::min(limitMin, static_cast<double>(x.memoryLimit));
        if (x.mapped != SeriesSample::unset)
            mappedMax = std::max(mappedMax, static_cast<double>(x.mapped));
    }
    // GOMEMLIMIT and the mapped memory join the scale when they are within 4× the heap; far above, they
    // would flatten every curve.
    const double heapMax = yMax;
    if (limitMin > 0 && limitMin <= 4 * heapMax)
        yMax = std::max(yMax, limitMin);
    if (mappedMax > 0 && mappedMax <= 4 * heapMax)
        yMax = std::max(yMax, mappedMax);
    yMax *= 1.1;
    state_.yMax = yMax;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(v2(plot.x0, plot.y0), v2(plot.x1, state_.lanes.y1), true);
    drawPlot(s, pal, yMax, endNs);

    // The playhead: the current tick's virtual time.
    const float px = std::round(static_cast<float>(state_.xOf(static_cast<double>(rt.now()))));
    dl->AddRectFilled(v2(px - 1, plot.y0), v2(px + 1, state_.lanes.y1), col(pal.playhead));
    dl->AddTriangleFilled(v2(px - 6, plot.y0), v2(px + 6, plot.y0), v2(px, plot.y0 + 8), col(pal.playhead));
    dl->PopClipRect();

    // Axes: bytes at the top of the gutter ("0" at the bottom when the plot has room for both), time
    // along the bottom at round steps, none before the run starts (labels that would touch are left out).
    ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const std::string top = humanBytes(static_cast<std::uint64_t>(yMax));
    const YAxisLabels y =
        yAxisLabels(plot, origin.x, lineH, ImGui::CalcTextSize(top.c_str()).x, ImGui::CalcTextSize("0").x);
    dl->AddText(v2(y.top.x0, y.top.y0), text, top.c_str());
    if (y.showZero)
        dl->AddText(v2(y.zero.x0, y.zero.y0), text, "0");
    std::vector<std::string> timeLabels;
    std::vector<double> centres, widths;
    const double labelRoom = ImGui::CalcTextSize("888 ms").x + 2 * lineH;
    // As many as fit the part of the plot from 0 on.
    const double labelledW = plot.width() * (ns1_ - std::max(ns0_, 0.0)) / (ns1_ - ns0_);
    const int maxLabels = std::clamp(static_cast<int>(labelledW / labelRoom), 2, 8);
    for (double ns : timeAxisTicks(ns0_, ns1_, maxLabels)) {
        timeLabels.push_back(formatDuration(ns));
        centres.push_back(state_.xOf(ns));
        widths.push_back(ImGui::CalcTextSize(timeLabels.back().c_str()).x);
    }
    const std::vector<double> lefts = placeAxisLabels(centres, widths, plot.x0, plot.x1, lineH);
    for (std::size_t i = 0; i < lefts.size(); i++)
        if (lefts[i] >= 0)
            dl->AddText(v2(lefts[i], areas.axisY), text, timeLabels[i].c_str());
    // Each lane's P in the gutter, a little smaller than the text when the lanes are.
    for (std::size_t p = 0; p < state_.procs && areas.laneLabelPx > 0; p++) {
        const Rect lane = pLaneRect(state_.lanes, state_.procs, p);
        dl->AddText(ImGui::GetFont(), static_cast<float>(areas.laneLabelPx), v2(origin.x, lane.y0), text,
                    ("P" + std::to_string(p)).c_str());
    }
    if (hovered && !active) {
        double ns = state_.nsAt(io.MousePos.x);
        std::string lane;
        for (std::size_t p = 0; p < state_.procs; p++) {
            const Rect r = pLaneRect(state_.lanes, state_.procs, p);
            if (io.MousePos.y < r.y0 || io.MousePos.y >= r.y1 + 1)
                continue;
            const int c = static_cast<int>(std::floor(io.MousePos.x));
            const ColumnTimes t = laneColumnTimes(series.lanes(), state_, p, c, c + 1).front();
            double total = 0;
            for (double x : t)
                total += x;
            lane = "\nP" + std::to_string(p) + (total <= 0 ? ": nothing recorded here" : ":");
            for (int i = pLaneStates - 1; i >= 0 && total > 0; i--)
                if (t[static_cast<std::size_t>(i)] > 0)
                    lane += " " + std::string(pLaneName(static_cast<PLaneState>(i))) + " " +
                            std::to_string(std::lround(100 * t[static_cast<std::size_t>(i)] / total)) + "%";
            lane += "\n(the P's own clock; a column shows the state with the most time)";
        }
        ImGui::SetTooltip("%s virtual time, tick %s%s\nclick or drag to seek here",
                          formatDuration(std::max(0.0, ns)).c_str(), withThousands(series.tickAt(ns)).c_str(),
                          lane.c_str());
    }
    return seekTo;
}

} // namespace gclab::render
