#include "cli/run_setup.h"

#include "scenarios/param_value.h"

#include <charconv>
#include <ostream>

namespace gclab::cli {

namespace {

bool parseGOGC(const std::string& text, std::int32_t& out, std::ostream& err) {
    if (text == "off") {
        out = -1;
        return true;
    }
    std::int32_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || v < 0) {
        err << "gclab: --gogc: expected a non-negative integer or \"off\", got \"" << text << "\"\n";
        return false;
    }
    out = v;
    return true;
}

} // namespace

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

    RuntimeConfig& cfg = s.cfg;
    cfg.gomaxprocs = opt.gomaxprocs != 0 ? opt.gomaxprocs : s.scenario->gomaxprocs;
    cfg.gogc = s.scenario->gogc;
    if (!opt.gogc.empty() && !parseGOGC(opt.gogc, cfg.gogc, err))
        return std::nullopt;
    cfg.barrier = s.file != nullptr ? s.file->barrier : BarrierMode::hybrid;
    if (!opt.barrier.empty()) {
        auto mode = parseBarrierMode(opt.barrier);
        if (!mode) {
            err << "gclab: --barrier: expected hybrid, hybrid-conceptual, dijkstra, yuasa or off, got \""
                << opt.barrier << "\"\n";
            return std::nullopt;
        }
        cfg.barrier = *mode;
    }
    cfg.seed = opt.seedSet ? opt.seed : s.file != nullptr ? s.file->seed : 1;
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
