#include "render/object_inspect.h"

#include "sim/visit.h"

#include "render/why_alive.h"

namespace gclab::render {

namespace {

// Collects the slots pointing into one object, in root order then heap address order.
struct Referrers : HeapVisitor {
    const Runtime& rt;
    uintptr target;
    std::size_t maxIn;
    ObjectInspection& info;
    Referrers(const Runtime& r, uintptr t, std::size_t m, ObjectInspection& i)
        : rt(r), target(t), maxIn(m), info(i) {}

    void check(const PtrSlot& slot, uintptr value) {
        if (objectBase(rt, value) != target)
            return;
        if (info.in.size() < maxIn)
            info.in.push_back(slot);
        info.inTotal++;
    }
    bool wantsObjects() const override { return true; }
    void onObject(const ObjectView& o) override {
        const std::uint32_t n = rt.types[o.type].numPtrs();
        for (std::uint32_t f = 0; f < n; f++) {
            const PtrSlot slot = PtrSlot::heap(o.addr, f);
            check(slot, rt.readPointer(slot));
        }
    }
};

} // namespace

std::optional<ObjectInspection> inspectObject(const Runtime& rt, uintptr addr, std::size_t maxIn) {
    ObjectRef ref;
    if (!rt.mheap.findObject(addr, ref))
        return std::nullopt;
    const MSpan& s = rt.mheap.span(ref.span);
    ObjectInspection info;
    info.slot = ref.slot;
    info.base = s.base() + uintptr{ref.slot} * s.elemsize;
    info.span = ref.span;
    info.spanBase = s.base();
    info.npages = s.npages;
    info.elemsize = s.elemsize;
    info.spanclass = s.spanclass;
    info.sweepgen = s.sweepgen;
    info.state = s.state;
    const std::uint32_t n = rt.types[rt.objectType(info.base)].numPtrs();
    for (std::uint32_t f = 0; f < n; f++)
        if (uintptr v = rt.readPointer(PtrSlot::heap(info.base, f)); v != 0)
            info.out.push_back(PointerOut{f, v, objectBase(rt, v)});

    Referrers refs(rt, info.base, maxIn, info);
    for (uintptr i = 0; i < rt.globals.size(); i++)
        refs.check(PtrSlot::global(i), rt.globals[i]);
    for (const G& g : rt.allgs)
        if (g.status != GStatus::dead)
            for (uintptr i = 0; i < g.stack.size(); i++)
                refs.check(PtrSlot::stack(g.goid, i), g.stack[i]);
    visitHeap(rt, refs);
    return info;
}

const char* spanStateName(MSpanState s) {
    switch (s) {
    case MSpanState::mSpanDead:
        return "mSpanDead";
    case MSpanState::mSpanInUse:
        return "mSpanInUse";
    case MSpanState::mSpanManual:
        return "mSpanManual";
    }
    return "?";
}

} // namespace gclab::render
