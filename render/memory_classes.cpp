#include "render/memory_classes.h"

namespace gclab::render {

std::array<MemoryClass, 8> memoryClasses(const MemStats& m) {
    return {{
        {"objects", "heap objects", m.HeapAlloc, true,
         "Allocated heap objects, slot sizes (HeapAlloc).\n/memory/classes/heap/objects:bytes"},
        {"unused", "unused slots", m.HeapInuse - m.HeapAlloc, true,
         "Free slots in spans in use (HeapInuse - HeapAlloc): fragmentation. The memory-limit goal counts "
         "them as memory that is not heap objects.\n/memory/classes/heap/unused:bytes"},
        {"free", "free pages", m.HeapIdle - m.HeapReleased, true,
         "Free heap pages still mapped (HeapIdle - HeapReleased); the scavenger releases them.\n"
         "/memory/classes/heap/free:bytes"},
        {"stacks", "stacks", m.StackSys, true,
         "Goroutine stacks (StackSys; an estimate: sim/sysmem.h).\n/memory/classes/heap/stacks:bytes + "
         "os-stacks:bytes"},
        {"mspans", "mspans, mcaches", m.MSpanSys + m.MCacheSys, true,
         "The mspan structs (144 B per span, kept at the most ever in use) and one mcache per P (MSpanSys + "
         "MCacheSys).\n/memory/classes/metadata/mspan/* + metadata/mcache/*"},
        {"gc", "GC metadata", m.GCSys, true,
         "Heap bitmaps, span maps, page-allocator bitmaps per 64 MiB arena, and the mark phase's workbufs "
         "(GCSys; an estimate but for the workbufs).\n/memory/classes/metadata/other:bytes"},
        {"other", "other", m.OtherSys + m.BuckHashSys, true,
         "The runtime's other memory and the profiling buckets (OtherSys + BuckHashSys; an estimate).\n"
         "/memory/classes/other:bytes + profiling/buckets:bytes"},
        {"released", "released", m.HeapReleased, false,
         "Free heap pages returned to the OS (HeapReleased): mapped address space that GOMEMLIMIT does "
         "not count.\n/memory/classes/heap/released:bytes"},
    }};
}

} // namespace gclab::render
