// pacer_table — one row of the pacer conformance table: the steady-state workload on Go 1.19 and on
// the model with the same settings. Used by tools/pacer_conformance.sh.
//
// Usage: pacer_table [--cycles] [--go-runs N] [--go-keep DIR] [--against DIR2 | --model-seeds M]
//                    LIVE_BYTES ITERATIONS GOGC|off GOMEMLIMIT_BYTES|off GOMAXPROCS
// --go-runs N runs Go N times (the same seed; Go's runs differ by scheduling and wall time) and compares
// the model with the median of Go's per-run figures, printing Go's lowest and highest too.
// --cycles also prints every cycle of both runs (bytes): the trigger the cycle started at, heapLive at
// the end of mark, the marked heap and the goal, and where the trigger lay in the runway from the
// previous marked heap to the goal (Go's bounds: 45/64 = 0.703 to 61/64 = 0.953), and gctrace's mark
// CPU split into assists, dedicated/fractional workers and idle workers, and then the MemStats fields both
// sides report at exit.
// --go-keep DIR keeps each Go run's output in DIR (one pair of files per row and run) and reads it
// from there when it is already kept: two builds of the model against the same Go runs.
// --against DIR2 (with --go-runs N) puts the median of N other Go runs, kept in DIR2 the same way, where
// the model's numbers would be: Go against itself, the noise floor of the comparison.
// --model-seeds M (with --go-runs N) runs the model with seeds 1 to M and compares the median of its
// per-run figures: one seed is one draw of the random stores, as one Go run is one draw of the
// scheduling, and a cycle that overshoots early in the fill phase moves a single run's steady phase.
// When the GC CPU limiter was on in either run, a line on stderr gives the last cycle it was on in
// each (Go's /gc/limiter/last-enabled:gc-cycle at exit; the model's own).
#include "pacer_compare.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

using namespace gclab::conformance;

