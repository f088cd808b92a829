// Helpers shared by the scenario-file tests.
#pragma once

#include "scenarios/scenario_file.h"

#include <string>
#include <string_view>

namespace gclab::test {

// header is the [scenario] table every small test file starts with (lines 1 to 3).
inline constexpr std::string_view header = "[scenario]\nname = \"t\"\ndescription = \"d\"\n";

// parseError parses text as bad.toml and returns the error line, or "" if it parsed.
inline std::string parseError(std::string_view text) {
    try {
        parseScenarioFile(text, "bad.toml");
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "";
}

// withHeader prepends header to the rest of a test file (which then starts at line 4).
inline std::string withHeader(std::string_view rest) { return std::string(header) + std::string(rest); }

} // namespace gclab::test
