#include "scenarios/toml_ascii.h"

namespace gclab {

namespace {
// utf8Length returns the length of the well-formed UTF-8 sequence at t[i] (Unicode 15, table 3-7),
// or 0 when it is ill-formed.
std::size_t utf8Length(std::string_view t, std::size_t i) {
    auto b = [&](std::size_t k) { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0u; };
    auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return b(k) >= lo && b(k) <= hi;
    };
    const unsigned c = b(0);
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c == 0xE0)
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED)
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0; // no surrogates
    if (c == 0xF0)
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3)
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}
} // namespace

AsciiCopy asciiCopy(std::string_view text) {
    AsciiCopy out;
    out.text.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            out.text += text[i++];
            continue;
        }
        std::size_t n = utf8Length(text, i);
        if (n == 0) {
            out.invalidUtf8 = i;
            return out;
        }
        out.text += nonAsciiStandIn;
        i += n;
    }
    return out;
}

} // namespace gclab
