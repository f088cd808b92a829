// The collector view: the GC phase and sweep generation, the pacer's numbers, the GC CPU limiter's
// bucket, each P's gcWork buffers, write-barrier buffer and mark worker, and the goroutines assisting or
// in assist debt. Ps and goroutines come from the model's visitor (sim/visit.h).
#include "sim/visit.h"

#include "render/app.h"
#include "render/barrier_shades.h"
#include "render/heap_describe.h"
#include "render/imgui_tip.h"
#include "render/stat_row.h"

#include <imgui.h>

#include <cstdio>
#include <string>
#include <vector>

namespace gclab::render {

namespace {

const char* phaseName(const Runtime& rt) {
    if (rt.stw == STWStage::sweepTermination)
        return "sweep termination (STW)";
    if (rt.stw == STWStage::markTermination)
        return "mark termination (STW)";
    switch (rt.gcphase) {
    case GCPhase::off:
        return rt.isSweepDone() ? "_GCoff (sweeping done)" : "_GCoff, sweeping";
    case GCPhase::mark:
        return "_GCmark (concurrent mark)";
    case GCPhase::marktermination:
        return "_GCmarktermination";
    }
    return "?";
}

const char* workerName(MarkWorkerMode m) {
    switch (m) {
    case MarkWorkerMode::none:
        return "-";
    case MarkWorkerMode::dedicated:
        return "dedicated";
    case MarkWorkerMode::fractional:
        return "fractional";
    case MarkWorkerMode::idle:
        return "idle";
    }
    return "?";
}

void fill(double used, double cap, const std::string& label, const char* tip) {
    ImGui::ProgressBar(static_cast<float>(used / cap), ImVec2(-1, 0), label.c_str());
    render::tip(tip);
}

void heading(const char* text) {
    ImGui::Spacing();
    ImGui::TextUnformatted(text);
    ImGui::Separator();
}

struct PsAndGs : HeapVisitor {
    std::vector<const P*> ps;
    std::vector<const G*> gs;
    void onP(const P& p) override { ps.push_back(&p); }
    void onGoroutine(const G& g) override { gs.push_back(&g); }
};

} // namespace

void App::drawCollector() {
    noteViewArea("collector"); // Shift+F12 exports this tab alone
    const Runtime& rt = session_->runtime();
    if (ImGui::BeginTable("gcstate", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("assistWorkPerByte ").x);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        statRow("phase", phaseName(rt),
                "gcphase and the stop-the-world stage (mgc.go: gcStart, gcMarkDone, "
                "gcMarkTermination)");
        statRow("cycle",
                std::to_string(rt.work.cycles) + " started, " + std::to_string(rt.work.numgc) + " done",
                "work.cycles / memstats.numgc");
        statRow("sweepgen", std::to_string(rt.mheap.sweepgen),
                "mheap.sweepgen: +2 per cycle; a span with sweepgen "
                "sg-2 is unswept, sg-1 being swept, sg swept");
        statRow("heapLive", bytesExactAndHuman(rt.gcController.heapLive), "gcControllerState.heapLive");
        statRow("heap goal", bytesExactAndHuman(rt.gcController.heapGoal()), "gcControllerState.heapGoal()");
        statRow("trigger", bytesExactAndHuman(rt.gcController.trigger()),
                "gcControllerState.trigger(): a cycle "
                "starts when heapLive reaches it");
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4g", rt.gcController.assistWorkPerByte);
        statRow("assistWorkPerByte", buf,
                "gcControllerState.assistWorkPerByte (revise): scan work an allocating "
                "goroutine owes per byte");
        statRow("bgScanCredit", std::to_string(rt.gcController.bgScanCredit),
                "gcControllerState.bgScanCredit: scan work background workers did that assists may steal");
        std::snprintf(buf, sizeof buf, "%lld dedicated, fractional goal %.3g",
                      static_cast<long long>(rt.gcController.dedicatedMarkWorkersNeeded),
                      rt.gcController.fractionalUtilizationGoal);
        statRow("workers", buf, "startCycle: 25% of GOMAXPROCS as dedicated workers, the rest fractional");
        statRow("work.full", std::to_string(rt.work.full.bufs.size()) + " buffers",
                "work.full: full workbufs any worker can take (mgcwork.go putfull / trygetfull)");
        if (rt.greenTea()) {
            const GCCycleStats& c = rt.work.current;
            std::snprintf(buf, sizeof buf, "%llu one-mark, %llu sparse (%llu obj), %llu dense (%llu obj)",
                          static_cast<unsigned long long>(c.spansOneMarkScanned),
                          static_cast<unsigned long long>(c.spansSparseScanned),
                          static_cast<unsigned long long>(c.spanObjsSparseScanned),
                          static_cast<unsigned long long>(c.spansDenseScanned),
                          static_cast<unsigned long long>(c.spanObjsDenseScanned));
            statRow("span scans", buf,
                    "Go 1.26 Green Tea, this cycle: spans dequeued with one mark (one object scanned), and "
                    "spans scanned in bulk, object by object (sparse) or, with at least nelems/8 objects "
                    "marked, whole (dense: the packed kernel) (mgcmark_greenteagc.go scanSpan)");
        }
        ImGui::EndTable();
    }

    heading("GC CPU limiter");
    const GCCPULimiter& l = rt.gcCPULimiter;
    char limiter[128];
    std::snprintf(limiter, sizeof limiter, "%.1f of %.0f ms%s", static_cast<double>(l.fill) / 1e6,
                  static_cast<double>(l.capacity) / 1e6, l.limiting() ? ": limiting, assists off" : "");
    fill(static_cast<double>(l.fill), static_cast<double>(l.capacity), limiter,
         "gcCPULimiterState.bucket (mgclimit.go): GC CPU time (assists, 25% of each P while marking, "
         "stop-the-world) fills it, mutator time drains it; GOMAXPROCS \u00d7 1 s deep. While it is full "
         "the limiter is on: assists are skipped and the heap may run past its goal and GOMEMLIMIT.");
    noteItem("collector-limiter");
    if (l.lastEnabledCycle != 0)
        ImGui::Text("last on in cycle %u", l.lastEnabledCycle);
    else
        ImGui::TextDisabled("never on in this run");
    render::tip("/gc/limiter/last-enabled:gc-cycle: the cycle in which the limiter last turned on");

    PsAndGs v;
    visitHeap(rt, v);
    heading("Ps");
    const bool spans = rt.greenTea();
    if (ImGui::BeginTable("ps", spans ? 5 : 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("P", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("P00").x);
        ImGui::TableSetupColumn("worker");
        ImGui::TableSetupColumn("gcWork (wbuf1 + wbuf2)");
        ImGui::TableSetupColumn("wbBuf");
        if (spans)
            ImGui::TableSetupColumn("spanq (local + published)");
        ImGui::TableHeadersRow();
        for (const P* p : v.ps) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::Text("P%u", p->id);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(workerName(p->workerMode));
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("gcMarkWorkerMode (findRunnableGCWorker): dedicated, fractional or idle");
            ImGui::TableSetColumnIndex(2);
            std::size_t n = p->gcw.wbuf1.size() + p->gcw.wbuf2.size();
            fill(static_cast<double>(n), 2.0 * workbufEntries, std::to_string(n),
                 "p.gcw: grey objects queued on this P (two workbufs of 253 pointers, mgcwork.go gcWork)");
            noteItem("collector-gcw-P" + std::to_string(p->id)); // --dump-state: the bars the tests measure
            ImGui::TableSetColumnIndex(3);
            std::size_t w = p->wbBuf.buf.size() / wbBufEntryPointers;
            fill(static_cast<double>(w), wbBufEntries, std::to_string(w),
                 "p.wbBuf: write-barrier records waiting for wbBufFlush (256 entries, mwbbuf.go)");
            noteItem("collector-wbbuf-P" + std::to_string(p->id));
            if (spans) {
                ImGui::TableSetColumnIndex(4);
                const SpanQueue& q = p->gcw.spanq;
                fill(static_cast<double>(q.localSize()), SpanQueue::ringSize,
                     std::to_string(q.localSize()) + " + " + std::to_string(q.publishedSize()),
                     "p.gcw.spanq (Go 1.26 Green Tea): spans queued for scanning, FIFO; the bar is the local "
                     "ring (256), the second number the spans published for other Ps to steal");
                noteItem("collector-spanq-P" + std::to_string(p->id));
            }
        }
        ImGui::EndTable();
    }

    heading("Assists");
    int shown = 0;
    for (const G* g : v.gs) {
        if (g->status == GStatus::dead || (g->gcAssistBytes >= 0 && g->status != GStatus::waitingAssist))
            continue;
        shown++;
        ImGui::Text("g%u: %s, gcAssistBytes %lld", g->goid,
                    g->status == GStatus::waitingAssist ? "parked in gcParkAssist" : "in debt",
                    static_cast<long long>(g->gcAssistBytes));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("g.gcAssistBytes < 0 is debt: the goroutine must do scan work (gcAssistAlloc) "
                              "before allocating more");
    }
    if (shown == 0)
        ImGui::TextDisabled("no goroutine in assist debt");

    heading("Latest write barriers");
    const Palette& pal = palette(settings_.palette);
    bool any = false;
    for (std::size_t i = rt.recentShades.size(); i-- > 0;) {
        const ShadeRecord& r = rt.recentShades.at(i);
        if (!shadeIsCurrent(rt, r))
            continue;
        any = true;
        ImGui::TextColored(ImColor(pal.barrierShade.abgr()), "%s", describeShade(r).c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\nslot: old \u2192 new (the heap map and the object graph mark them)",
                              barrierShadeTip);
    }
    if (!any)
        ImGui::TextDisabled(rt.writeBarrierEnabled()
                                ? "no write barrier in this cycle yet"
                                : "none: the write barrier is off (it is on only while a cycle marks)");
}

} // namespace gclab::render
