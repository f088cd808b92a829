// gclab — the oracle: an independent, stop-the-world reachability check.
//
// Models: checkmark mode (src/runtime/mcheckmark.go, GODEBUG=gccheckmark=1): at mark termination,
// walk everything reachable from the roots with a plain breadth-first search and require that every
// reachable object is marked. After sweeping, require that no reachable pointer leads to a freed
// slot. A violation names the object, the path from its root, and the store that hid it.
#include "sim/runtime.h"

#include <deque>
#include <sstream>
#include <unordered_map>

namespace gclab {

namespace {

std::string hexAddr(uintptr v) {
    std::ostringstream o;
    o << "0x" << std::hex << v;
    return o.str();
}

struct Parent {
    uintptr from = 0; // parent object base; 0 for a root
    std::uint32_t field = 0;
    std::string root; // set for roots
};

} // namespace

// reachability walks the object graph from the roots; visit(base, ref) returns false to stop.
template <typename Visit>
static void walkReachable(const Runtime& rt, std::unordered_map<uintptr, Parent>& parents, Visit&& visit) {
    std::deque<uintptr> queue;
    auto reach = [&](uintptr v, Parent how) -> bool {
        if (v == 0 || v < arenaBaseHint || v >= rt.mheap.arenaEnd())
            return true;
        ObjectRef ref;
        bool found = rt.mheap.findObject(v, ref);
        uintptr base = v;
        if (found) {
            const MSpan& s = rt.mheap.span(ref.span);
            base = s.base() + ref.slot * s.elemsize;
        }
        if (parents.contains(base))
            return true;
        parents.emplace(base, std::move(how));
        if (!visit(v, base, found, ref))
            return false;
        if (found)
            queue.push_back(base);
        return true;
    };
    for (std::size_t i = 0; i < rt.globals.size(); i++)
        if (!reach(rt.globals[i], Parent{0, 0, "global[" + std::to_string(i) + "]"}))
            return;
    for (const G& g : rt.allgs) {
        if (g.status == GStatus::dead)
            continue;
        for (std::size_t i = 0; i < g.stack.size(); i++)
            if (!reach(g.stack[i],
                       Parent{0, 0,
                              "goroutine " + std::to_string(g.goid) + " stack[" + std::to_string(i) + "]"}))
                return;
    }
    while (!queue.empty()) {
        uintptr base = queue.front();
        queue.pop_front();
        ObjectRef ref;
        rt.mheap.findObject(base, ref);
        const MSpan& s = rt.mheap.span(ref.span);
        const GoType& t = rt.types[s.typeOf(ref.slot)];
        const uintptr* words = s.ptrSlots(ref.slot);
        for (std::uint32_t f = 0; f < t.numPtrs(); f++)
            if (!reach(words[f], Parent{base, f, {}}))
                return;
    }
}

static std::string describePath(const Runtime& rt, const std::unordered_map<uintptr, Parent>& parents,
                                uintptr base) {
    std::vector<std::string> hops;
    uintptr cur = base;
    for (int guard = 0; guard < 100000; guard++) {
        const Parent& p = parents.at(cur);
        if (p.from == 0) {
            hops.push_back(p.root);
            break;
        }
        hops.push_back(hexAddr(p.from) + " (" + rt.types[rt.objectType(p.from)].name + ").field" +
                       std::to_string(p.field));
        cur = p.from;
    }
    std::string out;
    for (auto it = hops.rbegin(); it != hops.rend(); ++it)
        out += *it + " -> ";
    return out + hexAddr(base);
}

static std::string describeHidingStore(const Runtime& rt, uintptr base, uintptr elemsize) {
    for (auto it = rt.work.stores.rbegin(); it != rt.work.stores.rend(); ++it) {
        if (it->newValue < base || it->newValue >= base + elemsize)
            continue;
        std::ostringstream o;
        o << "hidden by the store at tick " << it->tick << ": goroutine " << it->goid << " wrote it into "
          << (it->global ? "global[" + std::to_string(it->dst) + "]"
                         : hexAddr(it->dst) + ".field" + std::to_string(it->field))
          << (it->dstWasBlack ? ", an object that was already black," : "") << " with the "
          << barrierModeName(rt.barrier) << " write barrier";
        return o.str();
    }
    return "no store during marking wrote it (it was hidden on a stack or in a global)";
}

void Runtime::checkmark() {
    std::unordered_map<uintptr, Parent> parents;
    uintptr lost = 0;
    walkReachable(*this, parents, [&](uintptr v, uintptr base, bool found, const ObjectRef& ref) {
        if (!found) {
            lost = v;
            return false;
        }
        if (!mheap.span(ref.span).gcmarkBits.test(ref.slot)) {
            lost = base;
            return false;
        }
        return true;
    });
    if (lost == 0)
        return;
    ObjectRef ref;
    bool found = mheap.findObject(lost, ref);
    std::ostringstream o;
    o << "oracle: GC " << work.cycles << " lost object " << hexAddr(lost);
    if (found) {
        const MSpan& s = mheap.span(ref.span);
        o << " (" << types[s.typeOf(ref.slot)].name << ", " << s.elemsize << " B)"
          << ": reachable but unmarked at mark termination; path: " << describePath(*this, parents, lost)
          << "; " << describeHidingStore(*this, lost, s.elemsize);
    } else {
        o << ": a reachable pointer leads to freed memory; path: " << describePath(*this, parents, lost);
    }
    emit(EventKind::oracleFailure, lost);
    throw OracleViolation(o.str(), lost);
}

void Runtime::checkNoReachableFreed() {
    std::unordered_map<uintptr, Parent> parents;
    uintptr lost = 0;
    walkReachable(*this, parents, [&](uintptr v, uintptr, bool found, const ObjectRef&) {
        if (!found)
            lost = v;
        return found;
    });
    if (lost == 0)
        return;
    emit(EventKind::oracleFailure, lost);
    throw OracleViolation("oracle: sweeping freed a reachable object: " + hexAddr(lost) +
                              "; path: " + describePath(*this, parents, lost),
                          lost);
}

} // namespace gclab
