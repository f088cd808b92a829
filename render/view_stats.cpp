// The statistics view: runtime.MemStats as the model reports it, Sys by memory class against GOMEMLIMIT,
// the pacer's heapLive and goals, the page counts behind the heap map, and each P's mcache. Every value
// it shows is noted (App::noteText) as stats-NAME, and every segment of the memory bar (App::noteRect) as
// stats-class-KEY, so that the tests can check what it showed against the model (--dump-state).
#include "sim/mstats.h"

#include "render/app.h"
#include "render/heap_describe.h"
#include "render/imgui_tip.h"
#include "render/memory_classes.h"
#include "render/stat_row.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

namespace gclab::render {

namespace {

// Noter remembers the text of the item just drawn under a name (App::noteText); RectNoter a rectangle
// drawn without an item (App::noteRect).
using Noter = std::function<void(std::string name, std::string text)>;
using RectNoter = std::function<void(std::string name, Rect r)>;

// row draws one name/value row and notes its value as stats-NAME (spaces in NAME become '_').
void row(const Noter& note, const char* name, const std::string& value, const char* tip) {
    statRow(name, value, tip);
    std::string key = std::string("stats-") + name;
    std::replace(key.begin(), key.end(), ' ', '_');
    note(std::move(key), value);
}

bool beginStatTable(const char* id) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
        return false;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("HeapReleased ").x);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    return true;
}

void drawMemStats(const MemStats& m, const Noter& note) {
    if (!beginStatTable("memstats"))
        return;
    row(note, "HeapAlloc", bytesExactAndHuman(m.HeapAlloc),
        "Bytes of allocated heap objects (slot sizes, not requested sizes).\nruntime.MemStats.HeapAlloc "
        "(runtime/mstats.go)");
    row(note, "HeapInuse", bytesExactAndHuman(m.HeapInuse),
        "Bytes in in-use spans, whole pages: the coloured cells of the heap "
        "map.\nruntime.MemStats.HeapInuse");
    row(note, "HeapIdle", bytesExactAndHuman(m.HeapIdle),
        "Bytes in free pages, released or not: free + released cells.\nruntime.MemStats.HeapIdle");
    row(note, "HeapReleased", bytesExactAndHuman(m.HeapReleased),
        "Free pages returned to the OS (scavenged), including fresh heap growth.\n"
        "runtime.MemStats.HeapReleased");
    row(note, "HeapSys", bytesExactAndHuman(m.HeapSys),
        "Heap memory obtained from the OS (mapped): HeapInuse + HeapIdle.\nruntime.MemStats.HeapSys");
    row(note, "Sys", bytesExactAndHuman(m.Sys),
        "All memory obtained from the OS: HeapSys plus stacks, mspans, GC metadata and the runtime's other "
        "memory. The model does not allocate the part outside the heap: it counts the mspan and mcache\n"
        "structs its spans and Ps need and estimates the rest from Go 1.19 measurements (sim/sysmem.h).\n"
        "Sys - HeapReleased is what GOMEMLIMIT limits.\nruntime.MemStats.Sys");
    row(note, "HeapObjects", withThousands(m.HeapObjects),
        "Allocated objects: Mallocs - Frees. A tiny block counts once, however many values share it.\n"
        "runtime.MemStats.HeapObjects");
    row(note, "Mallocs", withThousands(m.Mallocs),
        "Objects allocated. Tiny values packed into an existing block count in Mallocs and Frees.\n"
        "runtime.MemStats.Mallocs");
    row(note, "Frees", withThousands(m.Frees),
        "Objects freed by sweeping (plus the tiny-allocator convention).\n"
        "runtime.MemStats.Frees");
    row(note, "TotalAlloc", bytesExactAndHuman(m.TotalAlloc),
        "Cumulative bytes allocated (never decreases).\nruntime.MemStats.TotalAlloc");
    row(note, "NextGC", bytesExactAndHuman(m.NextGC),
        "The heap goal: the heap size the current or next cycle aims to finish by (heapGoal).\n"
        "runtime.MemStats.NextGC");
    row(note, "NumGC", withThousands(m.NumGC),
        "Completed GC cycles (mark termination done).\nruntime.MemStats.NumGC");
    ImGui::EndTable();
}

