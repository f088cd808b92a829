// gclab-gui — what the inspector shows about the selected object beyond its colour and "why is this
// alive?": its span (mspan's base, npages, spanclass, sweepgen, state), its pointers out (its non-nil
// pointer fields) and its pointers in (roots and heap objects whose slots point into it). Go keeps no
// reverse pointers, so the pointers in come from a scan of every root and every allocated object (as a
// heap dump tool would do it); the list is capped and the total counted. Pure C++: no ImGui.
#pragma once

#include "sim/runtime.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace gclab::render {

// PointerOut is one non-nil pointer field: field index (into _type's pointer words), the value stored
// and the base of the object it points into (0 if the value points at no allocated object).
struct PointerOut {
    std::uint32_t field = 0;
    uintptr value = 0;
    uintptr target = 0;
};

struct ObjectInspection {
    uintptr base = 0;
    std::uint32_t slot = 0;
    SpanId span = emptymspan;
    uintptr spanBase = 0, npages = 0, elemsize = 0;
    SpanClass spanclass{};
    std::uint32_t sweepgen = 0;
    MSpanState state = MSpanState::mSpanDead;
    std::vector<PointerOut> out;
    std::vector<PtrSlot> in; // the first maxIn slots pointing into the object: globals, stacks, heap
    std::size_t inTotal = 0; // all of them (in.size() < inTotal when capped)
};

// inspectObject describes the allocated object containing addr, or nothing when addr is not inside one.
std::optional<ObjectInspection> inspectObject(const Runtime& rt, uintptr addr, std::size_t maxIn = 32);

const char* spanStateName(MSpanState s); // mSpanDead, mSpanInUse, mSpanManual

} // namespace gclab::render
