// gclab-gui — what each P ran over time, for the timeline's lanes under the plot: user code, a GC mark
// worker (dedicated, fractional, idle), a mark assist, runtime work (bgsweep, the scavenger), the world
// stopped, or nothing.
//
// The series recorder ORs, per P, the state every step leaves it in (P::lastRun, what its latest step
// ran and therefore what it is busy with until it acts again; Runtime::lastStep for stop-the-world) into
// a PLaneMask per sample. A lane's pixel column shows the most GC-related state of its mask, in the order
// of PLaneState, so that a short assist or STW stays visible when a column folds many samples. Pure C++.
#pragma once

#include "sim/runtime.h"

#include <cstdint>

namespace gclab::render {

// PLaneState, least to most GC-related (a column shows its highest).
enum class PLaneState : std::uint8_t {
    idle,
    mutator,
    runtime,
    markIdle,
    assist,
    markFractional,
    markDedicated,
    stw
};
inline constexpr int pLaneStates = 8;

// PLaneMask has bit (1 << PLaneState) set for every state seen.
using PLaneMask = std::uint8_t;

constexpr PLaneMask pLaneBit(PLaneState s) { return static_cast<PLaneMask>(1u << static_cast<unsigned>(s)); }

// pLaneStateOf maps a P's latest step to its state (without STW).
PLaneState pLaneStateOf(PRun r);
// pLaneMaskOf is P p's state after rt's latest step, with stw when that step was stop-the-world.
PLaneMask pLaneMaskOf(const Runtime& rt, const P& p);
// pLaneShown is the state a column with mask m shows: its highest bit (idle for an empty mask).
PLaneState pLaneShown(PLaneMask m);

// pLaneName is the legend's label; pLaneTip names what Go runs in that state.
const char* pLaneName(PLaneState s);
const char* pLaneTip(PLaneState s);

} // namespace gclab::render