namespace {

void printCycles(const char* side, const PacerRun& r) {
    for (std::size_t i = 0; i < r.cycles.size(); i++) {
        const CycleRecord& c = r.cycles[i];
        double marked = i > 0 ? r.cycles[i - 1].heap2 : 0;
        double position = c.goal > marked ? (c.triggered - marked) / (c.goal - marked) : 0;
        std::printf(
            "%s cycle %u: triggered %.0f end-of-mark %.0f marked %.0f%s goal %.0f trigger at %.3f of the "
            "runway, end of mark at %.3f of the goal, mark CPU %.3g assist / %.3g background / %.3g idle "
            "ms\n",
            side, c.num, c.triggered, c.heap1, c.heap2, c.heap2Exact ? "" : " (MB)", c.goal, position,
            c.goal > 0 ? c.heap1 / c.goal : 0, c.assistCpuMs, c.backgroundCpuMs, c.idleCpuMs);
    }
}

struct Spread {
    double median = 0, low = 0, high = 0;
};

Spread spreadOf(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return {n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v.front(), v.back()};
}

double pct(double a, double b) { return b != 0 ? 100.0 * (a - b) / b : 0.0; }

const char* inRange(double x, const Spread& s) { return x >= s.low && x <= s.high ? "yes" : "no"; }

// withSteadyPhase keeps the runs that have a steady phase (3 cycles or more; pacer_compare.h): a run
// with fewer has no goal, marked heap or rate to compare, and its zeros would pull a median down.
std::vector<PacerSummary> withSteadyPhase(const std::vector<PacerSummary>& runs) {
    std::vector<PacerSummary> kept;
    for (const PacerSummary& r : runs)
        if (r.steadyCycles > 0)
            kept.push_back(r);
    return kept;
}

// medianSummary is the median of each figure over runs (what a row compares): the cycle count over all
// of them, the steady-phase figures over those that have one (all zero when none has).
PacerSummary medianSummary(const std::vector<PacerSummary>& runs) {
    auto median = [](const std::vector<PacerSummary>& of, auto PacerSummary::*f) {
        std::vector<double> v;
        for (const PacerSummary& r : of)
            v.push_back(static_cast<double>(r.*f));
        return spreadOf(v).median;
    };
    PacerSummary m;
    m.cycles = static_cast<std::size_t>(median(runs, &PacerSummary::cycles));
    const std::vector<PacerSummary> steady = withSteadyPhase(runs);
    if (steady.empty())
        return m;
    m.steadyCycles = static_cast<std::size_t>(median(steady, &PacerSummary::steadyCycles));
    m.medianGoal = median(steady, &PacerSummary::medianGoal);
    m.medianLive = median(steady, &PacerSummary::medianLive);
    m.cyclesPerByte = median(steady, &PacerSummary::cyclesPerByte);
    return m;
}

// noSteadyPhase is what a row prints in place of the steady-phase columns when a side has fewer than 3
// cycles; the summary of pacer_conformance.sh counts such a row as missing the targets.
constexpr const char* noSteadyPhase =
    "no steady phase to compare (runs with one: Go %zu of %zu, model %zu of %zu)";

// printRangeRow prints the median of the model's runs (or of other Go runs) against the median of Go's
// runs, with Go's range. Runs without a steady phase count in the cycles column only.
void printRangeRow(char** argv, std::uint64_t liveBytes, const std::vector<PacerSummary>& gos,
                   const std::vector<PacerSummary>& models) {
    const PacerSummary m = medianSummary(models);
    std::vector<double> cycles, goals, lives, rates;
    for (const PacerSummary& g : gos)
        cycles.push_back(static_cast<double>(g.cycles));
    const std::vector<PacerSummary> steady = withSteadyPhase(gos);
    for (const PacerSummary& g : steady) {
        goals.push_back(g.medianGoal / (1 << 20));
        lives.push_back(g.medianLive / (1 << 20));
        rates.push_back(g.cyclesPerByte * (1 << 30));
    }
    Spread c = spreadOf(cycles);
    std::printf("| %s MiB | %s | %s | %s | %.0f [%.0f–%.0f] / %zu | ",
                std::to_string(liveBytes >> 20).c_str(), argv[3], argv[4], argv[5], c.median, c.low, c.high,
                m.cycles);
    if (steady.empty() || m.steadyCycles == 0) {
        std::printf(noSteadyPhase, steady.size(), gos.size(), withSteadyPhase(models).size(), models.size());
        std::printf(" | n/a | no | n/a | n/a | n/a | no |\n");
        return;
    }
    Spread goal = spreadOf(goals), live = spreadOf(lives), rate = spreadOf(rates);
    double mGoal = m.medianGoal / (1 << 20), mLive = m.medianLive / (1 << 20),
           mRate = m.cyclesPerByte * (1 << 30);
    std::printf(
        "%.2f [%.2f–%.2f] / %.2f | %+.1f%% | %s | %.2f / %.2f | %.2f [%.2f–%.2f] / %.2f | %+.1f%% | %s |\n",
        goal.median, goal.low, goal.high, mGoal, pct(mGoal, goal.median), inRange(mGoal, goal), live.median,
        mLive, rate.median, rate.low, rate.high, mRate, pct(mRate, rate.median), inRange(mRate, rate));
}

} // namespace

