// pacer_table — one row of the pacer conformance table: the steady-state workload on Go 1.19 and on
// the model with the same settings. Used by tools/pacer_conformance.sh.
//
// Usage: pacer_table [--cycles] LIVE_BYTES ITERATIONS GOGC|off GOMEMLIMIT_BYTES|off GOMAXPROCS
// --cycles also prints every cycle of both runs (bytes): the trigger the cycle started at, heapLive at
// the end of mark, the marked heap and the goal, and where the trigger lay in the runway from the
// previous marked heap to the goal (Go's bounds: 45/64 = 0.703 to 61/64 = 0.953).
// When the GC CPU limiter was on in either run, a line on stderr gives the last cycle it was on in
// each (Go's /gc/limiter/last-enabled:gc-cycle at exit; the model's own).
#include "pacer_compare.h"

#include <cstdio>
#include <exception>
#include <string>

using namespace gclab::conformance;

namespace {

void printCycles(const char* side, const PacerRun& r) {
    for (std::size_t i = 0; i < r.cycles.size(); i++) {
        const CycleRecord& c = r.cycles[i];
        double marked = i > 0 ? r.cycles[i - 1].heap2 : 0;
        double position = c.goal > marked ? (c.triggered - marked) / (c.goal - marked) : 0;
        std::printf(
            "%s cycle %u: triggered %.0f end-of-mark %.0f marked %.0f%s goal %.0f trigger at %.3f of the "
            "runway, end of mark at %.3f of the goal\n",
            side, c.num, c.triggered, c.heap1, c.heap2, c.heap2Exact ? "" : " (MB)", c.goal, position,
            c.goal > 0 ? c.heap1 / c.goal : 0);
    }
}

} // namespace

int main(int argc, char** argv) {
    bool cycles = argc > 1 && std::string(argv[1]) == "--cycles";
    if (cycles) {
        argc--;
        argv++;
    }
    if (argc != 6) {
        std::fprintf(
            stderr,
            "usage: pacer_table [--cycles] LIVE_BYTES ITERATIONS GOGC|off GOMEMLIMIT|off GOMAXPROCS\n");
        return 2;
    }
    try {
        SteadyStateParams p;
        p.liveBytes = std::stoull(argv[1]);
        p.iterations = std::stoull(argv[2]);
        p.gogc = std::string(argv[3]) == "off" ? -1 : std::stoi(argv[3]);
        p.memoryLimit = std::string(argv[4]) == "off" ? p.memoryLimit : std::stoll(argv[4]);
        p.gomaxprocs = static_cast<std::uint32_t>(std::stoul(argv[5]));
        PacerRun go = runGoSteadyState(GCLAB_GO_STEADYSTATE, p);
        PacerRun model = runModelSteadyState(p, go.globalsScan);
        std::size_t exact = 0;
        for (const CycleRecord& c : go.cycles)
            exact += c.heap2Exact ? 1 : 0;
        if (exact != go.cycles.size())
            std::fprintf(
                stderr,
                "pacer_table: Go's marked heap is exact in %zu of %zu cycles (the rest: gctrace MB)\n", exact,
                go.cycles.size());
        if (go.limiterLastEnabled != 0 || model.limiterLastEnabled != 0)
            std::fprintf(stderr,
                         "pacer_table: GC CPU limiter last on in cycle: Go %llu, model %llu (0: never)\n",
                         static_cast<unsigned long long>(go.limiterLastEnabled),
                         static_cast<unsigned long long>(model.limiterLastEnabled));
        if (cycles) {
            printCycles("Go", go);
            printCycles("model", model);
        }
        PacerSummary g = summarize(go), m = summarize(model);
        auto pct = [](double a, double b) { return b != 0 ? 100.0 * (a - b) / b : 0.0; };
        std::printf("| %s MiB | %s | %s | %s | %zu / %zu | %.2f / %.2f | %+.1f%% | %.2f / %.2f | %.2f / %.2f "
                    "| %+.1f%% |\n",
                    std::to_string(p.liveBytes >> 20).c_str(), argv[3], argv[4], argv[5], g.cycles, m.cycles,
                    g.medianGoal / (1 << 20), m.medianGoal / (1 << 20), pct(m.medianGoal, g.medianGoal),
                    g.medianLive / (1 << 20), m.medianLive / (1 << 20), g.cyclesPerByte * (1 << 30),
                    m.cyclesPerByte * (1 << 30), pct(m.cyclesPerByte, g.cyclesPerByte));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "pacer_table: %s\n", e.what());
        return 1;
    }
    return 0;
}
