// The statistics view: runtime.MemStats as the model reports it, the pacer's heapLive, the page
// counts behind the heap map, and each P's mcache.
#include "sim/mstats.h"

#include "render/app.h"
#include "render/heap_describe.h"
#include "render/stat_row.h"

#include <imgui.h>

#include <string>

namespace gclab::render {

namespace {

bool beginStatTable(const char* id) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
        return false;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("HeapReleased ").x);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    return true;
}

void drawMemStats(const Runtime& rt) {
    MemStats m = readMemStats(rt);
    if (!beginStatTable("memstats"))
        return;
    statRow("HeapAlloc", bytesExactAndHuman(m.HeapAlloc),
            "Bytes of allocated heap objects (slot sizes, not requested sizes).\nruntime.MemStats.HeapAlloc "
            "(runtime/mstats.go)");
    statRow("HeapInuse", bytesExactAndHuman(m.HeapInuse),
            "Bytes in in-use spans, whole pages: the coloured cells of the heap "
            "map.\nruntime.MemStats.HeapInuse");
    statRow("HeapIdle", bytesExactAndHuman(m.HeapIdle),
            "Bytes in free pages, released or not: free + released cells.\nruntime.MemStats.HeapIdle");
    statRow("HeapReleased", bytesExactAndHuman(m.HeapReleased),
            "Free pages returned to the OS (scavenged), including fresh heap growth.\n"
            "runtime.MemStats.HeapReleased");
    statRow("HeapSys", bytesExactAndHuman(m.HeapSys),
            "Heap memory obtained from the OS (mapped): HeapInuse + HeapIdle.\nruntime.MemStats.HeapSys");
    statRow("HeapObjects", withThousands(m.HeapObjects),
            "Allocated objects: Mallocs - Frees. A tiny block counts once, however many values share it.\n"
            "runtime.MemStats.HeapObjects");
    statRow("Mallocs", withThousands(m.Mallocs),
            "Objects allocated. Tiny values packed into an existing block count in Mallocs and Frees.\n"
            "runtime.MemStats.Mallocs");
    statRow("Frees", withThousands(m.Frees),
            "Objects freed by sweeping (plus the tiny-allocator convention).\n"
            "runtime.MemStats.Frees");
    statRow("TotalAlloc", bytesExactAndHuman(m.TotalAlloc),
            "Cumulative bytes allocated (never decreases).\nruntime.MemStats.TotalAlloc");
    ImGui::EndTable();
}

void drawPacer(const Runtime& rt) {
    if (!beginStatTable("pacer"))
        return;
    statRow("heapLive", bytesExactAndHuman(rt.gcController.heapLive),
            "The pacer's estimate of live heap: counts every slot of an mcache's span as allocated from the "
            "moment the span is cached (refill); releaseAll gives the unused slots back.\n"
            "gcControllerState.heapLive (runtime/mgcpacer.go)");
    statRow(
        "heapScan", bytesExactAndHuman(rt.gcController.heapScan),
        "Scannable bytes the next GC would have to scan.\ngcControllerState.heapScan (runtime/mgcpacer.go)");
    ImGui::EndTable();
}

void drawPageCounts(const Runtime& rt, const HeapSnapshot& snap) {
    if (!beginStatTable("pages"))
        return;
    const MHeap& h = rt.mheap;
    statRow("arenas", std::to_string(h.numArenas()) + " \u00d7 64 MiB reserved",
            "heapArena: address space is reserved 64 MiB at a time from 0xc000000000.\nmheap.arenas "
            "(runtime/mheap.go)");
    statRow("chunks", std::to_string(h.pages.numChunks()) + " \u00d7 4 MiB mapped",
            "pageAlloc chunks: the heap is mapped (grown) 4 MiB at a time.\nmheap.grow, pageAlloc.grow");
    statRow("pages in use", withThousands(snap.pagesIn(PageState::inUse)),
            "8 KiB pages in in-use spans (mheap.pagesInUse); \u00d7 8 KiB = HeapInuse");
    statRow("free pages", withThousands(snap.pagesIn(PageState::free)),
            "Free pages not yet released to the OS (mheap.heapFree / 8 KiB)");
    statRow("released", withThousands(snap.pagesIn(PageState::released)),
            "Free pages released to the OS (pageAlloc scavenged bits)");
    statRow("sweepgen", std::to_string(h.sweepgen), "mheap.sweepgen: advances by 2 each GC cycle");
    ImGui::EndTable();
}

void drawMCaches(const Runtime& rt) {
    const MHeap& h = rt.mheap;
    for (const P& p : rt.allp) {
        const MCache& c = p.mcache;
        ImGui::Text("P%u", p.id);
        ImGui::SameLine();
        if (c.tiny != 0)
            ImGui::TextDisabled("tiny block %s, tinyoffset %llu", hexAddr(c.tiny).c_str(),
                                static_cast<unsigned long long>(c.tinyoffset));
        else
            ImGui::TextDisabled("no tiny block");
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
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::Text("%d: %s%s", i, humanBytes(class_to_size[spc.sizeclass()]).c_str(),
                        spc.noscan() ? " noscan" : "");
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(hexAddr(s.base()).c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::Text("%u / %u", s.allocCount, s.nelems);
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
    if (ImGui::CollapsingHeader("runtime.MemStats", ImGuiTreeNodeFlags_DefaultOpen))
        drawMemStats(rt);
    if (ImGui::CollapsingHeader("Pacer", ImGuiTreeNodeFlags_DefaultOpen))
        drawPacer(rt);
    if (ImGui::CollapsingHeader("Heap pages", ImGuiTreeNodeFlags_DefaultOpen))
        drawPageCounts(rt, snapshot());
    if (ImGui::CollapsingHeader("mcache per P (spans cached by span class)", ImGuiTreeNodeFlags_DefaultOpen))
        drawMCaches(rt);
}

} // namespace gclab::render
