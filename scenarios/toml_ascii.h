// gclab — toml++ reads an ASCII copy of each scenario file (a guard against a toml++ 3.3.0 bug).
//
// toml++ 3.3.0 (Debian bookworm's libtomlplusplus-dev) classifies whitespace with a generated
// function, is_non_ascii_horizontal_whitespace, that reaches __builtin_unreachable() -- undefined
// behaviour -- for many non-ASCII code points (U+00A1-U+0499, most of U+2C0E-U+3007, U+FB36-U+FEFE),
// and it asks that question of characters in many places: after keys and bare values, after a
// backslash in multi-line strings (upstream issues marzer/tomlplusplus#190 and #295, fixed by #305
// after 3.3.0). So toml++ never sees a non-ASCII byte: it parses a copy in which every non-ASCII code
// point is replaced by one '~'. The copy has the same lines and columns (toml++ counts code points),
// '~' is valid exactly where a non-ASCII character is (in strings and comments) and invalid where it
// is not, and the strings' real text is decoded again from the original (source_text.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gclab {

inline constexpr char nonAsciiStandIn = '~';

struct AsciiCopy {
    std::string text;                            // the copy toml++ parses
    std::size_t invalidUtf8 = std::string::npos; // byte offset of the first ill-formed UTF-8 sequence
};

// asciiCopy replaces every non-ASCII code point of text with nonAsciiStandIn. Ill-formed UTF-8
// (stray or missing continuation bytes, overlong forms, surrogates, beyond U+10FFFF) stops it.
AsciiCopy asciiCopy(std::string_view text);

} // namespace gclab
