#include "scenarios/narration_cues.h"

#include "sim/mgc.h"

#include "scenarios/param_value.h"

namespace gclab {

NarrationCues::NarrationCues(const std::vector<NarrationBeat>& beats) : fired_(beats.size(), false) {
    for (std::size_t i = 0; i < beats.size(); i++) {
        const std::string& w = beats[i].when;
        std::int64_t n = 0;
        if (w.rfind("tick:", 0) == 0 && parseCount(std::string_view(w).substr(5), n))
            ticks_.emplace(static_cast<std::uint64_t>(n), i);
        else
            byWhen_[w].push_back(i);
    }
}

std::vector<std::size_t> NarrationCues::fire(const std::string& when) {
    std::vector<std::size_t> out;
    auto it = byWhen_.find(when);
    if (it == byWhen_.end())
        return out;
    for (std::size_t i : it->second) {
        if (!fired_[i]) {
            fired_[i] = true;
            out.push_back(i);
        }
    }
    return out;
}

std::vector<std::size_t> NarrationCues::start() { return fire("start"); }

std::vector<std::size_t> NarrationCues::observe(const Event& e, const TypeRegistry& types) {
    std::vector<std::size_t> out = fire("event:" + std::string(eventKindName(e.kind)));
    auto add = [&out](const std::vector<std::size_t>& v) { out.insert(out.end(), v.begin(), v.end()); };
    if (e.kind == EventKind::gcStart)
        add(fire("gc:" + std::to_string(e.a)));
    if (e.kind == EventKind::phase) {
        const auto phase = static_cast<GCPhase>(e.a);
        add(fire(phase == GCPhase::mark              ? "phase:mark"
                 : phase == GCPhase::marktermination ? "phase:marktermination"
                                                     : "phase:off"));
    }
    if (e.kind == EventKind::alloc && e.c < types.size())
        add(fire("alloc:" + types[static_cast<TypeId>(e.c)].name));
    return out;
}

std::vector<std::size_t> NarrationCues::reachTick(std::uint64_t tick) {
    std::vector<std::size_t> out;
    for (auto it = ticks_.begin(); it != ticks_.end() && it->first <= tick;) {
        if (!fired_[it->second]) {
            fired_[it->second] = true;
            out.push_back(it->second);
        }
        it = ticks_.erase(it);
    }
    return out;
}

} // namespace gclab