// drawMemoryBar draws Sys as one bar of its memory classes, scaled to the larger of Sys and GOMEMLIMIT,
// with the limit as a red line; hovering a segment names it.
void drawMemoryBar(const Runtime& rt, const MemStats& m, const std::array<MemoryClass, 8>& classes,
                   const Palette& pal, const RectNoter& noteRect) {
    const std::int64_t limit = rt.gcController.memoryLimit;
    const bool limited = limit != noMemoryLimit;
    const double scale = std::max(static_cast<double>(m.Sys), limited ? static_cast<double>(limit) : 0.0);
    const float h = std::round(ImGui::GetTextLineHeight() * 1.4f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = std::floor(ImGui::GetContentRegionAvail().x);
    auto xOf = [&](double bytes) { return at.x + std::round(static_cast<float>(bytes / scale) * width); };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + h), ImGui::GetColorU32(ImGuiCol_FrameBg));
    ImGui::Dummy(ImVec2(width, h));
    const bool hovered = ImGui::IsItemHovered();
    const float mouseX = ImGui::GetIO().MousePos.x;
    std::uint64_t before = 0;
    for (std::size_t i = 0; i < classes.size(); i++) {
        const MemoryClass& c = classes[i];
        const float x0 = xOf(static_cast<double>(before));
        before += c.bytes;
        const float x1 = xOf(static_cast<double>(before));
        if (x1 > x0)
            dl->AddRectFilled(ImVec2(x0, at.y), ImVec2(x1, at.y + h), pal.memoryClass[i].abgr());
        noteRect(std::string("stats-class-") + c.key, Rect{x0, at.y, x1, at.y + h});
        if (hovered && mouseX >= x0 && mouseX < x1)
            ImGui::SetTooltip("%s: %s%s\n%s", c.name, bytesExactAndHuman(c.bytes).c_str(),
                              c.limited ? "" : " (not counted by GOMEMLIMIT)", c.tip);
    }
    if (limited) {
        const float x = xOf(static_cast<double>(limit));
        dl->AddLine(ImVec2(x, at.y - 3), ImVec2(x, at.y + h + 3), pal.memoryLimitLine.abgr(),
                    std::max(2.0f, std::round(h / 10)));
        noteRect("stats-class-limit", Rect{x - 1, at.y - 3, x + 1, at.y + h + 3});
    }
}

// drawMemoryLegend lists the classes' colours and bytes, two to a row, then what GOMEMLIMIT counts and
// the limit itself.
void drawMemoryLegend(const Runtime& rt, const MemStats& m, const std::array<MemoryClass, 8>& classes,
                      const Palette& pal, const Noter& note) {
    if (!ImGui::BeginTable("memclasses", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
        return;
    const float swatch = ImGui::GetTextLineHeight();
    for (std::size_t i = 0; i < classes.size(); i++) {
        const MemoryClass& c = classes[i];
        if (i % 2 == 0)
            ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + swatch * 0.2f),
                                                  ImVec2(p.x + swatch * 0.8f, p.y + swatch * 0.8f),
                                                  pal.memoryClass[i].abgr());
        ImGui::Dummy(ImVec2(swatch, swatch));
        ImGui::SameLine();
        ImGui::TextUnformatted(c.name);
        render::tip(c.tip);
        ImGui::TableNextColumn();
        const std::string value = bytesExactAndHuman(c.bytes);
        ImGui::TextUnformatted(value.c_str());
        note(std::string("stats-mem-") + c.key, value);
    }
    ImGui::EndTable();
    if (!beginStatTable("memlimit"))
        return;
    const std::string counted = bytesExactAndHuman(m.Sys - m.HeapReleased);
    statRow("limited", counted,
            "Sys - HeapReleased: every class but the released heap. GOMEMLIMIT bounds this (the red line), "
            "which is why fragmentation (unused slots) and the runtime's own memory leave less room for the "
            "heap goal.\nruntime/debug.SetMemoryLimit");
    note("stats-mem-limited", counted);
    const std::int64_t limit = rt.gcController.memoryLimit;
    const std::string limitText =
        limit != noMemoryLimit ? bytesExactAndHuman(static_cast<std::uint64_t>(limit)) : "off";
    statRow("GOMEMLIMIT", limitText,
            "The soft memory limit in effect (--gomemlimit, GOMEMLIMIT).\ngcControllerState.memoryLimit");
    note("stats-mem-GOMEMLIMIT", limitText);
    ImGui::EndTable();
}

