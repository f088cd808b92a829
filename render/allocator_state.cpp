#include "render/allocator_state.h"

#include "sim/visit.h"

#include <algorithm>
#include <map>

namespace gclab::render {

namespace {

struct Reader : HeapVisitor {
    std::size_t numPs = 0;
    std::map<std::uint8_t, ClassRow> rows; // by SpanClass::value: ascending
    AllocatorState out;

    ClassRow& row(SpanClass spc) {
        ClassRow& r = rows[spc.value];
        r.spanclass = spc;
        r.mcache.resize(numPs);
        return r;
    }
    void onSpan(const SpanView& s) override {
        ClassRow& r = row(s.span->spanclass);
        if (s.place == SpanPlace::mcache)
            r.mcache[s.cachedBy] = MCacheCell{s.id, s.span->allocCount, s.span->nelems, s.span->base()};
    }
    void onCentral(const CentralView& c) override {
        ClassRow& r = row(c.spanclass);
        const SpanSet* sets[numCentralSets] = {c.partialSwept, c.partialUnswept, c.fullSwept, c.fullUnswept};
        for (int i = 0; i < numCentralSets; i++)
            r.sets[i].assign(sets[i]->begin(), sets[i]->end());
    }
    void onP(const P& p) override {
        out.tiny.push_back(TinyBlock{p.mcache.tiny, p.mcache.tinyoffset});
        out.lastAlloc.push_back(p.lastAlloc);
        if (p.lastAlloc.path.stages == 0)
            return;
        if (!out.currentP || p.lastAlloc.tick > out.lastAlloc[*out.currentP].tick)
            out.currentP = p.id;
    }
};

} // namespace

AllocatorState readAllocatorState(const Runtime& rt) {
    Reader r;
    r.numPs = rt.allp.size();
    visitHeap(rt, r);
    AllocatorState s = std::move(r.out);
    for (auto& [value, row] : r.rows)
        s.rows.push_back(std::move(row));
    s.foldedClasses = numSpanClasses - s.rows.size();
    return s;
}

std::vector<AllocStage> pathStages(const AllocPath& path) {
    std::vector<AllocStage> out;
    for (int i = 0; i < numAllocStages; i++)
        if (path.visited(static_cast<AllocStage>(i)))
            out.push_back(static_cast<AllocStage>(i));
    return out;
}

void PathAnimation::update(const std::optional<std::uint32_t>& p, const AllocRecord* rec, double dt,
                           double maxStageSeconds) {
    const AllocRecord now = rec ? *rec : AllocRecord{};
    if (seen_ && (p != p_ || !(now == rec_))) {
        elapsed_ = 0;
        complete_ = false;
        stageSeconds_ = std::min(stageSeconds, maxStageSeconds);
    } else if (seen_) {
        elapsed_ += dt;
    }
    seen_ = true;
    p_ = p;
    rec_ = now;
}

std::size_t PathAnimation::lit(std::size_t n) const {
    if (complete_ || stageSeconds_ <= 0)
        return n;
    // The first stage lights at once, the next one stageSeconds later, and so on.
    auto k = static_cast<std::size_t>(elapsed_ / stageSeconds_) + 1;
    return std::min(k, n);
}

} // namespace gclab::render
