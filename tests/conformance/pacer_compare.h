// gclab conformance — the steady-state workload on real Go 1.19 and on the model, cycle by cycle.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace gclab {
class Runtime;
}

namespace gclab::conformance {

struct SteadyStateParams {
    std::uint64_t liveBytes = 8 << 20;
    std::uint64_t iterations = 100'000; // per worker
    std::uint32_t goroutines = 2;
    std::uint32_t garbagePerIter = 3;
    std::int32_t gogc = 100; // < 0: off
    std::int64_t memoryLimit = std::numeric_limits<std::int64_t>::max();
    std::uint32_t gomaxprocs = 2;
    std::uint64_t seed = 1;
};

// CycleRecord is one completed cycle. goal, heap1 and triggered come from gcpacertrace (bytes); Go's
// heap2 comes from the probe's own read of heapMarked (bytes) where it has one, else from gctrace in
// whole MB, recorded as MB + 0.5. The model's are all exact.
struct CycleRecord {
    std::uint32_t num = 0;
    bool hasPacerEnd = false;
    double goal = 0;  // lastHeapGoal, bytes (Go: heapLive - ∆goal from the pacer line)
    double heap1 = 0; // heapLive at the end of mark, bytes
    double heap2 = 0; // bytes marked
    bool heap2Exact = false;
    double triggered = 0; // the trigger the cycle started at, bytes
    std::uint64_t globalsScanWork = 0;
    std::uint64_t stackScanWork = 0;
    std::int64_t dedicated = 0;
    double fractional = 0;
    double assistCpuMs = 0;     // gctrace's mark-phase CPU: assists,
    double backgroundCpuMs = 0; // dedicated and fractional workers,
    double idleCpuMs = 0;       // and idle workers
};

struct PacerRun {
    std::vector<CycleRecord> cycles;
    std::uint64_t globalsScan = 0;        // bytes of globals the runtime scans (Go: the binary's data+bss)
    std::uint64_t limiterLastEnabled = 0; // /gc/limiter/last-enabled:gc-cycle at exit (0: never on)
    std::map<std::string, std::uint64_t> memStats; // runtime.MemStats at exit, by Go's field name
};

// runGoSteadyState runs the Go probe with GODEBUG=gctrace=1,gcpacertrace=1, parses its traces and
// takes each cycle's marked heap in bytes from the probe's `cycle N marked BYTES` lines, checking
// each against gctrace's whole MB (a mismatch throws: the probe's mirror of the runtime's
// gcControllerState would not fit the Go it runs on). With keep non-empty, the probe's output is kept
// in the files keep.traces and keep.out, and read from them instead of running Go when both exist, so
// that two builds of the model can be compared with the same Go runs.
PacerRun runGoSteadyState(const std::string& program, const SteadyStateParams& p,
                          const std::string& keep = "");

// goCommand is the shell command that runs the Go probe program with p's settings (GODEBUG
// gctrace and gcpacertrace on) and arguments; readCommand runs a command and returns its stdout,
// throwing when it cannot start or exits non-zero.
std::string goCommand(const std::string& program, const SteadyStateParams& p);
std::string readCommand(const std::string& cmd);

// buildSteadyState builds the steady-state scenario into rt with p's live set, iterations,
// goroutines and garbage per iteration.
void buildSteadyState(Runtime& rt, const SteadyStateParams& p);

// runModelSteadyState runs the steady-state scenario on the model, with globalsScan bytes of extra
// globals so that its roots weigh what the Go binary's do.
PacerRun runModelSteadyState(const SteadyStateParams& p, std::uint64_t globalsScan);

// PacerSummary is what the comparison looks at over the steady phase (the last two thirds of the
// cycles, at least two): the median goal, the median marked heap, and cycles per allocated byte
// (cycles / the heap growth from one cycle's marked heap to the next cycle's end of mark).
struct PacerSummary {
    std::size_t cycles = 0;
    std::size_t steadyCycles = 0;
    double medianGoal = 0;
    double medianLive = 0;
    double cyclesPerByte = 0;
    // backgroundShare: the dedicated and fractional workers' part of the mark CPU that is not idle
    // marking (gctrace's background / (assist + background)), over the steady phase.
    double backgroundShare = 0;
};

PacerSummary summarize(const PacerRun& r);

} // namespace gclab::conformance