void drawMemoryClasses(const Runtime& rt, const MemStats& m, const Palette& pal, const Noter& note,
                       const RectNoter& noteRect) {
    const std::array<MemoryClass, 8> classes = memoryClasses(m);
    drawMemoryBar(rt, m, classes, pal, noteRect);
    ImGui::Spacing();
    drawMemoryLegend(rt, m, classes, pal, note);
}

void drawPacer(const Runtime& rt, const Noter& note) {
    if (!beginStatTable("pacer"))
        return;
    row(note, "heapLive", bytesExactAndHuman(rt.gcController.heapLive),
        "The pacer's estimate of live heap: counts every slot of an mcache's span as allocated from the "
        "moment the span is cached (refill); releaseAll gives the unused slots back.\n"
        "gcControllerState.heapLive (runtime/mgcpacer.go)");
    row(note, "heapScan", bytesExactAndHuman(rt.gcController.heapScan),
        "Scannable bytes the next GC would have to scan.\ngcControllerState.heapScan (runtime/mgcpacer.go)");
    const GCController& c = rt.gcController;
    row(note, "GOGC goal", c.gcPercent < 0 ? "off" : bytesExactAndHuman(c.gcPercentHeapGoal),
        "The goal GOGC sets: heapMarked + (heapMarked + stacks + globals) \u00d7 GOGC/100, at least "
        "heapMinimum (4 MiB \u00d7 GOGC/100).\ngcControllerState.gcPercentHeapGoal (runtime/mgcpacer.go "
        "commit)");
    row(note, "limit goal",
        c.memoryLimit == noMemoryLimit ? "off" : bytesExactAndHuman(rt.memoryLimitHeapGoal()),
        "The goal GOMEMLIMIT sets: the limit minus the memory that is not heap objects (mapped - heapFree - "
        "heapAlloc) and any overage, less 1 MiB of headroom. The heap goal is the smaller of the two (GOGC's "
        "raised, when it is the smaller, to the sweep distance and a 64 KiB runway).\n"
        "gcControllerState.memoryLimitHeapGoal (runtime/mgcpacer.go)");
    ImGui::EndTable();
}

void drawPageCounts(const Runtime& rt, const HeapSnapshot& snap, const Noter& note) {
    if (!beginStatTable("pages"))
        return;
    const MHeap& h = rt.mheap;
    row(note, "arenas", std::to_string(h.numArenas()) + " \u00d7 64 MiB reserved",
        "heapArena: address space is reserved 64 MiB at a time from 0xc000000000.\nmheap.arenas "
        "(runtime/mheap.go)");
    row(note, "chunks", std::to_string(h.pages.numChunks()) + " \u00d7 4 MiB mapped",
        "pageAlloc chunks: the heap is mapped (grown) 4 MiB at a time.\nmheap.grow, pageAlloc.grow");
    row(note, "pages in use", withThousands(snap.pagesIn(PageState::inUse)),
        "8 KiB pages in in-use spans (mheap.pagesInUse); \u00d7 8 KiB = HeapInuse");
    row(note, "free pages", withThousands(snap.pagesIn(PageState::free)),
        "Free pages not yet released to the OS (mheap.heapFree / 8 KiB)");
    row(note, "released", withThousands(snap.pagesIn(PageState::released)),
        "Free pages released to the OS (pageAlloc scavenged bits)");
    row(note, "resident", bytesExactAndHuman(h.resident.residentBytes()),
        "Heap bytes with RAM behind them: 4 KiB OS pages touched since they were mapped or released, "
        "the heap's share of the process's RSS. Pages of objects nobody has written or scanned yet have "
        "none; free pages keep theirs until the scavenger releases them. The model's view of the kernel "
        "(sim/mem_linux.h); Go reports no such figure");
    row(note, "sweepgen", std::to_string(h.sweepgen), "mheap.sweepgen: advances by 2 each GC cycle");
    ImGui::EndTable();
}

