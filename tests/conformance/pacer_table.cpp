// pacer_table — one row of the pacer conformance table: the steady-state workload on Go 1.19 and on
// the model with the same settings. Used by tools/pacer_conformance.sh.
//
// Usage: pacer_table LIVE_BYTES ITERATIONS GOGC|off GOMEMLIMIT_BYTES|off GOMAXPROCS
#include "pacer_compare.h"

#include <cstdio>
#include <exception>
#include <string>

using namespace gclab::conformance;

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: pacer_table LIVE_BYTES ITERATIONS GOGC|off GOMEMLIMIT|off GOMAXPROCS\n");
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
