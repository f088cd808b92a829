#include "render/why_alive.h"

#include <algorithm>

namespace gclab::render {

WhyAliveSearch::WhyAliveSearch(const Runtime& rt, uintptr obj)
    : rt_(&rt), obj_(obj), reachedBy_(rt.mheap.numSpanRecords()) {
    for (uintptr i = 0; i < rt.globals.size(); i++)
        reach(PtrSlot::global(i), rt.globals[i]);
    for (const G& g : rt.allgs) {
        if (g.status == GStatus::dead)
            continue;
        for (uintptr i = 0; i < g.stack.size(); i++)
            reach(PtrSlot::stack(g.goid, i), g.stack[i]);
    }
}

void WhyAliveSearch::reach(const PtrSlot& slot, uintptr value) {
    ObjectRef ref;
    if (value == 0 || !rt_->mheap.findObject(value, ref))
        return;
    const MSpan& s = rt_->mheap.span(ref.span);
    std::vector<PathStep>& bySlot = reachedBy_[ref.span];
    if (bySlot.empty())
        bySlot.resize(s.nelems, PathStep{PtrSlot{}, 0});
    PathStep& step = bySlot[ref.slot];
    if (step.target != 0)
        return;
    step = PathStep{slot, s.base() + uintptr{ref.slot} * s.elemsize};
    reached_++;
    queue_.push_back(step.target);
}

const PathStep* WhyAliveSearch::stepTo(uintptr x) const {
    ObjectRef ref;
    if (!rt_->mheap.findObject(x, ref) || reachedBy_[ref.span].empty())
        return nullptr;
    const PathStep& step = reachedBy_[ref.span][ref.slot];
    return step.target == 0 ? nullptr : &step;
}

bool WhyAliveSearch::advance(std::size_t maxObjects) {
    for (std::size_t n = 0; n < maxObjects && !done(); n++) {
        const uintptr b = queue_.front();
        const std::uint32_t fields = rt_->types[rt_->objectType(b)].numPtrs();
        const std::uint32_t end = std::min(fields, nextField_ + scanPiecePointers);
        for (std::uint32_t f = nextField_; f < end; f++) {
            PtrSlot slot = PtrSlot::heap(b, f);
            reach(slot, rt_->readPointer(slot));
        }
        nextField_ = end < fields ? end : 0;
        if (nextField_ == 0)
            queue_.pop_front();
    }
    return done();
}

std::optional<std::vector<PathStep>> WhyAliveSearch::result() const {
    if (stepTo(obj_) == nullptr)
        return std::nullopt;
    std::vector<PathStep> path;
    for (uintptr x = obj_;;) {
        const PathStep& s = *stepTo(x);
        path.insert(path.begin(), s);
        if (s.slot.kind != PtrSlot::Kind::heap)
            break;
        x = s.slot.index;
    }
    return path;
}

std::optional<std::vector<PathStep>> whyAlive(const Runtime& rt, uintptr obj) {
    WhyAliveSearch search(rt, obj);
    while (!search.advance(~std::size_t{0})) {
    }
    return search.result();
}

} // namespace gclab::render
