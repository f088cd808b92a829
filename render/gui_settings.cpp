#include "render/gui_settings.h"

#include "render/sim_clock.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gclab::render {

namespace {

constexpr ViewSelection allViews[] = {ViewSelection::all,       ViewSelection::heap,  ViewSelection::timeline,
                                      ViewSelection::collector, ViewSelection::stats, ViewSelection::graph};

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s, std::size_t& lead) {
    lead = 0;
    while (lead < s.size() && isBlank(s[lead]))
        lead++;
    s.remove_prefix(lead);
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

// apply sets key to value in s; returns "" or what was expected.
std::string apply(GuiSettings& s, std::string_view key, std::string_view value) {
    if (key == "large_fonts" || key == "presenter") {
        if (value != "true" && value != "false")
            return "expected true or false";
        s.largeFonts = value == "true";
    } else if (key == "high_contrast") {
        if (value != "true" && value != "false")
            return "expected true or false";
        s.highContrast = value == "true";
    } else if (key == "palette") {
        if (value != "standard" && value != "colour-blind")
            return "expected standard or colour-blind";
        s.palette = value == "colour-blind" ? PaletteKind::colourBlindSafe : PaletteKind::standard;
    } else if (key == "colour_by") {
        if (!parseColourByKey(value, s.colourBy))
            return "expected marking, class, role or ram";
    } else if (key == "view") {
        for (ViewSelection v : allViews)
            if (value == viewSelectionName(v)) {
                s.view = v;
                return "";
            }
        return "expected all, heap, timeline, collector, stats or graph";
    } else if (key == "speed") {
        int v = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || end != value.data() + value.size() || v < SimClock::minRate ||
            v > SimClock::maxRate)
            return "expected events per second from " + std::to_string(SimClock::minRate) + " to " +
                   std::to_string(SimClock::maxRate);
        s.speed = v;
    } else if (key == "loop") {
        if (value != "true" && value != "false")
            return "expected true or false";
        s.loop = value == "true";
    } else if (key == "scenario") {
        s.scenario = std::string(value);
    } else {
        return "expected a setting: large_fonts, high_contrast, palette, colour_by, view, speed, loop or "
               "scenario";
    }
    return "";
}

} // namespace

const char* colourByKey(ColourBy c) {
    switch (c) {
    case ColourBy::sizeClass:
        return "class";
    case ColourBy::role:
        return "role";
    case ColourBy::ram:
        return "ram";
    case ColourBy::marking:
        break;
    }
    return "marking";
}

bool parseColourByKey(std::string_view key, ColourBy& out) {
    for (ColourBy c : {ColourBy::sizeClass, ColourBy::role, ColourBy::marking, ColourBy::ram})
        if (key == colourByKey(c)) {
            out = c;
            return true;
        }
    return false;
}

GuiSettings parseGuiSettings(std::string_view text, const std::string& file, const GuiSettings& defaults,
                             std::vector<std::string>& warnings) {
    GuiSettings s = defaults;
    std::size_t lineNo = 0;
    while (!text.empty()) {
        lineNo++;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        auto warn = [&](std::size_t col, const std::string& what) {
            warnings.push_back(file + ":" + std::to_string(lineNo) + ":" + std::to_string(col) + ": " + what +
                               "; line ignored");
        };
        std::size_t lead = 0;
        std::string_view body = trim(line, lead);
        if (body.empty() || body.front() == '#')
            continue;
        bool printable = true;
        for (std::size_t i = 0; i < line.size(); i++)
            if (static_cast<unsigned char>(line[i]) < 0x20 && line[i] != '\t' &&
                !(line[i] == '\r' && i + 1 == line.size())) {
                warn(i + 1, "unexpected control character");
                printable = false;
                break;
            }
        if (!printable)
            continue;
        const std::size_t eq = body.find('=');
        if (eq == std::string_view::npos) {
            warn(lead + 1, "expected key = value");
            continue;
        }
        std::size_t keyLead = 0, valueLead = 0;
        std::string_view key = trim(body.substr(0, eq), keyLead);
        std::string_view value = trim(body.substr(eq + 1), valueLead);
        std::string err = apply(s, key, value);
        if (err.empty())
            continue;
        const bool badKey = err.rfind("expected a setting", 0) == 0;
        warn(lead + 1 + (badKey ? keyLead : eq + 1 + valueLead),
             err + ", got '" + std::string(badKey ? key : value) + "'");
    }
    return s;
}

std::string formatGuiSettings(const GuiSettings& s) {
    std::ostringstream out;
    out << "# gclab-gui settings, written when the window closes\n"
        << "large_fonts = " << (s.largeFonts ? "true" : "false") << "\n"
        << "high_contrast = " << (s.highContrast ? "true" : "false") << "\n"
        << "palette = " << (s.palette == PaletteKind::colourBlindSafe ? "colour-blind" : "standard") << "\n"
        << "colour_by = " << colourByKey(s.colourBy) << "\n"
        << "view = " << viewSelectionName(s.view) << "\n"
        << "speed = " << s.speed << "\n"
        << "loop = " << (s.loop ? "true" : "false") << "\n";
    if (!s.scenario.empty())
        out << "scenario = " << s.scenario << "\n";
    return out.str();
}

std::string guiSettingsPath() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg != nullptr && *xdg == '/')
        return std::string(xdg) + "/gclab/gui.ini";
    const char* home = std::getenv("HOME");
    if (home != nullptr && *home != '\0')
        return std::string(home) + "/.config/gclab/gui.ini";
    return "";
}

GuiSettings loadGuiSettings(const std::string& path, const GuiSettings& defaults,
                            std::vector<std::string>& warnings) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return defaults;
    std::ostringstream text;
    text << in.rdbuf();
    return parseGuiSettings(text.str(), path, defaults, warnings);
}

bool saveGuiSettings(const std::string& path, const GuiSettings& s, std::string& err) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const std::string temp = path + ".part";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << formatGuiSettings(s);
        if (!out) {
            std::remove(temp.c_str());
            err = "cannot write " + path;
            return false;
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        std::remove(temp.c_str());
        err = "cannot write " + path;
        return false;
    }
    return true;
}

} // namespace gclab::render
