// gclab-gui — the settings the window remembers between runs, in $XDG_CONFIG_HOME/gclab/gui.ini
// (default ~/.config/gclab/gui.ini): large fonts, high contrast, palette, speed, loop, colouring, views and
// the last scenario.
//
// The file is `key = value` lines; `#` starts a comment line. A settings file must never stop the
// window from opening: a line that cannot be read is skipped with a warning FILE:LINE:COL saying what
// was expected, and every setting not read keeps its default. Pure C++: no ImGui, no SDL.
#pragma once

#include "render/palette.h"
#include "render/window_layout.h"

#include <string>
#include <string_view>
#include <vector>

namespace gclab::render {

struct GuiSettings {
    bool largeFonts = false;
    bool highContrast = false; // presenter mode: black background, white text, outlined widgets
    PaletteKind palette = PaletteKind::standard;
    ColourBy colourBy = ColourBy::marking;
    ViewSelection view = ViewSelection::all;
    int speed = 20;       // events per second (SimClock::minRate … maxRate)
    bool loop = false;    // playing past the end of the run starts again at tick 0
    std::string scenario; // the last scenario shown; "" = the default
    friend bool operator==(const GuiSettings&, const GuiSettings&) = default;
};

// colourByKey is the heap map colouring's name in the settings file and on the command line (class,
// role, marking, ram); parseColourByKey reads one back (false for any other text).
const char* colourByKey(ColourBy c);
bool parseColourByKey(std::string_view key, ColourBy& out);

// parseGuiSettings reads text (the contents of file, named in warnings) over defaults; every line it
// skips adds one warning "FILE:LINE:COL: ...".
GuiSettings parseGuiSettings(std::string_view text, const std::string& file, const GuiSettings& defaults,
                             std::vector<std::string>& warnings);

// formatGuiSettings writes s in the form parseGuiSettings reads.
std::string formatGuiSettings(const GuiSettings& s);

// guiSettingsPath is $XDG_CONFIG_HOME/gclab/gui.ini, else $HOME/.config/gclab/gui.ini, else "".
std::string guiSettingsPath();

// loadGuiSettings reads path over defaults (a missing file is no warning).
GuiSettings loadGuiSettings(const std::string& path, const GuiSettings& defaults,
                            std::vector<std::string>& warnings);

// saveGuiSettings writes s to path (creating its directory), through a temporary file and a rename;
// false with a message in err when it cannot.
bool saveGuiSettings(const std::string& path, const GuiSettings& s, std::string& err);

} // namespace gclab::render
