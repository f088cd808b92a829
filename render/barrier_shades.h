// gclab-gui — the latest write barriers (Runtime::recentShades: the slot, its old and its new pointer,
// as each shade event carries them) resolved to the heap objects the views highlight: the object holding
// the slot (with the word of its pointer field) and the objects the old and the new value point into.
// Objects freed since are left out, and so are the barriers of a cycle that is over. Pure C++: no ImGui.
#pragma once

#include "sim/runtime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gclab::render {

enum class ShadeRole : std::uint8_t { slot, oldValue, newValue };

// ShadeMark is one highlighted object of one kept barrier.
struct ShadeMark {
    uintptr object = 0; // the object's base address
    ShadeRole role = ShadeRole::slot;
    std::size_t barrier = 0; // index into Runtime::recentShades (RecentShades::at), newest last
    std::uint32_t word = 0;  // slot: the pointer field's word within the object
};

// shadeIsCurrent says the kept barrier r ran in the mark phase under way. Go's write barrier is on only
// from gcStart to the end of mark termination (writeBarrier.enabled, set by setGCPhase), so once the
// cycle that ran a barrier is over, the barrier is history and the views no longer highlight it.
bool shadeIsCurrent(const Runtime& rt, const ShadeRecord& r);

// barrierShadeMarks lists the marks of every kept barrier of the mark phase under way (shadeIsCurrent),
// oldest barrier first.
std::vector<ShadeMark> barrierShadeMarks(const Runtime& rt);

const char* shadeRoleName(ShadeRole r);
// describeShade is one line about a barrier: "tick 41 002, P1: 0xc000040100 field 2: 0xc0000a0000 → 0"
// (a global slot reads "global[3]").
std::string describeShade(const ShadeRecord& r);
// barrierShadeTip names what Go runs for a barrier, for the legends' tooltips.
extern const char* const barrierShadeTip;

} // namespace gclab::render
