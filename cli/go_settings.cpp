// gclab run — Go's settings from the environment (GOGC, GOMEMLIMIT, GOMAXPROCS, GODEBUG) and the
// flags that override them (--gogc, --gomemlimit, --gomaxprocs, --go-version, --gctrace).
#include "sim/goenv.h"

#include "cli/commands.h"

#include <cstdlib>
#include <ostream>

namespace gclab::cli {

namespace {

// setting parses text (unset when null or empty) into out; on failure prints "gclab: [source: ]error".
template <class T, class Parse>
bool setting(const char* source, const char* text, Parse parse, T& out, std::ostream& err) {
    if (text == nullptr || *text == '\0')
        return true;
    auto r = parse(text);
    if (!r.value) {
        err << "gclab: " << (source != nullptr ? std::string(source) + ": " : "") << r.error << "\n";
        return false;
    }
    out = static_cast<T>(*r.value);
    return true;
}

} // namespace

bool applyGoSettings(const RunOptions& opt, RuntimeConfig& cfg, std::ostream& err) {
    if (!setting(nullptr, std::getenv("GOGC"), parseGOGC, cfg.gogc, err) ||
        !setting(nullptr, std::getenv("GOMEMLIMIT"), parseGOMEMLIMIT, cfg.memoryLimit, err) ||
        !setting(nullptr, std::getenv("GOMAXPROCS"), parseGOMAXPROCS, cfg.gomaxprocs, err))
        return false;
    if (const char* d = std::getenv("GODEBUG"))
        parseGODEBUG(d, cfg.godebug);
    if (!setting("--gogc", opt.gogc.c_str(), parseGOGC, cfg.gogc, err) ||
        !setting("--gomemlimit", opt.gomemlimit.c_str(), parseGOMEMLIMIT, cfg.memoryLimit, err) ||
        !setting(nullptr, opt.goVersion.c_str(), parseGoVersion, cfg.goVersion, err))
        return false;
    if (opt.gomaxprocs != 0)
        cfg.gomaxprocs = opt.gomaxprocs;
    if (opt.gctrace)
        cfg.godebug.gctrace = true;
    return true;
}

} // namespace gclab::cli
