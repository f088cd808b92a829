// Count expressions: integers, parameter names and + - * / with the usual precedence, checked
// 64-bit arithmetic, and errors that point at the offending character.
#include "scenarios/count_expr.h"

#include <gtest/gtest.h>

namespace gclab {
namespace {

// line makes a one-line located string whose byte i is at column i + 1.
LocatedString line(const std::string& text) {
    LocatedString s;
    s.text = text;
    for (std::uint32_t i = 0; i <= text.size(); i++)
        s.at.push_back(SourcePos{1, i + 1});
    return s;
}

const std::vector<std::string> params = {"live_bytes", "object_size", "n", "zero"};
const ParamValues values = {{"live_bytes", 8 << 20}, {"object_size", 64}, {"n", 7}, {"zero", 0}};
constexpr CountRange anyCount{INT64_MIN, INT64_MAX, false};

std::int64_t eval(const std::string& text, const ParamValues& v = values) {
    LocatedString s = line(text);
    return evalCount(parseCountExpr(s, 0, s.text.size(), params, "e.toml", "count"), v, "e.toml", "count",
                     anyCount);
}

std::string error(const std::string& text, const ParamValues& v = values) {
    try {
        eval(text, v);
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "";
}

TEST(ScenarioCountExpr, LiteralsAndParameters) {
    EXPECT_EQ(eval("4000"), 4000);
    EXPECT_EQ(eval("1_000_000"), 1000000);
    EXPECT_EQ(eval("n"), 7);
    EXPECT_EQ(eval("  n  "), 7);
    EXPECT_EQ(eval("64B"), 64);
    EXPECT_EQ(eval("16KiB"), 16384);
    EXPECT_EQ(eval("8MiB"), 8 << 20);
    EXPECT_EQ(eval("2GiB"), std::int64_t{2} << 30);
}

TEST(ScenarioCountExpr, PrecedenceAndAssociativity) {
    EXPECT_EQ(eval("2 + 3 * 4"), 14);
    EXPECT_EQ(eval("2 * 3 + 4"), 10);
    EXPECT_EQ(eval("20 - 4 - 3"), 13);
    EXPECT_EQ(eval("100 / 7 / 2"), 7);
    EXPECT_EQ(eval("7 / 2"), 3); // truncates, as Go's integer division
    EXPECT_EQ(eval("1 - 5"), -4);
    EXPECT_EQ(eval("n*n-n/2"), 46);
    EXPECT_EQ(eval("live_bytes / object_size"), 131072);
    EXPECT_EQ(eval("8MiB / object_size * 2 + 1"), 262145);
}

TEST(ScenarioCountExpr, TheSameExpressionFollowsTheValues) {
    ParamValues other = values;
    other["live_bytes"] = 1 << 20;
    other["object_size"] = 4096;
    EXPECT_EQ(eval("live_bytes / object_size", other), 256);
}

TEST(ScenarioCountExpr, ErrorsPointAtTheCharacter) {
    EXPECT_EQ(error("n +"), "e.toml:1:4: expected an integer or a parameter name after \"+\"");
    EXPECT_EQ(error("n + * 2").rfind("e.toml:1:5: expected an integer or a parameter name", 0), 0u);
    EXPECT_EQ(error("n 2").rfind("e.toml:1:3: expected an operator (+ - * /)", 0), 0u);
    EXPECT_EQ(error("n % 2").rfind("e.toml:1:3: expected an operator (+ - * /)", 0), 0u);
    EXPECT_EQ(error("(n)").rfind("e.toml:1:1: unexpected \"(\"", 0), 0u);
    EXPECT_EQ(error("nn").rfind("e.toml:1:1: unknown parameter \"nn\" (did you mean n?)", 0), 0u);
    EXPECT_EQ(error("8MB").rfind("e.toml:1:2: unknown size suffix \"MB\"", 0), 0u);
    EXPECT_EQ(error("1__0").rfind("e.toml:1:1: malformed integer \"1__0\"", 0), 0u);
    EXPECT_EQ(
        error("99999999999999999999").rfind("e.toml:1:1: integer \"99999999999999999999\" is too large", 0),
        0u);
    EXPECT_EQ(error("").rfind("e.toml:1:1: expected count", 0), 0u);
}

TEST(ScenarioCountExpr, ArithmeticFaultsNameTheOperatorAndTheValues) {
    EXPECT_EQ(error("live_bytes / zero"),
              "e.toml:1:12: division by zero in count \"live_bytes / zero\" (with "
              "live_bytes=8388608, zero=0)");
    EXPECT_EQ(error("4GiB * 4GiB * n"),
              "e.toml:1:6: \"*\" overflows 64-bit integers in count \"4GiB * 4GiB * n\" (with n=7)");
    EXPECT_EQ(error("0 - 9223372036854775807 - 2").rfind("e.toml:1:25: \"-\" overflows", 0), 0u);
}

TEST(ScenarioCountExpr, RangeIsCheckedAfterEvaluation) {
    LocatedString s = line("n * 10");
    CountExpr e = parseCountExpr(s, 0, s.text.size(), params, "e.toml", "loop count");
    EXPECT_EQ(evalCount(e, values, "e.toml", "loop count", {0, 70, false}), 70);
    try {
        evalCount(e, values, "e.toml", "loop count", {0, 69, false});
        FAIL();
    } catch (const ScenarioError& err) {
        EXPECT_STREQ(err.what(), "e.toml:1:1: loop count \"n * 10\" is 70 (with n=7); expected 0 to 69");
    }
    CountExpr lit = literalCount(0, SourcePos{3, 9});
    try {
        evalCount(lit, values, "e.toml", "size of type T", {1, 1 << 30, true});
        FAIL();
    } catch (const ScenarioError& err) {
        EXPECT_STREQ(err.what(), "e.toml:3:9: size of type T is 0B; expected 1B to 1GiB");
    }
}

} // namespace
} // namespace gclab
