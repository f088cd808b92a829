#include "render/allocator_text.h"

#include "render/heap_describe.h"

namespace gclab::render {

const char* stageTitle(AllocStage s) {
    switch (s) {
    case AllocStage::tiny:
        return "tiny block";
    case AllocStage::mcache:
        return "mcache";
    case AllocStage::mcentral:
        return "mcentral";
    case AllocStage::mheap:
        return "mheap";
    case AllocStage::pageAlloc:
        return "page allocator";
    case AllocStage::grow:
        return "arena growth";
    }
    return "?";
}

const char* stageSymbol(AllocStage s) {
    switch (s) {
    case AllocStage::tiny:
        return "mcache.tiny";
    case AllocStage::mcache:
        return "mcache.alloc[spc]";
    case AllocStage::mcentral:
        return "mcentral.cacheSpan";
    case AllocStage::mheap:
        return "mheap.allocSpan";
    case AllocStage::pageAlloc:
        return "pageAlloc.alloc";
    case AllocStage::grow:
        return "mheap.grow";
    }
    return "?";
}

const char* stageTooltip(AllocStage s) {
    switch (s) {
    case AllocStage::tiny:
        return "The P's current 16-byte block (mcache.tiny, mcache.tinyoffset): a pointer-free object under "
               "16 bytes is packed into it when it fits (runtime/malloc.go: mallocgc).";
    case AllocStage::mcache:
        return "The P's cached span of the object's span class (mcache.alloc[spc]): nextFreeFast or nextFree "
               "takes a free slot without any lock (runtime/malloc.go, runtime/mcache.go).";
    case AllocStage::mcentral:
        return "The cached span was full: mcache.refill returned it and mcentral.cacheSpan gave the P a span "
               "with free slots from the class's span sets, sweeping unswept ones first "
               "(runtime/mcentral.go).";
    case AllocStage::mheap:
        return "No set had a span with a free slot (or the object is larger than 32 KiB): mheap.alloc "
               "allocates a new span of whole 8 KiB pages (runtime/mheap.go: allocSpan).";
    case AllocStage::pageAlloc:
        return "The page allocator finds the lowest-addressed run of free pages and marks them in use "
               "(runtime/mpagealloc.go: pageAlloc.alloc).";
    case AllocStage::grow:
        return "No run of free pages was long enough: mheap.grow mapped more of the arena in 4 MiB chunks, "
               "reserving a new 64 MiB arena when needed (runtime/mheap.go: grow, sysAlloc).";
    }
    return "?";
}

const char* centralSetTitle(CentralSet s) {
    switch (s) {
    case CentralSet::partialSwept:
        return "partial swept";
    case CentralSet::partialUnswept:
        return "partial unswept";
    case CentralSet::fullSwept:
        return "full swept";
    case CentralSet::fullUnswept:
        return "full unswept";
    }
    return "?";
}

const char* centralSetTooltip(CentralSet s) {
    switch (s) {
    case CentralSet::partialSwept:
        return "Spans swept this cycle that have free slots: cacheSpan takes these first "
               "(mcentral.partialSwept(sweepgen), runtime/mcentral.go).";
    case CentralSet::partialUnswept:
        return "Spans with free slots not yet swept this cycle: cacheSpan sweeps one before handing it out "
               "(mcentral.partialUnswept(sweepgen)).";
    case CentralSet::fullSwept:
        return "Swept spans with no free slot; large objects' spans wait here too "
               "(mcentral.fullSwept(sweepgen)).";
    case CentralSet::fullUnswept:
        return "Spans that were full and are not swept yet: sweeping may free slots in them "
               "(mcentral.fullUnswept(sweepgen)).";
    }
    return "?";
}

std::string shortClassLabel(SpanClass spc) {
    std::string s = spc.sizeclass() == 0 ? std::string("large") : humanBytes(class_to_size[spc.sizeclass()]);
    return spc.noscan() ? s + " noscan" : s;
}

namespace {

const char* sourceText(SpanSource s) {
    switch (s) {
    case SpanSource::none:
        return "";
    case SpanSource::partialSwept:
        return " (from the partial swept set)";
    case SpanSource::partialUnswept:
        return " (from the partial unswept set, swept now)";
    case SpanSource::fullUnswept:
        return " (from the full unswept set: sweeping freed a slot)";
    case SpanSource::grow:
        return " (no span in any set: mcentral.grow)";
    }
    return "";
}

} // namespace

std::string pathText(const AllocPath& path) {
    std::string s;
    for (AllocStage st : pathStages(path)) {
        s += s.empty() ? "" : " \u2192 ";
        s += stageTitle(st);
        if (st == AllocStage::mcentral)
            s += sourceText(path.source);
    }
    return s;
}

std::string describePath(std::uint32_t p, const AllocRecord& rec) {
    return humanBytes(rec.size) + " on P" + std::to_string(p) + " at " + hexAddr(rec.addr) + ", span class " +
           std::to_string(rec.spanclass.value) + " (" + shortClassLabel(rec.spanclass) +
           "): " + pathText(rec.path);
}

const char* const mcacheCellTooltip =
    "The span this P's mcache holds for the span class (mcache.alloc[spanclass]): allocCount / nelems slots "
    "used. When it is full, mcache.refill swaps it for one from mcentral.";
const char* const tinyBlockTooltip =
    "The P's tiny block (mcache.tiny): 16 bytes into which pointer-free objects under 16 bytes are packed; "
    "mcache.tinyoffset bytes of it are used.";

} // namespace gclab::render
