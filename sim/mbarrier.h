// gclab — write barrier modes and the per-P write barrier buffer.
//
// Models: src/runtime/mbarrier.go and mwbbuf.go (Go 1.19). The default, hybrid, is what Go does:
// every heap or global pointer store during marking records both the old value of the slot and the
// new pointer in the P's wbBuf (256 pairs); a full buffer is flushed by shading every recorded value.
// The other modes exist to teach why Go chose that barrier:
//   hybrid-conceptual  shade(*slot); if the storing goroutine's stack is still grey, shade(ptr)
//   dijkstra           shade(ptr) (insertion); stacks are re-scanned at mark termination (Go 1.5-1.7)
//   yuasa              shade(*slot) (deletion); every stack is scanned at mark start, in the pause
//   off                no barrier: the oracle will catch the objects this loses
// Stack writes never have a barrier, in any mode, as in Go.
#pragma once

#include "sim/base.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace gclab {

enum class BarrierMode : std::uint8_t { hybrid, hybridConceptual, dijkstra, yuasa, off };

std::string_view barrierModeName(BarrierMode m);
std::optional<BarrierMode> parseBarrierMode(std::string_view s);

inline constexpr std::size_t wbBufEntryPointers = 2;
inline constexpr std::size_t wbBufEntries = 256;

// WBBuf is a P's write barrier buffer: pointers recorded but not yet shaded.
struct WBBuf {
    std::vector<uintptr> buf;
    bool full() const { return buf.size() >= wbBufEntries * wbBufEntryPointers; }
    bool empty() const { return buf.empty(); }
};

} // namespace gclab
