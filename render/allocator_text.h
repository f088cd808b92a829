// gclab-gui — the words of the allocator view: each stage of the allocation path and each mcentral set
// named with the Go runtime symbol it models, a one- or two-sentence tooltip for every element, and
// the sentence describing an allocation's path. Pure C++ (no ImGui), unit-tested.
#pragma once

#include "render/allocator_state.h"

#include <string>

namespace gclab::render {

const char* stageTitle(AllocStage s);   // "mcache", "page allocator", ...
const char* stageSymbol(AllocStage s);  // "mcache.alloc[spc]", "pageAlloc.alloc", ...
const char* stageTooltip(AllocStage s); // what the stage is and when an allocation reaches it

const char* centralSetTitle(CentralSet s);   // "partial swept", ...
const char* centralSetTooltip(CentralSet s); // which spans it holds, mcentral.go's accessor

// shortClassLabel is the span class as a table row label: "24 B", "16 B noscan", "large noscan".
std::string shortClassLabel(SpanClass spc);

// pathText lists the stages of a path, e.g. "mcache → mcentral (from the partial swept set)".
std::string pathText(const AllocPath& path);

// describePath says where an allocation went, e.g. "48 B on P1 at 0xc000010000: mcache → mcentral
// (partial unswept set, swept now) → ...".
std::string describePath(std::uint32_t p, const AllocRecord& rec);

// The tooltips of the mcache cells, the tiny block and the mcentral set cells.
extern const char* const mcacheCellTooltip;
extern const char* const tinyBlockTooltip;

} // namespace gclab::render
