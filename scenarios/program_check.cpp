// Static checks of a scenario program: what can be known about its stack without running it.
//
// The checker follows the ops in order with an abstract stack: its depth (known while every frame
// and ret size so far is an integer literal and every loop body leaves the depth as it found it) and,
// per local, whether it is nil, holds an object of a known type, or is unknown. Loop bodies start and
// end with every local unknown, so that what is reported holds on every iteration. Only certain
// mistakes are reported; the rest fail when the op runs (sim: ... messages from proc.cpp).
#include "scenarios/diagnostic_text.h"
#include "scenarios/scenario_model.h"

#include <optional>

namespace gclab {

namespace {

struct Slot {
    enum class Kind : std::uint8_t { unknown, nil, object };
    Kind kind = Kind::unknown;
    std::int32_t type = -1;     // index into FileModel::types
    std::int64_t arrayLen = -1; // newarray of a pointer type: [arrayLen]type
    std::int64_t pointers = -1; // pointer fields, -1: unknown
};

struct Checker {
    Checker(const FileModel& model, const ProgramDecl& program) : m(model), p(program) {}
    const FileModel& m;
    const ProgramDecl& p;
    std::optional<std::uint64_t> depth = std::uint64_t{0};
    std::vector<Slot> slots; // locals below min(depth, maxFrameSlots)
    struct Open {
        const OpDecl* loop;
        std::optional<std::uint64_t> depth;
    };
    std::vector<Open> loops;

    [[noreturn]] void fail(SourcePos pos, const std::string& msg) const {
        throw ScenarioError(m.file, pos, msg);
    }

    void setDepth(std::optional<std::uint64_t> d) {
        depth = d;
        std::size_t keep =
            d ? static_cast<std::size_t>(std::min<std::uint64_t>(*d, scenario_limits::maxFrameSlots)) : 0;
        slots.resize(keep, Slot{Slot::Kind::nil});
    }
    void forgetAll() {
        for (Slot& s : slots)
            s = Slot{};
    }
    std::string typeName(const Slot& s) const {
        std::string t = s.type >= 0 ? m.types[static_cast<std::size_t>(s.type)].name : "?";
        return s.arrayLen >= 0 ? "[" + std::to_string(s.arrayLen) + "]" + t : t;
    }
    Slot* use(std::uint32_t local, SourcePos pos) {
        if (!depth)
            return nullptr;
        if (local >= *depth)
            fail(pos, "local " + std::to_string(local) + " is beyond the frame: the stack holds " +
                          std::to_string(*depth) + (*depth == 1 ? " slot" : " slots") + " here" +
                          (*depth == 0 ? " (start the program with frame N)" : " (frame N pushes more)"));
        return &slots[local];
    }
    // object checks an object operand; returns its slot when known and the op runs.
    Slot* object(std::uint32_t local, SourcePos pos, bool guard, const char* opName) {
        Slot* s = use(local, pos);
        if (s == nullptr || s->kind == Slot::Kind::unknown)
            return nullptr;
        if (s->kind == Slot::Kind::nil) {
            if (guard)
                return nullptr;
            fail(pos, "local " + std::to_string(local) + " is nil here, so " + opName +
                          " would dereference nil; store an object in it first, or write " +
                          std::to_string(local) + "? to skip the op when it is nil");
        }
        return s;
    }
    void fieldInRange(const Slot* s, std::uint32_t field, SourcePos pos) const {
        if (s == nullptr || s->pointers < 0 || field < s->pointers)
            return;
        if (s->pointers == 0)
            fail(pos, "field " + std::to_string(field) + " does not exist: " + typeName(*s) +
                          " has no pointer fields");
        const std::string fields = s->pointers == 1 ? "1 pointer field (0)"
                                                    : std::to_string(s->pointers) + " pointer fields (0 to " +
                                                          std::to_string(s->pointers - 1) + ")";
        fail(pos, "field " + std::to_string(field) + " does not exist: " + typeName(*s) + " has " + fields);
    }
    void hasPointers(const Slot* s, SourcePos pos, const char* opName) const {
        if (s != nullptr && s->pointers == 0)
            fail(pos, std::string(opName) + " needs an object with pointer fields, but " + typeName(*s) +
                          " has none");
    }
    Slot newObject(std::uint32_t type) const {
        Slot s{Slot::Kind::object, static_cast<std::int32_t>(type)};
        s.pointers = m.types[type].staticPointers();
        return s;
    }
    Slot newArray(const OpDecl& op) const {
        Slot s = newObject(op.type);
        if (s.pointers == 0)
            return s; // Go allocates a pointer-free array as plain memory typed by its element
        if (s.pointers > 0 && op.count.isLiteral()) {
            s.arrayLen = op.count.rpn[0].value;
            s.pointers *= s.arrayLen;
        } else {
            s.pointers = -1;
        }
        return s;
    }

