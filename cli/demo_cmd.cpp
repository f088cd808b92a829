// gclab demo — a narrated walk through the allocator model, for a first look without the window.
#include "sim/mstats.h"
#include "sim/runtime.h"

#include "cli/commands.h"

#include <cstdio>
#include <ostream>
#include <string>

namespace gclab::cli {

namespace {

std::string hex(uintptr v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%#llx", static_cast<unsigned long long>(v));
    return buf;
}

// Before/after view of the state a single allocation can change.
struct Probe {
    uintptr heapSys, pagesInUse, tiny, tinyoffset;
    SpanId cached;

    static Probe take(const Runtime& rt, SpanClass spc) {
        const MHeap& h = rt.mheap;
        const MCache& c = rt.allp[0].mcache;
        return Probe{h.heapInUse + h.heapFree + h.heapReleased, h.pagesInUse, c.tiny, c.tinyoffset,
                     c.alloc[spc.value]};
    }
};

void narrate(std::ostream& out, const Runtime& rt, const std::string& what, uintptr addr, SpanClass spc,
             const Probe& before, bool tiny) {
    Probe after = Probe::take(rt, spc);
    out << what << " -> " << hex(addr) << "\n";
    if (tiny && after.tiny == before.tiny && before.tiny != 0)
        out << "    tiny allocator: packed into the current 16 B block at offset " << (addr - after.tiny)
            << " (mcache.tinyoffset now " << after.tinyoffset << ")\n";
    else if (tiny)
        out << "    tiny allocator: new 16 B block " << hex(after.tiny) << " from span class "
            << int(spc.value) << "\n";
    if (after.cached != before.cached)
        out << "    mcache.refill: span class " << int(spc.value) << " had no free slot; mcentral.cacheSpan "
            << "handed over span " << hex(rt.mheap.span(after.cached).base()) << "\n";
    if (after.pagesInUse != before.pagesInUse)
        out << "    mheap.allocSpan: " << (after.pagesInUse - before.pagesInUse) << " page(s) of 8 KiB taken "
            << "from the page allocator (first fit)\n";
    if (after.heapSys != before.heapSys)
        out << "    mheap.grow: heap mapped " << (after.heapSys - before.heapSys) / 1024 / 1024
            << " MiB more (whole 4 MiB chunks), counted as released until used\n";
}

} // namespace

int runDemo(std::ostream& out) {
    RuntimeConfig cfg;
    cfg.validate = true;
    cfg.gogc = -1;
    Runtime rt(cfg);
    TypeId i64 = rt.types.define("int64", 8, {});
    TypeId node = rt.types.define("Node", 24, {0, 2});
    TypeId u8 = rt.types.define("uint8", 1, {});

    out << "gclab demo: the Go 1.19 allocator model, one allocation at a time (GOMAXPROCS=1, no GC)\n\n";
    out << "1. Tiny objects (noscan, < 16 B) share 16-byte blocks.\n";
    for (int i = 0; i < 3; i++) {
        Probe before = Probe::take(rt, tinySpanClass);
        uintptr a = rt.newobject(i64, 0);
        narrate(out, rt, "new(int64)", a, tinySpanClass, before, true);
    }

    SpanClass nodeClass = SpanClass::make(sizeToClass(24), false);
    out << "\n2. 342 x new(Node) (24 B with two pointers): size class " << sizeToClass(24) << ", span class "
        << int(nodeClass.value) << ", " << sizeClassRow(sizeToClass(24)).objects
        << " objects per 8 KiB span.\n";
    for (int i = 0; i < 342; i++) {
        Probe before = Probe::take(rt, nodeClass);
        uintptr a = rt.newobject(node, 0);
        if (i == 0 || i == 1 || i >= 340)
            narrate(out, rt, "new(Node) #" + std::to_string(i + 1), a, nodeClass, before, false);
        else if (i == 2)
            out << "   ... nextFreeFast takes the next slot from allocCache each time ...\n";
    }

    out << "\n3. Large objects (> 32 KiB) get their own span.\n";
    Probe before = Probe::take(rt, SpanClass::make(0, true));
    uintptr big = rt.newarray(u8, 40000, 0);
    narrate(out, rt, "make([]byte, 40000)", big, SpanClass::make(0, true), before, false);
    before = Probe::take(rt, SpanClass::make(0, true));
    uintptr huge = rt.newarray(u8, 5 << 20, 0);
    narrate(out, rt, "make([]byte, 5 MiB)", huge, SpanClass::make(0, true), before, false);

    MemStats m = readMemStats(rt);
    out << "\nruntime.MemStats now: HeapAlloc=" << m.HeapAlloc << " HeapInuse=" << m.HeapInuse
        << " HeapIdle=" << m.HeapIdle << " HeapReleased=" << m.HeapReleased
        << " HeapObjects=" << m.HeapObjects << " Mallocs=" << m.Mallocs << "\n";
    out << "heapLive (the pacer's view, counting whole cached spans) = " << rt.gcController.heapLive << "\n";
    rt.validate();
    out << "\nEvery structural invariant of the model holds (validate).\n"
        << "Next: `gclab sizeclasses` prints Go's size-class table.\n";
    return 0;
}

} // namespace gclab::cli