int main(int argc, char** argv) {
    bool cycles = argc > 1 && std::string(argv[1]) == "--cycles";
    if (cycles) {
        argc--;
        argv++;
    }
    unsigned long goRuns = 1;
    if (argc > 2 && std::string(argv[1]) == "--go-runs") {
        goRuns = std::strtoul(argv[2], nullptr, 10);
        argc -= 2;
        argv += 2;
    }
    std::string keepDir, againstDir;
    if (argc > 2 && std::string(argv[1]) == "--go-keep") {
        keepDir = argv[2];
        argc -= 2;
        argv += 2;
    }
    if (argc > 2 && std::string(argv[1]) == "--against") {
        againstDir = argv[2];
        argc -= 2;
        argv += 2;
    }
    unsigned long modelSeeds = 1;
    if (argc > 2 && std::string(argv[1]) == "--model-seeds") {
        modelSeeds = std::strtoul(argv[2], nullptr, 10);
        argc -= 2;
        argv += 2;
    }
    const bool rangeRow = !againstDir.empty() || modelSeeds > 1;
    if (argc != 6 || goRuns == 0 || modelSeeds == 0 || (!againstDir.empty() && modelSeeds > 1) ||
        (rangeRow && (goRuns < 2 || cycles))) {
        std::fprintf(stderr,
                     "usage: pacer_table [--cycles] [--go-runs N] [--go-keep DIR] [--against DIR2 | "
                     "--model-seeds M] LIVE_BYTES ITERATIONS GOGC|off GOMEMLIMIT|off GOMAXPROCS (--against "
                     "and --model-seeds need --go-runs 2 or more, not --cycles)\n");
        return 2;
    }
    try {
        SteadyStateParams p;
        p.liveBytes = std::stoull(argv[1]);
        p.iterations = std::stoull(argv[2]);
        p.gogc = std::string(argv[3]) == "off" ? -1 : std::stoi(argv[3]);
        p.memoryLimit = std::string(argv[4]) == "off" ? p.memoryLimit : std::stoll(argv[4]);
        p.gomaxprocs = static_cast<std::uint32_t>(std::stoul(argv[5]));
        auto keepIn = [&](const std::string& dir, unsigned long run) {
            return dir.empty() ? std::string()
                               : dir + "/go-" + argv[1] + "-" + argv[2] + "-" + argv[3] + "-" + argv[4] +
                                     "-" + argv[5] + "-run" + std::to_string(run);
        };
        auto keep = [&](unsigned long run) { return keepIn(keepDir, run); };
        PacerRun go = runGoSteadyState(GCLAB_GO_STEADYSTATE, p, keep(1));
        if (goRuns > 1) {
            std::vector<PacerSummary> gos{summarize(go)};
            for (unsigned long i = 1; i < goRuns; i++)
                gos.push_back(summarize(runGoSteadyState(GCLAB_GO_STEADYSTATE, p, keep(i + 1))));
            std::vector<PacerSummary> compared;
            if (againstDir.empty()) {
                for (unsigned long seed = 1; seed <= modelSeeds; seed++) {
                    SteadyStateParams mp = p;
                    mp.seed = seed;
                    compared.push_back(summarize(runModelSteadyState(mp, go.globalsScan)));
                }
            } else {
                for (unsigned long i = 0; i < goRuns; i++)
                    compared.push_back(
                        summarize(runGoSteadyState(GCLAB_GO_STEADYSTATE, p, keepIn(againstDir, i + 1))));
            }
            printRangeRow(argv, p.liveBytes, gos, compared);
            return 0;
        }
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
            for (const auto& [field, value] : model.memStats) {
                auto it = go.memStats.find(field);
                if (it != go.memStats.end())
                    std::printf("exit MemStats %s: Go %llu, model %llu\n", field.c_str(),
                                static_cast<unsigned long long>(it->second),
                                static_cast<unsigned long long>(value));
            }
        }
        PacerSummary g = summarize(go), m = summarize(model);
        std::printf("| %s MiB | %s | %s | %s | %zu / %zu | ", std::to_string(p.liveBytes >> 20).c_str(),
                    argv[3], argv[4], argv[5], g.cycles, m.cycles);
        if (g.steadyCycles == 0 || m.steadyCycles == 0) {
            std::printf(noSteadyPhase, std::size_t{g.steadyCycles > 0}, std::size_t{1},
                        std::size_t{m.steadyCycles > 0}, std::size_t{1});
            std::printf(" | n/a | n/a | n/a | n/a |\n");
            return 0;
        }
        std::printf("%.2f / %.2f | %+.1f%% | %.2f / %.2f | %.2f / %.2f | %+.1f%% |\n",
                    g.medianGoal / (1 << 20), m.medianGoal / (1 << 20), pct(m.medianGoal, g.medianGoal),
                    g.medianLive / (1 << 20), m.medianLive / (1 << 20), g.cyclesPerByte * (1 << 30),
                    m.cyclesPerByte * (1 << 30), pct(m.cyclesPerByte, g.cyclesPerByte));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "pacer_table: %s\n", e.what());
        return 1;
    }
    return 0;
}
