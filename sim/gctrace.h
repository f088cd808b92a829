// gclab — the runtime's trace lines: GODEBUG=gctrace=1 and gcpacertrace=1, byte for byte as Go 1.19.
//
// Models: the gctrace print in gcMarkTermination (src/runtime/mgc.go), fmtNSAsMS and itoaDiv
// (mgc.go, msize/print helpers), printfloat (src/runtime/print.go) and the two gcpacertrace prints
// in startCycle and endCycle (src/runtime/mgcpacer.go), Go 1.19.
// Simplifications: times are the model's virtual nanoseconds since the Runtime was made (Go's
// runtimeInitTime); the stop-the-world CPU is the pause times GOMAXPROCS (Go uses
// min(GOMAXPROCS, ncpu); the model's Ps are its CPUs).
#pragma once

#include "sim/mgc.h"
#include "sim/mgcpacer.h"

#include <cstdint>
#include <span>
#include <string>

namespace gclab {

// fmtNSAsMS formats nanoseconds as Go's gctrace prints milliseconds: whole milliseconds from 10 ms,
// otherwise two significant digits with at most three decimals, "0" below one microsecond.
std::string fmtNSAsMS(std::uint64_t ns);

// goPrintFloat is Go's print(float64): sign, 7 significant digits, e and a signed 3-digit exponent
// ("+2.500000e-001"), or NaN / +Inf / -Inf.
std::string goPrintFloat(double v);

// gcCycleCPU is the cycle's GC CPU time as gc_cpu_fraction counts it: sweep termination and mark
// termination (pause × Ps) plus assist, dedicated and fractional work (idle marking is free).
std::int64_t gcCycleCPU(const GCCycleStats& c);

// formatGCTrace returns the gctrace line (with its newline) for history.back(); the cumulative GC
// CPU percentage needs every cycle before it.
std::string formatGCTrace(std::span<const GCCycleStats> history);

// formatPacerTraceStart is the line startCycle prints: the assist ratio, the heap to scan, heapLive
// at the start -> the goal, and the worker counts.
std::string formatPacerTraceStart(const GCController& c, std::uint64_t initialHeapLive);

// formatPacerTraceEnd is the line endCycle prints; c holds the cycle's scan work, triggered and
// heapLive, and the previous cycle's scan sizes.
std::string formatPacerTraceEnd(const GCController& c, const PacerCycleEnd& e);

} // namespace gclab
