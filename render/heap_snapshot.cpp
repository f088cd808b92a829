#include "render/heap_snapshot.h"

#include "sim/visit.h"

#include "render/heap_layout.h"

namespace gclab::render {

HeapSnapshot takeSnapshot(const Runtime& rt) {
    const MHeap& h = rt.mheap;
    HeapSnapshot s;
    s.numPages = h.numArenas() * pagesPerArena;
    s.mappedPages = h.pages.end() > arenaBaseHint ? (h.pages.end() - arenaBaseHint) / pageSize : 0;
    s.pages.resize(s.numPages);
    for (std::uint64_t p = 0; p < s.numPages; p++) {
        PageInfo& pi = s.pages[p];
        uintptr addr = pageAddr(p);
        if (p >= s.mappedPages) {
            pi.state = PageState::unmapped;
        } else if (SpanId id = h.spanOf(addr); id != emptymspan) {
            pi.state = PageState::inUse;
            pi.span = id;
            pi.spanclass = h.span(id).spanclass;
        } else if (h.pages.scavenged(addr)) {
            pi.state = PageState::released;
        } else {
            pi.state = PageState::free;
        }
        s.count[static_cast<int>(pi.state)]++;
        if (pi.state != PageState::unmapped)
            pi.residentHalves = static_cast<std::uint8_t>(h.resident.residentIn(addr, pageSize));
    }

    // Where each in-use span sits comes from the model's read-only visitor (sim/visit.h).
    struct Places : HeapVisitor {
        std::vector<SpanLocation>& out;
        explicit Places(std::vector<SpanLocation>& o) : out(o) {}
        void onSpan(const SpanView& v) override {
            if (v.id >= out.size())
                return;
            const bool unswept = v.sweepState == SpanSweep::unswept || v.sweepState == SpanSweep::beingSwept;
            switch (v.place) {
            case SpanPlace::mcache:
                out[v.id] = SpanLocation{SpanRole::cached, v.cachedBy};
                break;
            case SpanPlace::large:
                out[v.id] = SpanLocation{SpanRole::large, 0};
                break;
            case SpanPlace::partial:
                out[v.id] = SpanLocation{unswept ? SpanRole::partialUnswept : SpanRole::partialSwept, 0};
                break;
            case SpanPlace::full:
                out[v.id] = SpanLocation{unswept ? SpanRole::fullUnswept : SpanRole::fullSwept, 0};
                break;
            }
            out[v.id].sweep = v.sweepState;
        }
    };
    s.spans.resize(h.numSpanRecords());
    Places places(s.spans);
    visitHeap(rt, places);
    return s;
}

const char* pageStateName(PageState s) {
    switch (s) {
    case PageState::unmapped:
        return "reserved, not mapped";
    case PageState::released:
        return "free, released to the OS";
    case PageState::free:
        return "free (idle, not released)";
    case PageState::inUse:
        return "in use (span)";
    }
    return "?";
}

const char* spanRoleName(SpanRole r) {
    switch (r) {
    case SpanRole::none:
        return "in no list";
    case SpanRole::cached:
        return "cached in an mcache";
    case SpanRole::partialSwept:
        return "mcentral partial (swept)";
    case SpanRole::partialUnswept:
        return "mcentral partial (unswept)";
    case SpanRole::fullSwept:
        return "mcentral full (swept)";
    case SpanRole::fullUnswept:
        return "mcentral full (unswept)";
    case SpanRole::large:
        return "large object";
    }
    return "?";
}

} // namespace gclab::render
