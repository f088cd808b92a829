// Tests for render/gui_settings.h: the settings file round-trips, a bad line is skipped with a
// FILE:LINE:COL warning, and no input (random bytes included) throws or yields an invalid setting.
#include "sim/rng.h"

#include "render/gui_settings.h"
#include "render/sim_clock.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

namespace gclab::render {
namespace {

constexpr ViewSelection views[] = {ViewSelection::all,       ViewSelection::heap,  ViewSelection::timeline,
                                   ViewSelection::collector, ViewSelection::stats, ViewSelection::graph};
constexpr ColourBy colourBys[] = {ColourBy::sizeClass, ColourBy::role, ColourBy::marking, ColourBy::ram};

GuiSettings randomSettings(Rng& rng) {
    GuiSettings s;
    s.largeFonts = rng.chance(1, 2);
    s.highContrast = rng.chance(1, 2);
    s.palette = rng.chance(1, 2) ? PaletteKind::colourBlindSafe : PaletteKind::standard;
    s.colourBy = colourBys[rng.below(4)];
    s.view = views[rng.below(6)];
    s.speed = static_cast<int>(SimClock::minRate + rng.below(SimClock::maxRate - SimClock::minRate + 1));
    s.loop = rng.chance(1, 2);
    s.scenario = rng.chance(1, 4) ? "" : rng.chance(1, 2) ? "steady-state" : "/tmp/my scenario.toml";
    return s;
}

TEST(GuiSettings, FormatThenParseIsTheIdentity) {
    Rng rng(7);
    for (int i = 0; i < 200; i++) {
        GuiSettings s = randomSettings(rng);
        std::vector<std::string> warnings;
        EXPECT_EQ(parseGuiSettings(formatGuiSettings(s), "gui.ini", GuiSettings{}, warnings), s);
        EXPECT_TRUE(warnings.empty()) << warnings.front();
    }
}

TEST(GuiSettings, BadLinesAreSkippedWithFileLineColumn) {
    GuiSettings defaults;
    defaults.speed = 33;
    std::vector<std::string> warnings;
    GuiSettings s = parseGuiSettings("# comment\n"
                                     "large_fonts = true\n"
                                     "  speed = fast\n"
                                     "colour = red\n"
                                     "just words\n"
                                     "palette=colour-blind\r\n"
                                     "view = stats\n"
                                     "view = nope\n",
                                     "/cfg/gui.ini", defaults, warnings);
    EXPECT_TRUE(s.largeFonts);
    EXPECT_EQ(s.speed, 33); // the bad line keeps the default
    EXPECT_EQ(s.palette, PaletteKind::colourBlindSafe);
    EXPECT_EQ(s.view, ViewSelection::stats); // the later bad line does not undo it
    ASSERT_EQ(warnings.size(), 4u);
    EXPECT_EQ(
        warnings[0].rfind("/cfg/gui.ini:3:11: expected events per second from 1 to 100000, got 'fast'", 0),
        0u)
        << warnings[0];
    EXPECT_EQ(warnings[1].rfind("/cfg/gui.ini:4:1: expected a setting", 0), 0u) << warnings[1];
    EXPECT_EQ(warnings[2].rfind("/cfg/gui.ini:5:1: expected key = value", 0), 0u) << warnings[2];
    EXPECT_EQ(warnings[3].rfind("/cfg/gui.ini:8:8: expected all, heap", 0), 0u) << warnings[3];
}

TEST(GuiSettings, LoopIsReadAndABadValueKeepsTheDefault) {
    std::vector<std::string> warnings;
    EXPECT_TRUE(parseGuiSettings("loop = true\n", "f", GuiSettings{}, warnings).loop);
    GuiSettings on;
    on.loop = true;
    EXPECT_FALSE(parseGuiSettings("loop = false", "f", on, warnings).loop);
    EXPECT_TRUE(warnings.empty());
    EXPECT_TRUE(parseGuiSettings("loop = yes\n", "f", on, warnings).loop);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("f:1:8: expected true or false, got 'yes'", 0), 0u) << warnings[0];
}

TEST(GuiSettings, HighContrastIsReadAndABadValueKeepsTheDefault) {
    std::vector<std::string> warnings;
    EXPECT_TRUE(parseGuiSettings("high_contrast = true\n", "f", GuiSettings{}, warnings).highContrast);
    EXPECT_TRUE(warnings.empty());
    GuiSettings on;
    on.highContrast = true;
    EXPECT_TRUE(parseGuiSettings("high_contrast = 1\n", "f", on, warnings).highContrast);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("f:1:17: expected true or false, got '1'", 0), 0u) << warnings[0];
}

