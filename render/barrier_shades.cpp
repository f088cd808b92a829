#include "render/barrier_shades.h"

#include "sim/visit.h"

#include "render/heap_describe.h"

#include <cstdio>

namespace gclab::render {

const char* const barrierShadeTip =
    "The latest write barriers (up to 8), each with its slot, the slot's old pointer and the new one.\n"
    "Go: gcWriteBarrier records both pointers in the P's wbBuf (mwbbuf.go); wbBufFlush1 greys them with "
    "shade (mbarrier.go: the hybrid barrier shades the old value and, while the stack is grey, the new).";

bool shadeIsCurrent(const Runtime& rt, const ShadeRecord& r) {
    return rt.writeBarrierEnabled() && r.cycle == rt.work.cycles;
}

std::vector<ShadeMark> barrierShadeMarks(const Runtime& rt) {
    std::vector<ShadeMark> out;
    for (std::size_t i = 0; i < rt.recentShades.size(); i++) {
        const ShadeRecord& r = rt.recentShades.at(i);
        if (!shadeIsCurrent(rt, r))
            continue;
        if (!r.global) {
            ObjectRef ref;
            if (rt.mheap.findObject(r.slot, ref)) {
                const MSpan& s = rt.mheap.span(ref.span);
                const uintptr base = s.base() + uintptr{ref.slot} * s.elemsize;
                const GoType& t = rt.types[s.typeOf(ref.slot)];
                const std::uint32_t word = r.field < t.numPtrs() ? t.ptrWords[r.field] : 0;
                out.push_back(ShadeMark{base, ShadeRole::slot, i, word});
            }
        }
        if (uintptr b = objectBase(rt, r.oldValue); b != 0)
            out.push_back(ShadeMark{b, ShadeRole::oldValue, i, 0});
        if (uintptr b = objectBase(rt, r.newValue); b != 0)
            out.push_back(ShadeMark{b, ShadeRole::newValue, i, 0});
    }
    return out;
}

const char* shadeRoleName(ShadeRole r) {
    switch (r) {
    case ShadeRole::slot:
        return "slot";
    case ShadeRole::oldValue:
        return "old";
    case ShadeRole::newValue:
        break;
    }
    return "new";
}

std::string describeShade(const ShadeRecord& r) {
    char slot[64], vals[96];
    if (r.global)
        std::snprintf(slot, sizeof slot, "global[%llu]", static_cast<unsigned long long>(r.slot));
    else
        std::snprintf(slot, sizeof slot, "%#llx field %u", static_cast<unsigned long long>(r.slot), r.field);
    std::snprintf(vals, sizeof vals, "%#llx \u2192 %#llx", static_cast<unsigned long long>(r.oldValue),
                  static_cast<unsigned long long>(r.newValue));
    return "tick " + withThousands(r.tick) + ", P" + std::to_string(r.p) + ": " + slot + ": " + vals;
}

} // namespace gclab::render
