// gclab run / gclab list — run a built-in scenario headless, with the oracle on.
#include "sim/mstats.h"

#include "cli/commands.h"
#include "scenarios/scenario.h"

#include <charconv>
#include <cstdio>
#include <ostream>

namespace gclab::cli {

void listScenarios(std::ostream& out) {
    for (const Scenario& s : allScenarios())
        out << s.name << "  " << s.description << "\n";
}

int runScenario(const RunOptions& opt, std::ostream& out, std::ostream& err) {
    const Scenario* sc = findScenario(opt.scenario);
    if (sc == nullptr) {
        err << "gclab: unknown scenario \"" << opt.scenario << "\" (gclab list shows them)\n";
        return 2;
    }
    RuntimeConfig cfg;
    cfg.gomaxprocs = opt.gomaxprocs != 0 ? opt.gomaxprocs : sc->gomaxprocs;
    cfg.gogc = sc->gogc;
    if (!opt.gogc.empty()) {
        if (opt.gogc == "off") {
            cfg.gogc = -1;
        } else {
            std::int32_t v = 0;
            auto [ptr, ec] = std::from_chars(opt.gogc.data(), opt.gogc.data() + opt.gogc.size(), v);
            if (ec != std::errc() || ptr != opt.gogc.data() + opt.gogc.size() || v < 0) {
                err << "gclab: --gogc: expected a non-negative integer or \"off\", got \"" << opt.gogc
                    << "\"\n";
                return 2;
            }
            cfg.gogc = v;
        }
    }
    auto mode = parseBarrierMode(opt.barrier);
    if (!mode) {
        err << "gclab: --barrier: expected hybrid, hybrid-conceptual, dijkstra, yuasa or off, got \""
            << opt.barrier << "\"\n";
        return 2;
    }
    cfg.barrier = *mode;
    cfg.seed = opt.seed;
    cfg.checkmark = opt.oracle;
    cfg.logStores = opt.oracle;

    Runtime rt(cfg);
    sc->build(rt, sc->defaults());
    std::uint64_t steps = 0;
    try {
        steps = rt.runUntilDone(~std::uint64_t{0});
    } catch (const OracleViolation& v) {
        out << v.what() << "\n";
        return 3;
    } catch (const RuntimeThrow& t) {
        err << t.what() << "\n";
        return 2;
    }
    MemStats m = readMemStats(rt);
    out << "scenario " << sc->name << ": " << steps << " steps, " << rt.now() << " ns virtual, " << m.NumGC
        << " GC cycles (" << m.NumForcedGC << " forced), barrier " << barrierModeName(rt.barrier) << "\n";
    out << "heap: HeapAlloc=" << m.HeapAlloc << " HeapInuse=" << m.HeapInuse
        << " HeapObjects=" << m.HeapObjects << " Mallocs=" << m.Mallocs << " Frees=" << m.Frees
        << " NextGC=" << m.NextGC << "\n";
    if (opt.oracle)
        out << "oracle: every reachable object was marked in every cycle\n";
    if (opt.hash) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%016llx",
                      static_cast<unsigned long long>(rt.stateHash() ^ rt.eventHash.h));
        out << buf << "\n";
    }
    return 0;
}

} // namespace gclab::cli
