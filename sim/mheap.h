// gclab — mheap: arenas, the page → span map, span allocation and heap growth.
//
// Models: src/runtime/mheap.go (allocSpan, freeSpan, grow, spanOf, findObject from mbitmap.go) and
// the heap-arena address layout of src/runtime/malloc.go (Go 1.19, linux/amd64). Arenas are 64 MiB,
// reserved upward from the hint 0xc000000000; the heap is mapped in 4 MiB chunks, and new chunks
// count as released memory until a span uses them. See malloc.h for the overview.
// allocSpan reports the heap growth and the reused released bytes, from which Runtime::mheapAlloc
// decides allocation-time scavenging (mgcscavenge.h); scavengeOne releases free pages to the OS.
// Simplifications: address space is never exhausted and never discontiguous; no manual (stack,
// workbuf) spans yet; no per-arena heap bitmap (types live in the span, see mspan.h). The page
// map is cleared when a span is freed (Go leaves the stale entry and checks the span state).
#pragma once

#include "sim/mcentral.h"
#include "sim/mem_linux.h"
#include "sim/mspan.h"
#include "sim/pagealloc.h"
#include "sim/spanlayout.h"
#include "sim/spanstore.h"

#include <array>
#include <cstdint>
#include <vector>

namespace gclab {

inline constexpr uintptr heapArenaBytes = uintptr{64} << 20;
inline constexpr uintptr pagesPerArena = heapArenaBytes / pageSize;
inline constexpr uintptr arenaBaseHint = 0x00c000000000;
inline constexpr uintptr physPageSize = 4096;

// HeapArena is the per-64 MiB metadata Go keeps in heapArena.
struct HeapArena {
    std::vector<SpanId> spans = std::vector<SpanId>(pagesPerArena, emptymspan); // page -> span
    std::array<std::uint64_t, pagesPerArena / 64> pageInUse{};                  // first page of in-use spans
    std::array<std::uint64_t, pagesPerArena / 64> pageMarks{};                  // spans with a marked object
    uintptr zeroedBase = 0; // bytes from the arena's start: everything past it has never been used
};

// HeapStats are the consistent allocation statistics (Go: memstats.heapStats, heapStatsDelta).
struct HeapStats {
    std::array<std::uint64_t, numSizeClasses> smallAllocCount{};
    std::array<std::uint64_t, numSizeClasses> smallFreeCount{};
    std::uint64_t largeAlloc = 0;
    std::uint64_t largeAllocCount = 0;
    std::uint64_t largeFree = 0;
    std::uint64_t largeFreeCount = 0;
    std::uint64_t tinyAllocCount = 0;

    // totalAlloc and totalFree are bytes in slot sizes (Go: gcController.totalAlloc / totalFree).
    std::uint64_t totalAlloc() const {
        std::uint64_t n = largeAlloc;
        for (int c = 0; c < numSizeClasses; c++)
            n += smallAllocCount[c] * class_to_size[c];
        return n;
    }
    std::uint64_t totalFree() const {
        std::uint64_t n = largeFree;
        for (int c = 0; c < numSizeClasses; c++)
            n += smallFreeCount[c] * class_to_size[c];
        return n;
    }
};

// ObjectRef names one slot of one span.
struct ObjectRef {
    SpanId span = emptymspan;
    std::uint32_t slot = 0;
};

// SpanAlloc is what allocSpan did: the span, the bytes the heap grew by, and the bytes of the span
// that had been released to the OS (sysUsed again; they leave heapReleased).
struct SpanAlloc {
    SpanId id = emptymspan;
    uintptr growth = 0;
    uintptr scav = 0;
};

class MHeap {
  public:
    MHeap();

    // allocSpan allocates a heap span of npages for span class spc (Go: mheap.alloc/allocSpan).
    SpanAlloc allocSpan(uintptr npages, SpanClass spc);
    // allocNeedsZero reports whether [base, base+npages) was used before, so its objects must be zeroed
    // at allocation, and moves each arena's zeroedBase past the range (Go: mheap.allocNeedsZero).
    bool allocNeedsZero(uintptr base, uintptr npages);
    // scavengeOne releases the top of the highest run of free, unreleased pages, at most maxPages
    // (Go: pageAlloc.scavengeOne's sysUnused and accounting): heapReleased += n, heapFree -= n, and
    // the pages lose their RAM (the next access faults).
    PageAlloc::Range scavengeOne(uintptr maxPages, bool skipDense);
    // freeSpan returns an empty, swept heap span's pages to the page allocator.
    void freeSpan(SpanId s);