    void step(const OpDecl& op) {
        switch (op.code) {
        case OpCode::frame:
            if (depth && op.count.isLiteral())
                setDepth(*depth + static_cast<std::uint64_t>(op.count.rpn[0].value));
            else
                setDepth(std::nullopt);
            break;
        case OpCode::ret:
            if (depth && op.count.isLiteral()) {
                auto n = static_cast<std::uint64_t>(op.count.rpn[0].value);
                if (n > *depth)
                    fail(op.count.pos, "ret " + std::to_string(n) +
                                           " pops more slots than the stack holds here (" +
                                           std::to_string(*depth) + ")");
                setDepth(*depth - n);
            } else {
                setDepth(std::nullopt);
            }
            break;
        case OpCode::loop:
            loops.push_back(Open{&op, depth});
            forgetAll();
            break;
        case OpCode::endloop:
            if (loops.empty())
                fail(op.pos, "end without a matching loop");
            if (loops.back().depth != depth)
                setDepth(std::nullopt); // the body changes the depth: it depends on the count
            loops.pop_back();
            forgetAll();
            break;
        case OpCode::newobj:
            if (Slot* s = use(op.a, op.posA))
                *s = newObject(op.type);
            break;
        case OpCode::newarray:
            if (Slot* s = use(op.a, op.posA))
                *s = newArray(op);
            break;
        case OpCode::load:
        case OpCode::loadRandom: {
            use(op.a, op.posA);
            const char* name = op.code == OpCode::load ? "load" : "load-random";
            Slot* obj = object(op.b, op.posB, op.guard, name);
            if (op.code == OpCode::load)
                fieldInRange(obj, op.c, op.posC);
            else
                hasPointers(obj, op.posB, name);
            bool skipped = op.guard && depth && slots[op.b].kind == Slot::Kind::nil;
            if (Slot* dst = use(op.a, op.posA); dst != nullptr && !skipped)
                *dst = Slot{};
            break;
        }
        case OpCode::store:
        case OpCode::storeRandom: {
            const char* name = op.code == OpCode::store ? "store" : "store-random";
            Slot* obj = object(op.a, op.posA, op.guard, name);
            if (op.code == OpCode::store)
                fieldInRange(obj, op.b, op.posB);
            else
                hasPointers(obj, op.posA, name);
            if (op.c != nilLocal)
                use(op.c, op.posC);
            break;
        }
        case OpCode::gload:
            if (Slot* s = use(op.a, op.posA))
                *s = Slot{};
            break;
        case OpCode::gstore:
            if (op.c != nilLocal)
                use(op.c, op.posC);
            break;
        case OpCode::move: {
            Slot* dst = use(op.a, op.posA);
            Slot* src = use(op.b, op.posB);
            if (dst != nullptr && src != nullptr)
                *dst = *src;
            break;
        }
        case OpCode::clear:
            if (Slot* s = use(op.a, op.posA))
                *s = Slot{Slot::Kind::nil};
            break;
        case OpCode::gc:
        case OpCode::yield:
        case OpCode::go:
            break;
        }
    }

    void run() {
        for (const OpDecl& op : p.ops)
            step(op);
        if (!loops.empty())
            fail(loops.back().loop->pos, "loop without a matching end");
    }
};

} // namespace

void checkProgram(const FileModel& m, const ProgramDecl& p) {
    Checker c(m, p);
    c.run();
}

} // namespace gclab