void drawMCaches(const Runtime& rt, const Noter& note) {
    const MHeap& h = rt.mheap;
    for (const P& p : rt.allp) {
        const MCache& c = p.mcache;
        const std::string pName = "P" + std::to_string(p.id);
        ImGui::TextUnformatted(pName.c_str());
        ImGui::SameLine();
        const std::string tiny =
            c.tiny != 0 ? "tiny block " + hexAddr(c.tiny) + ", tinyoffset " + std::to_string(c.tinyoffset)
                        : "no tiny block";
        ImGui::TextDisabled("%s", tiny.c_str());
        note("stats-" + pName + "-tiny", tiny);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "mcache.tiny / mcache.tinyoffset: the 16-byte block tiny noscan values are packed "
                "into, and its next free byte. tinyAllocs since the last flush: %llu",
                static_cast<unsigned long long>(c.tinyAllocs));
        std::string id = "mcache" + std::to_string(p.id);
        if (!ImGui::BeginTable(id.c_str(), 3,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                   ImGuiTableFlags_SizingStretchProp))
            continue;
        ImGui::TableSetupColumn("spanclass", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("span", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("allocCount", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        int shown = 0;
        for (int i = 0; i < numSpanClasses; i++) {
            SpanId sid = c.alloc[i];
            if (sid == emptymspan)
                continue;
            shown++;
            const MSpan& s = h.span(sid);
            SpanClass spc{static_cast<std::uint8_t>(i)};
            const std::string cell = "stats-" + pName + "-class" + std::to_string(i) + "-";
            const std::string cells[] = {
                std::to_string(i) + ": " + humanBytes(class_to_size[spc.sizeclass()]) +
                    (spc.noscan() ? " noscan" : ""),
                hexAddr(s.base()), std::to_string(s.allocCount) + " / " + std::to_string(s.nelems)};
            const char* cellNames[] = {"size", "span", "count"};
            ImGui::TableNextRow();
            for (int col = 0; col < 3; col++) {
                ImGui::TableSetColumnIndex(col);
                ImGui::TextUnformatted(cells[col].c_str());
                note(cell + cellNames[col], cells[col]);
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("allocCount / nelems; freeindex %u", s.freeindex);
        }
        ImGui::EndTable();
        if (shown == 0)
            ImGui::TextDisabled("(no cached spans)");
        ImGui::Spacing();
    }
}

} // namespace

void App::drawStats() {
    noteViewArea("stats"); // Shift+F12 exports this tab alone
    const Runtime& rt = session_->runtime();
    const Noter note = [this](std::string name, std::string text) {
        noteText(std::move(name), std::move(text));
    };
    const RectNoter noteRect = [this](std::string name, Rect r) { this->noteRect(std::move(name), r); };
    const MemStats m = readMemStats(rt); // once per frame, for MemStats and the memory classes
    if (ImGui::CollapsingHeader("runtime.MemStats", ImGuiTreeNodeFlags_DefaultOpen))
        drawMemStats(m, note);
    if (ImGui::CollapsingHeader("Memory by class (GOMEMLIMIT counts all but released)",
                                ImGuiTreeNodeFlags_DefaultOpen))
        drawMemoryClasses(rt, m, palette(settings_.palette), note, noteRect);
    if (ImGui::CollapsingHeader("Pacer", ImGuiTreeNodeFlags_DefaultOpen))
        drawPacer(rt, note);
    if (ImGui::CollapsingHeader("Heap pages", ImGuiTreeNodeFlags_DefaultOpen))
        drawPageCounts(rt, snapshot(), note);
    if (ImGui::CollapsingHeader("mcache per P (spans cached by span class)", ImGuiTreeNodeFlags_DefaultOpen))
        drawMCaches(rt, note);
}

} // namespace gclab::render
