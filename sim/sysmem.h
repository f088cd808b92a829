// gclab — the memory Go maps besides the heap: what GOMEMLIMIT counts beyond heap spans.
//
// Models: the non-heap part of gcController.mappedReady in Go 1.19, which MemStats.Sys reports as
// StackSys, MSpanSys, MCacheSys, BuckHashSys, GCSys and OtherSys (src/runtime/mstats.go). The model
// does not allocate these structures; it computes their size so that the memory-limit goal sees what
// Go's does, and MemStats reports it in Go's fields.
// The mspan and mcache structs are counted, not estimated: Go allocates them from fixallocs that map
// 16 KiB chunks (_FixAllocChunk) and never return them, so MSpanSys is the whole chunks that held the
// most mspans ever in use at once and MCacheSys the chunks for one mcache per P (sizes: Go 1.19.8,
// linux/amd64, measured here: MSpanInuse a multiple of 144, MCacheInuse 1200 x GOMAXPROCS,
// MCacheSys 15600 x ceil(GOMAXPROCS / 13)). The model's own spans are MHeap's records; Go has about
// 56 more of its own (stack spans, workbufs, the runtime's heap objects: Go's MSpanInuse minus the
// model's at the same point of the steady-state run, 2026-12-02: -14 to 120, median 56).
// The rest is a fit (Go 1.19.8 here, the steady-state probe in tests/conformance/go/steadystate,
// 2026-12-02): Sys - HeapSys - MSpanSys - MCacheSys was 8.83-9.56 MB (median 9.06 MB) in 24 runs with
// one heap arena (live set 1-16 MiB, one or two Ps, seeds 1-3): a fixed base, and one heapArena
// metadata block per 64 MiB arena (its 2 MiB pointer bitmap, 64 KiB span map and page bitmaps: Go
// 1.19's heapArena struct). The base is split as Go's MemStats split it: StackSys 196608-262144,
// BuckHashSys 3761, OtherSys 327655-921543 (the median here); the rest of the base and the arena
// metadata are GC metadata, as in Go's GCSys (8.20-8.72 MB with one arena).
// Past one arena the fit falls short of Go by up to 11 % (2026-12-02: 12.09 MB against the model's
// 11.23 MB at HeapSys 130 MB, 22.18 MB against 19.90 MB at 348 MB): Go's mark and allocation bitmaps
// grow with the heap. A term for that moves the 8 MiB tight-limit rows between the pacer's two
// regimes there (docs/pacer.md), so it waits for a recalibration of those rows.
// Before the first cycle starts Go has mapped less of it: `gclabcalib -n 60000 nonheap` prints 8.42 MB
// before its first runtime.GC() and 8.90 after (GCSys and OtherSys grow), and the steady-state probe's
// pacer (tools/go_pacer_debug.sh, GOGC=off GOMEMLIMIT=24 MiB, P=1) counted 8.70 MB outside the heap at
// the first trigger and 9.22 two cycles later, where the model counted 9.32 and 9.47 (2026-12-03). The
// model leaves out firstCycleMetadataBytes until the first cycle starts: Go's step without the workbufs
// the model counts itself.
// Simplification: the base is a fit, not a per-structure account; stacks do not grow with goroutines.
// Workbuf spans, part of GCSys in Go, are modelled and counted separately (mgcwork.h,
// WorkbufSpans::bytes); the fit was not redone for them (Go's exit-time GCSys may hold a few hundred
// KiB of them).
#pragma once

#include <cstdint>

namespace gclab {

inline constexpr std::uint64_t nonHeapBaseBytes = 6'896'000;
inline constexpr std::uint64_t firstCycleMetadataBytes = 620'000;
inline constexpr std::uint64_t heapArenaMetadataBytes = (2 << 20) + (64 << 10) + 4 * 1024;
inline constexpr std::uint64_t stackSysBytes = 262'144;
inline constexpr std::uint64_t buckHashSysBytes = 3'761;
inline constexpr std::uint64_t otherSysBytes = 672'479;
inline constexpr std::uint64_t fixAllocChunk = 16 << 10;
inline constexpr std::uint64_t mspanBytes = 144;   // sizeof(mspan)
inline constexpr std::uint64_t mcacheBytes = 1200; // sizeof(mcache)
inline constexpr std::uint64_t runtimeMSpans = 56;

// fixAllocSys is what a fixalloc of size-byte records has mapped once it held n at once: whole chunks,
// each of 16 KiB rounded down to a multiple of size (Go: fixalloc.alloc's persistentalloc of nchunk).
inline constexpr std::uint64_t fixAllocSys(std::uint64_t n, std::uint64_t size) {
    const std::uint64_t perChunk = fixAllocChunk / size;
    return (n + perChunk - 1) / perChunk * perChunk * size;
}

// NonHeapSys is the memory Go would have mapped outside the heap, in MemStats' fields, with the
// mspan and mcache structs in use. gcMiscSys is GCSys without the workbuf spans.
struct NonHeapSys {
    std::uint64_t stackSys = 0;
    std::uint64_t mspanSys = 0;
    std::uint64_t mspanInuse = 0;
    std::uint64_t mcacheSys = 0;
    std::uint64_t mcacheInuse = 0;
    std::uint64_t buckHashSys = 0;
    std::uint64_t gcMiscSys = 0;
    std::uint64_t otherSys = 0;

    std::uint64_t total() const {
        return stackSys + mspanSys + mcacheSys + buckHashSys + gcMiscSys + otherSys;
    }
};

// MetadataCounts is what the non-heap memory is computed from: the heap arenas, the model's mspan
// records (the most ever in use at once, and now) and GOMAXPROCS.
struct MetadataCounts {
    std::uint64_t arenas = 0;
    std::uint64_t mspanHighWater = 0;
    std::uint64_t mspansInUse = 0;
    std::uint64_t procs = 0;
    bool cycleStarted = true; // a GC cycle has started (the mark's metadata exists)
};

inline NonHeapSys nonHeapSys(const MetadataCounts& c) {
    NonHeapSys s;
    s.stackSys = stackSysBytes;
    s.mspanSys = fixAllocSys(c.mspanHighWater + runtimeMSpans, mspanBytes);
    s.mspanInuse = (c.mspansInUse + runtimeMSpans) * mspanBytes;
    s.mcacheSys = fixAllocSys(c.procs, mcacheBytes);
    s.mcacheInuse = c.procs * mcacheBytes;
    s.buckHashSys = buckHashSysBytes;
    s.otherSys = otherSysBytes;
    s.gcMiscSys = nonHeapBaseBytes - stackSysBytes - buckHashSysBytes - otherSysBytes +
                  c.arenas * heapArenaMetadataBytes - (c.cycleStarted ? 0 : firstCycleMetadataBytes);
    return s;
}

} // namespace gclab
