// The op language of scenario files: one string per op of sim/program.h.
//
//   frame N | ret N | loop N | end | gc | yield | go PROGRAM
//   new L TYPE | newarray L TYPE N
//   load L = L.F | load-random L = L | store L.F = SRC | store-random L = SRC
//   gload L = G | gstore G = SRC | move L = L | clear L
// L is a local (stack slot index), G a global index, F a pointer-field index, SRC a local or nil,
// N a count (count_expr.h). `?` after an object local (`1?.0`, `store-random 0? = 2`) sets guardNil.
#include "scenarios/diagnostic_text.h"
#include "scenarios/scenario_model.h"

#include <array>

namespace gclab {

namespace {

struct Mnemonic {
    const char* name;
    OpCode code;
    const char* usage;
};

constexpr std::array<Mnemonic, 17> mnemonics{{
    {"frame", OpCode::frame, "frame N"},
    {"ret", OpCode::ret, "ret N"},
    {"new", OpCode::newobj, "new LOCAL TYPE"},
    {"newarray", OpCode::newarray, "newarray LOCAL TYPE N"},
    {"load", OpCode::load, "load LOCAL = LOCAL.FIELD"},
    {"load-random", OpCode::loadRandom, "load-random LOCAL = LOCAL"},
    {"store", OpCode::store, "store LOCAL.FIELD = LOCAL|nil"},
    {"store-random", OpCode::storeRandom, "store-random LOCAL = LOCAL|nil"},
    {"gload", OpCode::gload, "gload LOCAL = GLOBAL"},
    {"gstore", OpCode::gstore, "gstore GLOBAL = LOCAL|nil"},
    {"move", OpCode::move, "move LOCAL = LOCAL"},
    {"clear", OpCode::clear, "clear LOCAL"},
    {"gc", OpCode::gc, "gc"},
    {"yield", OpCode::yield, "yield"},
    {"go", OpCode::go, "go PROGRAM"},
    {"loop", OpCode::loop, "loop N"},
    {"end", OpCode::endloop, "end"},
}};

// Blanks separate tokens; line breaks count, so that a multi-line TOML string may hold one op.
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }

struct OpParser {
    OpParser(const LocatedString& text, const OpContext& context) : s(text), ctx(context) {}
    const LocatedString& s;
    const OpContext& ctx;
    const Mnemonic* m = nullptr;
    std::size_t i = 0;
    OpDecl op;

    [[noreturn]] void fail(std::size_t at, const std::string& msg) const {
        throw ScenarioError(ctx.file, s.pos(at), msg);
    }
    std::string usage() const { return std::string("; usage: ") + m->usage; }
    bool atEnd() const { return i >= s.text.size(); }
    void skipBlanks() {
        while (!atEnd() && isBlank(s.text[i]))
            i++;
    }
    // tokenAt is the text at `at` up to the next blank, for messages.
    std::string tokenAt(std::size_t at) const {
        std::size_t j = at;
        while (j < s.text.size() && !isBlank(s.text[j]))
            j++;
        return s.text.substr(at, j - at);
    }
    std::string found() const { return atEnd() ? "the end of the op" : quoted(tokenAt(i)); }

