#include "scenarios/count_expr.h"

#include "scenarios/diagnostic_text.h"
#include "scenarios/param_value.h"

namespace gclab {

namespace {

bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isIdentChar(char c) { return isIdentStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isOperator(char c) { return c == '+' || c == '-' || c == '*' || c == '/'; }
int precedence(CountExpr::Kind k) { return k == CountExpr::Kind::mul || k == CountExpr::Kind::div ? 2 : 1; }

CountExpr::Kind operatorKind(char c) {
    switch (c) {
    case '+':
        return CountExpr::Kind::add;
    case '-':
        return CountExpr::Kind::sub;
    case '*':
        return CountExpr::Kind::mul;
    default:
        return CountExpr::Kind::div;
    }
}

char operatorChar(CountExpr::Kind k) {
    switch (k) {
    case CountExpr::Kind::add:
        return '+';
    case CountExpr::Kind::sub:
        return '-';
    case CountExpr::Kind::mul:
        return '*';
    default:
        return '/';
    }
}

// ExprParser reads operand (operator operand)* and emits postfix with the shunting-yard rule.
struct ExprParser {
    const LocatedString& s;
    std::size_t i;
    std::size_t end;
    const std::vector<std::string>& params;
    const std::string& file;
    std::string_view what;
    CountExpr out;

    [[noreturn]] void fail(std::size_t at, const std::string& msg) const {
        throw ScenarioError(file, s.pos(at), msg);
    }
    void skipBlanks() {
        while (i < end && isBlank(s.text[i]))
            i++;
    }
    std::string tokenAt(std::size_t at) const {
        std::size_t j = at;
        if (j < end && isIdentChar(s.text[j])) {
            while (j < end && isIdentChar(s.text[j]))
                j++;
        } else if (j < end) {
            j++;
            while (j < end && (static_cast<unsigned char>(s.text[j]) & 0xC0) == 0x80)
                j++;
        }
        return s.text.substr(at, j - at);
    }
    void operand(std::string_view after) {
        skipBlanks();
        if (i >= end) {
            if (after.empty())
                fail(i, "expected " + std::string(what) +
                            ": an integer, a parameter name, or an expression like live_bytes / object_size");
            fail(i, "expected an integer or a parameter name after \"" + std::string(after) + "\"");
        }
        const std::size_t start = i;
        CountExpr::Term t;
        t.pos = s.pos(start);
        if (isDigit(s.text[i])) {
            while (i < end && (isDigit(s.text[i]) || s.text[i] == '_'))
                i++;
            std::string_view digits(s.text.data() + start, i - start);
            if (!parseCount(digits, t.value)) {
                const bool grouped = digits.back() != '_' && digits.find("__") == std::string_view::npos;
                fail(start, grouped
                                ? "integer " + quoted(digits) + " is too large"
                                : "malformed integer " + quoted(digits) +
                                      "; group digits with single underscores between them, like 1_000_000");
            }
            if (i < end && isIdentChar(s.text[i])) {
                const std::size_t sfx = i;
                while (i < end && isIdentChar(s.text[i]))
                    i++;
                std::string_view suffix(s.text.data() + sfx, i - sfx);
                std::int64_t mul = sizeSuffixMultiplier(suffix);
                if (mul == 0)
                    fail(sfx, "unknown size suffix " + quoted(suffix) + "; use B, KiB, MiB, GiB or TiB");
                if (__builtin_mul_overflow(t.value, mul, &t.value))
                    fail(start, "size " + quoted(s.text.substr(start, i - start)) + " is too large");
            }
            t.kind = CountExpr::Kind::literal;
        } else if (isIdentStart(s.text[i])) {
            while (i < end && isIdentChar(s.text[i]))
                i++;
            t.kind = CountExpr::Kind::param;
            t.name = s.text.substr(start, i - start);
            bool known = false;
            for (const std::string& p : params)
                known = known || p == t.name;
            if (!known) {
                if (params.empty())
                    fail(start, "unknown parameter " + quoted(t.name) + ": this file declares no [[params]]");
                fail(start, "unknown parameter " + quoted(t.name) + didYouMean(t.name, params) +
                                "; parameters: " + joined(params));
            }
        } else if (isOperator(s.text[i])) {
            fail(start, "expected an integer or a parameter name, got " + quoted(tokenAt(start)) +
                            (s.text[i] == '-' ? " (counts are never negative)" : ""));
        } else {
            fail(start, "unexpected " + quoted(tokenAt(start)) + " in " + std::string(what) +
                            "; a count is built from integers, parameter names and + - * /");
        }
        out.rpn.push_back(std::move(t));
    }
    void parse() {
        std::vector<CountExpr::Term> ops;
        operand("");
        for (;;) {
            skipBlanks();
            if (i >= end)
                break;
            if (!isOperator(s.text[i]))
                fail(i, "expected an operator (+ - * /) or the end of the " + std::string(what) + ", got " +
                            quoted(tokenAt(i)));
            CountExpr::Term op;
            op.kind = operatorKind(s.text[i]);
            op.pos = s.pos(i);
            std::string sym(1, s.text[i]);
            i++;
            while (!ops.empty() && precedence(ops.back().kind) >= precedence(op.kind)) {
                out.rpn.push_back(ops.back());
                ops.pop_back();
            }
            ops.push_back(op);
            operand(sym);
        }
        while (!ops.empty()) {
            out.rpn.push_back(ops.back());
            ops.pop_back();
        }
    }
};

// paramsUsed lists "name=value" for every parameter e reads, in order, once each.
std::string paramsUsed(const CountExpr& e, const ParamValues& values) {
    std::vector<std::string> seen;
    std::string out;
    for (const CountExpr::Term& t : e.rpn) {
        if (t.kind != CountExpr::Kind::param)
            continue;
        bool dup = false;
        for (const std::string& s : seen)
            dup = dup || s == t.name;
        if (dup)
            continue;
        seen.push_back(t.name);
        auto it = values.find(t.name);
        out += (out.empty() ? " (with " : ", ") + t.name + "=" +
               (it == values.end() ? std::string("?") : std::to_string(it->second));
    }
    return out.empty() ? out : out + ")";
}

std::string show(std::int64_t v, bool bytes) { return bytes ? formatBytes(v) : std::to_string(v); }

} // namespace

CountExpr parseCountExpr(const LocatedString& s, std::size_t begin, std::size_t end,
                         const std::vector<std::string>& params, const std::string& file,
                         std::string_view what) {
    ExprParser p{s, begin, end, params, file, what, {}};
    p.skipBlanks();
    p.out.pos = s.pos(p.i);
    std::size_t last = end;
    while (last > p.i && isBlank(s.text[last - 1]))
        last--;
    p.out.text = s.text.substr(p.i, last - p.i);
    p.parse();
    return std::move(p.out);
}

CountExpr literalCount(std::int64_t v, SourcePos pos) {
    CountExpr e;
    e.rpn.push_back(CountExpr::Term{CountExpr::Kind::literal, v, "", pos});
    e.text = std::to_string(v);
    e.pos = pos;
    return e;
}

std::int64_t evalCount(const CountExpr& e, const ParamValues& values, const std::string& file,
                       std::string_view what, CountRange range) {
    std::vector<std::int64_t> stack;
    auto described = [&] {
        return std::string(what) + (e.isLiteral() ? std::string() : " " + quoted(e.text));
    };
    for (const CountExpr::Term& t : e.rpn) {
        if (t.kind == CountExpr::Kind::literal) {
            stack.push_back(t.value);
            continue;
        }
        if (t.kind == CountExpr::Kind::param) {
            auto it = values.find(t.name);
            if (it == values.end())
                throw ScenarioError(file, t.pos, "parameter " + quoted(t.name) + " has no value");
            stack.push_back(it->second);
            continue;
        }
        if (stack.size() < 2)
            throw ScenarioError(file, t.pos, "malformed " + std::string(what));
        std::int64_t b = stack.back();
        stack.pop_back();
        std::int64_t a = stack.back();
        stack.pop_back();
        std::int64_t r = 0;
        bool overflow = false;
        switch (t.kind) {
        case CountExpr::Kind::add:
            overflow = __builtin_add_overflow(a, b, &r);
            break;
        case CountExpr::Kind::sub:
            overflow = __builtin_sub_overflow(a, b, &r);
            break;
        case CountExpr::Kind::mul:
            overflow = __builtin_mul_overflow(a, b, &r);
            break;
        default:
            if (b == 0)
                throw ScenarioError(file, t.pos,
                                    "division by zero in " + described() + paramsUsed(e, values));
            overflow = a == INT64_MIN && b == -1;
            r = overflow ? 0 : a / b;
            break;
        }
        if (overflow)
            throw ScenarioError(file, t.pos,
                                std::string("\"") + operatorChar(t.kind) +
                                    "\" overflows 64-bit integers in " + described() + paramsUsed(e, values));
        stack.push_back(r);
    }
    if (stack.size() != 1)
        throw ScenarioError(file, e.pos, "malformed " + std::string(what));
    std::int64_t v = stack.back();
    if (v < range.lo || v > range.hi)
        throw ScenarioError(file, e.pos,
                            described() + " is " + show(v, range.bytes && v >= 0) + paramsUsed(e, values) +
                                "; expected " + show(range.lo, range.bytes) + " to " +
                                show(range.hi, range.bytes));
    return v;
}

} // namespace gclab
