#include "scenarios/diagnostic_text.h"

#include <algorithm>
#include <cstdio>

namespace gclab {

std::string quoted(std::string_view text) {
    constexpr std::size_t maxBytes = 60;
    std::string out = "\"";
    std::size_t i = 0;
    for (; i < text.size() && i < maxBytes; i++) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (i < text.size()) {
        // Cut at a code point boundary: drop a partial UTF-8 sequence.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
            out.pop_back();
        if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0xC0)
            out.pop_back();
        out += "...";
    }
    out += '"';
    return out;
}

std::string joined(const std::vector<std::string>& names, std::string_view lastWord) {
    constexpr std::size_t maxNames = 24;
    if (names.size() > maxNames) {
        std::vector<std::string> first(names.begin(), names.begin() + maxNames);
        return joined(first) + " and " + std::to_string(names.size() - maxNames) + " more";
    }
    std::string out;
    for (std::size_t i = 0; i < names.size(); i++) {
        if (i > 0)
            out += (i + 1 == names.size() && !lastWord.empty()) ? " " + std::string(lastWord) + " " : ", ";
        out += names[i];
    }
    return out;
}

namespace {
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); j++)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); i++) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); j++) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}
} // namespace

std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates) {
    if (name.empty() || name.size() > 64)
        return "";
    const std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
    std::size_t best = limit + 1;
    const std::string* pick = nullptr;
    for (const std::string& c : candidates) {
        if (c.size() > 64)
            continue;
        std::size_t d = editDistance(name, c);
        if (d < best) {
            best = d;
            pick = &c;
        }
    }
    return pick != nullptr ? " (did you mean " + *pick + "?)" : "";
}

} // namespace gclab
