// gclab — the memory Go maps besides the heap: what GOMEMLIMIT counts beyond heap spans.
//
// Models: the non-heap part of gcController.mappedReady in Go 1.19 (GCSys, MSpanSys, StackSys,
// OtherSys, ...: everything in MemStats.Sys outside HeapSys). The model does not allocate these
// structures; it estimates their size so that the memory-limit goal sees what Go's does.
// Calibration (Go 1.19.8, linux/amd64, this machine; the steady-state probe in
// tests/conformance/go/steadystate): Sys - HeapSys was 9.26 MB at HeapSys 8.0 MB, 9.52 MB at 20.6 MB,
// 12.63 MB at 75.3 MB and 21.46 MB at 264 MB. That fits a fixed base, one heapArena metadata block per
// 64 MiB arena (its 2 MiB pointer bitmap, 64 KiB span map and page bitmaps: Go 1.19's heapArena
// struct), and about 1.5 % of the heap for mspans and mark/alloc bits.
// Simplification: a fit, not a per-structure account; stacks do not grow with goroutines. Workbuf
// spans, part of GCSys in Go, are modelled and counted separately (mgcwork.h, WorkbufSpans::bytes); the
// fit was not redone for them (Go's exit-time GCSys may hold a few hundred KiB of them).
#pragma once

#include <cstdint>

namespace gclab {

inline constexpr std::uint64_t nonHeapBaseBytes = 6'970'000;
inline constexpr std::uint64_t heapArenaMetadataBytes = (2 << 20) + (64 << 10) + 4 * 1024;

// nonHeapMapped estimates the non-heap memory Go would have mapped for a heap of heapSys bytes
// (in-use + free + released) spread over arenas.
inline std::uint64_t nonHeapMapped(std::uint64_t heapSys, std::uint64_t arenas) {
    return nonHeapBaseBytes + arenas * heapArenaMetadataBytes + heapSys / 200 * 3;
}

} // namespace gclab
