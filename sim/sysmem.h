// gclab — the memory Go maps besides the heap: what GOMEMLIMIT counts beyond heap spans.
//
// Models: the non-heap part of gcController.mappedReady in Go 1.19, which MemStats.Sys reports as
// StackSys, MSpanSys, MCacheSys, BuckHashSys, GCSys and OtherSys (src/runtime/mstats.go). The model
// does not allocate these structures; it estimates their size so that the memory-limit goal sees what
// Go's does, and MemStats reports the estimate in Go's fields.
// Calibration (Go 1.19.8, linux/amd64, this machine; the steady-state probe in
// tests/conformance/go/steadystate): Sys - HeapSys was 9.26 MB at HeapSys 8.0 MB, 9.52 MB at 20.6 MB,
// 12.63 MB at 75.3 MB and 21.46 MB at 264 MB. That fits a fixed base, one heapArena metadata block per
// 64 MiB arena (its 2 MiB pointer bitmap, 64 KiB span map and page bitmaps: Go 1.19's heapArena
// struct), and about 1.5 % of the heap for the mspan structures (MSpanSys was 1.2-1.7 % of HeapSys
// from 8 to 360 MB). The base is split as Go's MemStats split it in the same probe at 1-360 MB of
// heap, one or two Ps: StackSys 229376-294912, MCacheSys 15600, BuckHashSys 3761, OtherSys
// 327655-921543 (the median here); the rest of the base and the arena metadata are GC metadata, as in
// Go's GCSys (8.23-8.37 MB with one arena).
// Past one arena the fit falls short of Go by 6-11 % (2026-12-02: 14.06-14.26 MB at HeapSys 126-130 MB,
// 27.99-28.35 MB at 356-360 MB): Go's mark and allocation bitmaps grow with the heap. A refit with
// that term (base 6.79 MB + 2.32 % of the heap) is within 2 % of every point, but it moves the
// 8 MiB tight-limit rows between the pacer's two regimes there (docs/pacer.md), so it waits for a
// recalibration of those rows.
// Simplification: a fit, not a per-structure account; stacks do not grow with goroutines. Workbuf
// spans, part of GCSys in Go, are modelled and counted separately (mgcwork.h, WorkbufSpans::bytes); the
// fit was not redone for them (Go's exit-time GCSys may hold a few hundred KiB of them).
#pragma once

#include <cstdint>

namespace gclab {

inline constexpr std::uint64_t nonHeapBaseBytes = 6'970'000;
inline constexpr std::uint64_t heapArenaMetadataBytes = (2 << 20) + (64 << 10) + 4 * 1024;
inline constexpr std::uint64_t stackSysBytes = 262'144;
inline constexpr std::uint64_t mcacheSysBytes = 15'600;
inline constexpr std::uint64_t buckHashSysBytes = 3'761;
inline constexpr std::uint64_t otherSysBytes = 672'479;

// NonHeapSys is the estimate of the memory Go would have mapped outside the heap, in MemStats' fields.
// gcMiscSys is GCSys without the workbuf spans.
struct NonHeapSys {
    std::uint64_t stackSys = 0;
    std::uint64_t mspanSys = 0;
    std::uint64_t mcacheSys = 0;
    std::uint64_t buckHashSys = 0;
    std::uint64_t gcMiscSys = 0;
    std::uint64_t otherSys = 0;

    std::uint64_t total() const {
        return stackSys + mspanSys + mcacheSys + buckHashSys + gcMiscSys + otherSys;
    }
};

// nonHeapSys estimates it for a heap of heapSys bytes (in-use + free + released) spread over arenas.
inline NonHeapSys nonHeapSys(std::uint64_t heapSys, std::uint64_t arenas) {
    NonHeapSys s;
    s.stackSys = stackSysBytes;
    s.mspanSys = heapSys / 200 * 3;
    s.mcacheSys = mcacheSysBytes;
    s.buckHashSys = buckHashSysBytes;
    s.otherSys = otherSysBytes;
    s.gcMiscSys = nonHeapBaseBytes - stackSysBytes - mcacheSysBytes - buckHashSysBytes - otherSysBytes +
                  arenas * heapArenaMetadataBytes;
    return s;
}

// nonHeapMapped is the estimate's total.
inline std::uint64_t nonHeapMapped(std::uint64_t heapSys, std::uint64_t arenas) {
    return nonHeapSys(heapSys, arenas).total();
}

} // namespace gclab
