// gclab — source positions for scenario files: FILE:LINE:COL errors, also inside strings.
//
// A scenario file's diagnostics are one line each, `FILE:LINE:COL: message`, with LINE and COL 1-based
// and COL counted in Unicode code points, as toml++ counts them. Op strings and expressions are parsed
// after TOML has decoded them, so every decoded string keeps the source position of each of its bytes
// (LocatedString) and an error inside it can point at the exact character.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gclab {

struct SourcePos {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

// ScenarioError is the one error a scenario file reports: what() is `FILE:LINE:COL: message`.
class ScenarioError : public std::runtime_error {
  public:
    ScenarioError(const std::string& file, SourcePos pos, const std::string& message);
    std::string file;
    SourcePos pos;
    std::string message;
};

// LocatedString is a decoded TOML string and where each of its bytes was written.
struct LocatedString {
    std::string text;
    std::vector<SourcePos> at; // at[i]: byte i; at[text.size()]: the closing delimiter
    // pos returns the position of byte i (clamped to the end).
    SourcePos pos(std::size_t i) const;
};

// locateTomlString decodes the TOML string token that starts at `start` in `source` (its opening
// quote) and places each decoded byte. tomlValue is the value toml++ read from the ASCII copy of the
// file (toml_ascii.h), where each non-ASCII character of the source reads '~'; the result holds the
// source's real text. When the token does not decode to tomlValue (it always should), the result is
// tomlValue with every byte at `start`: a column that is a little off, never a wrong line.
LocatedString locateTomlString(std::string_view source, SourcePos start, std::string tomlValue);

// byteOffset finds the byte offset of a line:column position in source; false if there is none.
bool byteOffset(std::string_view source, SourcePos p, std::size_t& offset);

// positionOf gives the line:column of a byte offset in source.
SourcePos positionOf(std::string_view source, std::size_t offset);

// locatedAt gives every byte of text the single position pos (values that are not strings).
LocatedString locatedAt(std::string text, SourcePos pos);

} // namespace gclab
