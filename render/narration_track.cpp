#include "render/narration_track.h"

#include <charconv>

namespace gclab::render {

NarrationTrack::NarrationTrack(const std::vector<NarrationBeat>& beats) {
    for (const NarrationBeat& b : beats) {
        Rule r;
        const std::size_t colon = b.when.find(':');
        const std::string kind = b.when.substr(0, colon);
        const std::string value = colon == std::string::npos ? "" : b.when.substr(colon + 1);
        if (b.when == "start") {
            r.when = When::start;
        } else if (kind == "tick" || kind == "gc") {
            std::string digits;
            for (char c : value)
                if (c != '_')
                    digits += c;
            auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), r.n);
            if (ec == std::errc() && ptr == digits.data() + digits.size())
                r.when = kind == "tick" ? When::tick : When::gc;
        } else if (kind == "phase") {
            r.when = When::phase;
            r.phase = value == "mark"              ? GCPhase::mark
                      : value == "marktermination" ? GCPhase::marktermination
                                                   : GCPhase::off;
        } else if (kind == "event") {
            r.when = When::event;
            r.event = value;
        }
        rules_.push_back(r);
    }
    fired_.assign(rules_.size(), std::nullopt);
    for (std::size_t i = 0; i < rules_.size(); i++)
        if (rules_[i].when == When::start || (rules_[i].when == When::tick && rules_[i].n == 0))
            fired_[i] = 0;
}

void NarrationTrack::observe(const Runtime& rt, const std::vector<Event>& events) {
    const bool phaseChanged = rt.gcphase != lastPhase_;
    lastPhase_ = rt.gcphase;
    for (std::size_t i = 0; i < rules_.size(); i++) {
        if (fired_[i])
            continue;
        const Rule& r = rules_[i];
        bool now = false;
        switch (r.when) {
        case When::tick:
            now = rt.tick >= r.n;
            break;
        case When::gc:
            now = rt.work.cycles >= r.n;
            break;
        case When::phase:
            now = phaseChanged && rt.gcphase == r.phase;
            break;
        case When::event:
            for (const Event& e : events)
                now = now || eventKindName(e.kind) == r.event;
            break;
        case When::start:
        case When::never:
            break;
        }
        if (now)
            fired_[i] = rt.tick;
    }
}

void NarrationTrack::forgetAfter(std::uint64_t t, const Runtime& rt) {
    for (auto& f : fired_)
        if (f && *f > t)
            f.reset();
    lastPhase_ = rt.gcphase;
}

std::optional<std::size_t> NarrationTrack::latest(std::uint64_t t) const {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < fired_.size(); i++)
        if (fired_[i] && *fired_[i] <= t && (!best || *fired_[i] >= *fired_[*best]))
            best = i;
    return best;
}

} // namespace gclab::render
