// libFuzzer target for the scenario-file parser (tools/fuzz.sh builds and runs it).
//
// Contract checked on every input: parsing either returns a scenario or throws ScenarioError whose
// message is exactly one line `fuzz.toml:LINE:COL: message` with LINE and COL at least 1 and LINE
// within the input; any other exception, crash or sanitizer report is a bug. A scenario that parses
// must also build into a fresh Runtime with its defaults, since the parser promises that nothing
// the model rejects gets past it.
#include "sim/runtime.h"

#include "scenarios/scenario_file.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void broken(const char* what, const std::string& detail) {
    std::fprintf(stderr, "scenario_file_fuzzer: %s: %s\n", what, detail.c_str());
    std::abort();
}

void checkErrorLine(std::string_view text, const gclab::ScenarioError& e) {
    const std::string msg = e.what();
    const std::string prefix = "fuzz.toml:";
    if (msg.compare(0, prefix.size(), prefix) != 0)
        broken("error without the file name", msg);
    if (msg.find('\n') != std::string::npos || msg.find('\r') != std::string::npos)
        broken("error spans lines", msg);
    std::size_t lines = 1;
    for (char c : text)
        lines += c == '\n' ? 1 : 0;
    if (e.pos.line < 1 || e.pos.column < 1 || e.pos.line > lines + 1)
        broken("error position outside the input", msg);
    const std::string where = prefix + std::to_string(e.pos.line) + ":" + std::to_string(e.pos.column) + ": ";
    if (msg.compare(0, where.size(), where) != 0 || msg.size() == where.size())
        broken("malformed error line", msg);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    gclab::ScenarioFile f;
    try {
        f = gclab::parseScenarioFile(text, "fuzz.toml");
    } catch (const gclab::ScenarioError& e) {
        checkErrorLine(text, e);
        return 0;
    }
    try {
        gclab::RuntimeConfig cfg;
        cfg.gomaxprocs = f.scenario.gomaxprocs;
        cfg.gogc = f.scenario.gogc;
        gclab::Runtime rt(cfg);
        f.scenario.build(rt, f.scenario.defaults());
    } catch (const std::exception& e) {
        broken("a parsed scenario does not build", e.what());
    }
    return 0;
}
