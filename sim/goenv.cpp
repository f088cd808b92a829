#include "sim/goenv.h"

#include <limits>

namespace gclab {

namespace {

// atoi64 is Go's runtime atoi64: an optional '-', then decimal digits only; false on overflow.
std::optional<std::int64_t> atoi64(std::string_view s) {
    if (s.empty())
        return std::nullopt;
    bool neg = false;
    if (s[0] == '-') {
        neg = true;
        s.remove_prefix(1);
        if (s.empty())
            return std::nullopt;
    }
    constexpr std::uint64_t maxInt64 = std::numeric_limits<std::int64_t>::max();
    std::uint64_t un = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        if (un > maxInt64 / 10)
            return std::nullopt;
        un = un * 10 + static_cast<std::uint64_t>(c - '0');
        if (un > maxInt64)
            return std::nullopt;
    }
    auto n = static_cast<std::int64_t>(un);
    return neg ? -n : n;
}

std::optional<std::int32_t> atoi32(std::string_view s) {
    auto n = atoi64(s);
    if (!n || *n < std::numeric_limits<std::int32_t>::min() || *n > std::numeric_limits<std::int32_t>::max())
        return std::nullopt;
    return static_cast<std::int32_t>(*n);
}

std::string quoted(std::string_view s) {
    std::string q;
    q.reserve(s.size() + 2);
    q.append(1, '"').append(s).append(1, '"');
    return q;
}

} // namespace

std::optional<std::int64_t> parseByteCount(std::string_view s) {
    if (s.empty())
        return std::nullopt;
    auto nonNegative = [](std::optional<std::int64_t> n) -> std::optional<std::int64_t> {
        if (!n || *n < 0)
            return std::nullopt;
        return n;
    };
    char last = s.back();
    if (last >= '0' && last <= '9')
        return nonNegative(atoi64(s));
    if (last != 'B' || s.size() < 2)
        return std::nullopt;
    char c = s[s.size() - 2];
    if (c >= '0' && c <= '9')
        return nonNegative(atoi64(s.substr(0, s.size() - 1)));
    if (c != 'i' || s.size() < 4)
        return std::nullopt;
    int power = 0;
    switch (s[s.size() - 3]) {
    case 'K':
        power = 1;
        break;
    case 'M':
        power = 2;
        break;
    case 'G':
        power = 3;
        break;
    case 'T':
        power = 4;
        break;
    default:
        return std::nullopt;
    }
    std::uint64_t m = 1;
    for (int i = 0; i < power; i++)
        m *= 1024;
    auto n = nonNegative(atoi64(s.substr(0, s.size() - 3)));
    if (!n)
        return std::nullopt;
    auto un = static_cast<std::uint64_t>(*n);
    if (un > std::numeric_limits<std::uint64_t>::max() / m)
        return std::nullopt;
    un *= m;
    if (un > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::nullopt;
    return static_cast<std::int64_t>(un);
}

ParsedSetting<std::int32_t> parseGOGC(std::string_view s) {
    if (s == "off")
        return {-1, ""};
    if (auto n = atoi32(s))
        return {*n < 0 ? -1 : *n, ""};
    return {std::nullopt, "GOGC=" + std::string(s) +
                              ": expected an integer percentage or \"off\" (Go 1.19 would silently use 100)"};
}

ParsedSetting<std::int64_t> parseGOMEMLIMIT(std::string_view s) {
    if (s == "off")
        return {std::numeric_limits<std::int64_t>::max(), ""};
    if (auto n = parseByteCount(s))
        return {*n, ""};
    return {std::nullopt,
            "GOMEMLIMIT=" + std::string(s) +
                ": malformed GOMEMLIMIT; expected \"off\" or bytes with an optional B, KiB, MiB, "
                "GiB or TiB suffix (see `go doc runtime/debug.SetMemoryLimit`)"};
}

ParsedSetting<std::uint32_t> parseGOMAXPROCS(std::string_view s) {
    auto n = atoi32(s);
    if (n && *n >= 1 && *n <= 256)
        return {static_cast<std::uint32_t>(*n), ""};
    return {std::nullopt,
            "GOMAXPROCS=" + std::string(s) +
                ": expected an integer from 1 to 256 (Go 1.19 would ignore it and use the CPU count)"};
}

void parseGODEBUG(std::string_view s, GODebug& d) {
    while (!s.empty()) {
        std::size_t comma = s.find(',');
        std::string_view pair = s.substr(0, comma);
        s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
        std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos)
            continue;
        std::string_view key = pair.substr(0, eq);
        auto n = atoi64(pair.substr(eq + 1));
        if (!n)
            continue;
        bool on = *n != 0;
        if (key == "gctrace")
            d.gctrace = on;
        else if (key == "gcpacertrace")
            d.gcpacertrace = on;
        else if (key == "scavtrace")
            d.scavtrace = on;
    }
}

ParsedSetting<GoVersion> parseGoVersion(std::string_view s) {
    if (s == "1.19")
        return {GoVersion::go1_19, ""};
    if (s == "1.26")
        return {GoVersion::go1_26, ""};
    return {std::nullopt, "--go-version " + quoted(s) + ": expected 1.19 or 1.26"};
}

} // namespace gclab
