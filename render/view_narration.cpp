// The side panel: the scenario's narration (the caption of the latest beat with the Go source it
// models, and every beat with the tick it fired at: click to go there), the events of the current tick,
// the gctrace console (Go 1.19's line for each completed cycle), and the collector, object graph,
// statistics and allocator tabs.
#include "sim/gctrace.h"

#include "render/allocator_text.h"
#include "render/app.h"
#include "render/heap_describe.h"
#include "render/object_inspect.h"
#include "render/why_alive.h"

#include <imgui.h>

#include <chrono>
#include <cstdarg>
#include <span>
#include <string>
#include <vector>

namespace gclab::render {

namespace {

constexpr std::size_t maxPointersIn = 32;   // pointers in kept by the heap scan
constexpr std::size_t maxPointersShown = 6; // lines per list in the inspector
// The history replay's share of a frame, re-stepped in slices of historySlice ticks (as a seek: some
// ticks cost milliseconds, e.g. a mark worker scanning a 128 KiB oblet of a large pointer slice).
constexpr auto historyBudget = std::chrono::milliseconds(6);
constexpr std::uint64_t historySlice = 8;
// The heap scans' share of a frame (the pointers-in scan, then the why-alive search), in slices of
// scanSlice objects scanned (render/why_alive.h: a large object counts one per scanPiecePointers fields).
constexpr auto scanBudget = std::chrono::milliseconds(6);
constexpr std::size_t scanSlice = 64;

// bulletWrapped is ImGui::BulletText whose long lines wrap under their own text at the panel's edge.
void bulletWrapped(const char* fmt, ...) IM_FMTARGS(1);
void bulletWrapped(const char* fmt, ...) {
    ImGui::Bullet();
    va_list args;
    va_start(args, fmt);
    ImGui::TextWrappedV(fmt, args);
    va_end(args);
}

std::string describeEvent(const Event& e) {
    std::string s(eventKindName(e.kind));
    switch (e.kind) {
    case EventKind::alloc:
        return s + " " + hexAddr(e.a) + " (" + humanBytes(e.b) + ")";
    case EventKind::free:
    case EventKind::grey:
    case EventKind::black:
        return s + " " + hexAddr(e.a);
    case EventKind::spanAlloc:
    case EventKind::spanFree:
    case EventKind::spanSwept:
        return s + " span " + hexAddr(e.a);
    case EventKind::allocPath:
        return s + " " + hexAddr(e.c) + ": " + pathText(AllocPath::decode(e.a));
    default:
        return s;
    }
}

std::string slotName(const Runtime& rt, const PtrSlot& slot) {
    switch (slot.kind) {
    case PtrSlot::Kind::global:
        return "global[" + std::to_string(slot.index) + "]";
    case PtrSlot::Kind::stack:
        return "g" + std::to_string(slot.goid) + " stack[" + std::to_string(slot.index) + "]";
    case PtrSlot::Kind::heap:
        return hexAddr(slot.index) + " (" + rt.types[rt.objectType(slot.index)].name + ") field " +
               std::to_string(slot.field);
    }
    return "?";
}

} // namespace

void App::updateInspection(uintptr obj) {
    const Runtime& rt = session_->runtime();
    // The heap scans and the replay start only once the state stops changing: never O(heap) per frame
    // while playing or seeking.
    const bool settled = !playing() && !seeking();
    if (whyObject_ != obj) {
        whyObject_ = obj;
        whyVersion_ = 0;
        inspection_.reset();
        pointersInScan_.reset();
        pointersInKnown_ = false;
        whySearch_.reset();
        whyKnown_ = false;
        whyPath_.reset();
    }
    if (whyVersion_ != version_) {
        // The state changed under the scans, which read it as they go.
        pointersInScan_.reset();
        whySearch_.reset();
    }
    if (settled && whyVersion_ != version_) {
        whyVersion_ = version_;
        whyTick_ = rt.tick;
        inspection_ = describeObject(rt, obj);
        pointersInKnown_ = false;
        pointersInScan_ = std::make_unique<PointersInScan>(rt, obj, maxPointersIn);
        whySearch_ = std::make_unique<WhyAliveSearch>(rt, obj);
    }
    const auto scanDeadline = std::chrono::steady_clock::now() + scanBudget;
    if (pointersInScan_) {
        while (!pointersInScan_->advance(scanSlice) && std::chrono::steady_clock::now() < scanDeadline) {
        }
        if (pointersInScan_->done()) {
            inspection_->in = pointersInScan_->in();
            inspection_->inTotal = pointersInScan_->inTotal();
            pointersInKnown_ = true;
            pointersInScan_.reset();
        }
    }
    if (whySearch_ && !pointersInScan_) {
        while (!whySearch_->advance(scanSlice) && std::chrono::steady_clock::now() < scanDeadline) {
        }
        if (whySearch_->done()) {
            whyPath_ = whySearch_->result();
            whyPathTick_ = whyTick_;
            whyKnown_ = true;
            whySearch_.reset();
        }
    }
    const bool current =
        history_ && history_->base() == obj && history_->tick() == rt.tick && historyHash_ == rt.eventHash.h;
    if (history_ && history_->base() != obj)
        history_.reset(); // the selection changed: cancel
    if (settled && !current) {
        history_ = std::make_unique<ObjectHistoryReplay>(session_->timeline(), obj, rt.tick);
        historyHash_ = rt.eventHash.h;
    }
    if (history_ && !history_->done()) {
        const auto deadline = std::chrono::steady_clock::now() + historyBudget;
        while (!history_->advance(historySlice) && std::chrono::steady_clock::now() < deadline) {
        }
    }
}

void App::drawObjectHistory() {
    const Runtime& rt = session_->runtime();
    ImGui::TextDisabled("History");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Replayed from the latest keyframe where the slot was free: the allocation (mallocgc; "
            "gcmarknewobject allocates black during mark), each cycle's greyobject (by markroot, "
            "scanobject, a write barrier or wbBufFlush) and scan to black, and sweeping");
    if (!history_) {
        ImGui::TextWrapped("(replayed when paused)");
        return;
    }
    if (!history_->done()) {
        ImGui::Text("history: %d %%", static_cast<int>(history_->progress() * 100));
        return;
    }
    if (history_->tick() != rt.tick)
        ImGui::TextDisabled("as of tick %s (replayed again when paused)",
                            withThousands(history_->tick()).c_str());
    for (const std::string& line : describeHistory(history_->history(), rt))
        bulletWrapped("%s", line.c_str());
}

void App::drawInspector() {
    const std::optional<uintptr>& sel = heapMap_.selected();
    const Runtime& rt = session_->runtime();
    ObjectRef ref;
    if (!sel || !rt.mheap.findObject(*sel, ref) || rt.mheap.span(ref.span).isFree(ref.slot)) {
        history_.reset();
        return;
    }
    ImGui::TextUnformatted("Inspector");
    ImGui::Separator();
    const MSpan& span = rt.mheap.span(ref.span);
    const uintptr obj = span.base() + uintptr{ref.slot} * span.elemsize;
    static const char* colours[] = {"white", "grey", "black"};
    ImGui::Text("%s: %s, %s slot, %s", hexAddr(obj).c_str(), rt.types[rt.objectType(obj)].name.c_str(),
                humanBytes(span.elemsize).c_str(), colours[rt.objectColor(obj)]);
    updateInspection(obj);
    const std::string asOf = whyTick_ == rt.tick
                                 ? std::string()
                                 : " (as of tick " + withThousands(whyTick_) + ", updated when paused)";
    if (inspection_) {
        const ObjectInspection& in = *inspection_;
        ImGui::TextWrapped("span #%u at %s: %llu pages, slot %u, spanclass %s", in.span,
                           hexAddr(in.spanBase).c_str(), static_cast<unsigned long long>(in.npages), in.slot,
                           spanClassLabel(in.spanclass).c_str());
        ImGui::TextWrapped("%s, sweepgen %u: %s", spanStateName(in.state), in.sweepgen,
                           sweepgenLabel(in.sweepgen, rt.mheap.sweepgen).c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("mspan (runtime/mheap.go): startAddr, npages, spanclass, sweepgen, state");
        ImGui::TextDisabled("Pointers out: %zu non-nil field%s", in.out.size(),
                            in.out.size() == 1 ? "" : "s");
        for (std::size_t i = 0; i < in.out.size() && i < maxPointersShown; i++)
            bulletWrapped("field %u → %s%s", in.out[i].field, hexAddr(in.out[i].value).c_str(),
                          in.out[i].target == 0 ? " (no object)" : "");
        if (in.out.size() > maxPointersShown)
            ImGui::TextDisabled("  … and %zu more", in.out.size() - maxPointersShown);
        if (pointersInKnown_)
            ImGui::TextDisabled("Pointers in: %zu slot%s%s%s", in.inTotal, in.inTotal == 1 ? "" : "s",
                                in.in.size() < in.inTotal ? " (the heap scan keeps the first ones)" : "",
                                asOf.c_str());
        else
            ImGui::TextDisabled("Pointers in:");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Go keeps no reverse pointers: these come from scanning every root and every "
                              "allocated object's pointer fields");
        if (pointersInScan_)
            ImGui::TextWrapped("scanning for pointers in: %s of %s objects",
                               withThousands(pointersInScan_->scanned()).c_str(),
                               withThousands(pointersInScan_->objects()).c_str());
        else if (!pointersInKnown_)
            ImGui::TextWrapped("(scanned when paused)");
        for (std::size_t i = 0; pointersInKnown_ && i < in.in.size() && i < maxPointersShown; i++)
            bulletWrapped("%s", slotName(rt, in.in[i]).c_str());
        if (pointersInKnown_ && in.inTotal > maxPointersShown)
            ImGui::TextDisabled("  … and %zu more", in.inTotal - maxPointersShown);
    }
    if (whyVersion_ == 0) {
        // Selected while playing or seeking: the heap scans wait for the state to stop changing.
        ImGui::TextWrapped("Span, pointers in and why it is alive: shown when paused (they scan the heap)");
        drawObjectHistory();
        ImGui::Spacing();
        return;
    }
    const std::string whyAsOf = !whySearch_ && whyKnown_ && whyPathTick_ != rt.tick
                                    ? " (as of tick " + withThousands(whyPathTick_) + ", updated when paused)"
                                    : std::string();
    ImGui::TextDisabled("Why is this alive? (shortest path from a root)%s", whyAsOf.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Roots are globals and goroutine stacks, as markroot scans them (mgcmark.go); each "
                          "line is a pointer the collector follows (scanobject)");
    if (whySearch_) {
        ImGui::TextWrapped("searching from the roots: %s objects reached",
                           withThousands(whySearch_->reached()).c_str());
    } else if (!whyKnown_) {
        ImGui::TextWrapped("(searched when paused)");
    } else if (!whyPath_) {
        ImGui::TextWrapped("No root reaches it: it is garbage, and the next cycle will not mark it.");
    } else {
        for (const PathStep& step : *whyPath_)
            bulletWrapped("%s → %s", slotName(rt, step.slot).c_str(), hexAddr(step.target).c_str());
    }
    drawObjectHistory();
    ImGui::Spacing();
}

void App::drawSidePanel() {
    if (settings_.view == ViewSelection::collector) {
        drawCollector();
        return;
    }
    if (settings_.view == ViewSelection::stats) {
        drawStats();
        return;
    }
    if (settings_.view == ViewSelection::graph) {
        drawGraph();
        return;
    }
    if (settings_.view == ViewSelection::compare) {
        drawCompare();
        return;
    }
    if (settings_.view == ViewSelection::allocator) {
        drawAllocator();
        return;
    }
    Session& s = *session_;
    const Scenario& sc = s.scenario().scenario;
    const NarrationTrack& track = s.narration();
    drawInspector();

    ImGui::TextUnformatted("Narration");
    ImGui::Separator();
    const float narrationH = ImGui::GetTextLineHeightWithSpacing() * 9;
    if (ImGui::BeginChild("narration", ImVec2(0, narrationH))) {
        if (std::optional<std::size_t> b = track.latest(s.tick())) {
            const NarrationBeat& beat = sc.narration[*b];
            ImGui::TextWrapped("%s", beat.caption.c_str());
            if (!beat.goSource.empty())
                ImGui::TextDisabled("Go: %s", beat.goSource.c_str());
        } else if (sc.narration.empty()) {
            ImGui::TextDisabled("This scenario has no narration.");
        }
        ImGui::Spacing();
        for (std::size_t i = 0; i < sc.narration.size(); i++) {
            const std::optional<std::uint64_t>& at = track.firedAt()[i];
            std::string label = (at ? "tick " + withThousands(*at) : std::string("not yet")) + "  " +
                                sc.narration[i].when + "##beat" + std::to_string(i);
            ImGui::BeginDisabled(!at);
            if (ImGui::Selectable(label.c_str(), at && track.latest(s.tick()) == i) && at) {
                clock_.setPlaying(false);
                s.seek(*at);
                changed();
            }
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s\n%s", sc.narration[i].caption.c_str(),
                                  sc.narration[i].goSource.c_str());
        }
    }
    ImGui::EndChild();

