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

#include <algorithm>
#include <array>
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

// ShadeRecord is one write barrier as its shade event describes it: the slot (a global's index, or a
// heap object and its pointer field), the old and the new value, the P that ran it and the GC cycle
// (work.cycles) whose mark phase it ran in.
struct ShadeRecord {
    std::uint64_t tick = 0;
    std::uint32_t p = 0;
    bool global = false;
    uintptr slot = 0; // the global's index, or the object holding the slot
    std::uint32_t field = 0;
    uintptr oldValue = 0;
    uintptr newValue = 0;
    std::uint32_t cycle = 0;
    friend bool operator==(const ShadeRecord&, const ShadeRecord&) = default;
};

// RecentShades keeps the latest write barriers for views (Go keeps no such record), newest last.
struct RecentShades {
    static constexpr std::size_t capacity = 8;
    std::array<ShadeRecord, capacity> ring{};
    std::uint64_t total = 0; // barriers ever recorded

    void push(const ShadeRecord& r) { ring[total++ % capacity] = r; }
    std::size_t size() const { return static_cast<std::size_t>(std::min<std::uint64_t>(total, capacity)); }
    // at(i) is the i-th of the kept barriers, oldest first (i < size()).
    const ShadeRecord& at(std::size_t i) const { return ring[(total - size() + i) % capacity]; }
};

} // namespace gclab