    std::uint32_t number(std::int64_t limit, const std::string& what) {
        const std::size_t start = i;
        std::int64_t v = 0;
        while (!atEnd() && isDigit(s.text[i])) {
            if (v <= limit)
                v = v * 10 + (s.text[i] - '0');
            i++;
        }
        if (v > limit)
            fail(start, what + " " + s.text.substr(start, i - start) + " is too large; the largest is " +
                            std::to_string(limit));
        return static_cast<std::uint32_t>(v);
    }
    std::uint32_t local(SourcePos& where, std::string_view role) {
        skipBlanks();
        where = s.pos(i);
        if (atEnd() || !isDigit(s.text[i]))
            fail(i,
                 "expected " + std::string(role) + " (a stack slot index like 0), got " + found() + usage());
        return number(scenario_limits::maxFrameSlots - 1, "local");
    }
    std::uint32_t global(SourcePos& where) {
        skipBlanks();
        where = s.pos(i);
        const std::size_t start = i;
        if (atEnd() || !isDigit(s.text[i]))
            fail(i, "expected a global (an index like 0), got " + found() + usage());
        std::uint32_t g = number(scenario_limits::maxGlobals, "global");
        if (g >= ctx.globals)
            fail(start, ctx.globals == 0
                            ? "global " + std::to_string(g) +
                                  " does not exist: this file declares no globals (write globals = N before "
                                  "the first table)"
                            : "global " + std::to_string(g) +
                                  " does not exist: globals = " + std::to_string(ctx.globals) +
                                  " declares globals 0 to " + std::to_string(ctx.globals - 1));
        return g;
    }
    std::uint32_t field(SourcePos& where) {
        skipBlanks();
        where = s.pos(i);
        if (atEnd() || !isDigit(s.text[i]))
            fail(i, "expected a pointer-field index like 0 after \".\", got " + found() + usage());
        return number(scenario_limits::maxField, "field");
    }
    // object reads an object local with an optional `?` (guardNil).
    std::uint32_t object(SourcePos& where) {
        std::uint32_t l = local(where, "an object local");
        skipBlanks();
        if (!atEnd() && s.text[i] == '?') {
            op.guard = true;
            i++;
        }
        return l;
    }
    void expect(char c, const std::string& after) {
        skipBlanks();
        if (atEnd() || s.text[i] != c)
            fail(i, std::string("expected \"") + c + "\" after " + after + ", got " + found() + usage());
        i++;
    }
    std::uint32_t source(SourcePos& where) {
        skipBlanks();
        where = s.pos(i);
        if (s.text.compare(i, 3, "nil") == 0 && (i + 3 >= s.text.size() || isBlank(s.text[i + 3]))) {
            i += 3;
            return nilLocal;
        }
        if (atEnd() || !isDigit(s.text[i]))
            fail(i, "expected a local (a stack slot index like 0) or nil, got " + found() + usage());
        return number(scenario_limits::maxFrameSlots - 1, "local");
    }
    std::uint32_t typeName() {
        skipBlanks();
        const std::size_t start = i;
        while (!atEnd() && s.text[i] == '*')
            i++;
        while (!atEnd() && (isIdentChar(s.text[i]) || s.text[i] == '.'))
            i++;
        std::string name = s.text.substr(start, i - start);
        if (name.empty())
            fail(start, "expected a type name, got " + found() + usage());
        if (auto it = ctx.typeIndex.find(name); it != ctx.typeIndex.end())
            return it->second;
        if (ctx.types.empty())
            fail(start, "unknown type " + quoted(name) + ": this file declares no [[types]]");
        fail(start,
             "unknown type " + quoted(name) + didYouMean(name, ctx.types) + "; types: " + joined(ctx.types));
    }
    std::uint32_t programName() {
        skipBlanks();
        const std::size_t start = i;
        while (!atEnd() && !isBlank(s.text[i]))
            i++;
        std::string name = s.text.substr(start, i - start);
        if (name.empty())
            fail(start, "expected a program name" + usage());
        if (auto it = ctx.programIndex.find(name); it != ctx.programIndex.end())
            return it->second;
        fail(start, "unknown program " + quoted(name) + didYouMean(name, ctx.programs) +
                        "; programs: " + joined(ctx.programs));
    }
    CountExpr count(std::string_view what) {
        CountExpr e = parseCountExpr(s, i, s.text.size(), ctx.params, ctx.file, what);
        i = s.text.size();
        return e;
    }
    void mnemonic() {
        skipBlanks();
        const std::size_t start = i;
        op.pos = s.pos(start);
        while (!atEnd() && !isBlank(s.text[i]))
            i++;
        std::string word = s.text.substr(start, i - start);
        std::vector<std::string> names;
        for (const Mnemonic& c : mnemonics) {
            names.emplace_back(c.name);
            if (word == c.name)
                m = &c;
        }
        if (m == nullptr) {
            if (word.empty())
                fail(0, "empty op; expected one of " + joined(names, "or"));
            fail(start, "unknown op " + quoted(word) + didYouMean(word, names) + "; ops: " + joined(names));
        }
        op.code = m->code;
    }
    void parse() {
        mnemonic();
        const std::string name = m->name;
        switch (op.code) {
        case OpCode::frame:
        case OpCode::ret:
            op.count = count(op.code == OpCode::frame ? "frame size" : "ret size");
            break;
        case OpCode::loop:
            op.count = count("loop count");
            break;
        case OpCode::endloop:
        case OpCode::gc:
        case OpCode::yield:
            break;
        case OpCode::newobj:
            op.a = local(op.posA, "a destination local");
            op.b = typeName();
            op.type = op.b;
            break;
        case OpCode::newarray:
            op.a = local(op.posA, "a destination local");
            op.b = typeName();
            op.type = op.b;
            skipBlanks();
            if (atEnd())
                fail(i, "expected the newarray length after the element type" + usage());
            op.count = count("newarray length");
            break;
        case OpCode::load:
            op.a = local(op.posA, "a destination local");
            expect('=', name + " " + std::to_string(op.a));
            op.b = object(op.posB);
            expect('.', "the object local");
            op.c = field(op.posC);
            break;
        case OpCode::loadRandom:
            op.a = local(op.posA, "a destination local");
            expect('=', name + " " + std::to_string(op.a));
            op.b = object(op.posB);
            break;
        case OpCode::store:
            op.a = object(op.posA);
            expect('.', "the object local");
            op.b = field(op.posB);
            expect('=', "the field");
            op.c = source(op.posC);
            break;
        case OpCode::storeRandom:
            op.a = object(op.posA);
            expect('=', "the object local");
            op.c = source(op.posC);
            break;
        case OpCode::gload:
            op.a = local(op.posA, "a destination local");
            expect('=', name + " " + std::to_string(op.a));
            op.b = global(op.posB);
            break;
        case OpCode::gstore:
            op.a = global(op.posA);
            expect('=', "the global");
            op.c = source(op.posC);
            break;
        case OpCode::move:
            op.a = local(op.posA, "a destination local");
            expect('=', name + " " + std::to_string(op.a));
            op.b = local(op.posB, "a source local");
            break;
        case OpCode::clear:
            op.a = local(op.posA, "a local");
            break;
        case OpCode::go:
            op.program = programName();
            op.a = op.program;
            break;
        }
        skipBlanks();
        if (!atEnd()) {
            const std::string extra = tokenAt(i);
            bool isOp = false;
            for (const Mnemonic& c : mnemonics)
                isOp = isOp || extra == c.name;
            fail(i, "unexpected " + quoted(extra) + " after the op" +
                        (isOp ? " (each op is a string of its own)" : usage()));
        }
    }
};

} // namespace

OpDecl parseOp(const LocatedString& s, const OpContext& ctx) {
    OpParser p(s, ctx);
    p.parse();
    return std::move(p.op);
}

} // namespace gclab
