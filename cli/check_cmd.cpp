// gclab check FILE — validate a scenario file without running it.
#include "cli/commands.h"
#include "scenarios/scenario_file.h"

#include <ostream>

namespace gclab::cli {

int checkScenarioFile(const std::string& path, std::ostream& out, std::ostream& err) {
    try {
        ScenarioFile f = loadScenarioFile(path);
        // Build it once with the defaults (nothing runs): every type, global, program and goroutine
        // must be accepted by the model as well.
        RuntimeConfig cfg;
        cfg.gomaxprocs = f.scenario.gomaxprocs;
        cfg.gogc = f.scenario.gogc;
        Runtime rt(cfg);
        f.scenario.build(rt, f.scenario.defaults());
    } catch (const ScenarioError& e) {
        err << e.what() << "\n";
        return 2;
    } catch (const RuntimeThrow& t) {
        err << path << ":1:1: the model rejected the scenario: " << t.what() << "\n";
        return 2;
    }
    out << "ok\n";
    return 0;
}

} // namespace gclab::cli