TEST(GuiSettings, OutOfRangeSpeedIsRejected) {
    for (const char* v : {"0", "100001", "-5", "12abc", "99999999999999999999"}) {
        std::vector<std::string> warnings;
        GuiSettings s = parseGuiSettings(std::string("speed = ") + v, "f", GuiSettings{}, warnings);
        EXPECT_EQ(s.speed, GuiSettings{}.speed) << v;
        EXPECT_EQ(warnings.size(), 1u) << v;
    }
}

// Random bytes, and random mutations of a valid file: parsing never throws, every warning names the
// file, a line and a column inside the text, and every setting read is valid.
TEST(GuiSettings, RandomBytesNeverBreakTheParser) {
    Rng rng(2024);
    const std::regex where(R"(^fuzz\.ini:([0-9]+):([0-9]+): .*line ignored$)");
    const std::string valid = formatGuiSettings(GuiSettings{});
    for (int i = 0; i < 3000; i++) {
        std::string text;
        if (i % 2 == 0) {
            const std::uint64_t n = rng.below(200);
            for (std::uint64_t k = 0; k < n; k++)
                text += static_cast<char>(rng.below(256));
        } else {
            text = valid;
            for (std::uint64_t k = rng.below(8); k > 0; k--)
                text[rng.below(text.size())] = static_cast<char>(rng.below(256));
        }
        std::vector<std::string> warnings;
        GuiSettings s;
        ASSERT_NO_THROW(s = parseGuiSettings(text, "fuzz.ini", GuiSettings{}, warnings));
        const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
        for (const std::string& w : warnings) {
            std::smatch m;
            ASSERT_TRUE(std::regex_match(w, m, where)) << w;
            EXPECT_GE(std::stoul(m[1]), 1u);
            EXPECT_LE(std::stoul(m[1]), lines);
            EXPECT_GE(std::stoul(m[2]), 1u);
        }
        EXPECT_GE(s.speed, SimClock::minRate);
        EXPECT_LE(s.speed, SimClock::maxRate);
        EXPECT_EQ(s.scenario.find('\n'), std::string::npos);
    }
}

TEST(GuiSettings, SavedFileLoadsBackAndPathFollowsXdg) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "gclab-gui-settings-test";
    std::filesystem::remove_all(dir);
    ASSERT_EQ(setenv("XDG_CONFIG_HOME", dir.c_str(), 1), 0);
    const std::string path = guiSettingsPath();
    EXPECT_EQ(path, (dir / "gclab" / "gui.ini").string());
    Rng rng(3);
    GuiSettings s = randomSettings(rng);
    std::string err;
    ASSERT_TRUE(saveGuiSettings(path, s, err)) << err;
    EXPECT_FALSE(std::filesystem::exists(path + ".part"));
    std::vector<std::string> warnings;
    EXPECT_EQ(loadGuiSettings(path, GuiSettings{}, warnings), s);
    EXPECT_TRUE(warnings.empty());
    // A missing file gives the defaults without a warning.
    GuiSettings d;
    d.speed = 5;
    EXPECT_EQ(loadGuiSettings((dir / "none.ini").string(), d, warnings), d);
    EXPECT_TRUE(warnings.empty());
    ASSERT_EQ(unsetenv("XDG_CONFIG_HOME"), 0);
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace gclab::render
