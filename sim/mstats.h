// gclab — runtime.MemStats as the model reports it.
//
// Models: MemStats and readmemstats_m in src/runtime/mstats.go (Go 1.19). Field names are Go's.
// Reading does not flush the mcaches as Go's ReadMemStats does; instead it adds each cached span's
// pending counts, which gives the numbers Go would report right after its flush.
// Simplifications: the memory outside the heap (StackSys, BuckHashSys, GCSys, OtherSys, and so part of
// Sys) is sim/sysmem.h's estimate, except the workbuf spans in GCSys; MSpanSys/MSpanInuse and
// MCacheSys/MCacheInuse are counted from the model's spans and Ps plus a fitted number of Go's own
// spans; StackInuse equals StackSys, as on linux. Pause times are virtual nanoseconds; Lookups is 0.
// GCCPUFraction follows gcMarkTermination: the GC CPU time of every completed cycle (both pauses ×
// GOMAXPROCS, plus assist, dedicated and fractional mark time; idle marking is free) over the CPU time
// available since the start (GOMAXPROCS × virtual time at the end of the last cycle). Like Go's it
// changes only when a cycle ends. The model's clock starts at 0 and GOMAXPROCS never changes during a
// run.
#pragma once

#include "sim/sizeclasses.h"

#include <array>
#include <cstdint>

namespace gclab {

class Runtime;

struct MemStats {
    std::uint64_t Alloc = 0;
    std::uint64_t TotalAlloc = 0;
    std::uint64_t Sys = 0;
    std::uint64_t Mallocs = 0;
    std::uint64_t Frees = 0;
    std::uint64_t HeapAlloc = 0;
    std::uint64_t HeapSys = 0;
    std::uint64_t HeapIdle = 0;
    std::uint64_t HeapInuse = 0;
    std::uint64_t HeapReleased = 0;
    std::uint64_t HeapObjects = 0;
    std::uint64_t StackInuse = 0;
    std::uint64_t StackSys = 0;
    std::uint64_t MSpanInuse = 0;
    std::uint64_t MSpanSys = 0;
    std::uint64_t MCacheInuse = 0;
    std::uint64_t MCacheSys = 0;
    std::uint64_t BuckHashSys = 0;
    std::uint64_t GCSys = 0;
    std::uint64_t OtherSys = 0;
    std::uint64_t NextGC = 0;
    std::uint64_t NumGC = 0;
    std::uint64_t NumForcedGC = 0;
    std::uint64_t PauseTotalNs = 0;
    double GCCPUFraction = 0;
    struct BySizeEntry {
        std::uint32_t Size = 0;
        std::uint64_t Mallocs = 0;
        std::uint64_t Frees = 0;
    };
    // Go reports only size classes 0..60 (up to 18432 bytes) in BySize.
    std::array<BySizeEntry, 61> BySize{};
};

MemStats readMemStats(const Runtime& rt);

} // namespace gclab