    ImGui::TextUnformatted("Events of this tick");
    ImGui::Separator();
    const float eventsH = ImGui::GetTextLineHeightWithSpacing() * 5;
    if (ImGui::BeginChild("events", ImVec2(0, eventsH))) {
        const std::vector<Event>& ev = s.tickEvents();
        for (std::size_t i = 0; i < ev.size(); i++) {
            std::string d = describeEvent(ev[i]);
            if (i < s.eventsShown())
                ImGui::TextUnformatted(d.c_str());
            else
                ImGui::TextDisabled("%s", d.c_str());
        }
        if (ev.empty())
            ImGui::TextDisabled("(none)");
    }
    ImGui::EndChild();

    // The gctrace console: the line GODEBUG=gctrace=1 prints for every cycle completed by this tick.
    ImGui::TextUnformatted("gctrace");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("What Go 1.19 prints with GODEBUG=gctrace=1 at the end of each cycle "
                          "(gcMarkTermination, runtime/mgc.go); times are virtual");
    ImGui::Separator();
    const float traceH = ImGui::GetTextLineHeightWithSpacing() * 4;
    if (ImGui::BeginChild("gctrace", ImVec2(0, traceH), false, ImGuiWindowFlags_HorizontalScrollbar)) {
        const std::vector<GCCycleStats>& history = s.runtime().work.history;
        for (std::size_t n = 1; n <= history.size(); n++) {
            std::string line = formatGCTrace(std::span<const GCCycleStats>(history.data(), n));
            line.pop_back(); // the newline
            ImGui::TextUnformatted(line.c_str());
        }
        if (history.empty())
            ImGui::TextDisabled("(no cycle has completed yet)");
        else if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY())
            ImGui::SetScrollHereY(1.0f);
    }
    ImGui::EndChild();

    ImGui::Spacing();
    if (ImGui::BeginTabBar("sidetabs")) {
        // Each tab's header is noted as tab-NAME (scripted input clicks it: --keys click:@tab-graph).
        auto tab = [this](const char* label, const char* name, void (App::*draw)()) {
            const bool shown = ImGui::BeginTabItem(label);
            noteItem(std::string("tab-") + name);
            if (shown) {
                (this->*draw)();
                ImGui::EndTabItem();
            }
        };
        tab("Collector", "collector", &App::drawCollector);
        tab("Object graph", "graph", &App::drawGraph);
        tab("Statistics", "stats", &App::drawStats);
        tab("Compare", "compare", &App::drawCompare);
        tab("Allocator", "allocator", &App::drawAllocator);
        ImGui::EndTabBar();
    }
}

} // namespace gclab::render
