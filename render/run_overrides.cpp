#include "render/run_overrides.h"

#include "sim/goenv.h"
#include "sim/mbarrier.h"

#include "scenarios/param_value.h"

#include <limits>

namespace gclab::render {

namespace {

constexpr const char* settingKeys = "gogc, gomemlimit, gomaxprocs, barrier, go-version";

// setting stores a parsed Go setting, or returns its message prefixed with the key.
template <class T, class U>
std::string setting(std::string_view key, const ParsedSetting<U>& r, std::optional<T>& out) {
    if (!r.value)
        return std::string(key) + ": " + r.error;
    out = static_cast<T>(*r.value);
    return "";
}

std::string applyOne(std::string_view item, const Scenario& scenario, RunOverrides& out) {
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return "expected KEY=VALUE, got '" + std::string(item) + "'";
    const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "gogc")
        return setting(key, parseGOGC(value), out.gogc);
    if (key == "gomemlimit")
        return setting(key, parseGOMEMLIMIT(value), out.memoryLimit);
    if (key == "gomaxprocs")
        return setting(key, parseGOMAXPROCS(value), out.gomaxprocs);
    if (key == "go-version")
        return setting(key, parseGoVersion(value), out.goVersion);
    if (key == "barrier") {
        if (std::optional<BarrierMode> m = parseBarrierMode(value)) {
            out.barrier = *m;
            return "";
        }
        return "barrier: expected hybrid, hybrid-conceptual, dijkstra, yuasa or off, got '" +
               std::string(value) + "'";
    }
    for (const ScenarioParam& p : scenario.params) {
        if (p.name != key)
            continue;
        std::int64_t v = 0;
        std::string err;
        if (!parseParamValue(p, value, v, err))
            return p.name + ": " + err;
        out.params[p.name] = v;
        return "";
    }
    std::string names;
    for (const ScenarioParam& p : scenario.params)
        names += ", " + p.name;
    return "unknown setting '" + std::string(key) + "'; expected " + settingKeys +
           (names.empty() ? std::string(" (scenario " + scenario.name + " has no parameters)")
                          : " or a parameter of scenario " + scenario.name + names);
}

} // namespace

std::string parseRunOverrides(std::string_view spec, const Scenario& scenario, RunOverrides& out) {
    out = RunOverrides{};
    if (spec == "original")
        return "";
    if (spec.empty())
        return "--compare: expected 'original' or KEY=VALUE[,KEY=VALUE...], e.g. gogc=50,gomemlimit=64MiB";
    while (!spec.empty()) {
        const std::size_t comma = spec.find(',');
        const std::string_view item = spec.substr(0, comma);
        if (std::string err = applyOne(item, scenario, out); !err.empty())
            return "--compare: " + err;
        spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
        if (comma != std::string_view::npos && spec.empty())
            return "--compare: expected KEY=VALUE after the last ','";
    }
    return "";
}

void applyRunOverrides(const RunOverrides& o, LoadedScenario& sc, ParamValues& params) {
    if (o.gogc)
        sc.scenario.gogc = *o.gogc;
    if (o.memoryLimit)
        sc.scenario.memoryLimit = *o.memoryLimit;
    if (o.gomaxprocs)
        sc.scenario.gomaxprocs = *o.gomaxprocs;
    if (o.barrier)
        sc.barrier = *o.barrier;
    if (o.goVersion)
        sc.goVersion = *o.goVersion;
    for (const auto& [name, v] : o.params)
        if (params.contains(name))
            params[name] = v;
}

std::string describeRun(const Runtime& rt, const LoadedScenario& sc, const ParamValues& params,
                        const ParamValues& reference) {
    const std::int32_t gogc = rt.gcController.gcPercent;
    const std::int64_t limit = rt.gcController.memoryLimit;
    std::string s =
        "GOGC=" + (gogc < 0 ? std::string("off") : std::to_string(gogc)) + " GOMEMLIMIT=" +
        (limit == std::numeric_limits<std::int64_t>::max() ? std::string("off") : formatBytes(limit)) +
        " GOMAXPROCS=" + std::to_string(rt.allp.size()) + " " + std::string(barrierModeName(rt.barrier)) +
        (rt.config().goVersion == GoVersion::go1_26 ? " go1.26" : " go1.19");
    for (const ScenarioParam& p : sc.scenario.params) {
        auto it = params.find(p.name), ref = reference.find(p.name);
        if (it != params.end() && (ref == reference.end() || ref->second != it->second))
            s += " " + p.name + "=" + formatParamValue(p, it->second);
    }
    return s;
}

} // namespace gclab::render
