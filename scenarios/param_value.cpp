#include "scenarios/param_value.h"

#include "scenarios/diagnostic_text.h"

#include <limits>

namespace gclab {

bool parseCount(std::string_view s, std::int64_t& out) {
    if (s.empty() || s.front() == '_' || s.back() == '_')
        return false;
    std::int64_t v = 0;
    for (std::size_t i = 0; i < s.size(); i++) {
        char c = s[i];
        if (c == '_') {
            if (s[i - 1] == '_')
                return false;
            continue;
        }
        if (c < '0' || c > '9')
            return false;
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v))
            return false;
    }
    out = v;
    return true;
}

std::int64_t sizeSuffixMultiplier(std::string_view suffix) {
    if (suffix == "B")
        return 1;
    if (suffix == "KiB")
        return std::int64_t{1} << 10;
    if (suffix == "MiB")
        return std::int64_t{1} << 20;
    if (suffix == "GiB")
        return std::int64_t{1} << 30;
    if (suffix == "TiB")
        return std::int64_t{1} << 40;
    return 0;
}

bool parseByteSize(std::string_view s, std::int64_t& out) {
    std::size_t digits = 0;
    while (digits < s.size() && ((s[digits] >= '0' && s[digits] <= '9') || s[digits] == '_'))
        digits++;
    std::int64_t n = 0;
    if (!parseCount(s.substr(0, digits), n))
        return false;
    std::int64_t mul = 1;
    if (digits < s.size()) {
        mul = sizeSuffixMultiplier(s.substr(digits));
        if (mul == 0)
            return false;
    }
    return !__builtin_mul_overflow(n, mul, &out);
}

std::string formatBytes(std::int64_t v) {
    static constexpr const char* suffixes[] = {"TiB", "GiB", "MiB", "KiB"};
    for (int i = 0; i < 4; i++) {
        std::int64_t unit = std::int64_t{1} << (40 - 10 * i);
        if (v != 0 && v % unit == 0)
            return std::to_string(v / unit) + suffixes[i];
    }
    return std::to_string(v) + "B";
}

std::string formatParamValue(const ScenarioParam& p, std::int64_t v) {
    return p.kind == ScenarioParam::Kind::bytes ? formatBytes(v) : std::to_string(v);
}

bool parseParamValue(const ScenarioParam& p, std::string_view text, std::int64_t& out, std::string& err) {
    std::int64_t v = 0;
    bool ok = p.kind == ScenarioParam::Kind::bytes ? parseByteSize(text, v) : parseCount(text, v);
    if (!ok) {
        err = p.kind == ScenarioParam::Kind::bytes
                  ? "expected a byte size: a non-negative integer with an optional B, KiB, MiB, GiB or "
                    "TiB suffix, like 8MiB"
                  : "expected a non-negative integer, like 100";
        return false;
    }
    if (v < p.min || v > p.max) {
        err = "expected a value from " + formatParamValue(p, p.min) + " to " + formatParamValue(p, p.max) +
              ", got " + formatParamValue(p, v);
        return false;
    }
    out = v;
    return true;
}

namespace {
// asWritten is the argument as the user typed it, on one line (quoted() without the quotes).
std::string asWritten(std::string_view text) {
    std::string q = quoted(text);
    return q.substr(1, q.size() - 2);
}
} // namespace

std::string applyParamOverride(const Scenario& s, std::string_view assignment, ParamValues& values) {
    std::size_t eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return "--param " + asWritten(assignment) + ": expected name=value, like --param " +
               (s.params.empty() ? std::string("n=10")
                                 : s.params.front().name + "=" +
                                       formatParamValue(s.params.front(), s.params.front().defaultValue));
    std::string_view name = assignment.substr(0, eq);
    std::string_view text = assignment.substr(eq + 1);
    std::vector<std::string> names;
    for (const ScenarioParam& p : s.params)
        names.push_back(p.name);
    for (const ScenarioParam& p : s.params) {
        if (p.name != name)
            continue;
        std::string err;
        std::int64_t v = 0;
        if (!parseParamValue(p, text, v, err))
            return "--param " + asWritten(assignment) + ": " + err;
        values[p.name] = v;
        return "";
    }
    if (names.empty())
        return "--param " + quoted(name) + ": scenario " + s.name + " has no parameters";
    return "--param: scenario " + s.name + " has no parameter " + quoted(name) + didYouMean(name, names) +
           "; its parameters are " + joined(names, "and");
}

} // namespace gclab
