// gclab-gui — the words shown when hovering a heap map cell, and number formatting for all views.
//
// describePage explains a page (and, at slot-detail zoom, the word under the mouse) with the model's
// field names and the Go runtime symbol each corresponds to, so that a reader can look it up in
// src/runtime. Pure C++ (no ImGui), unit-tested.
#pragma once

#include "render/heap_snapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gclab::render {

struct DescribeLine {
    std::string label;
    std::string value;
};

struct PageDescription {
    std::string title;
    std::vector<DescribeLine> lines;
    std::string goSymbol; // e.g. "mspan (runtime/mheap.go)"
};

// describePage describes page p; word (0..1023) adds the slot and object under that word.
PageDescription describePage(const Runtime& rt, const HeapSnapshot& snap, std::uint64_t page,
                             std::optional<std::uint32_t> word = std::nullopt);

// spanClassLabel is e.g. "6 (size class 3: 24 B, pointers)" or "1 (large, noscan)".
std::string spanClassLabel(SpanClass spc);
// spanLocationLabel is e.g. "cached in P1's mcache" or "mcentral partial (swept)".
std::string spanLocationLabel(const SpanLocation& place);
// sweepgenLabel explains a span's sweepgen relative to mheap.sweepgen (Go's table in mheap.go).
std::string sweepgenLabel(std::uint32_t spanSweepgen, std::uint32_t heapSweepgen);

std::string hexAddr(uintptr v);                  // 0xc000002000
std::string humanBytes(std::uint64_t n);         // 24 B, 8 KiB, 4.5 MiB
std::string withThousands(std::uint64_t n);      // 1 234 567 (thin-space free: a plain space)
std::string bytesExactAndHuman(std::uint64_t n); // "8 192 (8 KiB)"
std::string formatDuration(double ns);           // 950 ns, 1.25 µs, 3.4 ms, 2.1 s (virtual time)

} // namespace gclab::render
