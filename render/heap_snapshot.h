// gclab-gui — what every heap page and span is, read from the model through its const accessors.
//
// The heap map needs, per 8 KiB page of the reserved arenas, one of four states and how much of it has
// RAM, and per in-use span where it currently lives (an mcache, an mcentral set, or nowhere because it
// is large). Until the model grows a read-only visitor (planned with the collector), this file is the
// one place that walks MHeap, PageAlloc, MCentral and the per-P MCaches for the views. Pure C++: no GL,
// no ImGui.
#pragma once

#include "sim/runtime.h"
#include "sim/visit.h"

#include <cstdint>
#include <vector>

namespace gclab::render {

// PageState says what a page of reserved address space is used for.
enum class PageState : std::uint8_t {
    unmapped, // reserved with its 64 MiB arena but not yet mapped (beyond the page allocator's range)
    released, // mapped, free, and returned to the OS (pageAlloc's scavenged bit; includes fresh growth)
    free,     // mapped, free, not released (counted in heapFree)
    inUse,    // part of an mSpanInUse span
};

// SpanRole says where an in-use span sits in the allocator's data structures.
enum class SpanRole : std::uint8_t {
    none,           // not an in-use span (or found in no list: validate() would throw)
    cached,         // in some P's mcache.alloc[spanclass]
    partialSwept,   // mcentral.partial, swept half: has free slots
    partialUnswept, // mcentral.partial, unswept half (only after a GC)
    fullSwept,      // mcentral.full, swept half: no free slots
    fullUnswept,    // mcentral.full, unswept half (only after a GC)
    large,          // a large-object span (span class 0 or 1)
};

struct PageInfo {
    PageState state = PageState::unmapped;
    SpanClass spanclass{};         // inUse pages only
    SpanId span = emptymspan;      // inUse pages only
    std::uint8_t residentHalves{}; // how many of the page's two 4 KiB halves have RAM (mem_linux.h)
};

struct SpanLocation {
    SpanRole role = SpanRole::none;
    std::uint32_t p = 0;                // cached: which P's mcache holds the span
    SpanSweep sweep = SpanSweep::swept; // mspan.sweepgen against mheap.sweepgen (sim/visit.h)
};

struct HeapSnapshot {
    std::uint64_t numPages = 0;      // every page of the reserved arenas
    std::uint64_t mappedPages = 0;   // pages inside the page allocator's range (from the arena hint)
    std::vector<PageInfo> pages;     // indexed by page number from arenaBaseHint
    std::vector<SpanLocation> spans; // indexed by SpanId
    std::uint64_t count[4] = {};     // pages per PageState

    std::uint64_t pagesIn(PageState s) const { return count[static_cast<int>(s)]; }
    // spanStart reports whether page p is the first page of its span or of a run of non-span pages.
    bool runStart(std::uint64_t p) const {
        if (p == 0)
            return true;
        const PageInfo &a = pages[p - 1], &b = pages[p];
        return a.state != b.state || a.span != b.span;
    }
};

// takeSnapshot classifies every page and places every in-use span. Cost: one pass over the pages of the
// reserved arenas (8192 per arena) plus one over the mcaches and mcentral sets.
HeapSnapshot takeSnapshot(const Runtime& rt);

const char* pageStateName(PageState s);
const char* spanRoleName(SpanRole r);

} // namespace gclab::render
