#include "render/object_inspect.h"

#include "sim/visit.h"

#include "render/why_alive.h"

#include <algorithm>
#include <limits>

namespace gclab::render {

std::optional<ObjectInspection> describeObject(const Runtime& rt, uintptr addr) {
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
    return info;
}

PointersInScan::PointersInScan(const Runtime& rt, uintptr obj, std::size_t maxIn)
    : rt_(&rt), obj_(obj), size_(0), maxIn_(maxIn), spans_(inUseSpansByAddress(rt.mheap)) {
    ObjectRef ref;
    if (rt.mheap.findObject(obj, ref))
        size_ = rt.mheap.span(ref.span).elemsize;
    for (SpanId id : spans_) {
        const MSpan& s = rt.mheap.span(id);
        for (std::uint32_t slot = 0; slot < s.nelems; slot++)
            objects_ += s.isFree(slot) ? 0 : 1;
    }
    for (uintptr i = 0; i < rt.globals.size(); i++)
        check(PtrSlot::global(i), rt.globals[i]);
    for (const G& g : rt.allgs)
        if (g.status != GStatus::dead)
            for (uintptr i = 0; i < g.stack.size(); i++)
                check(PtrSlot::stack(g.goid, i), g.stack[i]);
    skipFreeSlots();
}

void PointersInScan::check(const PtrSlot& slot, uintptr value) {
    // A value points into the object when it lies in its slot (what objectBase resolves to obj_).
    if (value < obj_ || value - obj_ >= size_)
        return;
    if (in_.size() < maxIn_)
        in_.push_back(slot);
    inTotal_++;
}

void PointersInScan::skipFreeSlots() {
    for (; span_ < spans_.size(); span_++, slot_ = 0) {
        const MSpan& s = rt_->mheap.span(spans_[span_]);
        for (; slot_ < s.nelems; slot_++)
            if (!s.isFree(slot_))
                return;
    }
}

bool PointersInScan::advance(std::size_t maxObjects) {
    for (std::size_t n = 0; n < maxObjects && !done(); n++) {
        const MSpan& s = rt_->mheap.span(spans_[span_]);
        const uintptr addr = s.base() + uintptr{slot_} * s.elemsize;
        const uintptr* words = s.ptrSlots(slot_);
        const std::uint32_t fields = rt_->types[s.typeOf(slot_)].numPtrs();
        const std::uint32_t end = std::min(fields, field_ + scanPiecePointers);
        for (std::uint32_t f = field_; f < end; f++)
            check(PtrSlot::heap(addr, f), words[f]);
        if (end < fields) {
            field_ = end; // the next piece of this object
            continue;
        }
        field_ = 0;
        scanned_++;
        slot_++;
        skipFreeSlots();
    }
    return done();
}

std::optional<ObjectInspection> inspectObject(const Runtime& rt, uintptr addr, std::size_t maxIn) {
    std::optional<ObjectInspection> info = describeObject(rt, addr);
    if (!info)
        return info;
    PointersInScan scan(rt, info->base, maxIn);
    while (!scan.advance(std::numeric_limits<std::size_t>::max())) {
    }
    info->in = scan.in();
    info->inTotal = scan.inTotal();
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
