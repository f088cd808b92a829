// gclab — where an allocation came from: the program op a goroutine ran, or the scenario's setup.
//
// Models: the call site Go's heap profiler records for a sampled allocation (mProf_Malloc in
// src/runtime/mprof.go), reduced to one frame: the op. newobj and newarray advance the goroutine's pc
// when they allocate, so the op of an alloc event is op pc-1 of its goroutine, read after the step.
#pragma once

#include "sim/runtime.h"

#include <compare>
#include <cstdint>
#include <optional>

namespace gclab {

// AllocSite is a program's op, or the scenario's setup (program Runtime::noProgram).
struct AllocSite {
    std::uint32_t program = Runtime::noProgram;
    std::uint32_t pc = 0;
    auto operator<=>(const AllocSite&) const = default;
};

// allocSiteOf reads the site of alloc event e from rt, the state right after the step that emitted it;
// nothing when e's goroutine is not just past a newobj or newarray op.
inline std::optional<AllocSite> allocSiteOf(const Runtime& rt, const Event& e) {
    if (e.g == 0)
        return AllocSite{};
    const G& g = rt.goroutine(e.g);
    if (g.kind != GKind::user || g.program >= rt.programs.size() || g.pc == 0 ||
        g.pc > rt.programs[g.program].ops.size())
        return std::nullopt;
    const Op& op = rt.programs[g.program].ops[g.pc - 1];
    if (op.code != OpCode::newobj && op.code != OpCode::newarray)
        return std::nullopt;
    return AllocSite{g.program, g.pc - 1};
}

} // namespace gclab
