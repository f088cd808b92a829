// gclab — how much stack each goroutine has allocated, for the pacer's maxStackScan.
//
// Models: src/runtime/stack.go (Go 1.19): a goroutine starts with _FixedStack bytes, newstack doubles
// a stack that overflows, and shrinkstack (called from scanstack) halves one that uses less than a
// quarter of itself; gcController.addScannableStack keeps maxStackScan, the allocated stack of every
// live goroutine, which gctrace prints as "MB stacks" in Go 1.19.
// Simplifications: a stack's used part is its pointer slots, 8 bytes each (Go's frames also hold
// scalars); the runtime's own goroutines other than the background sweeper are not modelled.
#pragma once

#include "sim/base.h"

namespace gclab {

inline constexpr uintptr fixedStack = 2048; // Go: _FixedStack on linux/amd64 (startingStackSize)
inline constexpr uintptr stackGuard = 928;  // Go: _StackGuard
inline constexpr uintptr stackLimit = 800;  // Go: _StackLimit (_StackGuard - _StackSmall)

// grownStackSize: newstack doubles the stack until the used part plus the guard fits.
constexpr uintptr grownStackSize(uintptr size, uintptr used) {
    while (used + stackGuard > size)
        size *= 2;
    return size;
}

// shrunkStackSize: shrinkstack halves a stack whose used part plus stackLimit is under a quarter of
// it, never below fixedStack.
constexpr uintptr shrunkStackSize(uintptr size, uintptr used) {
    return size / 2 < fixedStack || used + stackLimit >= size / 4 ? size : size / 2;
}

} // namespace gclab
