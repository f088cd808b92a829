// gclab — Go's environment settings: GOGC, GOMEMLIMIT, GOMAXPROCS and GODEBUG, parsed as Go 1.19 does.
//
// Models: readGOGC and readGOMEMLIMIT (src/runtime/mgcpacer.go), parseByteCount and atoi64
// (src/runtime/string.go), the GOMAXPROCS read in schedinit (proc.go) and parsedebugvars
// (runtime1.go), Go 1.19.
// Differences, on purpose: where Go silently falls back (GOGC=abc gives 100, a bad GOMAXPROCS is
// ignored) these parsers report an error, so that a typo in a sandbox run is not mistaken for a
// result; each message says what Go would have done. GODEBUG keys the model does not know are
// ignored, as in Go.
#pragma once

#include "sim/runtime.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gclab {

// ParsedSetting is a value or the one-line reason it was rejected.
template <class T>
struct ParsedSetting {
    std::optional<T> value;
    std::string error;
};

// parseByteCount is Go's: decimal bytes with an optional B, KiB, MiB, GiB or TiB suffix (powers of
// 1024), no sign, no spaces; the result must fit in int64.
std::optional<std::int64_t> parseByteCount(std::string_view s);

// parseGOGC: "off" or an integer percentage (a negative one also means off, as in Go).
ParsedSetting<std::int32_t> parseGOGC(std::string_view s);

// parseGOMEMLIMIT: "off" (no limit, std::int64_t max) or a byte count.
ParsedSetting<std::int64_t> parseGOMEMLIMIT(std::string_view s);

// parseGOMAXPROCS: an integer from 1 to 256 (Go's _MaxGomaxprocs for the model).
ParsedSetting<std::uint32_t> parseGOMAXPROCS(std::string_view s);

// parseGODEBUG reads comma-separated key=value pairs into d: gctrace, gcpacertrace and scavtrace
// are on when their value is a non-zero integer. Other keys are left alone, as Go does.
void parseGODEBUG(std::string_view s, GODebug& d);

// parseGoVersion: "1.19" or "1.26" (the profiles the model has).
ParsedSetting<GoVersion> parseGoVersion(std::string_view s);

} // namespace gclab
