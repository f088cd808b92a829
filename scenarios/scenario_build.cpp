// Evaluating a scenario file's counts with parameter values, and building the Runtime from it.
#include "scenarios/diagnostic_text.h"
#include "scenarios/param_value.h"
#include "scenarios/scenario_model.h"

namespace gclab {

namespace {

namespace limits = scenario_limits;

ParamValues withDefaults(const FileModel& m, const ParamValues& given) {
    ParamValues v;
    for (std::size_t i = 0; i < m.params.size(); i++) {
        const ScenarioParam& p = m.params[i];
        auto it = given.find(p.name);
        std::int64_t x = it != given.end() ? it->second : p.defaultValue;
        if (x < p.min || x > p.max)
            throw ScenarioError(m.file, m.paramPos[i],
                                "parameter " + p.name + " = " + formatParamValue(p, x) +
                                    " is outside its range " + formatParamValue(p, p.min) + " to " +
                                    formatParamValue(p, p.max));
        v[p.name] = x;
    }
    return v;
}

EvaluatedScenario::Type evaluateType(const FileModel& m, const TypeDecl& d, const ParamValues& v) {
    EvaluatedScenario::Type t;
    t.name = d.name;
    const std::int64_t size =
        evalCount(d.size, v, m.file, "size of type " + d.name, {1, limits::maxObjectBytes, true});
    t.size = static_cast<uintptr>(size);
    if (d.leadingPointers) {
        const std::int64_t n = evalCount(*d.leadingPointers, v, m.file, "leading_pointers of type " + d.name,
                                         {0, limits::maxTypePointerWords, false});
        if (n * 8 > size)
            throw ScenarioError(m.file, d.leadingPointers->pos,
                                "leading_pointers of type " + d.name + ": " + std::to_string(n) +
                                    " pointer words need " + std::to_string(n * 8) +
                                    " bytes, but the type is " + std::to_string(size) + " bytes");
        for (std::int64_t w = 0; w < n; w++)
            t.ptrWords.push_back(static_cast<std::uint32_t>(w));
    } else {
        for (std::size_t i = 0; i < d.pointers.size(); i++)
            if (std::int64_t{d.pointers[i]} * 8 + 8 > size)
                throw ScenarioError(m.file, d.pointerPos[i],
                                    "pointer word " + std::to_string(d.pointers[i]) + " (bytes " +
                                        std::to_string(d.pointers[i] * 8) + " to " +
                                        std::to_string(d.pointers[i] * 8 + 7) + ") is outside type " +
                                        d.name + " (" + std::to_string(size) + " bytes)");
        t.ptrWords = d.pointers;
    }
    if (!t.ptrWords.empty() && size % 8 != 0)
        throw ScenarioError(m.file, d.size.pos,
                            "size of type " + d.name +
                                ": a type with pointers is 8-byte aligned, so its size must "
                                "be a multiple of 8, got " +
                                std::to_string(size));
    return t;
}

Op evaluateOp(const FileModel& m, const EvaluatedScenario& e, const OpDecl& d, const ParamValues& v) {
    Op op{d.code, d.a, d.b, d.c, d.guard ? guardNil : 0};
    switch (d.code) {
    case OpCode::frame:
        op.n = static_cast<std::uint64_t>(
            evalCount(d.count, v, m.file, "frame size", {0, limits::maxFrameSlots}));
        break;
    case OpCode::ret:
        op.n =
            static_cast<std::uint64_t>(evalCount(d.count, v, m.file, "ret size", {0, limits::maxFrameSlots}));
        break;
    case OpCode::loop:
        op.n = static_cast<std::uint64_t>(
            evalCount(d.count, v, m.file, "loop count", {0, limits::maxLoopCount}));
        break;
    case OpCode::newarray: {
        const EvaluatedScenario::Type& t = e.types[d.type];
        const std::int64_t n =
            evalCount(d.count, v, m.file, "newarray length", {1, limits::maxObjectBytes, false});
        const std::int64_t bytes = n * static_cast<std::int64_t>(t.size); // both at most 2^30
        if (bytes > limits::maxObjectBytes)
            throw ScenarioError(m.file, d.count.pos,
                                "newarray of " + std::to_string(n) + " " + t.name + " (" +
                                    std::to_string(t.size) + " bytes each) is " + formatBytes(bytes) +
                                    "; an object is at most 1GiB");
        if (n * static_cast<std::int64_t>(t.ptrWords.size()) > limits::maxArrayPointers)
            throw ScenarioError(m.file, d.count.pos,
                                "newarray of " + std::to_string(n) + " " + t.name + " holds " +
                                    std::to_string(n * static_cast<std::int64_t>(t.ptrWords.size())) +
                                    " pointers; an array holds at most " +
                                    std::to_string(limits::maxArrayPointers));
        op.n = static_cast<std::uint64_t>(n);
        break;
    }
    default:
        break;
    }
    return op;
}

} // namespace

EvaluatedScenario evaluateScenario(const FileModel& m, const ParamValues& given) {
    const ParamValues v = withDefaults(m, given);
    EvaluatedScenario e;
    e.globals = m.globals;
    for (const TypeDecl& d : m.types)
        e.types.push_back(evaluateType(m, d, v));
    for (const ProgramDecl& p : m.programs) {
        Program prog{p.name, {}};
        for (const OpDecl& d : p.ops)
            prog.ops.push_back(evaluateOp(m, e, d, v));
        e.programs.push_back(std::move(prog));
    }
    std::int64_t total = 0;
    for (const GoroutinesDecl& g : m.goroutines) {
        const std::int64_t n = evalCount(g.count, v, m.file, "goroutine count", {0, limits::maxGoroutines});
        total += n;
        if (total > limits::maxGoroutines)
            throw ScenarioError(m.file, g.count.pos,
                                "[[goroutines]] start " + std::to_string(total) +
                                    " goroutines in all; at most " + std::to_string(limits::maxGoroutines));
        e.goroutines.emplace_back(g.program, static_cast<std::uint32_t>(n));
    }
    return e;
}

void buildScenario(const EvaluatedScenario& e, Runtime& rt) {
    std::vector<TypeId> ids;
    for (const EvaluatedScenario::Type& t : e.types)
        ids.push_back(rt.types.define(t.name, t.size, t.ptrWords));
    if (e.globals > 0)
        rt.addGlobals(e.globals);
    const auto base = static_cast<std::uint32_t>(rt.programs.size());
    for (Program p : e.programs) {
        for (Op& op : p.ops) {
            if (op.code == OpCode::newobj || op.code == OpCode::newarray)
                op.b = ids[op.b];
            else if (op.code == OpCode::go)
                op.a += base;
        }
        rt.addProgram(std::move(p));
    }
    for (const auto& [program, count] : e.goroutines)
        for (std::uint32_t i = 0; i < count; i++)
            rt.newproc(base + program);
}

} // namespace gclab
