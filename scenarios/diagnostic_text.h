// gclab — wording helpers for scenario-file errors: quoting user text, listing choices, suggestions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gclab {

// quoted writes text in double quotes on one line: control characters are escaped and long text is
// cut short with "...", so that an error message never spans lines.
std::string quoted(std::string_view text);

// joined lists names as "a, b, c"; with lastWord, "a, b or c".
std::string joined(const std::vector<std::string>& names, std::string_view lastWord = "");

// didYouMean returns " (did you mean X?)" when one candidate is a near miss of name, else "".
std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates);

} // namespace gclab