    MSpan& span(SpanId s) { return spans_[s]; }
    const MSpan& span(SpanId s) const { return spans_[s]; }
    std::size_t numSpanRecords() const { return spans_.size(); }
    // mspanHighWater is how many mspan records were ever in use at once (Go: the fixalloc spanalloc's
    // allocated records; emptymspan is a static in Go, not one of them); mspansInUse, how many are now.
    std::size_t mspanHighWater() const { return spans_.size() - 1; }
    std::size_t mspansInUse() const { return spans_.size() - 1 - freeSpanRecords_.size(); }
    // spanSharedWith says whether span record s is the same storage in o (a copy shares records until
    // either side changes them; see spanstore.h).
    bool spanSharedWith(const MHeap& o, SpanId s) const { return spans_.sharesChunkWith(o.spans_, s); }

    // spanOf returns the in-use span containing addr, or emptymspan (Go: spanOf + state check).
    SpanId spanOf(uintptr addr) const;
    // findObject resolves an address (possibly interior) to its span and slot; false if the address
    // is not inside an allocated object.
    bool findObject(uintptr addr, ObjectRef& out) const;
    // spanOfHeap is the marker's lookup (Go: spanOfUnchecked + state check): no allocated-slot check,
    // because a pointer the mutator could store always names an allocated object.
    SpanId spanOfHeap(uintptr addr) const {
        uintptr page = (addr - arenaBaseHint) >> pageShift;
        return page < spanMap_.size() ? spanMap_[page] : emptymspan;
    }
    // spanAtPage is the page map: heap page index (from arenaBaseHint) -> span, emptymspan if none.
    SpanId spanAtPage(uintptr page) const { return spanMap_[page]; }

    std::size_t numArenas() const { return arenas_.size(); }
    const HeapArena& arena(std::size_t i) const { return arenas_[i]; }
    HeapArena& arenaMut(std::size_t i) { return arenas_[i]; }
    HeapArena& arenaOf(uintptr addr) { return arenas_[(addr - arenaBaseHint) / heapArenaBytes]; }
    const HeapArena& arenaOf(uintptr addr) const { return arenas_[(addr - arenaBaseHint) / heapArenaBytes]; }
    uintptr arenaEnd() const { return arenaBaseHint + arenas_.size() * heapArenaBytes; }

    // goVersion decides the span layout: how many objects fit (spanlayout.h).
    GoVersion goVersion = GoVersion::go1_19;

    // State. Field names are Go's.
    std::uint32_t sweepgen = 0;
    std::array<MCentral, numSpanClasses> central{};
    PageAlloc pages{arenaBaseHint};
    // The kernel's side of the heap: which of its pages have RAM behind them.
    ResidentPages resident{arenaBaseHint};
    uintptr pagesInUse = 0;   // pages in mSpanInUse spans
    uintptr heapInUse = 0;    // bytes in mSpanInUse spans (Go 1.19 keeps these three in gcController)
    uintptr heapFree = 0;     // bytes of free pages that are not released
    uintptr heapReleased = 0; // bytes of free pages returned to the OS (incl. fresh growth)
    // heapSys is MemStats.HeapSys: every byte of heap address space that is mapped.
    uintptr heapSys() const { return heapInUse + heapFree + heapReleased; }
    HeapStats heapStats;
    struct {
        uintptr base = arenaBaseHint;
        uintptr end = arenaBaseHint;
    } curArena; // reserved but unused part of the current arena

  private:
    uintptr grow(uintptr npages);
    void sysAlloc(uintptr n);
    SpanId newSpanRecord();

    SpanStore spans_;             // records, indexed by SpanId; references stay valid as it grows
    std::vector<SpanId> spanMap_; // page -> span over every reserved arena
    std::vector<SpanId> freeSpanRecords_;
    std::vector<HeapArena> arenas_;
};

} // namespace gclab
