// gclab — scenario parameter values as people write them: 64, 1_000, 8MiB.
//
// Shared by the scenario-file parser (default/min/max of bytes parameters), count expressions (size
// literals like 4KiB) and the command line (--param name=value).
#pragma once

#include "scenarios/scenario.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace gclab {

// parseCount reads a non-negative decimal integer (digits, optionally grouped with single
// underscores between digits: 1_000_000). False if s is not one or does not fit in int64.
bool parseCount(std::string_view s, std::int64_t& out);

// sizeSuffixMultiplier returns the multiplier of a Go-style size suffix (B, KiB, MiB, GiB, TiB, as Go's
// GOMEMLIMIT accepts), or 0.
std::int64_t sizeSuffixMultiplier(std::string_view suffix);

// parseByteSize reads a count with an optional size suffix: 64, 64B, 16KiB, 8MiB, 1GiB, 2TiB.
bool parseByteSize(std::string_view s, std::int64_t& out);

// formatBytes writes a byte count with the largest suffix that divides it exactly (8MiB, 1536B).
std::string formatBytes(std::int64_t v);

// formatParamValue writes a parameter value as its kind reads it (bytes with a suffix).
std::string formatParamValue(const ScenarioParam& p, std::int64_t v);

// parseParamValue parses text as p's kind and checks [min, max]; on failure returns false and sets
// err to what was expected.
bool parseParamValue(const ScenarioParam& p, std::string_view text, std::int64_t& out, std::string& err);

// applyParamOverride applies "name=value" (the CLI's --param) to values, which holds the scenario's
// defaults; returns "" or an error message naming what was expected.
std::string applyParamOverride(const Scenario& s, std::string_view assignment, ParamValues& values);

} // namespace gclab
