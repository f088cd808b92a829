// gclab — count expressions in scenario files: `4000`, `iterations`, `live_bytes / object_size`.
//
// A count (loop count, newarray length, frame size, goroutine count, type size) is an integer, a
// parameter name, or + - * / over integers and parameter names, with * and / binding tighter than
// + and -, left to right, no parentheses. Integers may be grouped (1_000) and carry a size suffix
// (B, KiB, MiB, GiB, TiB). Arithmetic is 64-bit signed; / truncates toward zero as in Go; overflow and
// division by zero are errors. Evaluation happens when a scenario is built, with its parameters.
#pragma once

#include "scenarios/scenario.h"
#include "scenarios/source_text.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gclab {

struct CountExpr {
    enum class Kind : std::uint8_t { literal, param, add, sub, mul, div };
    struct Term {
        Kind kind = Kind::literal;
        std::int64_t value = 0; // literal
        std::string name;       // param
        SourcePos pos;          // where the literal, name or operator is written
    };
    std::vector<Term> rpn; // postfix order
    std::string text;      // as written, for messages
    SourcePos pos;         // where it starts

    bool isLiteral() const { return rpn.size() == 1 && rpn[0].kind == Kind::literal; }
};

// parseCountExpr parses s.text[begin, end); every name must be one of params. what names the count
// in messages ("loop count"). Throws ScenarioError.
CountExpr parseCountExpr(const LocatedString& s, std::size_t begin, std::size_t end,
                         const std::vector<std::string>& params, const std::string& file,
                         std::string_view what);

// literalCount is a count written as a TOML integer.
CountExpr literalCount(std::int64_t v, SourcePos pos);

// CountRange bounds a count; bytes counts are shown with size suffixes in messages.
struct CountRange {
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    bool bytes = false;
};

// evalCount evaluates e with values (which hold every parameter) and checks it lies in range.
// Throws ScenarioError naming what, the value, the parameters used and the range expected.
std::int64_t evalCount(const CountExpr& e, const ParamValues& values, const std::string& file,
                       std::string_view what, CountRange range);

} // namespace gclab
