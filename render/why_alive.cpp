#include "render/why_alive.h"

#include <deque>
#include <unordered_map>

namespace gclab::render {

uintptr objectBase(const Runtime& rt, uintptr p) {
    ObjectRef ref;
    if (p == 0 || !rt.mheap.findObject(p, ref))
        return 0;
    const MSpan& s = rt.mheap.span(ref.span);
    return s.base() + uintptr{ref.slot} * s.elemsize;
}

std::vector<uintptr> pointerTargets(const Runtime& rt, uintptr obj) {
    std::vector<uintptr> out;
    const std::uint32_t n = rt.types[rt.objectType(obj)].numPtrs();
    for (std::uint32_t f = 0; f < n; f++)
        if (uintptr b = objectBase(rt, rt.readPointer(PtrSlot::heap(obj, f))); b != 0)
            out.push_back(b);
    return out;
}

std::optional<std::vector<PathStep>> whyAlive(const Runtime& rt, uintptr obj) {
    // reachedBy[x]: the step that first reached object x (its slot and x). Only looked up, never iterated,
    // so the hash map's order does not reach the result: the breadth-first queue decides which step wins.
    std::unordered_map<uintptr, PathStep> reachedBy;
    std::deque<uintptr> queue;
    auto reach = [&](const PtrSlot& slot, uintptr value) {
        uintptr b = objectBase(rt, value);
        if (b != 0 && reachedBy.emplace(b, PathStep{slot, b}).second)
            queue.push_back(b);
    };
    for (uintptr i = 0; i < rt.globals.size(); i++)
        reach(PtrSlot::global(i), rt.globals[i]);
    for (const G& g : rt.allgs) {
        if (g.status == GStatus::dead)
            continue;
        for (uintptr i = 0; i < g.stack.size(); i++)
            reach(PtrSlot::stack(g.goid, i), g.stack[i]);
    }
    while (!queue.empty() && !reachedBy.contains(obj)) {
        uintptr b = queue.front();
        queue.pop_front();
        const std::uint32_t n = rt.types[rt.objectType(b)].numPtrs();
        for (std::uint32_t f = 0; f < n; f++) {
            PtrSlot slot = PtrSlot::heap(b, f);
            reach(slot, rt.readPointer(slot));
        }
    }
    if (!reachedBy.contains(obj))
        return std::nullopt;
    std::vector<PathStep> path;
    for (uintptr x = obj;;) {
        const PathStep& s = reachedBy.at(x);
        path.insert(path.begin(), s);
        if (s.slot.kind != PtrSlot::Kind::heap)
            break;
        x = s.slot.index;
    }
    return path;
}

} // namespace gclab::render
