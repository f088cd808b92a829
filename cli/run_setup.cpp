#include "cli/run_setup.h"

#include "scenarios/param_value.h"

#include <ostream>

namespace gclab::cli {

std::optional<RunSetup> prepareRun(const RunOptions& opt, std::ostream& err) {
    RunSetup s;
    if (isScenarioFilePath(opt.scenario)) {
        try {
            s.loaded = std::make_shared<const ScenarioFile>(loadScenarioFile(opt.scenario));
        } catch (const ScenarioError& e) {
            err << e.what() << "\n";
            return std::nullopt;
        }
        s.file = s.loaded.get();
        s.scenario = &s.loaded->scenario;
    } else {
        s.scenario = findScenario(opt.scenario);
        if (s.scenario == nullptr) {
            err << "gclab: unknown scenario \"" << opt.scenario
                << "\" (gclab list shows them; a scenario file needs a path ending in .toml)\n";
            return std::nullopt;
        }
        s.file = findLibraryScenario(opt.scenario);
    }

    s.values = s.scenario->defaults();
    for (const std::string& assignment : opt.params) {
        std::string e = applyParamOverride(*s.scenario, assignment, s.values);
        if (!e.empty()) {
            err << "gclab: " << e << "\n";
            return std::nullopt;
        }
    }

    s.cfg = scenarioSettings(*s.scenario, s.file);
    RuntimeConfig& cfg = s.cfg;
    if (!applyGoSettings(opt, cfg, err))
        return std::nullopt;
    if (!opt.barrier.empty()) {
        auto mode = parseBarrierMode(opt.barrier);
        if (!mode) {
            err << "gclab: --barrier: expected hybrid, hybrid-conceptual, dijkstra, yuasa or off, got \""
                << opt.barrier << "\"\n";
            return std::nullopt;
        }
        cfg.barrier = *mode;
    }
    if (opt.seedSet)
        cfg.seed = opt.seed;
    cfg.checkmark = opt.oracle;
    cfg.logStores = opt.oracle;
    return s;
}

std::optional<Runtime> buildStart(const RunSetup& setup, std::ostream& err) {
    std::optional<Runtime> rt(std::in_place, setup.cfg);
    try {
        setup.scenario->build(*rt, setup.values);
    } catch (const ScenarioError& e) {
        err << e.what() << "\n";
        return std::nullopt;
    } catch (const RuntimeThrow& t) {
        err << t.what() << "\n";
        return std::nullopt;
    }
    return rt;
}

std::string whereFailed(const Runtime& rt, const ScenarioFile* file) {
    if (file == nullptr || rt.curG == 0 || rt.curG > rt.allgs.size())
        return "";
    const G& g = rt.goroutine(rt.curG);
    if (g.kind != GKind::user || g.program == Runtime::noProgram)
        return "";
    return file->where(g.program, g.pc);
}

} // namespace gclab::cli
