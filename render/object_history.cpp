#include "render/object_history.h"

#include "render/heap_describe.h"

#include <algorithm>

namespace gclab::render {

namespace {

// allocatedAt says whether rt has an allocated object whose slot starts at base.
bool allocatedAt(const Runtime& rt, uintptr base) {
    ObjectRef ref;
    if (!rt.mheap.findObject(base, ref))
        return false;
    const MSpan& s = rt.mheap.span(ref.span);
    return s.base() + uintptr{ref.slot} * s.elemsize == base && !s.isFree(ref.slot);
}

// startKeyframe is the latest keyframe at or before tick where nothing is allocated at base: the last
// allocation there by tick comes after it. When every keyframe has an object there, the first.
const std::pair<const std::uint64_t, Runtime>& startKeyframe(const Timeline& tl, uintptr base,
                                                             std::uint64_t tick) {
    const auto& kf = tl.keyframes();
    auto it = kf.upper_bound(tick);
    while (it != kf.begin()) {
        --it;
        if (!allocatedAt(it->second, base))
            return *it;
    }
    return *kf.begin();
}

// laterCommands are tl's commands from tick on, in tick order (those before are in the keyframe).
std::vector<Command> laterCommands(const Timeline& tl, std::uint64_t tick) {
    std::vector<Command> later;
    for (const Command& c : tl.commands())
        if (c.tick >= tick)
            later.push_back(c);
    std::stable_sort(later.begin(), later.end(),
                     [](const Command& a, const Command& b) { return a.tick < b.tick; });
    return later;
}

// pointsInto says whether one of obj's pointer fields points into [base, base + size).
bool pointsInto(const Runtime& rt, uintptr obj, uintptr base, uintptr size) {
    const std::uint32_t n = rt.types[rt.objectType(obj)].numPtrs();
    for (std::uint32_t f = 0; f < n; f++) {
        const uintptr v = rt.readPointer(PtrSlot::heap(obj, f));
        if (v >= base && v < base + size)
            return true;
    }
    return false;
}

} // namespace

const char* greyCauseName(GreyCause c) {
    switch (c) {
    case GreyCause::markroot:
        return "markroot";
    case GreyCause::scanobject:
        return "scanobject";
    case GreyCause::writeBarrier:
        return "write barrier";
    case GreyCause::wbBufFlush:
        return "wbBufFlush";
    }
    return "?";
}

namespace {

std::string actor(std::uint32_t p, std::uint32_t g) {
    std::string s = p == ~std::uint32_t{0} ? std::string("no P") : "P" + std::to_string(p);
    return g == 0 ? s : s + ", g" + std::to_string(g);
}

std::string rootName(const RootJob& r) {
    switch (r.kind) {
    case RootJob::Kind::globals:
        return "globals block " + std::to_string(r.index);
    case RootJob::Kind::stack:
        return "g" + std::to_string(r.index) + "'s stack";
    case RootJob::Kind::runtimeData:
        return "runtime data block " + std::to_string(r.index);
    case RootJob::Kind::runtimeBSS:
        return "runtime BSS block " + std::to_string(r.index);
    case RootJob::Kind::fixedRootFinalizers:
        return "fixed root: finalizers";
    case RootJob::Kind::fixedRootFreeGStacks:
        return "fixed root: free G stacks";
    }
    return "?";
}

// markText: "grey at tick 41 234 by scanobject of 0xc000… (P1, g7, assist)".
std::string markText(const ColourChange& c) {
    std::string s = (c.kind == ColourChange::Kind::grey ? "grey at " : "black at ") + withThousands(c.tick);
    if (c.cause) {
        s += std::string(" by ") + greyCauseName(*c.cause);
        if (c.cause == GreyCause::markroot)
            s += " (" + rootName(c.root) + ")";
        else if (c.cause == GreyCause::scanobject)
            s += " of " + hexAddr(c.by);
        else if (c.cause == GreyCause::wbBufFlush)
            s += " or an oblet scan";
        else if (c.cause == GreyCause::writeBarrier)
            s += c.by == 0 ? " (store to a global)" : " (store into " + hexAddr(c.by) + ")";
    }
    return s + " (" + actor(c.p, c.g) + (c.assist ? ", assist" : "") + ")";
}

} // namespace

std::vector<std::string> describeHistory(const ObjectHistory& h, const Runtime& rt) {
    std::vector<std::string> out;
    if (!h.allocTick) {
        out.push_back("allocated before tick " + withThousands(h.fromTick) + " by the scenario's setup");
    } else {
        std::string site = "the scenario's setup";
        if (h.site && h.site->program != Runtime::noProgram) {
            const Program& prog = rt.programs[h.site->program];
            const Op& op = prog.ops[h.site->pc];
            site = prog.name + ".op" + std::to_string(h.site->pc) + ": " +
                   (op.code == OpCode::newobj ? "new " : "newarray ") + rt.types[op.b].name;
        } else if (!h.site) {
            site = "an unknown op";
        }
        out.push_back("allocated at tick " + withThousands(*h.allocTick) + " (" + actor(h.allocP, h.allocG) +
                      ") by " + site + (h.allocatedBlack ? ", black (during mark)" : ""));
    }
    // One line per cycle the object lived through: the cycles started since, and any cycle a change
    // happened in (the one under way at the allocation).
    std::vector<std::uint32_t> cycles;
    for (const auto& [cycle, tick] : h.cycleStarts)
        cycles.push_back(cycle);
    for (const ColourChange& c : h.changes)
        if (c.kind != ColourChange::Kind::free)
            cycles.push_back(c.cycle);
    std::sort(cycles.begin(), cycles.end());
    cycles.erase(std::unique(cycles.begin(), cycles.end()), cycles.end());
    for (std::uint32_t cycle : cycles) {
        std::string line = "cycle " + std::to_string(cycle) + ":";
        bool marked = false;
        for (const ColourChange& c : h.changes) {
            if (c.cycle != cycle || c.kind == ColourChange::Kind::free)
                continue;
            line += (marked ? " → " : " ") + markText(c);
            marked = true;
        }
        if (!marked)
            line += cycle == rt.work.cycles && rt.tick == h.tick && rt.gcphase != GCPhase::off
                        ? " white so far"
                        : " white (not marked)";
        out.push_back(line);
    }
    for (const ColourChange& c : h.changes)
        if (c.kind == ColourChange::Kind::free)
            out.push_back("freed by sweeping at tick " + withThousands(c.tick) + " (" + actor(c.p, c.g) +
                          ")");
    return out;
}

ObjectHistoryReplay::ObjectHistoryReplay(const Timeline& tl, uintptr base, std::uint64_t tick) {
    const auto& [from, start] = startKeyframe(tl, base, tick);
    commands_ = laterCommands(tl, from);
    rt_ = std::make_unique<Runtime>(start);
    h_.base = base;
    h_.tick = tick;
    h_.fromTick = from;
    applyCommandsNow(); // a keyframe holds the state before the commands of its tick
    done_ = rt_->tick >= tick;
}

void ObjectHistoryReplay::applyCommandsNow() {
    for (; nextCommand_ < commands_.size() && commands_[nextCommand_].tick <= rt_->tick; nextCommand_++)
        applyCommand(*rt_, commands_[nextCommand_]);
}

bool ObjectHistoryReplay::advance(std::uint64_t maxSteps) {
    // Stepped like Timeline's re-stepping after a seek, without its keyframes and markers.
    for (std::uint64_t n = 0; n < maxSteps && !done_; n++) {
        if (!rt_->step()) {
            done_ = true;
            break;
        }
        observe(*rt_);
        applyCommandsNow();
        done_ = rt_->tick >= h_.tick;
    }
    if (done_)
        rt_.reset(); // the replayed state is no longer needed
    return done_;
}

double ObjectHistoryReplay::progress() const {
    if (done_ || h_.tick <= h_.fromTick)
        return 1;
    return static_cast<double>(rt_->tick - h_.fromTick) / static_cast<double>(h_.tick - h_.fromTick);
}

void ObjectHistoryReplay::mark(const Runtime& rt, std::size_t i, ColourChange& c) const {
    // The latest root job or write barrier before the mark in this step caused it; else the object
    // that scanobject finishes (its black event) after it, if that object points at this one.
    const std::vector<Event>& ev = rt.events;
    for (std::size_t j = i; j-- > 0;) {
        if (ev[j].kind == EventKind::rootJob) {
            c.cause = GreyCause::markroot;
            c.root = RootJob{static_cast<RootJob::Kind>(ev[j].b), static_cast<std::uint32_t>(ev[j].c)};
            return;
        }
        if (ev[j].kind == EventKind::shade) {
            c.cause = GreyCause::writeBarrier;
            c.by = ev[j].a;
            return;
        }
    }
    c.cause = GreyCause::wbBufFlush;
    for (std::size_t j = i + 1; j < ev.size(); j++) {
        if (ev[j].kind == EventKind::black && ev[j].a != h_.base) {
            if (pointsInto(rt, ev[j].a, h_.base, std::max<uintptr>(h_.size, 1))) {
                c.cause = GreyCause::scanobject;
                c.by = ev[j].a;
            }
            break;
        }
    }
}

void ObjectHistoryReplay::observe(Runtime& rt) {
    const std::vector<Event>& ev = rt.events;
    for (std::size_t i = 0; i < ev.size(); i++) {
        const Event& e = ev[i];
        if (e.kind == EventKind::gcStart) {
            h_.cycleStarts.emplace_back(static_cast<std::uint32_t>(e.a), e.tick);
            continue;
        }
        if (e.a != h_.base)
            continue;
        if (e.kind == EventKind::alloc) {
            // A new object at this address: its history starts here.
            const std::uint64_t tick = h_.tick, from = h_.fromTick;
            h_ = ObjectHistory{};
            h_.base = e.a;
            h_.tick = tick;
            h_.fromTick = from;
            h_.allocTick = e.tick;
            h_.allocP = e.p;
            h_.allocG = e.g;
            h_.type = static_cast<TypeId>(e.c);
            h_.size = e.b;
            h_.site = allocSiteOf(rt, e);
            h_.allocCycle = rt.work.cycles;
            h_.allocatedBlack = rt.objectColor(e.a) == 2;
            continue;
        }
        ColourChange c;
        c.tick = e.tick;
        c.cycle = rt.work.cycles;
        c.p = e.p;
        c.g = e.g;
        if (e.kind == EventKind::grey) {
            c.kind = ColourChange::Kind::grey;
            mark(rt, i, c);
        } else if (e.kind == EventKind::black) {
            c.kind = ColourChange::Kind::black;
            const bool scanned = !h_.changes.empty() && h_.changes.back().kind == ColourChange::Kind::grey &&
                                 h_.changes.back().cycle == c.cycle;
            if (!scanned)
                mark(rt, i, c);
        } else if (e.kind == EventKind::free) {
            c.kind = ColourChange::Kind::free;
        } else {
            continue;
        }
        c.assist = c.kind != ColourChange::Kind::free && c.cause != GreyCause::writeBarrier &&
                   rt.lastStep == Runtime::StepKind::mutatorOp;
        h_.changes.push_back(c);
    }
    rt.events.clear();
}

} // namespace gclab::render
