#include "render/scenario_source.h"

#include "scenarios/scenario_file.h"

#include <stdexcept>

namespace gclab::render {

LoadedScenario loadScenario(const std::string& nameOrPath) {
    if (isScenarioFilePath(nameOrPath)) {
        ScenarioFile f = loadScenarioFile(nameOrPath);
        return LoadedScenario{f.scenario, f.barrier, f.seed, nameOrPath, GoVersion::go1_19};
    }
    const Scenario* s = findScenario(nameOrPath);
    if (s == nullptr) {
        std::string names;
        for (const Scenario& x : allScenarios())
            names += (names.empty() ? "" : ", ") + x.name;
        throw std::runtime_error("unknown scenario \"" + nameOrPath + "\"; built-in scenarios: " + names +
                                 " (a scenario file needs a path ending in .toml)");
    }
    LoadedScenario out{*s, BarrierMode::hybrid, 1, "", GoVersion::go1_19};
    if (const ScenarioFile* lib = findLibraryScenario(nameOrPath)) {
        out.barrier = lib->barrier;
        out.seed = lib->seed;
    }
    return out;
}

RuntimeConfig runConfig(const LoadedScenario& sc) {
    RuntimeConfig cfg = scenarioSettings(sc.scenario, nullptr);
    cfg.barrier = sc.barrier;
    cfg.seed = sc.seed;
    cfg.goVersion = sc.goVersion;
    cfg.recordEvents = true;
    return cfg;
}

Runtime runScenario(const LoadedScenario& sc, const ParamValues& values, std::uint64_t ticks, bool validate) {
    RuntimeConfig cfg = runConfig(sc);
    cfg.recordEvents = false;
    cfg.validate = validate;
    Runtime rt(cfg);
    sc.scenario.build(rt, values);
    while (rt.tick < ticks && rt.step()) {
    }
    return rt;
}

std::string defaultScenarioName() { return findScenario("tour") != nullptr ? "tour" : "steady-state"; }

} // namespace gclab::render
