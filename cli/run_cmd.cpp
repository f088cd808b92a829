// gclab run / gclab list — run a built-in scenario or a scenario file headless, with the oracle on.
#include "sim/mstats.h"

#include "cli/commands.h"
#include "scenarios/param_value.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_file.h"

#include <cstdio>
#include <optional>
#include <ostream>

namespace gclab::cli {

void listScenarios(std::ostream& out) {
    for (const Scenario& s : allScenarios())
        out << s.name << "  " << s.description << "\n";
}

namespace {

// whereFailed names the op a failed goroutine was running, as FILE:LINE:COL, when it came from a file.
std::string whereFailed(const Runtime& rt, const ScenarioFile* file) {
    if (file == nullptr || rt.curG == 0 || rt.curG > rt.allgs.size())
        return "";
    const G& g = rt.goroutine(rt.curG);
    if (g.kind != GKind::user || g.program == Runtime::noProgram)
        return "";
    return file->where(g.program, g.pc);
}

} // namespace

int runScenario(const RunOptions& opt, std::ostream& out, std::ostream& err) {
    std::optional<ScenarioFile> loaded;
    const Scenario* sc = nullptr;
    const ScenarioFile* file = nullptr;
    if (isScenarioFilePath(opt.scenario)) {
        try {
            loaded = loadScenarioFile(opt.scenario);
        } catch (const ScenarioError& e) {
            err << e.what() << "\n";
            return 2;
        }
        file = &*loaded;
        sc = &loaded->scenario;
    } else {
        sc = findScenario(opt.scenario);
        if (sc == nullptr) {
            err << "gclab: unknown scenario \"" << opt.scenario
                << "\" (gclab list shows them; a scenario file needs a path ending in .toml)\n";
            return 2;
        }
        file = findLibraryScenario(opt.scenario);
    }

    ParamValues values = sc->defaults();
    for (const std::string& assignment : opt.params) {
        std::string e = applyParamOverride(*sc, assignment, values);
        if (!e.empty()) {
            err << "gclab: " << e << "\n";
            return 2;
        }
    }

    RuntimeConfig cfg;
    cfg.gomaxprocs = sc->gomaxprocs;
    cfg.gogc = sc->gogc;
    if (!applyGoSettings(opt, cfg, err))
        return 2;
    cfg.barrier = file != nullptr ? file->barrier : BarrierMode::hybrid;
    if (!opt.barrier.empty()) {
        auto mode = parseBarrierMode(opt.barrier);
        if (!mode) {
            err << "gclab: --barrier: expected hybrid, hybrid-conceptual, dijkstra, yuasa or off, got \""
                << opt.barrier << "\"\n";
            return 2;
        }
        cfg.barrier = *mode;
    }
    cfg.seed = opt.seedSet ? opt.seed : file != nullptr ? file->seed : 1;
    cfg.checkmark = opt.oracle;
    cfg.logStores = opt.oracle;

    Runtime rt(cfg);
    std::uint64_t steps = 0;
    try {
        sc->build(rt, values);
    } catch (const ScenarioError& e) {
        err << e.what() << "\n";
        return 2;
    } catch (const RuntimeThrow& t) {
        err << t.what() << "\n";
        return 2;
    }
    try {
        // GODEBUG traces go to stderr as the runtime prints them.
        while (rt.step()) {
            steps++;
            if (!rt.debugOut.empty()) {
                err << rt.debugOut << std::flush;
                rt.debugOut.clear();
            }
        }
    } catch (const OracleViolation& v) {
        out << v.what() << "\n";
        return 3;
    } catch (const RuntimeThrow& t) {
        std::string where = whereFailed(rt, file);
        err << (where.empty() ? "" : where + ": ") << t.what() << "\n";
        return 2;
    }
    MemStats m = readMemStats(rt);
    out << "scenario " << sc->name << ": " << steps << " steps, " << rt.now() << " ns virtual, " << m.NumGC
        << " GC cycles (" << m.NumForcedGC << " forced), barrier " << barrierModeName(rt.barrier) << "\n";
    if (!sc->params.empty()) {
        out << "params:";
        for (const ScenarioParam& p : sc->params)
            out << " " << p.name << "=" << formatParamValue(p, values.at(p.name));
        out << "\n";
    }
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
