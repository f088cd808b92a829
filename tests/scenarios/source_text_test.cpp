// Source positions inside TOML strings: escapes, literal and multi-line strings, non-ASCII text.
#include "scenarios/source_text.h"
#include "scenarios/toml_ascii.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

std::string pos(const LocatedString& s, std::size_t i) {
    SourcePos p = s.pos(i);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
}

TEST(ScenarioSourceText, BasicStringWithEscapes) {
    //                      1234567 8 9...
    const std::string src = "x = \"a\\tb\\u00e9c\"\n";
    LocatedString s = locateTomlString(src, SourcePos{1, 5},
                                       "a\tb\xc3\xa9"
                                       "c");
    ASSERT_EQ(s.text, "a\tb\xc3\xa9"
                      "c");
    EXPECT_EQ(pos(s, 0), "1:6");  // a
    EXPECT_EQ(pos(s, 1), "1:7");  // \t
    EXPECT_EQ(pos(s, 2), "1:9");  // b
    EXPECT_EQ(pos(s, 3), "1:10"); // both bytes of the é from \u00e9
    EXPECT_EQ(pos(s, 4), "1:10");
    EXPECT_EQ(pos(s, 5), "1:16"); // c
    EXPECT_EQ(pos(s, 6), "1:17"); // the closing quote
}

TEST(ScenarioSourceText, LiteralStringAndNonAsciiColumns) {
    // toml++ reads the file's ASCII copy, where é is '~'; the located string has the real text.
    const std::string src = "k = 'é x'\n";
    LocatedString s = locateTomlString(src, SourcePos{1, 5}, "~ x");
    EXPECT_EQ(s.text, "\xc3\xa9 x");
    EXPECT_EQ(pos(s, 0), "1:6");
    EXPECT_EQ(pos(s, 2), "1:7"); // columns count code points, as toml++ does
    EXPECT_EQ(pos(s, 3), "1:8");
}

TEST(ScenarioSourceText, MultiLineBasicStringTrimsAndContinues) {
    const std::string src = "ops = [\"\"\"\n  clear 0 \\\n    x\"\"\"]\n";
    LocatedString s = locateTomlString(src, SourcePos{1, 8}, "  clear 0 x");
    EXPECT_EQ(pos(s, 0), "2:1");
    EXPECT_EQ(pos(s, 8), "2:9");  // 0
    EXPECT_EQ(pos(s, 10), "3:5"); // x, after the line-ending backslash
}

TEST(ScenarioSourceText, MultiLineLiteralStringWithQuotesAtTheEnd) {
    const std::string src = "a = '''\nab\ncd'''''\n";
    LocatedString s = locateTomlString(src, SourcePos{1, 5}, "ab\ncd''");
    EXPECT_EQ(pos(s, 2), "2:3"); // the newline
    EXPECT_EQ(pos(s, 3), "3:1");
    EXPECT_EQ(pos(s, 6), "3:4"); // the second of the two quotes kept in the value
}

TEST(ScenarioSourceText, UnmatchedTokenFallsBackToTheStart) {
    LocatedString s = locateTomlString("x = \"abc\"", SourcePos{1, 5}, "something else");
    EXPECT_EQ(pos(s, 0), "1:5");
    EXPECT_EQ(pos(s, 9), "1:5");
    LocatedString beyond = locateTomlString("x = 1", SourcePos{7, 3}, "v");
    EXPECT_EQ(pos(beyond, 0), "7:3");
}

TEST(ScenarioSourceText, AsciiCopyKeepsColumnsAndRejectsIllFormedUtf8) {
    AsciiCopy c = asciiCopy("a = \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\" # \xc2\xa7\n");
    EXPECT_EQ(c.text, "a = \"~~~\" # ~\n");
    EXPECT_EQ(c.invalidUtf8, std::string::npos);
    for (const char* bad : {"\x80", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff"})
        EXPECT_EQ(asciiCopy(std::string("ok ") + bad).invalidUtf8, 3u) << bad;
}

} // namespace
} // namespace gclab
